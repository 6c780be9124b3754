import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, desktopPage, launchChromium, signInAs } from './helpers';
import { startTestServer } from '../src/core/testing/server';

// Staff of 怡丽北园 work a zero-employment household the registry found: register its unemployed
// member, refer and place them; the household's flag clears and the registry says 在业. Then a New
// Year visit plan over the saved list of retired cadres: record a visit with a photo, see progress.
// Screenshots of every page: /tmp/shots-employment/ (or LINLI_SHOTS).

const SHOTS = process.env.LINLI_SHOTS ?? '/tmp/shots-employment';
const PASSWORD = 'Linli-demo-2026';
const EMPLOYER = '怡丽北园社区服务站';
/** a tiny valid PNG (1×1) for the visit photo */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let srv: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
let communityId = '';
let residentName = '';
let address = '';

const shot = async (p: Page, name: string) => {
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.waitForTimeout(300);
  await p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};
const go = (path: string) => page.goto(`${srv.url}/c/${communityId}/${path}`);
const dialog = () => page.getByRole('dialog');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(`${SHOTS}/photo.png`, PNG);
  srv = await startTestServer({ demo: true });
  browser = await launchChromium();
  page = await desktopPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('re-employment: a zero-employment household is cleared by a placement', () => {
  it('staff see the figures, the cases and the follow-ups due', async () => {
    communityId = await signInAs(page, srv.url, 'yili_staff', PASSWORD);
    await page.getByRole('menuitem', { name: '再就业帮扶' }).click();
    await page.waitForURL(/\/employment$/);
    await page.getByText('其中零就业家庭 5 户 6 人').waitFor();
    await page.getByTestId('employment-cases').getByRole('row').nth(3).waitFor();
    await shot(page, 'employment-01-cases');
    await page.getByRole('tab', { name: /回访到期/ }).click();
    await page.getByTestId('employment-followups').getByText('安置后第1个月').first().waitFor();
    await shot(page, 'employment-02-followups');
  });

  it('registers the unemployed member of a household the registry computes as zero-employment', async () => {
    await go('employment/zero-employment');
    const card = page.getByTestId('employment-zero-card').filter({ hasText: '待认定' });
    await card.waitFor();
    address = (await card.locator('.emp-zero-address').innerText()).trim();
    residentName = (await card.locator('li').filter({ has: page.getByRole('button', { name: '登记帮扶' }) }).first().locator('.emp-member-name').innerText()).trim();
    await page.getByTestId('employment-zero-card').filter({ hasText: '帮扶中' }).first().getByText(/还有 \d+ 天/).waitFor();
    await shot(page, 'employment-03-zero-board');

    await card.getByRole('button', { name: '登记帮扶' }).first().click();
    await dialog().getByLabel('技能特长').fill('收银、理货');
    await dialog().getByLabel('就业意愿').fill('就近上班，白天班');
    await shot(page, 'employment-04-register');
    await dialog().getByRole('button', { name: '失业登记' }).click();
    await page.waitForURL(/\/employment\/cases\//);
    // the household is certified now, with its three-month countdown
    await page.getByTestId('employment-household-zero').getByText(/还有 \d+ 天/).waitFor();
    expect(await page.getByTestId('employment-registry-status').innerText()).toBe('失业');
  });

  it('refers and places them: the case closes, the registry says 在业, the household is cleared', async () => {
    await page.getByRole('button', { name: '推荐岗位' }).click();
    await dialog().getByLabel('就业单位').fill(EMPLOYER);
    await dialog().getByLabel('岗位', { exact: true }).fill('理货员');
    await dialog().getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('employment-timeline').getByText(`${EMPLOYER} · 理货员`).waitFor();

    await page.getByRole('button', { name: '安置就业（结案）' }).click();
    await dialog().getByLabel('就业单位').fill(EMPLOYER);
    await dialog().getByLabel('岗位', { exact: true }).fill('理货员');
    await dialog().getByText('公益性岗位').click();
    await shot(page, 'employment-05-placement');
    await dialog().getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('employment-case-status').getByText('已安置').waitFor();
    expect(await page.getByTestId('employment-registry-status').innerText()).toBe('在业');
    await page.getByTestId('employment-household-zero').getByText(/零就业家庭已于 .* 消除/).waitFor();
    await shot(page, 'employment-06-case');

    // the registry's own page shows the change
    await page.getByRole('link', { name: '查看居民信息' }).click();
    await page.waitForURL(/\/residents\//);
    await page.getByText(EMPLOYER).first().waitFor();

    await go('employment/zero-employment');
    await page.getByTestId('employment-zero-card').first().waitFor();
    expect(await page.getByTestId('employment-zero-card').filter({ hasText: address }).count()).toBe(0);
    await page.getByRole('tab', { name: /已消除/ }).click();
    await page.getByTestId('employment-zero-card').filter({ hasText: address }).getByText(`${residentName} 安置就业`).waitFor();
  });
});

/** Picks an option of a select in the dialog. */
const choose = (label: string, option: string) => chooseOption(page, dialog().getByRole('combobox', { name: label }), option);

describe('holiday visits over a saved list', () => {
  it('plans New Year visits to the retired cadres, records one with a photo, and the progress moves', async () => {
    await page.getByRole('menuitem', { name: '走访慰问' }).click();
    await page.waitForURL(/\/visits$/);
    await page.getByTestId('visits-plan-card').first().waitFor();
    await shot(page, 'visits-01-plans');

    await page.getByRole('button', { name: '新建走访计划' }).click();
    await choose('节日', '元旦');
    await choose('走访名单', '离退休干部');
    await expect.poll(() => dialog().getByLabel('计划名称').inputValue()).toMatch(/元旦走访慰问离退休干部$/);
    await dialog().getByLabel('慰问金标准（元）').fill('300');
    await shot(page, 'visits-02-create');
    await dialog().getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/visits\/plans\//);
    const progress = page.getByTestId('visits-progress-text');
    await expect.poll(() => progress.innerText()).toMatch(/已走访 0 \/ \d+ 人/);
    const total = Number(/\/ (\d+)/.exec(await progress.innerText())![1]);

    const first = page.getByTestId('visits-targets').locator('tbody tr.ant-table-row').first();
    await first.getByRole('button', { name: '登记走访' }).click();
    await dialog().getByLabel('走访人员').fill('王社工、楼门组长');
    await dialog().locator('input[type=file]').setInputFiles(`${SHOTS}/photo.png`);
    await dialog().getByText('photo.png').waitFor();
    await dialog().getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => progress.innerText()).toBe(`已走访 1 / ${total} 人`);
    await first.getByText('王社工、楼门组长').waitFor();
    expect(await first.getByLabel('查看照片').count()).toBe(1);
    await shot(page, 'visits-03-plan');

    // the last Spring Festival's ledger: the festival falls by late February, its visits before it
    const today = srv.now();
    const festivalYear = today.getUTCMonth() >= 2 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
    await go(`visits/ledger?occasion=spring_festival&year=${festivalYear}`);
    await page.getByTestId('visits-ledger-totals').waitFor();
    await shot(page, 'visits-04-ledger');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}/visits-05-ledger-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('works on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await go('visits');
    await page.getByTestId('visits-plan-card').first().click();
    await page.getByTestId('visits-targets').waitFor();
    await shot(page, 'visits-06-plan-phone');
    await go('employment/zero-employment');
    await page.getByTestId('employment-zero-card').first().waitFor();
    await shot(page, 'employment-07-zero-phone');
  });
});
