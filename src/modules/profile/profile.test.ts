import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type TestLinli } from '../../core/testing';
import { profileModule } from './index';

let l: TestLinli;
let sd: { id: string };
let a: { id: string; name: string };
let b: { id: string; name: string };
let other: { id: string };

const body = { address: '海淀区北四环西路88-2号', landArea: 37000, floorArea: 51000, movedInYear: 1999, greeningCoverage: 35.5, phone: '010-12345678', introduction: '1999年入住' };

beforeAll(async () => {
  l = await createTestLinli();
  sd = await makeSubDistrict(l, '曙光街道');
  a = await makeCommunity(l, sd.id, '怡丽北园社区');
  b = await makeCommunity(l, sd.id, '另一社区');
  const sd2 = await makeSubDistrict(l, '别的街道');
  other = await makeCommunity(l, sd2.id, '外街道社区');
});
afterAll(() => l.close());

describe('community profile', () => {
  it('lets the secretary edit the profile and shows the change to the sub-district', async () => {
    const sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: a.id })).username);
    const put = await sec.send('PUT', `/api/v1/communities/${a.id}/profile`, body);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ name: '怡丽北园社区', subDistrictName: '曙光街道', landArea: 37000, movedInYear: 1999 });

    const officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id })).username);
    const seen = await officer.get(`/api/v1/communities/${a.id}/profile`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().address).toBe('海淀区北四环西路88-2号');
  });

  it('lets the sub-district officer read every community of the sub-district but change none', async () => {
    const officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id })).username);
    expect((await officer.get(`/api/v1/communities/${a.id}/profile`)).statusCode).toBe(200);
    expect((await officer.get(`/api/v1/communities/${b.id}/profile`)).statusCode).toBe(200);
    const put = await officer.send('PUT', `/api/v1/communities/${b.id}/profile`, body);
    expect(put.statusCode).toBe(403);
    expect(put.json().error.code).toBe('FORBIDDEN');
    const list = (await officer.get('/api/v1/communities')).json() as { name: string }[];
    expect(list.map((c) => c.name).sort()).toEqual(['另一社区', '怡丽北园社区']);
  });

  it('answers 404 to a community-A user for community B through every route of the module', async () => {
    const users = await Promise.all(
      (['secretary', 'staff', 'building_leader', 'auditor'] as const).map(async (role) => signIn(l, (await makeUser(l, role, { communityId: a.id })).username)),
    );
    const routes = profileModule.routes ?? [];
    expect(routes.length).toBeGreaterThan(0);
    for (const user of users) {
      for (const r of routes) {
        for (const target of [b.id, other.id]) {
          const url = `/api/v1${r.url.replace(':communityId', target)}`;
          const res = r.method === 'GET' ? await user.get(url) : await user.send(r.method, url, body);
          expect(res.statusCode, `${r.method} ${url}`).toBe(404);
          expect(res.json().error.code).toBe('NOT_FOUND');
        }
      }
    }
    // and nothing of B leaked into the community list
    const list = (await users[0].get('/api/v1/communities')).json() as { id: string }[];
    expect(list.map((c) => c.id)).toEqual([a.id]);
  });

  it('does not let staff change the profile, but lets them read it', async () => {
    const staff = await signIn(l, (await makeUser(l, 'staff', { communityId: a.id })).username);
    expect((await staff.get(`/api/v1/communities/${a.id}/profile`)).statusCode).toBe(200);
    expect((await staff.send('PUT', `/api/v1/communities/${a.id}/profile`, body)).statusCode).toBe(403);
  });

  it('names the wrong field in Chinese and keeps the stored profile as it was', async () => {
    const sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: b.id })).username);
    await sec.send('PUT', `/api/v1/communities/${b.id}/profile`, body);
    const bad = await sec.send('PUT', `/api/v1/communities/${b.id}/profile`, { ...body, address: '新地址', greeningCoverage: 140 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ greeningCoverage: '不能大于 100' });
    expect((await sec.get(`/api/v1/communities/${b.id}/profile`)).json().address).toBe(body.address);
  });

  it('takes a moved-in year up to five years ahead of the day it is saved, not of the day the server started', async () => {
    const user = await makeUser(l, 'secretary', { communityId: b.id });
    const sec = await signIn(l, user.username);
    const ahead = await sec.send('PUT', `/api/v1/communities/${b.id}/profile`, { ...body, movedInYear: 2032 });
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().error.fields).toEqual({ movedInYear: '入住年份不能晚于2031年' });
    l.clock.advance(366 * 86_400_000);
    try {
      const nextYear = await signIn(l, user.username);
      expect((await nextYear.send('PUT', `/api/v1/communities/${b.id}/profile`, { ...body, movedInYear: 2032 })).statusCode).toBe(200);
    } finally {
      l.clock.advance(-366 * 86_400_000);
    }
  });

  it('records who changed the profile, with before and after, in the audit log', async () => {
    const sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: a.id }, { username: 'audit_sec' })).username);
    await sec.send('PUT', `/api/v1/communities/${a.id}/profile`, { ...body, address: '审计测试地址' });
    const rows = await l.services.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_username', '=', 'audit_sec')
      .where('action', '=', 'profile.update')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].community_id).toBe(a.id);
    expect(JSON.parse(rows[0].after_json!).address).toBe('审计测试地址');
    expect(JSON.parse(rows[0].before_json!).address).toBe(body.address);
    expect(rows[0].after_json).not.toContain('010-12345678');
  });
});
