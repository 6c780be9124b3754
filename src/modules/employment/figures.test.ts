import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, type Client, type TestLinli, ok, sectionFigures, communityWithSecretary } from '../../core/testing';
import { employmentModule } from '.';

/**
 * Every figure of the re-employment chapter, counted from a few households whose cases, placements
 * and zero-employment records fall on both sides of the first half of 2026: a constant, a `<` for a
 * `<=`, or counting placements where people are meant changes a number.
 */
let l: TestLinli;
let sec: Client;
let base: string;
let communityId: string;

const post = async (url: string, body: unknown) => ok(await sec.send('POST', `${base}/${url}`, body));

const figures = (from: string, to: string) => sectionFigures(l, employmentModule, communityId, from, to);
const KEYS = ['cases.registered', 'placed', 'placed.zero.households', 'placed.zero.people', 'placed.formal', 'placed.flexible', 'placed.public_welfare', 'zero.identified', 'zero.cleared', 'zero.open'];
const row = (f: Record<string, number | string | null>) => Object.fromEntries(KEYS.map((k) => [k, f[k]]));

beforeAll(async () => {
  l = await createTestLinli();
  const first = await communityWithSecretary(l);
  ({ base, sec } = first);
  communityId = first.community.id;
  const compound = (await post('registry/compounds', { name: '一区' })).id;
  let room = 100;
  /** a household: its people (name, birth date, gender, employment status), the first its head */
  const household = async (...people: [string, string, 'male' | 'female', string][]) => {
    const dwellingId = (await post('registry/dwellings', { compoundId: compound, room: String(++room) })).id;
    const ids: string[] = [];
    let householdId = '';
    for (const [i, [name, birthDate, gender, employmentStatus]] of people.entries()) {
      const r = await post('residents', { name, birthDate, gender, employmentStatus, relationToHead: i === 0 ? 'head' : 'spouse', ...(i === 0 ? { dwellingId } : { householdId }) });
      householdId = r.householdId as string;
      ids.push(r.id);
    }
    return { householdId, ids };
  };
  const caseOf = async (residentId: string, registeredOn: string) => (await post('employment/cases', { residentId, registeredOn })).id;
  const placed = (caseId: string, date: string, placementKind: string) => post(`employment/cases/${caseId}/actions`, { kind: 'placement', date, employer: '物业公司', placementKind });

  // 甲 lives alone, out of work: registered on the eve of 2026 (his household certified then), placed on its first day
  const h1 = await household(['甲', '1986-01-01', 'male', 'unemployed']);
  await placed(await caseOf(h1.ids[0], '2025-12-31'), '2026-01-01', 'formal');
  // 乙 and 丙, a couple out of work: certified on 2026-01-01; he is placed on 06-30 (clearing it), she on 07-01
  const h2 = await household(['乙', '1981-01-01', 'male', 'unemployed'], ['丙', '1986-01-01', 'female', 'unemployed']);
  const yi = await caseOf(h2.ids[0], '2026-01-01');
  const bing = await caseOf(h2.ids[1], '2026-01-02');
  await placed(yi, '2026-06-30', 'public_welfare');
  await placed(bing, '2026-07-01', 'flexible');
  // 丁's wife works, so theirs is no zero-employment household; he is placed twice in the half-year
  const h3 = await household(['丁', '1996-01-01', 'male', 'unemployed'], ['戊', '1998-01-01', 'female', 'employed']);
  const ding = await caseOf(h3.ids[0], '2026-01-15');
  await placed(ding, '2026-02-01', 'formal');
  await post(`employment/cases/${ding}/actions`, { kind: 'followup', date: '2026-03-01', stage: 1, outcome: 'left_job' });
  await placed(await caseOf(h3.ids[0], '2026-03-02'), '2026-06-30', 'flexible');
  // 己 is registered the day after the half-year; 庚 and 辛 are certified by the staff and still wait
  const h4 = await household(['己', '1976-01-01', 'male', 'unemployed']);
  await caseOf(h4.ids[0], '2026-07-01');
  const h5 = await household(['庚', '1981-01-01', 'female', 'unemployed']);
  await post('employment/zero-households', { householdId: h5.householdId, identifiedOn: '2025-06-01' });
  const h6 = await household(['辛', '1981-01-01', 'female', 'unemployed']);
  await post('employment/zero-households', { householdId: h6.householdId, identifiedOn: '2026-06-30' });
});
afterAll(() => l.close());

describe('the re-employment chapter’s figures', () => {
  it('counts the first half of 2026: cases registered, people placed (once each), placements by kind, households identified, cleared and still open', async () => {
    expect(row(await figures('2026-01-01', '2026-06-30'))).toEqual({
      'cases.registered': 4, // 乙 01-01, 丙 01-02, 丁 01-15 and again 03-02; not 甲 (2025-12-31) nor 己 (07-01)
      placed: 3, // 甲, 乙, 丁 (placed twice, one person)
      'placed.zero.households': 2,
      'placed.zero.people': 2, // 甲 and 乙
      'placed.formal': 2, // 甲, 丁's first job
      'placed.flexible': 1, // 丁's second; not 丙 (07-01)
      'placed.public_welfare': 1, // 乙
      'zero.identified': 2, // 乙丙's on the first day, 辛's on the last
      'zero.cleared': 2, // 甲's on the first day, 乙丙's on the last
      'zero.open': 2, // 庚's and 辛's; 乙丙's cleared on the last day
    });
  });

  it('counts the second half of 2026 and the whole of 2025 by the same rules', async () => {
    expect(row(await figures('2026-07-01', '2026-12-31'))).toEqual({
      'cases.registered': 1,
      placed: 1,
      'placed.zero.households': 1,
      'placed.zero.people': 1, // 丙, from the household certified when she registered
      'placed.formal': 0,
      'placed.flexible': 1,
      'placed.public_welfare': 0,
      'zero.identified': 1, // 己's
      'zero.cleared': 0,
      'zero.open': 3, // 己's, 庚's and 辛's
    });
    expect(row(await figures('2025-01-01', '2025-12-31'))).toEqual({
      'cases.registered': 1,
      placed: 0,
      'placed.zero.households': 0,
      'placed.zero.people': 0,
      'placed.formal': 0,
      'placed.flexible': 0,
      'placed.public_welfare': 0,
      'zero.identified': 2, // 庚's and 甲's (on the last day)
      'zero.cleared': 0,
      'zero.open': 2, // 甲's was cleared the day after
    });
  });
});
