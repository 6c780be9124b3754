import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { e2eShiftDays } from '../src/core/testing/server';

/**
 * Debian's Chromium with the flags this machine needs (no sandbox as root, no background network).
 * When the journeys run ahead of the real date (`LINLI_E2E_SHIFT_DAYS`), every page's clock runs
 * ahead with the server's, so "this year" in the browser is the server's year.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const shiftMs = e2eShiftDays() * 86_400_000;
  if (shiftMs !== 0) {
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options) => {
      const context = await newContext(options);
      await context.clock.install({ time: Date.now() + shiftMs });
      return context;
    };
  }
  return browser;
}

/** A desktop page in Chinese that accepts downloads and reports page errors. */
export async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

/** Signs in on the sign-in page and returns the community the user lands in. */
export async function signInAs(page: Page, baseUrl: string, username: string, password: string): Promise<string> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/c\/[^/]+\//);
  return /\/c\/([^/]+)\//.exec(page.url())?.[1] ?? '';
}

/**
 * Picks an option in an antd select and checks it was taken. A click that lands while the list is
 * still opening (or on a busy machine, before the options render) is retried by opening the list
 * again, rather than waited on. `type` narrows a long or remote list first, as staff do.
 */
export async function chooseOption(page: Page, select: Locator, option: string | RegExp, type?: string): Promise<void> {
  const item = select.locator(`xpath=ancestor-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]`);
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await select.click({ timeout: 5000 });
      if (type !== undefined) await select.fill(type, { timeout: 5000 });
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click({ timeout: 5000 });
      await expect
        .poll(() => item.locator('.ant-select-content, .ant-select-selection-item').first().innerText(), { timeout: 2000 })
        .toMatch(typeof option === 'string' ? new RegExp(option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : option);
      return;
    } catch {
      // the list did not open, or closed without taking the click: open it again
    }
  }
  throw new Error(`could not choose ${String(option)}`);
}
