import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, desktopPage, launchChromium, signInAs } from './helpers';
import { startTestServer } from '../src/core/testing/server';

// The secretary of 怡丽北园 takes a resident's matter through the assembly: entered at the desk for
// her, put on a meeting's agenda, attendance taken (quorum), votes recorded, passed with a numbered
// resolution; the resolution is noticed on the board and printed on A4; a resident on a phone objects
// through the public link and the secretary answers. Screenshots: /tmp/shots-governance/*.png.

const SHOTS = process.env.GOV_SHOTS ?? '/tmp/shots-governance';
const PASSWORD = 'Linli-demo-2026';
const TITLE = '楼前空地增设晾衣架';
const OBJECTION = '晾衣架会不会挡住一楼的窗户？';
const ANSWER = '晾衣架设在绿地北侧，距一楼窗户五米以上，不影响采光。';

let srv: { url: string; close(): Promise<void> | void };
let browser: Browser;
let page: Page;
let communityId = '';
let boardLink = '';
let noticeTitle = '';

const shot = async (p: Page, name: string) => {
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.waitForTimeout(300);
  await p.screenshot({ path: `${SHOTS}/governance-${name}.png`, fullPage: true });
};
const go = (path: string) => page.goto(`${srv.url}/c/${communityId}/${path}`);
const ok = () => page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定/ }).click();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ demo: true });
  browser = await launchChromium();
  page = await desktopPage(browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('a resident’s matter through the assembly to a public notice', () => {
  it('shows the assembly: representatives by building and the meetings', async () => {
    communityId = await signInAs(page, srv.url, 'yili_secretary', PASSWORD);
    await page.getByRole('menuitem', { name: '居民代表大会' }).click();
    await page.waitForURL(/\/governance$/);
    await page.getByText('在任代表 24 人').waitFor();
    await page.getByTestId('gov-reps').getByRole('heading', { name: '1号楼' }).waitFor();
    await page.getByText('居民代表大会（第四次）').waitFor();
    await shot(page, '01-assembly');
  });

  it('enters a proposal for a resident at the desk, recorded as staff-assisted', async () => {
    await go('governance/proposals');
    await page.getByTestId('gov-state-tabs').getByText(/通过 6/).waitFor();
    await page.getByRole('button', { name: '新建议题' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('议题').fill(TITLE);
    await dialog.getByLabel('事由和建议').fill('老人晾晒被褥不方便，建议在楼前空地增设公共晾衣架。');
    await dialog.getByLabel('提出人').fill('钱奶奶');
    await dialog.getByLabel('联系电话').fill('13900001234');
    await dialog.getByLabel('住址').fill('2号楼1单元101');
    await shot(page, '02-proposal-new');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText(/议题已提交，查询码/).waitFor();
    const drawer = page.getByTestId('gov-proposal-drawer');
    await drawer.waitFor();
    await drawer.getByText('工作人员代为提交').waitFor();
    await shot(page, '03-proposal-drawer');
  });

  it('calls a meeting, puts the proposal on the agenda and takes attendance: the quorum is computed', async () => {
    await go('governance');
    await page.getByRole('button', { name: '召开会议' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('会议名称').fill('居民代表大会（临时会议）');
    await dialog.getByLabel('主持人').fill('吴主任');
    await dialog.getByLabel('记录人').fill('王社工');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/governance\/meetings\/[^/]+$/);
    await page.getByText('会议召开后先签到').waitFor();

    await chooseOption(page, page.getByLabel('选择已提交的议题'), TITLE);
    await page.getByRole('button', { name: '列入议程' }).click();
    await page.getByTestId('gov-agenda-item').filter({ hasText: TITLE }).waitFor();

    await page.getByRole('button', { name: '全部出席' }).click();
    const rows = page.getByTestId('gov-attendance').locator('.ant-table-row');
    for (const i of [0, 1]) await rows.nth(i).getByText('缺席', { exact: true }).click();
    await rows.nth(0).getByRole('textbox').fill('住院');
    await page.getByRole('button', { name: '保存签到' }).click();
    await page.getByText('签到已保存').waitFor();
    await expect.poll(() => page.getByTestId('gov-quorum').innerText()).toMatch(/已达法定人数：应到 24 人，实到 22 人，至少需 13 人/);
  });

  it('records the votes, sees it pass and gets a numbered resolution', async () => {
    const item = page.getByTestId('gov-agenda-item').filter({ hasText: TITLE });
    await item.getByRole('button', { name: '登记表决' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '全部赞成' }).click();
    const voteRows = dialog.locator('.ant-table-row');
    await voteRows.nth(0).getByText('反对', { exact: true }).click();
    await voteRows.nth(1).getByText('弃权', { exact: true }).click();
    await shot(page, '04-votes');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await item.getByText('赞成 20 · 反对 1 · 弃权 1 · 未表决 0').waitFor();
    await item.getByText('按目前票数：通过').waitFor();
    await item.getByRole('button', { name: '宣布结果' }).click();
    await ok();
    await item.getByText(/怡丽居代决〔\d{4}〕\d+号/).waitFor();
    await page.getByLabel('会议纪要').fill('会议由吴主任主持。与会代表一致认为晾衣架方便老人，表决通过。');
    await page.getByRole('button', { name: '保存纪要' }).click();
    await page.getByText('纪要已保存').waitFor();
    // the place changed at the last minute; the date stays as attendance was taken on it
    await page.getByRole('button', { name: '修改会议信息' }).click();
    const details = page.getByRole('dialog');
    await details.getByText('已点名，会议日期不能再改').waitFor();
    expect(await details.getByLabel('日期').isDisabled()).toBe(true);
    await details.getByLabel('地点').fill('社区活动中心二楼');
    await details.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-descriptions').getByText('社区活动中心二楼').waitFor();
    await shot(page, '05-meeting');

    await page.getByRole('button', { name: '打印纪要' }).click();
    await page.getByTestId('gov-minutes-sheet').waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}/governance-06-minutes-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('drafts the resolution notice from the proposal, publishes it and prints it on A4', async () => {
    await go('governance/proposals?state=passed');
    await page.locator('.ant-table-row').filter({ hasText: TITLE }).click();
    await page.getByTestId('gov-proposal-drawer').getByRole('button', { name: '起草决议公示' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('标题').inputValue()).toContain(TITLE);
    noticeTitle = await dialog.getByLabel('标题').inputValue();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const drawer = page.getByTestId('gov-notice-drawer');
    await drawer.waitFor();
    // a draft can still be changed before it goes up
    await drawer.getByRole('button', { name: '修改' }).click();
    const edit = page.getByRole('dialog').filter({ hasText: '修改公示草稿' });
    await expect.poll(() => edit.getByLabel('标题').inputValue()).toBe(noticeTitle);
    noticeTitle = `${noticeTitle}（修订）`;
    await edit.getByLabel('标题').fill(noticeTitle);
    await shot(page, '07a-notice-edit');
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-drawer-title').getByText(noticeTitle).waitFor();
    await drawer.getByRole('button', { name: '发布公示' }).click();
    await ok();
    await page.getByText(/已发布，公示至/).waitFor();
    await drawer.getByText('公示中').waitFor();
    boardLink = (await page.getByTestId('gov-board-url').innerText()).trim();
    expect(boardLink).toMatch(/\/gov\//);
    await shot(page, '07-notices');

    await drawer.getByRole('button', { name: '打印 A4' }).click();
    await page.getByTestId('gov-notice-sheet').getByText(noticeTitle).waitFor();
    await page.getByText(/公示期：.*（7天）/).waitFor();
    await shot(page, '08-notice-print-screen');
    const a4 = await browser.newContext({ viewport: { width: 794, height: 1123 }, locale: 'zh-CN' });
    const sheet = await a4.newPage();
    await sheet.context().addCookies(await page.context().cookies());
    await sheet.goto(page.url());
    await sheet.getByTestId('gov-notice-sheet').waitFor();
    await sheet.emulateMedia({ media: 'print' });
    expect(await sheet.locator('.linli-sider').isVisible()).toBe(false);
    await sheet.screenshot({ path: `${SHOTS}/governance-09-notice-print-a4.png`, fullPage: true });
    await a4.close();
  });

  it('a resident on a phone, signed out, reads the notice and objects', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const resident = await ctx.newPage();
    await resident.goto(boardLink);
    await resident.getByRole('heading', { name: '社区公示栏' }).waitFor();
    await shot(resident, '10-public-board-phone');
    await resident.getByRole('link', { name: noticeTitle }).click();
    await resident.getByTestId('gov-notice-sheet').waitFor();
    await resident.getByLabel('异议内容').fill(OBJECTION);
    await resident.getByLabel('您的姓名').fill('赵先生');
    await resident.getByLabel('联系电话（选填）').fill('13611112222');
    await shot(resident, '11-public-objection-phone');
    await resident.getByRole('button', { name: /提\s*交/ }).click();
    await resident.getByText('异议已收到').waitFor();
    await ctx.close();
  });

  it('the secretary answers; the public notice shows the answer without the objector’s name', async () => {
    await go('governance/notices?phase=open');
    await page.locator('.ant-table-row').filter({ hasText: noticeTitle }).click();
    const drawer = page.getByTestId('gov-notice-drawer');
    const o = drawer.getByTestId('gov-objection').filter({ hasText: OBJECTION });
    await o.waitFor();
    await o.getByText('赵先生').waitFor();
    await o.getByText('136****2222').waitFor();
    await o.getByRole('button', { name: /答\s*复/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: OBJECTION });
    await dialog.locator('textarea').fill(ANSWER);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('答复已保存').waitFor();
    await o.getByText(ANSWER).waitFor();
    await shot(page, '12-objection-answered');

    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const resident = await ctx.newPage();
    await resident.goto(boardLink);
    await resident.getByRole('link', { name: noticeTitle }).click();
    const answered = resident.getByTestId('gov-public-objection').filter({ hasText: OBJECTION });
    await answered.getByText(ANSWER).waitFor();
    expect(await resident.locator('main').innerText()).not.toContain('赵先生');
    await shot(resident, '13-public-answer-phone');
    await ctx.close();
  });

  it('shows partner units and self-governance bodies (春晖), and the assembly on a phone', async () => {
    await go('governance/partners');
    await page.getByTestId('gov-partner-totals').waitFor();
    // the liaison of a unit changed: the unit is edited, its phone kept
    const unit = page.locator('.ant-table-row').first();
    await unit.locator('.ant-table-row-expand-icon').click();
    await page.getByRole('button', { name: '修改单位信息' }).first().click();
    const unitForm = page.getByRole('dialog');
    await unitForm.getByText(/不填则保留原号码|联系电话/).first().waitFor();
    await unitForm.getByLabel('联络员').fill('新联络人');
    await unitForm.getByRole('button', { name: /保\s*存/ }).click();
    await unit.getByText('新联络人').waitFor();
    await shot(page, '14-partners-yili');
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const chunhui = await ctx.newPage();
    const cid = await signInAs(chunhui, srv.url, 'chunhui_secretary', PASSWORD);
    await chunhui.goto(`${srv.url}/c/${cid}/governance/partners`);
    await chunhui.getByTestId('gov-partner-totals').getByText('11 个共建单位').waitFor();
    await shot(chunhui, '15-partners-chunhui');
    await chunhui.goto(`${srv.url}/c/${cid}/governance/partners?tab=groups`);
    await expect.poll(() => chunhui.getByTestId('gov-group-trinity').count()).toBe(4);
    await shot(chunhui, '16-groups-chunhui');
    await chunhui.goto(`${srv.url}/c/${cid}/governance/partners?tab=meetings`);
    await chunhui.getByText('共商社区建设年度计划').first().waitFor();
    await shot(chunhui, '17-joint-meetings-chunhui');
    await ctx.close();

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const p = await phone.newPage();
    await p.context().addCookies(await page.context().cookies());
    await p.goto(`${srv.url}/c/${communityId}/governance`);
    await p.getByText('在任代表 24 人').waitFor();
    await shot(p, '18-assembly-phone');
    await p.goto(`${srv.url}/c/${communityId}/governance/proposals`);
    await p.locator('.ant-table-row').first().waitFor();
    await shot(p, '19-proposals-phone');
    await phone.close();
  });
});
