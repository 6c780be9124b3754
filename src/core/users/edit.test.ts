import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../testing';

let l: TestLinli;
let admin: Client;
let community: { id: string };

type User = Record<string, unknown> & { id: string; username: string };

async function ok<T = User>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
}
const read = async (u: { id: string; username: string }) => (await ok<{ items: User[] }>(await admin.get(`/api/v1/users?q=${u.username}`))).items.find((x) => x.id === u.id)!;

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  community = await makeCommunity(l, sd.id);
  admin = await signIn(l, (await makeUser(l, 'subdistrict_admin', { subDistrictId: sd.id })).username);
});
afterAll(() => l.close());

describe('an edit of a user changes only what it was sent', () => {
  it('a new display name keeps the roles and the account enabled; disabling keeps the name and roles', async () => {
    const u = await makeUser(l, 'building_leader', { communityId: community.id });
    const before = await read(u);
    await ok(await admin.send('PATCH', `/api/v1/users/${u.id}`, { displayName: '王楼长' }));
    const renamed = await read(u);
    expect(changedFields(before, renamed)).toEqual(['displayName']);
    await ok(await admin.send('PATCH', `/api/v1/users/${u.id}`, { disabled: true }));
    expect(changedFields(renamed, await read(u))).toEqual(['disabled']);
  });

  it('grants sent replace the roles as a whole; a scope left out of a grant is none', async () => {
    const u = await makeUser(l, 'staff', { communityId: community.id });
    const before = await read(u);
    const after = await ok(await admin.send('PATCH', `/api/v1/users/${u.id}`, { grants: [{ role: 'auditor', communityId: community.id }] }));
    expect(after.grants).toEqual([{ role: 'auditor', subDistrictId: null, communityId: community.id }]);
    expect(changedFields(before, await read(u))).toEqual(['grants']);
  });
});
