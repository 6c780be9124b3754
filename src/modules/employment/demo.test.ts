import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, signIn, type TestLinli } from '../../core/testing';
import type { ReportSection } from '../../core/module';
import { employmentModule } from '.';

/** The seed report's re-employment figures come out of the demo's records through the report section. */
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

const section = (name: string): Promise<ReportSection> => employmentModule.reportSection!({ db: l.services.db, communityId: ids[name], from, to: today });
const figures = async (name: string) => Object.fromEntries((await section(name)).figures.map((f) => [f.key, f.value]));

describe('demo re-employment figures over the two years ending on the seed day', () => {
  it('怡丽北园: 9 placed, of them 6 people from 5 zero-employment households, with the sentence for the report', async () => {
    const s = await section('怡丽北园社区');
    const f = Object.fromEntries(s.figures.map((x) => [x.key, x.value]));
    expect(f['placed']).toBe(9);
    expect(f['placed.zero.households']).toBe(5);
    expect(f['placed.zero.people']).toBe(6);
    expect(f['zero.cleared']).toBe(5);
    expect(Number(f['placed.formal']) + Number(f['placed.flexible']) + Number(f['placed.public_welfare'])).toBe(9);
    expect(s.highlights?.find((h) => h.key === 'placed')?.text.zh).toBe('安置社区有就业愿望的失业人员9人，其中零就业家庭5户6人。');
    expect(s.figures.find((x) => x.key === 'placed')?.link).toBe(`employment?status=placed&placedFrom=${from}&placedTo=${today}`);
  });

  it('春晖 has its own, smaller book', async () => {
    const f = await figures('春晖社区');
    expect(f['placed']).toBe(6);
    expect(f['placed.zero.households']).toBe(3);
    expect(f['placed.zero.people']).toBe(3);
  });

  it('the secretary sees the same through the API: the placed list behind the figure, a live countdown and a follow-up due', async () => {
    const sec = await signIn(l, 'yili_secretary', 'Linli-demo-2026');
    const base = `/api/v1/communities/${ids['怡丽北园社区']}/employment`;
    const link = (await section('怡丽北园社区')).figures.find((x) => x.key === 'placed.zero.people')!.link!;
    const listed = (await sec.get(`/api/v1/communities/${ids['怡丽北园社区']}/${link.replace('employment?', 'employment/cases?')}`)).json();
    expect(listed.total).toBe(6);
    const board = (await sec.get(`${base}/zero-households`)).json();
    expect(board.cleared).toHaveLength(5);
    const open = board.current.filter((h: { state: string }) => h.state === 'open');
    expect(open).toHaveLength(1);
    expect(open[0].daysLeft).toBeGreaterThan(0);
    expect(board.current.filter((h: { state: string }) => h.state === 'untracked')).toHaveLength(1);
    const due = (await sec.get(`${base}/followups`)).json();
    expect(due.map((d: { stage: number }) => d.stage)).toContain(1);
    // every placed resident is employed at the employer in the registry
    const placed = (await sec.get(`${base}/cases?status=placed&pageSize=50`)).json();
    for (const c of placed.items) {
      const r = (await sec.get(`/api/v1/communities/${ids['怡丽北园社区']}/residents/${c.residentId}`)).json();
      expect([r.employmentStatus, r.workUnit]).toEqual(['employed', c.placement.employer]);
    }
  });
});
