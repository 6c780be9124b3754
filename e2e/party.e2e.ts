import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, desktopPage, launchChromium, signInAs } from './helpers';
import { startTestServer } from '../src/core/testing/server';

// The secretary of 怡丽北园 keeps the branch's pledges under residents' supervision: a member takes
// on an area picked from the building tree, a resident comments on the public board (signed out),
// the secretary answers, and the board, printed, shows the answer. Screenshots: test-results/party-*.png.

const SHOTS = 'test-results';
const PASSWORD = 'Linli-demo-2026';
const PLEDGE = '负责1号楼楼道环境，每周巡查一次';
const COMMENT = '1号楼楼道干净多了，谢谢党员同志！';
const ANSWER = '谢谢您的肯定，我们会坚持每周巡查。';

let srv: { url: string; close(): Promise<void> | void };
let browser: Browser;
let page: Page;
let communityId = '';
let boardLink = '';

const shot = async (p: Page, name: string) => {
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.waitForTimeout(300);
  await p.screenshot({ path: `${SHOTS}/party-${name}.png`, fullPage: true });
};
const go = (path: string) => page.goto(`${srv.url}/c/${communityId}/${path}`);

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

describe('the branch secretary and the public pledge board', () => {
  it('signs in and sees the branch overview', async () => {
    communityId = await signInAs(page, srv.url, 'yili_secretary', PASSWORD);
    await page.getByRole('menuitem', { name: '党支部' }).click();
    await page.waitForURL(/\/party$/);
    await page.getByText('支部委员会').waitFor();
    await page.getByText('书记', { exact: true }).first().waitFor();
    await expect.poll(() => page.getByTestId('party-pledge-progress').innerText()).toMatch(/17 名党员作出承诺/);
    await shot(page, '01-branch');
  });

  it('creates a member pledge for a building picked from the tree', async () => {
    await go('party/pledges');
    await page.getByTestId('party-board-url').waitFor();
    boardLink = (await page.getByTestId('party-board-url').innerText()).trim();
    expect(boardLink).toMatch(/\/board\//);
    await shot(page, '02-pledges');

    await page.getByRole('button', { name: '新增承诺' }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.getByRole('combobox', { name: /党员/ }), /\S/);
    await dialog.getByLabel('承诺事项').fill(PLEDGE);
    const tree = dialog.locator('.party-area-picker');
    await tree.getByText('1号楼', { exact: true }).waitFor();
    await tree.locator('.ant-tree-treenode', { hasText: '1号楼' }).first().locator('.ant-tree-checkbox').click();
    await dialog.getByText('已选 1 处').waitFor();
    await shot(page, '03-pledge-create');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('承诺已添加').waitFor();
    const row = page.getByTestId('party-member-pledges').getByRole('row').filter({ hasText: PLEDGE });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/1号楼/);
  });

  it('a resident, signed out, reads the board and leaves feedback', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const resident = await ctx.newPage();
    await resident.goto(boardLink);
    await resident.getByRole('heading', { name: '党员承诺公示栏' }).waitFor();
    const block = resident.getByTestId('board-member-pledge').filter({ hasText: PLEDGE });
    await block.waitFor();
    expect(await block.innerText()).toMatch(/1号楼/);
    await resident.locator('.board-form .ant-rate-star').nth(4).click();
    await resident.getByLabel('意见或建议').fill(COMMENT);
    await shot(resident, '04-board-phone-form');
    await resident.getByRole('button', { name: /提\s*交/ }).click();
    await resident.getByText('感谢您的监督！').waitFor();
    await shot(resident, '05-board-phone-thanks');
    await ctx.close();
  });

  it('the secretary answers, and the printed board shows the answer', async () => {
    await go('party/pledges?tab=feedback');
    const item = page.getByTestId('party-feedback-item').filter({ hasText: COMMENT });
    await item.waitFor();
    await item.getByRole('button', { name: /答\s*复/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea').fill(ANSWER);
    await shot(page, '06-feedback-answer');
    await dialog.getByRole('button', { name: /答\s*复/ }).click();
    await page.getByText('答复已发布').waitFor();
    await item.getByText(ANSWER).waitFor();

    const ctx = await browser.newContext({ viewport: { width: 1240, height: 1754 }, locale: 'zh-CN' });
    const board = await ctx.newPage();
    await board.goto(boardLink);
    await board.getByText(ANSWER).waitFor();
    await board.emulateMedia({ media: 'print' });
    expect(await board.locator('.board-form').isVisible()).toBe(false);
    await board.screenshot({ path: `${SHOTS}/party-board-print.png`, fullPage: true });
    await ctx.close();
  });

  it('lists members with filters and opens one in the drawer', async () => {
    await go('party/members');
    await page.getByText(/共 \d+ 名/).waitFor();
    await page.locator('.ant-table-row').first().click();
    await page.getByTestId('party-member-drawer').waitFor();
    await page.getByText('学习活动出勤').waitFor();
    await shot(page, '07-members');
  });

  it('shows the newsletter and records a delivery, then a confirmation', async () => {
    await go('party/newsletters');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, '08-newsletters');
    await page.getByRole('button', { name: '编发新一期' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('标题').fill('十一月支部工作简报');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const drawer = page.getByTestId('party-issue-drawer');
    await drawer.waitFor();
    await drawer.getByRole('button', { name: '登记送达' }).click();
    await expect.poll(() => drawer.getByRole('button', { name: '确认收到' }).count()).toBeGreaterThan(0);
    await drawer.getByRole('button', { name: '确认收到' }).first().click();
    await page.getByText('已确认收到').waitFor();
    await shot(page, '09-newsletter-issue');
  });
});
