import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, client, type TestLinli } from '../testing';
import { buildApp } from './app';
import { globalRoute } from './route';

let l: TestLinli;
beforeAll(async () => {
  l = await createTestLinli();
});
afterAll(() => l.close());

describe('routes and their permissions', () => {
  it('lists every API route with the permission it needs; only sign-in and the published pledge board are open to strangers', () => {
    const routes = l.app.linliRoutes;
    expect(routes.length).toBeGreaterThan(10);
    const table = routes.map((r) => `${r.method} ${r.url} → ${r.permission ?? r.access}`);
    for (const r of routes) {
      if (r.access === 'global' || r.access === 'community') expect(r.permission, `${r.method} ${r.url}`).toBeTruthy();
      expect(l.services.access.has(r.permission ?? 'none') || r.access === 'public' || r.access === 'signedIn', table.join('\n')).toBe(true);
    }
    expect(routes.filter((r) => r.access === 'public').map((r) => r.url)).toEqual([
      '/api/v1/auth/login',
      '/api/v1/public/pledge-boards/:token',
      '/api/v1/public/pledge-boards/:token/feedback',
      '/api/v1/public/notice-boards/:token',
      '/api/v1/public/notice-boards/:token/notices/:id',
      '/api/v1/public/notice-boards/:token/notices/:id/objections',
      '/api/v1/public/notice-boards/:token/proposals',
      '/api/v1/public/notice-boards/:token/proposals/:code',
    ]);
  });

  it('refuses to start with a route that declares no permission', async () => {
    const bad = { ...globalRoute({ method: 'GET', url: '/oops', summary: 'x', permission: 'users.manage', schema: {}, handler: async () => undefined }) };
    delete (bad as { permission?: string }).permission;
    await expect(buildApp(l.services, [bad])).rejects.toThrow(/declares no permission/);
  });

  it('refuses to start with a route that needs a permission nobody declared', async () => {
    const bad = globalRoute({ method: 'GET', url: '/oops', summary: 'x', permission: 'nothing.declared', schema: {}, handler: async () => undefined });
    await expect(buildApp(l.services, [bad])).rejects.toThrow(/unknown permission/);
  });

  it('answers every API route without a session with 401, in the one error shape', async () => {
    for (const r of l.app.linliRoutes.filter((x) => x.access !== 'public')) {
      const url = r.url.replace(/:(\w+)/g, 'x');
      const res = r.method === 'GET' ? await client(l).get(url) : await client(l).send(r.method as 'POST', url, {});
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'AUTH_REQUIRED', message: '请先登录' } });
    }
  });
});

describe('API conventions', () => {
  it('serves the OpenAPI document generated from the route schemas, and its docs page', async () => {
    const doc = (await l.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, { description?: string }>> };
    expect(doc.paths['/api/v1/communities/{communityId}/profile'].put.description).toContain('profile.update');
    expect(Object.keys(doc.paths).length).toBe(new Set(l.app.linliRoutes.map((r) => r.url)).size);
    const docs = await l.app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers health checks with the database state, and metrics in Prometheus text', async () => {
    const health = await l.app.inject('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
    await l.app.inject('/api/v1/auth/me');
    const metrics = await l.app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('linli_http_request_duration_seconds_bucket');
  });

  it('answers unknown API paths with the error shape in the asked language', async () => {
    const res = await l.app.inject({ url: '/api/v1/nowhere', headers: { cookie: 'linli_lang=en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found' } });
  });
});
