import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, type Client, type TestLinli, ok, sectionFigures, communityWithSecretary } from '../../core/testing';
import { visitsModule } from '.';

/**
 * Every figure of the holiday-visits chapter, counted from two plans whose visits fall on both
 * sides of February 2026's first and last days: a constant, a `<` for a `<=`, or counting people
 * where households are meant changes a number.
 */
let l: TestLinli;
let sec: Client;
let base: string;
let communityId: string;

const post = async (url: string, body: unknown) => ok(await sec.send('POST', `${base}/${url}`, body));

const figures = (from: string, to: string) => sectionFigures(l, visitsModule, communityId, from, to);

beforeAll(async () => {
  l = await createTestLinli();
  const first = await communityWithSecretary(l);
  ({ base, sec } = first);
  communityId = first.community.id;
  const compound = (await post('registry/compounds', { name: '一区' })).id;
  const dwelling = async (room: string) => (await post('registry/dwellings', { compoundId: compound, room })).id;
  // 甲 alone, 乙 and 丙 a couple (one household), 丁 alone
  await post('residents', { name: '甲', birthDate: '1940-01-01', dwellingId: await dwelling('101') });
  const yi = await post('residents', { name: '乙', birthDate: '1941-01-01', dwellingId: await dwelling('102') });
  await post('residents', { name: '丙', birthDate: '1942-01-01', householdId: yi.householdId, relationToHead: 'spouse' });
  await post('residents', { name: '丁', birthDate: '1943-01-01', dwellingId: await dwelling('103') });
  const savedListId = (await post('saved-lists', { name: '全体居民', filters: {} })).id;
  const plan = async (occasion: string, title: string) => {
    const id = (await post('visits/plans', { occasion, year: 2026, title, savedListId, plannedFrom: '2026-01-20', plannedTo: '2026-03-10' })).id;
    const targets = (await ok(await sec.get(`${base}/visits/plans/${id}`))).targets as { id: string; name: string }[];
    return { id, target: (name: string) => targets.find((t) => t.name === name)!.id };
  };
  const visit = async (p: { id: string; target: (n: string) => string }, name: string, date: string, money: number, gifts?: string) =>
    ok(await sec.send('PUT', `${base}/visits/plans/${p.id}/targets/${p.target(name)}/visit`, { date, visitors: '王社工', money, ...(gifts ? { gifts } : {}) }));
  const spring = await plan('spring_festival', '春节走访');
  await visit(spring, '甲', '2026-02-01', 500, '米、油');
  await visit(spring, '乙', '2026-02-28', 300);
  await visit(spring, '丙', '2026-03-01', 200, '牛奶');
  await visit(spring, '丁', '2026-01-31', 100);
  const newYear = await plan('new_year', '元旦慰问');
  await visit(newYear, '丙', '2026-02-15', 0, '牛奶');
  await visit(newYear, '丁', '2026-02-15', 400);
});
afterAll(() => l.close());

describe('the holiday-visits chapter’s figures', () => {
  it('counts the visits made in February 2026, the households they reached, the money and the visits with gifts, overall and by occasion', async () => {
    expect(await figures('2026-02-01', '2026-02-28')).toEqual({
      visits: 4, // 甲 on the 1st, 乙 on the 28th, 丙 and 丁 on the 15th; not 丙 on 03-01 nor 丁 on 01-31
      households: 3, // 乙 and 丙 are one household
      money: 1200,
      gifts: 2,
      'occasion.new_year.visits': 2,
      'occasion.new_year.households': 2,
      'occasion.new_year.money': 400,
      'occasion.spring_festival.visits': 2,
      'occasion.spring_festival.households': 2,
      'occasion.spring_festival.money': 800,
    });
  });

  it('counts the days either side by the same rules, and nothing where no visit was made', async () => {
    expect(await figures('2026-01-31', '2026-01-31')).toEqual({
      visits: 1,
      households: 1,
      money: 100,
      gifts: 0,
      'occasion.spring_festival.visits': 1,
      'occasion.spring_festival.households': 1,
      'occasion.spring_festival.money': 100,
    });
    expect(await figures('2026-02-28', '2026-03-01')).toMatchObject({ visits: 2, households: 1, money: 500, gifts: 1 });
    expect(await figures('2025-01-01', '2025-12-31')).toEqual({ visits: 0, households: 0, money: 0, gifts: 0 });
  });
});
