import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { desktopPage, launchChromium, signInAs } from './helpers';
import { startTestServer } from '../src/core/testing/server';

// The secretary of 怡丽北园 opens an account for a party member, copies the initial password onto a
// slip; the member signs in on her own phone, sets her password and sees her pledge, what residents
// said about it, her study sessions and the newsletters brought to her. Screenshots: test-results/party-member-*.png.

const SHOTS = 'test-results';
const PASSWORD = 'Linli-demo-2026';

let srv: { url: string; close(): Promise<void> | void };
let browser: Browser;
let page: Page;
let communityId = '';
let memberName = '';
let slip = { username: '', password: '' };

const shot = async (p: Page, name: string) => {
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.waitForTimeout(300);
  await p.screenshot({ path: `${SHOTS}/party-member-${name}.png`, fullPage: true });
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

describe('a party member on her own phone', () => {
  it('the secretary opens an account from the member list and gets a one-time password', async () => {
    communityId = await signInAs(page, srv.url, 'yili_secretary', PASSWORD);
    await page.goto(`${srv.url}/c/${communityId}/party/members?status=normal`);
    // a member who pledged this year and has no account yet (the demo's own member account is the first)
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    await rows.nth(1).click();
    const drawer = page.getByTestId('party-member-drawer');
    await drawer.waitFor();
    memberName = (await page.locator('.ant-drawer-title').innerText()).trim();
    const account = page.getByTestId('party-member-account');
    await account.getByPlaceholder('登录名').fill('e2e_member');
    await account.getByRole('button', { name: '开通账号' }).click();
    slip = {
      username: (await page.getByTestId('party-account-username').innerText()).trim(),
      password: (await page.getByTestId('party-account-password').innerText()).trim(),
    };
    expect(slip.username).toBe('e2e_member');
    expect(slip.password).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    await shot(page, '01-account');
  });

  it('the member signs in on a phone, sets her own password and lands on her page', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const p = await phone.newPage();
    p.on('pageerror', (e) => console.error('page error:', e.message));
    await p.goto(`${srv.url}/login`);
    await p.getByLabel('用户名').fill(slip.username);
    await p.getByLabel('密码').fill(slip.password);
    await p.getByRole('button', { name: /登\s*录/ }).click();
    await p.waitForURL(/\/change-password/);
    await p.getByLabel('当前密码').fill(slip.password);
    await p.getByLabel('新密码', { exact: true }).fill('Hongqi-Pudong-1949');
    await p.getByLabel('再次输入新密码').fill('Hongqi-Pudong-1949');
    await p.getByRole('button', { name: /修改密码/ }).click();
    await p.waitForURL(/\/party\/me$/);
    const me = p.getByTestId('party-me');
    await me.waitFor();
    await expect.poll(() => me.innerText()).toContain(memberName);
    await expect.poll(() => p.getByTestId('party-me-pledge').count()).toBeGreaterThan(0);
    const text = await me.innerText();
    expect(text).toMatch(/学习活动/);
    expect(text).toMatch(/共 \d+ 次，出席 \d+ 次/);
    await shot(p, '02-phone');
    // the office's pages are not hers
    await p.goto(`${srv.url}/c/${communityId}/party/members`);
    await p.getByText(/没有权限|无权/).first().waitFor();
    await phone.close();
  });
});
