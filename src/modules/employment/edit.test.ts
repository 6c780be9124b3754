import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedFields, createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli, ok } from '../../core/testing';

let l: TestLinli;
let sec: Client;
let reg: string;
let dwelling: string;

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id);
  reg = `/api/v1/communities/${c.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  const id = async (url: string, body: unknown) => (await ok(await sec.send('POST', `${reg}/registry/${url}`, body))).id;
  const compound = await id('compounds', { name: '怡丽北园' });
  const building = await id('buildings', { compoundId: compound, number: '5' });
  const entrance = await id('entrances', { buildingId: building, number: '1' });
  dwelling = await id('dwellings', { compoundId: compound, entranceId: entrance, room: '302' });
});
afterAll(() => l.close());

describe('an edit of a re-employment case changes only what it was sent', () => {
  it('a note added alone keeps the registration date, skills, wishes and barriers; null clears only its own field', async () => {
    const resident = await ok(await sec.send('POST', `${reg}/residents`, { name: '周建军', gender: 'male', birthDate: '1976-05-01', dwellingId: dwelling }));
    const c = await ok(await sec.send('POST', `${reg}/employment/cases`, { residentId: resident.id, registeredOn: '2026-09-01', skills: '电工证', wishes: '物业维修', barriers: '年龄偏大', notes: '每周一来社区' }));
    const read = async () => ok(await sec.get(`${reg}/employment/cases/${c.id}`));
    const before = await read();
    await ok(await sec.send('PATCH', `${reg}/employment/cases/${c.id}`, { notes: '已推荐到物业公司' }));
    const noted = await read();
    expect(changedFields(before, noted)).toEqual(['notes']);
    await ok(await sec.send('PATCH', `${reg}/employment/cases/${c.id}`, { barriers: null }));
    expect(changedFields(noted, await read())).toEqual(['barriers']);
  });
});
