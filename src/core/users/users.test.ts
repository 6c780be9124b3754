import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type TestLinli } from '../testing';

let l: TestLinli;
let sd: { id: string };
let a: { id: string };
let b: { id: string };

beforeAll(async () => {
  l = await createTestLinli();
  sd = await makeSubDistrict(l, '曙光街道');
  a = await makeCommunity(l, sd.id, '甲社区');
  b = await makeCommunity(l, sd.id, '乙社区');
});
afterAll(() => l.close());

const staffGrant = (communityId: string) => [{ role: 'staff', communityId, subDistrictId: null }];

describe('users page', () => {
  it('lets a secretary staff their own community but not another, nor hand out sub-district roles', async () => {
    const sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: a.id })).username);
    const ok = await sec.send('POST', '/api/v1/users', { username: 'a_staff', displayName: '甲社工', password: 'Bamboo-Grove-31', grants: staffGrant(a.id) });
    expect(ok.statusCode).toBe(200);
    const other = await sec.send('POST', '/api/v1/users', { username: 'b_staff', displayName: '乙社工', password: 'Bamboo-Grove-31', grants: staffGrant(b.id) });
    expect(other.statusCode).toBe(403);
    const up = await sec.send('POST', '/api/v1/users', {
      username: 'sd_officer',
      displayName: '街道',
      password: 'Bamboo-Grove-31',
      grants: [{ role: 'subdistrict_officer', subDistrictId: sd.id, communityId: null }],
    });
    expect(up.statusCode).toBe(403);
  });

  it('shows each administrator only the users inside their scope', async () => {
    await makeUser(l, 'staff', { communityId: b.id }, { username: 'only_in_b' });
    const secA = await signIn(l, (await makeUser(l, 'secretary', { communityId: a.id })).username);
    const names = ((await secA.get('/api/v1/users?pageSize=200')).json().items as { username: string }[]).map((u) => u.username);
    expect(names).not.toContain('only_in_b');
    const sdAdmin = await signIn(l, (await makeUser(l, 'subdistrict_admin', { subDistrictId: sd.id })).username);
    const all = ((await sdAdmin.get('/api/v1/users?pageSize=200')).json().items as { username: string }[]).map((u) => u.username);
    expect(all).toContain('only_in_b');
    // a user of community B is not even there to be changed by community A's secretary
    const target = await l.services.db.kysely.selectFrom('app_user').select('id').where('username', '=', 'only_in_b').executeTakeFirstOrThrow();
    expect((await secA.send('PATCH', `/api/v1/users/${target.id}`, { disabled: true })).statusCode).toBe(404);
  });

  it('refuses the users page to staff', async () => {
    const staff = await signIn(l, (await makeUser(l, 'staff', { communityId: a.id })).username);
    expect((await staff.get('/api/v1/users')).statusCode).toBe(403);
  });

  it('changes roles, and a reset password must be changed at next sign-in', async () => {
    const sdAdmin = await signIn(l, (await makeUser(l, 'subdistrict_admin', { subDistrictId: sd.id })).username);
    const u = await makeUser(l, 'staff', { communityId: a.id });
    const patched = await sdAdmin.send('PATCH', `/api/v1/users/${u.id}`, { grants: [{ role: 'secretary', communityId: b.id, subDistrictId: null }] });
    expect(patched.json().grants).toEqual([{ role: 'secretary', communityId: b.id, subDistrictId: null }]);
    expect((await sdAdmin.send('POST', `/api/v1/users/${u.id}/reset-password`, { password: 'Willow-Bank-88' })).statusCode).toBe(204);
    const c = await signIn(l, u.username, 'Willow-Bank-88');
    expect((await c.get('/api/v1/auth/me')).json()).toMatchObject({ mustChangePassword: true, communities: [{ id: b.id }] });
  });

  it('refuses a community grant that names another sub-district, naming the field', async () => {
    const other = await makeSubDistrict(l, '武康街道');
    const far = await makeCommunity(l, other.id, '春晖社区');
    const sdAdmin = await signIn(l, (await makeUser(l, 'subdistrict_admin', { subDistrictId: sd.id })).username);
    const create = (username: string, grant: Record<string, unknown>) =>
      sdAdmin.send('POST', '/api/v1/users', { username, displayName: '审计员', password: 'Bamboo-Grove-31', grants: [grant] });
    // its own community, but the sub-district of another: the grant would read that sub-district's audit log
    const mixed = await create('mixed_auditor', { role: 'auditor', communityId: a.id, subDistrictId: other.id });
    expect(mixed.statusCode).toBe(400);
    expect(Object.keys(mixed.json().error.fields)).toEqual(['grants.0.subDistrictId']);
    const mixedB = await create('mixed_auditor_b', { role: 'auditor', communityId: far.id, subDistrictId: sd.id });
    expect(mixedB.statusCode).toBe(403);
    const u = await makeUser(l, 'staff', { communityId: a.id });
    const patched = await sdAdmin.send('PATCH', `/api/v1/users/${u.id}`, { grants: [{ role: 'staff', communityId: a.id, subDistrictId: other.id }] });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().error.fields['grants.0.subDistrictId']).toBeTruthy();
    const stored = await l.services.db.kysely.selectFrom('user_grant').select('sub_district_id').where('sub_district_id', '=', other.id).execute();
    expect(stored).toEqual([]);
    // the same community with its own sub-district, or none, is fine
    expect((await create('good_auditor', { role: 'auditor', communityId: a.id, subDistrictId: sd.id })).statusCode).toBe(200);
    expect((await create('good_auditor_2', { role: 'auditor', communityId: a.id, subDistrictId: null })).statusCode).toBe(200);
  });

  it('lifts a sign-in lock when an administrator sets a new password', async () => {
    const secA = await signIn(l, (await makeUser(l, 'secretary', { communityId: a.id })).username);
    const u = await makeUser(l, 'staff', { communityId: a.id });
    for (let i = 0; i < 5; i++) await secA.send('POST', '/api/v1/auth/login', { username: u.username, password: 'forgotten-pass-1' });
    expect((await l.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: u.password } })).statusCode).toBe(401);
    expect((await secA.send('POST', `/api/v1/users/${u.id}/reset-password`, { password: 'Willow-Bank-88' })).statusCode).toBe(204);
    expect((await l.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: 'Willow-Bank-88' } })).statusCode).toBe(200);
  });

  it('exports the users list to an Excel file that LibreOffice reads back', async () => {
    const sdAdmin = await signIn(l, (await makeUser(l, 'subdistrict_admin', { subDistrictId: sd.id })).username);
    await makeUser(l, 'staff', { communityId: a.id }, { username: 'export_me' });
    const res = await sdAdmin.get('/api/v1/users/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('用户列表.xlsx'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-xlsx-'));
    fs.writeFileSync(path.join(dir, 'users.xlsx'), res.rawPayload);
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, path.join(dir, 'users.xlsx')], { stdio: 'pipe', timeout: 120_000 });
    const csv = fs.readFileSync(path.join(dir, 'users.csv'), 'utf8');
    expect(csv.split('\n')[0]).toContain('用户名');
    expect(csv).toMatch(/export_me,export_me,社区工作者（甲社区）/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
