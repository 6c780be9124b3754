import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../testing';

/**
 * Tenancy across every module: a user of community A gets 404 — never the data, never even a 403 —
 * for every community route aimed at community B, whatever module declared it.
 */
let l: TestLinli;
let a: { id: string };
let b: { id: string };
let users: Client[];

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  a = await makeCommunity(l, sd.id);
  b = await makeCommunity(l, sd.id);
  users = await Promise.all(
    (['secretary', 'staff', 'building_leader', 'auditor'] as const).map(async (role) => signIn(l, (await makeUser(l, role, { communityId: a.id })).username)),
  );
});
afterAll(() => l.close());

describe('tenancy', () => {
  it('answers 404 to every role of community A on every community route of every module aimed at community B', async () => {
    const routes = l.app.linliRoutes.filter((r) => r.access === 'community');
    expect(routes.length).toBeGreaterThan(5);
    for (const user of users) {
      for (const r of routes) {
        const url = r.url.replace(':communityId', b.id).replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
        const res = r.method === 'GET' ? await user.get(url) : await user.send(r.method as 'POST', url, {});
        expect(res.statusCode, `${r.method} ${url}`).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
    }
  });

  it('keeps a sub-district officer out of communities of other sub-districts', async () => {
    const other = await makeSubDistrict(l);
    const far = await makeCommunity(l, other.id);
    const officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: other.id })).username);
    for (const r of l.app.linliRoutes.filter((x) => x.access === 'community' && x.method === 'GET')) {
      const url = r.url.replace(':communityId', a.id).replace(/:(\w+)/g, 'x');
      expect((await officer.get(url)).statusCode, url).toBe(404);
    }
    expect((await officer.get(`/api/v1/communities/${far.id}/profile`)).statusCode).toBe(200);
  });
});
