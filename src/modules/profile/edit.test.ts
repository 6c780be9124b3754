import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';

let l: TestLinli;
let sec: Client;
let url: string;

const full = { address: '德清县武康街道春晖街 12 号', landArea: 52000, floorArea: 68000, movedInYear: 2004, greeningCoverage: 38, phone: '0572-8421234', introduction: '2004年入住，七个小区' };

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id);
  url = `/api/v1/communities/${c.id}/profile`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
});
afterAll(() => l.close());

describe('an edit of the community profile', () => {
  it('is the whole profile: one field sent alone is refused, naming what is missing, and nothing changes', async () => {
    expect((await sec.send('PUT', url, full)).statusCode).toBe(200);
    const before = (await sec.get(url)).json() as object;
    const res = await sec.send('PUT', url, { phone: '0572-8420000' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys((res.json() as { error: { fields: Record<string, string> } }).error.fields).sort()).toEqual(['address', 'floorArea', 'greeningCoverage', 'introduction', 'landArea', 'movedInYear']);
    expect(changedFields(before, (await sec.get(url)).json() as object)).toEqual([]);
    // sent whole, with one field changed, only that field changes; null clears
    expect(changedFields(before, (await sec.send('PUT', url, { ...full, greeningCoverage: null })).json() as object)).toEqual(['greeningCoverage']);
  });
});
