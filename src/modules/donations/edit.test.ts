import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli, ok } from '../../core/testing';

let l: TestLinli;
let sec: Client;
let base: string;

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id);
  base = `/api/v1/communities/${c.id}/donations`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
});
afterAll(() => l.close());

describe('an edit of a drive changes only what it was sent', () => {
  it('closing a drive keeps its title, purpose and dates; a purpose cleared alone keeps the rest', async () => {
    const d = await ok(await sec.send('POST', `${base}/drives`, { title: '为困难家庭王阿姨捐款', purpose: '王阿姨丈夫重病住院', startDate: '2026-11-01', endDate: '2026-11-30' }));
    const read = async () => ok(await sec.get(`${base}/drives/${d.id}`));
    const before = await read();
    const closed = await ok(await sec.send('PATCH', `${base}/drives/${d.id}`, { status: 'closed' }));
    expect(changedFields(before, closed)).toEqual(['status']);
    await ok(await sec.send('PATCH', `${base}/drives/${d.id}`, { purpose: null }));
    expect(changedFields(closed, await read())).toEqual(['purpose']);
    await ok(await sec.send('PATCH', `${base}/drives/${d.id}`, { endDate: null }));
    expect(await read()).toMatchObject({ title: '为困难家庭王阿姨捐款', purpose: null, startDate: '2026-11-01', endDate: null, status: 'closed' });
  });
});
