import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer } from '../src/core/testing/server';

// The journey of a community secretary through the shell: sign in, switch language, edit the
// community profile, sign out. Screenshots land in test-results/ for a human to look at.

const SHOTS = 'test-results';
const PASSWORD = 'Linli-demo-2026';

let srv: { url: string; close(): Promise<void> | void };
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startTestServer({ demo: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('a community secretary in the shell', () => {
  it('is sent to the sign-in page when not signed in', async () => {
    await page.goto(srv.url);
    await page.waitForURL(/\/login/);
    await expect.poll(() => page.getByRole('heading', { name: '登录邻里社区工作台' }).isVisible()).toBe(true);
    await shot('01-login');
  });

  it('sees a Chinese error for a wrong password', async () => {
    await page.getByLabel('用户名').fill('yili_secretary');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/[\u4e00-\u9fff]/);
    await shot('02-login-error');
  });

  it('signs in and sees the shell with 社区概况 in the navigation', async () => {
    await page.getByLabel('用户名').fill('yili_secretary');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/c\/[^/]+\/profile$/);
    await page.getByRole('menuitem', { name: '社区概况' }).waitFor();
    await page.getByText('怡丽北园社区').first().waitFor();
    await shot('03-shell-zh');
  });

  it('switches to English and sees English labels', async () => {
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Community profile' }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).waitFor();
    expect(await page.evaluate(() => document.cookie)).toContain('linli_lang=en');
    await shot('04-shell-en');
  });

  it('edits the address of the community profile and sees it saved', async () => {
    await page.getByRole('menuitem', { name: 'Community profile' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const address = `北四环西路88-2号（测试 ${Date.now() % 100000}）`;
    const field = page.getByLabel('Address');
    await field.fill(address);
    await shot('05-profile-edit');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Edit' }).waitFor();
    await page.getByText(address, { exact: true }).waitFor();
    await page.reload();
    await page.getByText(address, { exact: true }).waitFor();
    await shot('06-profile-saved');
  });

  it('signs out and is back on the sign-in page', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByRole('heading', { name: 'Sign in to Linli' }).waitFor();
    await page.goto(`${srv.url}/users`);
    await page.waitForURL(/\/login/);
    await shot('07-signed-out');
  });
});
