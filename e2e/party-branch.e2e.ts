import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, desktopPage, launchChromium, signInAs } from './helpers';
import { startTestServer } from '../src/core/testing/server';

// The secretary of 怡丽北园 keeps the branch's own records: records a branch election from the
// votes (the elected become the committee), puts a member on the July-1 board, and adds a member to
// the newsletter's distribution list by hand. Screenshots, desktop and phone: test-results/party-branch-*.png.

const SHOTS = process.env.LINLI_SHOTS ?? 'test-results';
const PASSWORD = 'Linli-demo-2026';
const DEEDS = '十年如一日义务巡逻，风雨无阻';

let srv: { url: string; close(): Promise<void> | void };
let browser: Browser;
let page: Page;
let communityId = '';
let names: string[] = [];

const shot = async (p: Page, name: string) => {
  await p.waitForTimeout(300);
  await p.screenshot({ path: `${SHOTS}/party-branch-${name}.png`, fullPage: true });
};
const go = (p: Page, path: string) => p.goto(`${srv.url}/c/${communityId}/${path}`);
/** Picks a member in a search select: types the name, then clicks the option. */
const pickMember = (p: Page, select: ReturnType<Page['locator']>, name: string) => chooseOption(p, select.locator('input'), name, name);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ demo: true });
  browser = await launchChromium();
  page = await desktopPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('the secretary keeps the branch’s records', () => {
  it('records an election with votes; the elected appear as the committee', async () => {
    communityId = await signInAs(page, srv.url, 'yili_secretary', PASSWORD);
    // four members in good health who are not on the committee now
    names = await page.evaluate(async (c) => {
      const base = `/api/v1/communities/${c}/party`;
      const branch = (await (await fetch(`${base}/branch`)).json()) as { leaders: { memberId: string }[] };
      const seated = new Set(branch.leaders.map((l) => l.memberId));
      const list = (await (await fetch(`${base}/members?status=normal&pageSize=50`)).json()) as { items: { id: string; name: string }[] };
      const seen = new Set<string>();
      return list.items.filter((m) => !seated.has(m.id) && !seen.has(m.name) && seen.add(m.name)).map((m) => m.name).slice(0, 4);
    }, communityId);
    expect(names).toHaveLength(4);

    await go(page, 'party?tab=committee');
    await page.getByTestId('party-committee').waitFor();
    await page.getByTestId('party-election').first().waitFor();
    await shot(page, '01-committee');

    await page.getByRole('button', { name: '录入选举' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('应选名额').fill('3');
    await dialog.getByLabel('实到有选举权党员').fill('30');
    const rows = dialog.getByTestId('party-candidate-row');
    const votes = [28, 25, 17, 12];
    for (const [i, name] of names.entries()) {
      await pickMember(page, rows.nth(i).locator('.ant-select').first(), name);
      await rows.nth(i).getByLabel(`得票 ${i + 1}`).fill(String(votes[i]));
    }
    // 30 voters: 16 votes are needed; the fourth candidate falls short, and the page says so before saving
    await expect.poll(() => rows.nth(3).innerText()).toContain('未当选');
    expect(await rows.nth(0).innerText()).toContain('当选');
    await chooseOption(page, rows.nth(0).getByLabel('分工 1'), /^书记$/);
    await shot(page, '02-election-form');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('选举已记录，当选者组成新一届支部委员会').waitFor();

    const committee = page.getByTestId('party-committee');
    await expect.poll(() => committee.innerText()).toContain(names[0]);
    const text = await committee.innerText();
    for (const n of names.slice(0, 3)) expect(text).toContain(n);
    expect(text).not.toContain(names[3]);
    expect(text).toMatch(new RegExp(`书记\\s*${names[0]}`));
    // the previous committee stays in the history, ended the day before
    await expect.poll(() => page.getByTestId('party-term-history').innerText()).toContain('已卸任');
    await page.getByTestId('party-election').first().getByText(`当选：${names.slice(0, 3).join('、')}`).waitFor();
    await shot(page, '03-committee-after');

    // the overview shows the new committee too
    await go(page, 'party');
    await page.getByTestId('party-member-stats').waitFor();
    await expect.poll(() => page.locator('.party-card').first().innerText()).toContain(names[0]);
  }, 150_000);

  it('puts a member on this year’s July-1 board', async () => {
    await go(page, 'party?tab=honours');
    await page.getByTestId('party-model-board').waitFor();
    await page.getByRole('button', { name: '上展板' }).click();
    const dialog = page.getByRole('dialog');
    await pickMember(page, dialog.locator('.ant-form-item', { hasText: '党员' }).locator('.ant-select'), names[3]);
    await dialog.getByLabel('先进事迹').fill(DEEDS);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('展板已更新').waitFor();
    const card = page.locator('.party-model-card', { hasText: names[3] });
    await card.waitFor();
    expect(await card.innerText()).toContain(DEEDS);
    await shot(page, '04-honours');
  });

  it('adds a member to the newsletter’s distribution list by hand, and takes them off again', async () => {
    await go(page, 'party/newsletters');
    const editor = page.getByTestId('party-recipients');
    await editor.waitFor();
    const hand = editor.getByTestId('party-recipients-hand');
    await pickMember(page, editor.locator('.ant-select'), names[1]);
    await editor.getByRole('button', { name: '加入名单' }).click();
    await page.getByText(/发放名单已更新/).waitFor();
    await hand.getByText(names[1]).waitFor();
    await shot(page, '05-newsletters');
    const listed = await page.evaluate(async (c) => (await (await fetch(`/api/v1/communities/${c}/party/newsletter-recipients`)).json()) as { name: string; byHand: boolean }[], communityId);
    expect(listed.filter((r) => r.byHand).map((r) => r.name)).toContain(names[1]);

    await hand.locator('.ant-tag', { hasText: names[1] }).locator('.ant-tag-close-icon').click();
    await expect.poll(() => hand.innerText()).not.toContain(names[1]);
  });

  it('closes a group; it stays under the closed groups, and can be reopened', async () => {
    await go(page, 'party?tab=groups');
    await page.getByTestId('party-groups').waitFor();
    await page.getByRole('button', { name: '新建党小组' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('临时党小组');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('党小组已保存').waitFor();
    const row = page.getByTestId('party-groups').locator('.ant-table-row', { hasText: '临时党小组' });
    await row.getByRole('button', { name: /撤\s*销/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /撤\s*销/ }).click();
    await page.getByText('党小组已撤销').waitFor();
    const closed = page.getByTestId('party-closed-groups').locator('.ant-table-row', { hasText: '临时党小组' });
    await closed.waitFor();
    expect(await closed.innerText()).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await page.getByTestId('party-groups').innerText()).not.toContain('临时党小组');
    await shot(page, '05b-groups-closed');
    await closed.getByRole('button', { name: /恢\s*复/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /恢\s*复/ }).click();
    await page.getByText('党小组已恢复').waitFor();
    await page.getByTestId('party-groups').locator('.ant-table-row', { hasText: '临时党小组' }).waitFor();
  });

  it('reads well on a phone', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const phone = await ctx.newPage();
    await phone.context().addCookies(await page.context().cookies());
    for (const [path, name] of [
      ['party?tab=committee', '06-phone-committee'],
      ['party?tab=groups', '07-phone-groups'],
      ['party?tab=honours', '08-phone-honours'],
      ['party/newsletters', '09-phone-newsletters'],
    ] as const) {
      await go(phone, path);
      await phone.locator('.party-card').first().waitFor();
      await shot(phone, name);
    }
    await go(phone, 'party?tab=committee');
    await phone.getByRole('button', { name: '录入选举' }).click();
    await phone.getByTestId('party-election-form').waitFor();
    await shot(phone, '10-phone-election-form');
    await ctx.close();
  }, 150_000);

  it('a reader sees the records without edit controls', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const reader = await ctx.newPage();
    await signInAs(reader, srv.url, 'yili_leader', PASSWORD);
    await go(reader, 'party?tab=committee');
    await reader.getByTestId('party-committee').waitFor();
    expect(await reader.getByRole('button', { name: '录入选举' }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: '换人' }).count()).toBe(0);
    await go(reader, 'party?tab=groups');
    await reader.getByTestId('party-groups').waitFor();
    expect(await reader.getByRole('button', { name: '新建党小组' }).count()).toBe(0);
    await go(reader, 'party/newsletters');
    await reader.getByTestId('party-recipients').waitFor();
    expect(await reader.getByRole('button', { name: '加入名单' }).count()).toBe(0);
    await ctx.close();
  });
});
