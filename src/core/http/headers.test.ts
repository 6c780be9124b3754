import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../testing';

// Every answer Linli gives carries the same protections: no framing (the public boards cannot be
// put inside someone else's page), no inline script, no type sniffing, and a board's token never
// leaves in a Referer.

let l: TestLinli;
let webDir: string;
let secretary: Client;
let communityId: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>');
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log("linli")');
  l = await createTestLinli({ config: { webDir } });
  const sd = await makeSubDistrict(l);
  communityId = (await makeCommunity(l, sd.id)).id;
  secretary = await signIn(l, (await makeUser(l, 'secretary', { communityId })).username);
});
afterAll(async () => {
  await l.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

function expectProtected(res: LightMyRequestResponse, what: string): void {
  const csp = String(res.headers['content-security-policy'] ?? '');
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
  expect(directives.get('frame-ancestors'), `${what}: ${csp}`).toEqual(["'none'"]);
  const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
  expect(scripts, `${what}: ${csp}`).toContain("'self'");
  expect(scripts.some((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'" || s === '*'), `${what}: ${csp}`).toBe(false);
  expect(directives.get('object-src'), `${what}: ${csp}`).toEqual(["'none'"]);
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(['no-referrer', 'same-origin'], what).toContain(res.headers['referrer-policy']);
}

describe('security headers', () => {
  it('come with an API answer, a download and an error', async () => {
    const me = await secretary.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expectProtected(me, 'API answer');

    const download = await secretary.get('/api/v1/audit/export.xlsx');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expectProtected(download, 'download');

    const refused = await l.app.inject('/api/v1/auth/me');
    expect(refused.statusCode).toBe(401);
    expectProtected(refused, '401');
    const missing = await l.app.inject('/api/v1/nowhere');
    expect(missing.statusCode).toBe(404);
    expectProtected(missing, '404');
    const bad = await secretary.send('PUT', `/api/v1/communities/${communityId}/profile`, { address: 7 });
    expect(bad.statusCode).toBe(400);
    expectProtected(bad, '400');
  });

  it('come with the public pledge board, its API, and the web pages residents open', async () => {
    const board = await secretary.send('PUT', `/api/v1/communities/${communityId}/party/board`, { enabled: true });
    expect(board.statusCode).toBe(200);
    const token = (board.json() as { token: string }).token;
    const api = await l.app.inject(`/api/v1/public/pledge-boards/${token}`);
    expect(api.statusCode).toBe(200);
    expectProtected(api, 'board API');

    for (const page of [`/board/${token}`, '/gov/some-token', '/', '/login']) {
      const res = await l.app.inject(page);
      expect(res.statusCode, page).toBe(200);
      expect(res.headers['content-type'], page).toContain('text/html');
      expectProtected(res, page);
    }
    const script = await l.app.inject('/assets/app.js');
    expect(script.statusCode).toBe(200);
    expectProtected(script, 'web app script');
  });

  it('come with health checks and the API docs page', async () => {
    expectProtected(await l.app.inject('/healthz'), 'health');
    const docs = await l.app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expectProtected(docs, 'API docs');
  });
});
