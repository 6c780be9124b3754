import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { desktopPage, launchChromium, signInAs } from './helpers';
import { startTestServer } from '../src/core/testing/server';

// The secretary of 怡丽北园 opens the dashboard, clicks a chart down to the residents behind it, drafts
// the two-year work report, rewrites the party chapter, exports it to Word and reads the file back,
// prints it and signs it; the 曙光街道 officer then reads the roll-up. Screenshots: /tmp/shots-report/.

const SHOTS = process.env.REPORT_SHOTS ?? '/tmp/shots-report';
const PASSWORD = 'Linli-demo-2026';
const WORDS = '二年来，支部坚持“二级承诺”，17名党员亮身份、认责任区，接受居民监督。';

let srv: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let page: Page;
let communityId = '';
let reportUrl = '';

const shot = async (p: Page, name: string, fullPage = true) => {
  await p.waitForTimeout(400);
  await p.screenshot({ path: `${SHOTS}/report-${name}.png`, fullPage });
};

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

describe('the work report, from the dashboard to a signed Word document', () => {
  it('opens the dashboard: key figures, and charts that load as they come into view', async () => {
    communityId = await signInAs(page, srv.url, 'yili_secretary', PASSWORD);
    await page.getByRole('menuitem', { name: '数据看板' }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByText('总户数').first().waitFor();
    await expect.poll(() => page.locator('.report-stat').first().innerText()).toMatch(/410/);
    const chart = page.getByTestId('report-chart-registry.residents');
    await chart.locator('canvas').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '01-dashboard', false);
    await page.getByTestId('report-chart-party.newsletter.copies').scrollIntoViewIfNeeded();
    await page.getByTestId('report-chart-party.newsletter.copies').locator('canvas').waitFor();
    await shot(page, '01b-dashboard-charts', false);
  });

  it('fits a phone', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const phone = await ctx.newPage();
    await signInAs(phone, srv.url, 'yili_secretary', PASSWORD);
    await phone.goto(`${srv.url}/c/${communityId}/dashboard`);
    await phone.locator('.report-stat').first().waitFor();
    await shot(phone, '06-phone-dashboard', false);
    await ctx.close();
  });

  it('clicks a chart down to the records behind its number', async () => {
    const chart = page.getByTestId('report-chart-registry.residents');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.locator('canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.6);
    await page.waitForURL(new RegExp(`/c/${communityId}/residents$`));
    await page.getByRole('row').nth(1).waitFor();
    await expect.poll(() => page.getByRole('main').innerText()).toMatch(/1,?2\d\d/);
  });

  it('clicks one month of a chart down to that month’s records', async () => {
    await page.goto(`${srv.url}/c/${communityId}/dashboard`);
    // the latest month with sessions held, as the chart itself reads them: this year's, or early in
    // January last year's (the left half of the month's column)
    const thisYear = srv.now().getUTCFullYear();
    const res = await page.request.get(`${srv.url}/api/v1/communities/${communityId}/report/series?figure=party.study.sessions&year=${thisYear}`);
    const series = (await res.json()) as { months: { thisYear: (number | null)[]; lastYear: (number | null)[] } };
    const latest = (values: (number | null)[]) => values.reduce<number>((found, v, i) => ((v ?? 0) > 0 ? i : found), -1);
    const inThisYear = latest(series.months.thisYear) >= 0;
    const month = inThisYear ? latest(series.months.thisYear) : latest(series.months.lastYear);
    expect(month).toBeGreaterThanOrEqual(0);
    const year = inThisYear ? thisYear : thisYear - 1;
    const count = inThisYear ? series.months.thisYear[month] : series.months.lastYear[month];
    const chart = page.getByTestId('report-chart-party.study.sessions');
    await chart.scrollIntoViewIfNeeded();
    await chart.locator('canvas').waitFor();
    await page.waitForTimeout(500);
    // this year's bar is the right half of the month's column, last year's the left (the grid runs from 40 px to 12 px short of the edge)
    const box = (await chart.locator('canvas').boundingBox())!;
    const column = (box.width - 52) / 12;
    await page.mouse.click(box.x + 40 + column * (month + (inThisYear ? 0.75 : 0.25)), box.y + box.height * 0.6);
    const mm = String(month + 1).padStart(2, '0');
    await page.waitForURL(new RegExp(`/party/activities\\?from=${year}-${mm}-01&to=${year}-${mm}-\\d\\d$`));
    const rows = page.getByTestId('party-activities').locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(count);
    for (const d of await rows.locator('td:first-child').allInnerTexts()) expect(d.startsWith(`${year}-${mm}`)).toBe(true);
    // the page says which period it shows, and the user can change or clear it
    await expect.poll(() => page.locator('#period-filter').inputValue()).toBe(`${year}-${mm}-01`);
    await shot(page, '01c-month-drilldown', false);
  });

  it('drafts the report for the two years ending today, with the seed’s figures', async () => {
    await page.getByRole('menuitem', { name: '工作汇报' }).click();
    await page.waitForURL(/\/reports$/);
    await page.getByRole('button', { name: '起草汇报' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('汇报期间').waitFor();
    await dialog.getByRole('button', { name: /起\s*草/ }).click();
    await page.waitForURL(/\/reports\/[^/]+$/);
    reportUrl = page.url();
    await page.getByTestId('report-profile-figures').getByText('410户').waitFor();
    const party = page.getByTestId('report-figures-party');
    await expect.poll(() => party.innerText()).toMatch(/作出承诺的党员\s*17人/);
    expect(await party.innerText()).toMatch(/支部工作简报\s*6期/);
    await shot(page, '02-editor', false);
    await page.getByTestId('report-chapter-party').scrollIntoViewIfNeeded();
    await shot(page, '02b-editor-party', false);
  });

  it('opens the people behind 本期迁入 from the report: the list says which period it shows, and counts the same', async () => {
    const grid = page.getByTestId('report-profile-figures');
    await expect.poll(() => grid.innerText()).toMatch(/本期迁入/);
    const link = grid.locator('a[href*="moved=moved_in"]');
    const figure = Number((await link.innerText()).replace(/[^\d]/g, ''));
    expect(figure).toBeGreaterThan(0);
    await link.click();
    await page.waitForURL(/\/residents\?moved=moved_in&status=any&from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/);
    await page.getByText(/^迁入于 \d{4}-\d\d-\d\d 至 \d{4}-\d\d-\d\d$/).waitFor();
    await expect.poll(() => page.getByText(/^共 \d+ 人$/).innerText()).toBe(`共 ${figure} 人`);
    await shot(page, '02a-moved-in', false);
    // closing the period shows the whole roster again
    await page.locator('.linli-filter-tag .ant-tag-close-icon').click();
    await page.waitForURL(/\/residents\?status=any$/);
    await page.goto(reportUrl);
    await page.getByTestId('report-profile-figures').getByText('410户').waitFor();
  });

  it('rewrites the party chapter, saves it, exports Word and reads the words and figures back from the file', async () => {
    const words = page.getByTestId('report-words-party');
    await words.fill(WORDS);
    await page.getByText('有未保存的修改').waitFor();
    await page.getByRole('button', { name: /保存文字/ }).click();
    await page.getByText('已保存', { exact: true }).waitFor();
    await page.reload();
    await expect.poll(() => page.getByTestId('report-words-party').inputValue()).toBe(WORDS);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 Word/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/怡丽北园社区工作汇报.*\.docx$/);
    const file = `${SHOTS}/report-export.docx`;
    await download.saveAs(file);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain(WORDS);
    expect(plain).toContain('410户');
    expect(plain).toContain('作出承诺的党员');
    expect(xml).toContain('w:eastAsia="仿宋"');
  });

  it('shows the print view as an A4 sheet, without the menus when printed', async () => {
    await page.getByRole('link', { name: /打\s*印/ }).click();
    await page.waitForURL(/\/print$/);
    await page.getByTestId('report-paper').getByText(WORDS).waitFor();
    await shot(page, '03-print', false);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.linli-sider').isVisible()).toBe(false);
    await page.getByTestId('report-paper').getByText(WORDS).scrollIntoViewIfNeeded();
    await shot(page, '04-print-media', false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('signs the report: from then on it reads as signed and cannot be edited', async () => {
    await page.goto(reportUrl);
    await page.getByRole('button', { name: /签\s*发/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /签\s*发/ }).click();
    await page.getByText(/由 .* 签发，文字和数字已定稿/).waitFor();
    expect(await page.getByTestId('report-words-party').innerText()).toContain(WORDS);
    expect(await page.getByRole('button', { name: /保存文字/ }).count()).toBe(0);
  });

  it('the sub-district officer reads the roll-up: the comparison table, the charts (a month of the sub-district down to its communities), each community’s report', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const officer = await ctx.newPage();
    await signInAs(officer, srv.url, 'shuguang_officer', PASSWORD);
    await officer.getByRole('menuitem', { name: '街道汇总' }).click();
    await officer.waitForURL(/\/report\/rollup/);
    const table = officer.getByTestId('report-rollup-table');
    const row = table.getByRole('row').filter({ hasText: '怡丽北园社区' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/410/);
    expect(await row.innerText()).toContain('已签发');
    await shot(officer, '05-rollup', false);
    await officer.getByTestId('report-compare').scrollIntoViewIfNeeded();
    await officer.getByTestId('report-compare').locator('canvas').waitFor();
    await shot(officer, '05b-rollup-compare', false);
    // the sub-district's own month-by-month chart: a click on March compares the communities for March
    const series = officer.getByTestId('report-sd-series');
    await series.scrollIntoViewIfNeeded();
    const canvas = series.locator('canvas');
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    await officer.mouse.click(box.x + 48 + (box.width - 60) * (2.5 / 12), box.y + box.height * 0.7);
    await expect.poll(() => officer.getByTestId('report-compare-period').innerText()).toMatch(/\d{4}年3月与去年同月/);
    await officer.getByTestId('report-compare').locator('canvas').waitFor();
    await series.scrollIntoViewIfNeeded();
    await shot(officer, '05d-rollup-subdistrict-month', false);
    await officer.getByText('各社区汇报').scrollIntoViewIfNeeded();
    await officer.getByRole('button', { name: /怡丽北园社区/ }).click();
    await officer.getByText(WORDS).waitFor();
    await shot(officer, '05c-rollup-chapters', false);
    await ctx.close();
  });

  it('the sub-district’s charts fit a phone', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const phone = await ctx.newPage();
    await signInAs(phone, srv.url, 'shuguang_officer', PASSWORD);
    await phone.goto(`${srv.url}/report/rollup`);
    const series = phone.getByTestId('report-sd-series');
    await series.scrollIntoViewIfNeeded();
    await series.locator('canvas').waitFor();
    await shot(phone, '07-phone-rollup-series', false);
    await ctx.close();
  });
});
