import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, type Client, type TestLinli, ok, sectionFigures, communityWithSecretary } from '../../core/testing';
import { registryModule } from '.';

/**
 * Every figure of the registry's part of the profile chapter, counted from a few households whose
 * moves, births and care tags fall on both sides of a period's first and last days: a constant, a `<`
 * for a `<=`, or counting today's register where the period's end is meant changes a number.
 */
let l: TestLinli;
let sec: Client;
let base: string;
let communityId: string;

const post = async (url: string, body: unknown) => ok(await sec.send('POST', `${base}/${url}`, body));

const figures = (from: string, to: string) => sectionFigures(l, registryModule, communityId, from, to);

beforeAll(async () => {
  l = await createTestLinli();
  const first = await communityWithSecretary(l);
  ({ base, sec } = first);
  communityId = first.community.id;
  const one = (await post('registry/compounds', { name: '一区' })).id;
  const two = (await post('registry/compounds', { name: '二区' })).id;
  const b1 = (await post('registry/buildings', { compoundId: one, number: '1号楼' })).id;
  await post('registry/buildings', { compoundId: one, number: '2号楼' });
  await post('registry/buildings', { compoundId: two, number: '1号楼' });
  const entrance = (await post('registry/entrances', { buildingId: b1, number: '1单元' })).id;
  let room = 100;
  const dwelling = async () => (await post('registry/dwellings', { compoundId: one, entranceId: entrance, room: String(++room) })).id;
  const person = async (name: string, body: Record<string, unknown>) => (await post('residents', { name, ...body })).id;
  const tag = (residentIds: string[], t: string, action: 'add' | 'remove', date: string) => post('residents/tags', { residentIds, tag: t, action, date });
  const event = (id: string, kind: string, date: string) => post(`residents/${id}/events`, { kind, date });

  // 甲 turns 80 on 2026-03-31, his wife 乙 the day after; both have lived here for ever
  const jia = await person('甲', { birthDate: '1946-03-31', dwellingId: await dwelling() });
  const household = (await ok(await sec.get(`${base}/residents/${jia}`))).householdId as string;
  const yi = await person('乙', { birthDate: '1946-04-01', householdId: household, relationToHead: 'spouse' });
  // 丙 came on the last day of March, registered here but living elsewhere (户在人不在); 丁 came the day after
  const bing = await person('丙', { birthDate: '1980-01-01', movedInDate: '2026-03-31', residence: 'registered_only', dwellingId: await dwelling() });
  await person('丁', { birthDate: '1980-01-01', movedInDate: '2026-04-01', dwellingId: await dwelling() });
  // 戊 moves out in June, 己 moved out on the last day of 2025, 庚 died in February, 辛 came in 2025 and left on 2026-01-01
  const wu = await person('戊', { birthDate: '1950-01-01', dwellingId: await dwelling() });
  await event(wu, 'moved_out', '2026-06-15');
  await event(await person('己', { birthDate: '1950-01-01', dwellingId: await dwelling() }), 'moved_out', '2025-12-31');
  await event(await person('庚', { birthDate: '1930-01-01', dwellingId: await dwelling() }), 'deceased', '2026-02-01');
  await event(await person('辛', { birthDate: '1990-01-01', movedInDate: '2025-06-01', dwellingId: await dwelling() }), 'moved_out', '2026-01-01');
  // 壬 comes on the last day of September
  await person('壬', { birthDate: '1990-01-01', movedInDate: '2026-09-30', dwellingId: await dwelling() });

  await tag([jia], 'empty_nest', 'add', '2026-03-31');
  await tag([yi], 'empty_nest', 'add', '2026-04-01');
  await tag([bing], 'disabled', 'add', '2026-03-31');
  await tag([bing], 'disabled', 'remove', '2026-03-31');
  await tag([jia], 'dibao', 'add', '2025-01-01');
  await tag([yi], 'dibao', 'add', '2025-01-01');
  await tag([yi], 'dibao', 'remove', '2026-03-30');
  // a sensitive tag is never counted here
  await tag([jia], 'rectified', 'add', '2025-01-01');
});
afterAll(() => l.close());

describe('the registry’s figures', () => {
  it('counts the register as it stood at the end of March 2026, and the moves within the quarter', async () => {
    expect(await figures('2026-01-01', '2026-03-31')).toEqual({
      households: 3, // 甲乙's, 丙's, and 戊's, who had not moved out yet
      residents: 4, // 甲, 乙, 丙 (came on the last day), 戊; not 丁 (the day after), 己, 庚 or 辛
      livingHere: 3, // 丙 lives elsewhere
      compounds: 2,
      buildings: 3,
      aged80: 1, // 甲, 80 on the last day
      emptyNest: 1, // 甲's from the last day; 乙's from the day after
      disabled: 1, // 丙's, from and to the last day
      dibao: 1, // 甲's; 乙's ended the day before the last
      movedIn: 1, // 丙
      movedOut: 1, // 辛, on the first day
    });
  });

  it('counts the third quarter and the whole of 2025 by the same rules', async () => {
    expect(await figures('2026-07-01', '2026-09-30')).toEqual({
      households: 4,
      residents: 5, // 甲, 乙, 丙, 丁, 壬 (came on the last day)
      livingHere: 4,
      compounds: 2,
      buildings: 3,
      aged80: 2,
      emptyNest: 2,
      disabled: 0,
      dibao: 1,
      movedIn: 1,
      movedOut: 0,
    });
    expect(await figures('2025-01-01', '2025-12-31')).toEqual({
      households: 4, // 甲乙's, 戊's, 庚's and 辛's; 己 left on the last day, 丙 came in 2026
      residents: 5,
      livingHere: 5,
      compounds: 2,
      buildings: 3,
      aged80: 1, // 庚; 甲 is 79
      emptyNest: 0,
      disabled: 0,
      dibao: 2,
      movedIn: 1, // 辛
      movedOut: 1, // 己, on the last day
    });
  });
});
