import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, signIn, type Client, type TestLinli } from '../../core/testing';
import { visitsModule } from '.';

/**
 * The demo's holiday visits: the seed report names whom the committee visits (退休老干部、老职工、困难户)
 * but gives no counts, so these tests prove the report's figures are the sum of the records and that
 * every plan was drawn from the registry's saved lists.
 */
let l: TestLinli;
let today: string;
let from: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  l = await createTestLinli({ demo: true });
  today = l.clock.now().toISOString().slice(0, 10);
  from = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
  for (const c of await l.services.db.kysely.selectFrom('community').select(['id', 'name']).execute()) ids[c.name] = c.id;
}, 180_000);
afterAll(() => l.close());

type Plan = { id: string; occasion: string; year: number; listName: string; plannedTo: string; progress: { targets: number; visited: number; money: number } };

async function check(c: Client, name: string) {
  const base = `/api/v1/communities/${ids[name]}`;
  const plans = (await c.get(`${base}/visits/plans`)).json() as Plan[];
  const s = await visitsModule.reportSection!({ db: l.services.db, communityId: ids[name], from, to: today });
  const f = Object.fromEntries(s.figures.map((x) => [x.key, x.value]));
  // past plans are done; the one under way is partly done
  const past = plans.filter((p) => p.plannedTo < today);
  const current = plans.filter((p) => p.plannedTo >= today);
  expect(past.length).toBeGreaterThanOrEqual(8);
  for (const p of past) expect(p.progress.visited).toBe(p.progress.targets);
  expect(current).toHaveLength(1);
  expect(current[0].progress.visited).toBeGreaterThan(0);
  expect(current[0].progress.visited).toBeLessThan(current[0].progress.targets);
  // the report is the sum of the plans, and by occasion the sum of the ledgers
  expect(f['visits']).toBe(plans.reduce((a, p) => a + p.progress.visited, 0));
  expect(f['money']).toBe(plans.reduce((a, p) => a + p.progress.money, 0));
  for (const occasion of ['spring_festival', 'july_first', 'double_ninth']) {
    let visits = 0;
    for (const year of new Set(plans.filter((p) => p.occasion === occasion).map((p) => p.year))) visits += (await c.get(`${base}/visits/ledger?occasion=${occasion}&year=${year}`)).json().totals.visits;
    expect(visits).toBeGreaterThan(0);
    expect(f[`occasion.${occasion}.visits`]).toBe(visits);
  }
  // plans were drawn from the registry's saved lists
  const lists = (await c.get(`${base}/saved-lists`)).json() as { name: string; count: number }[];
  expect(lists.map((x) => x.name)).toEqual(expect.arrayContaining(['离退休干部', '老职工', '困难户']));
  const latestCadres = plans.filter((p) => p.listName === '离退休干部').sort((a, b) => b.plannedTo.localeCompare(a.plannedTo))[0];
  expect(latestCadres.progress.targets).toBe(lists.find((x) => x.name === '离退休干部')!.count);
  return s;
}

describe('demo holiday visits over the two years ending on the seed day', () => {
  it('怡丽北园: 春节 visits to retired cadres, old workers and households in difficulty, 七一 and 重阳节, summed into the report', async () => {
    const s = await check(await signIn(l, 'yili_secretary', 'Linli-demo-2026'), '怡丽北园社区');
    expect(s.highlights?.some((h) => /春节走访慰问离退休干部、老职工、困难户、低保户\d+户，发放慰问金[\d,]+元。/.test(h.text.zh))).toBe(true);
  });
  it('春晖: the same programme', async () => {
    await check(await signIn(l, 'chunhui_secretary', 'Linli-demo-2026'), '春晖社区');
  });
});
