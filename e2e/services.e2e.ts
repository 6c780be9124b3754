import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, launchChromium, signInAs } from './helpers';
import { startTestServer } from '../src/core/testing/server';
import { keyringFor, openSealed } from '../src/modules/registry';

// 王社工 of 怡丽北园 takes a hotline call: the caller's number finds her in the registry, a ticket is
// opened and assigned, done, and followed up with a rating. Then 赵楼长, who volunteers, ticks off
// today's lunch round on a phone. Screenshots of every services page: SHOTS/services-*.png.

const SHOTS = process.env.LINLI_SHOTS ?? 'test-results';
const PASSWORD = 'Linli-demo-2026';
const REQUEST = '厨房水龙头一直滴水，老人拧不紧';

let srv: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
let communityId = '';
let caller = { name: '', phone: '' };

const shot = async (p: Page, name: string) => {
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.waitForTimeout(300);
  await p.screenshot({ path: `${SHOTS}/services-${name}.png`, fullPage: true });
};
const go = (path: string) => page.goto(`${srv.url}/c/${communityId}/${path}`);
const phonePage = async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true });
  const p = await ctx.newPage();
  p.on('pageerror', (e) => console.error('page error:', e.message));
  return p;
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ demo: true });
  browser = await launchChromium();
  // the office's clock: times on screen are China time whatever the machine's zone
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // a resident of 怡丽北园 on the door-to-door register, with a mobile phone: she is the caller
  const db = srv.linli.services.db.kysely;
  const yili = await db.selectFrom('community').select('id').where('name', '=', '怡丽北园社区').executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('door_client')
    .innerJoin('resident', (j) => j.onRef('resident.community_id', '=', 'door_client.community_id').onRef('resident.id', '=', 'door_client.resident_id'))
    .select(['resident.name', 'resident.phone_enc'])
    .where('door_client.community_id', '=', yili.id)
    .where('door_client.ended_date', 'is', null)
    .where('resident.phone_enc', 'is not', null)
    .execute();
  const k = keyringFor(srv.linli.config.dataDir);
  const found = rows.map((r) => ({ name: r.name, phone: openSealed(r.phone_enc, k) ?? '' })).find((r) => /^1\d{10}$/.test(r.phone));
  if (!found) throw new Error('the demo has no door-to-door client with a mobile phone');
  caller = found;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('the hotline desk and the volunteer’s checklist', () => {
  it('staff sign in and see the services overview', async () => {
    communityId = await signInAs(page, srv.url, 'yili_staff', PASSWORD);
    await page.getByRole('menuitem', { name: '服务总览' }).click();
    await page.waitForURL(/\/services$/);
    await page.getByText('工作汇报摘要').waitFor();
    await expect.poll(() => page.getByText(/受益\d+户\/次/).count()).toBeGreaterThan(0);
    await shot(page, '01-overview');
  });

  it('takes a hotline call: finds the caller by phone, opens a ticket and assigns it', async () => {
    await go('services/hotline');
    await page.getByTestId('hotline-search').locator('input').fill(`${caller.phone.slice(0, 3)} ${caller.phone.slice(3, 7)} ${caller.phone.slice(7)}`);
    await page.getByRole('button', { name: /查\s*找/ }).click();
    const card = page.getByTestId('hotline-callers').locator('.services-caller').filter({ hasText: caller.name });
    await card.waitFor();
    expect(await card.innerText()).toMatch(/号码匹配/);
    expect(await card.innerText()).toMatch(/上门服务对象/);
    // the number shows masked, never in full
    expect(await card.innerText()).toContain(`${caller.phone.slice(0, 3)}****${caller.phone.slice(7)}`);
    await card.click();
    // the list is long (hall and station): type to narrow it, as staff do
    await chooseOption(page, page.getByLabel('服务项目'), '家电维修', '家电维修');
    await page.getByLabel('诉求内容').fill(REQUEST);
    await chooseOption(page, page.getByLabel(/派给/), '王社工', '王社工');
    await shot(page, '02-hotline-desk');
    await page.getByRole('button', { name: /受\s*理/ }).last().click();
    await page.getByText(/工单 \d{4}-\d{4} 已受理/).first().waitFor();
    await page.getByText('已派单').first().waitFor();
    await shot(page, '03-hotline-opened');
  });

  it('the ticket is done and followed up with a rating of 5', async () => {
    await page.getByRole('button', { name: '查看工单' }).click();
    const drawer = page.getByTestId('services-ticket-drawer');
    await drawer.waitFor();
    await drawer.getByRole('button', { name: '开始办理' }).click();
    await drawer.getByText('办理中').first().waitFor();
    await drawer.getByRole('button', { name: /办\s*结/ }).click();
    let dialog = page.getByRole('dialog').filter({ hasText: '办理结果' });
    await dialog.getByLabel('办理结果').fill('已上门更换水龙头阀芯');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await drawer.getByText('已办结').first().waitFor();
    await drawer.getByRole('button', { name: /回\s*访/ }).click();
    dialog = page.getByRole('dialog').filter({ hasText: '满意度' });
    await dialog.locator('.ant-rate-star').nth(4).click();
    await dialog.getByLabel('居民意见').fill('师傅来得很快，谢谢社区');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await drawer.getByText('已回访').first().waitFor();
    const history = await drawer.innerText();
    for (const step of ['受理', '派单', '开始办理', '办结', '回访']) expect(history).toContain(step);
    expect(history).toContain('满意度 5/5');
    await shot(page, '04-ticket-followed-up');
    // a week later the resident calls again: the ticket is reopened with the reason, back to its assignee
    await drawer.getByRole('button', { name: /重新办理/ }).click();
    dialog = page.getByRole('dialog').filter({ hasText: '重新办理的原因' });
    await dialog.getByLabel(/重新办理的原因/).fill('居民再次来电：水龙头又滴水了');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await drawer.getByText('居民再次来电：水龙头又滴水了').waitFor();
    await drawer.getByText('已派单').first().waitFor();
    await shot(page, '04b-ticket-reopened');
    await page.keyboard.press('Escape');
  });

  it('lists tickets, overdue first, and the rest of the services pages', async () => {
    await go('services/tickets');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, '05-tickets');
    await go(`services/tickets?q=${encodeURIComponent(caller.name)}`);
    await page.locator('.ant-table-row').filter({ hasText: REQUEST }).waitFor();
    await go('services/door');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, '06-door-register');
    await go('services/door?tab=candidates');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, '07-door-candidates');
    // the first candidate goes on the register: vegetables every Wednesday from 刘桂芝
    const first = page.locator('.ant-table-row').first();
    const name = (await first.locator('td').first().innerText()).trim();
    await first.getByRole('button', { name: /登\s*记/ }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.getByLabel('服务内容'), '便民菜站');
    await chooseOption(page, dialog.getByLabel('服务人员'), '刘桂芝');
    await dialog.getByLabel('周三').check();
    await dialog.getByLabel('时间').fill('09:00');
    await shot(page, '07b-door-register');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await page.getByText(`${name} 已登记为上门服务对象`).waitFor();
    await go(`services/door`);
    await page.locator('.ant-table-row').filter({ hasText: name }).filter({ hasText: '每周三 09:00' }).click();
    // her daughter now comes on Wednesdays: the vegetables move to Fridays from today on
    const card = page.getByRole('dialog');
    await card.locator('.ant-table-row').filter({ hasText: '便民菜站' }).getByRole('button', { name: '改安排' }).click();
    await card.getByText('新安排从今天起执行').waitFor();
    await card.getByLabel('周三').uncheck();
    await card.getByLabel('周五').check();
    await shot(page, '07c-door-reschedule');
    await card.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-table-row').filter({ hasText: name }).filter({ hasText: '每周五 09:00' }).waitFor();
    await go('services/door/day');
    await page.locator('.services-provider-block').first().waitFor();
    await shot(page, '08-day-list');
    await go('services/door/log?outcome=done');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, '09-log');
    await go('services/catalogue?tab=hall');
    await page.getByTestId('services-duty-board').waitFor();
    await shot(page, '10-catalogue-hall');
    await page.emulateMedia({ media: 'print' });
    await shot(page, '11-duty-board-print');
    await page.emulateMedia({ media: 'screen' });
    await go('services/catalogue?tab=station');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, '12-catalogue-station');
    await go('services/catalogue?tab=providers');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, '13-catalogue-providers');
  }, 180_000);

  it('the hotline desk works on a phone', async () => {
    const p = await phonePage();
    await signInAs(p, srv.url, 'yili_staff', PASSWORD);
    await p.goto(`${srv.url}/c/${communityId}/services/hotline`);
    await p.getByTestId('hotline-search').locator('input').fill(caller.name);
    await p.getByRole('button', { name: /查\s*找/ }).click();
    await p.getByTestId('hotline-callers').locator('.services-caller').filter({ hasText: caller.name }).first().waitFor();
    await shot(p, '14-hotline-phone');
    await p.context().close();
  });

  it('a volunteer ticks off two visits of today’s round on a phone', async () => {
    const p = await phonePage();
    await signInAs(p, srv.url, 'yili_leader', PASSWORD);
    await p.goto(`${srv.url}/c/${communityId}/services/door/checklist`);
    const stops = p.getByTestId('services-stop');
    await stops.first().waitFor();
    const n = await stops.count();
    expect(n).toBeGreaterThanOrEqual(2);
    await shot(p, '15-checklist-phone');
    await stops.nth(0).getByRole('button', { name: '已服务' }).click();
    await stops.nth(0).locator('.ant-tag').filter({ hasText: '已服务' }).waitFor();
    await stops.nth(1).getByRole('button', { name: '不在家' }).click();
    await stops.nth(1).locator('.ant-tag').filter({ hasText: '不在家' }).waitFor();
    await p.getByText(`2/${n}`).waitFor();
    await shot(p, '16-checklist-phone-ticked');
    await p.context().close();

    // the desk sees the ticks in the day's list, logged by the volunteer
    await go('services/door/day');
    const block = page.locator('.services-provider-block').filter({ hasText: '赵楼长' });
    await block.getByText('不在家').waitFor();
    expect(await block.innerText()).toContain('已服务');
  });
});
