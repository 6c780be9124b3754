import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer } from '../src/core/testing/server';
import { launchChromium, signInAs } from './helpers';

// The built web app under Linli's Content-Security-Policy, in a real Chromium: the office's pages,
// the public boards residents open and the API docs all load with nothing refused by the policy
// and no script error.

const PASSWORD = 'Linli-demo-2026';

let srv: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let context: BrowserContext;
/** everything the policy refused, and every uncaught script error, with the page it happened on */
const problems: string[] = [];

function watch(page: Page): Page {
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|csp violation/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: page error: ${e.message}`));
  return page;
}

beforeAll(async () => {
  srv = await startTestServer({ demo: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  // runs before any of the page's own scripts, and is not itself subject to the policy
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`csp violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('the web app under its Content-Security-Policy', () => {
  let communityId = '';

  it('signs a secretary in and opens two pages with nothing refused', async () => {
    const page = watch(await context.newPage());
    const first = await page.goto(`${srv.url}/login`);
    expect(first?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(first?.headers()['x-frame-options']).toBe('DENY');
    communityId = await signInAs(page, srv.url, 'yili_secretary', PASSWORD);

    await page.goto(`${srv.url}/c/${communityId}/residents`);
    await page.locator('.ant-table-row').first().waitFor();
    await page.goto(`${srv.url}/c/${communityId}/party`);
    await page.locator('.ant-card').first().waitFor();
    // let antd's late styles and the charts' lazy chunks arrive
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the public pledge board and notice board to a resident, with nothing refused, and refuses to be framed', async () => {
    const office = context.request;
    const pledge = (await (await office.get(`${srv.url}/api/v1/communities/${communityId}/party/board`)).json()) as { token: string };
    const notices = (await (await office.get(`${srv.url}/api/v1/communities/${communityId}/governance/settings`)).json()) as { boardToken: string };

    const resident = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    try {
      await resident.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`csp violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      const page = watch(await resident.newPage());
      const board = await page.goto(`${srv.url}/board/${pledge.token}`);
      expect(board?.headers()['referrer-policy']).toBe('same-origin');
      await page.getByTestId('board-member-pledge').first().waitFor();
      await page.goto(`${srv.url}/gov/${notices.boardToken}`);
      await page.locator('#gov-propose').waitFor();
      await page.waitForLoadState('networkidle');
      expect(problems).toEqual([]);

      // another site putting the board in a frame: the browser refuses, and the frame stays empty
      const framing = watch(await resident.newPage());
      await framing.setContent(`<iframe src="${srv.url}/board/${pledge.token}" width="300" height="300"></iframe>`);
      await expect.poll(() => problems.some((p) => p.includes('frame-ancestors'))).toBe(true);
      const frame = framing.frames().find((f) => f !== framing.mainFrame());
      expect(frame?.url()).not.toContain('/board/');
      problems.length = 0;
    } finally {
      await resident.close();
    }
  });

  it('renders the API docs with nothing refused', async () => {
    const page = watch(await context.newPage());
    await page.goto(`${srv.url}/api/docs/`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock-tag').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await page.close();
  });
});
