import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, signIn, type TestLinli } from '../../core/testing';
import type { ReportSection } from '../../core/module';
import { governanceModule } from '.';

/** The seed report's self-governance facts come out of the demo's records through the report section. */
let l: TestLinli;
let today: string;
let from: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  l = await createTestLinli({ demo: true });
  today = l.clock.now().toISOString().slice(0, 10);
  from = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
  for (const c of await l.services.db.kysely.selectFrom('community').select(['id', 'name']).execute()) ids[c.name] = c.id;
}, 120_000);
afterAll(() => l.close());

const section = (name: string): Promise<ReportSection> => governanceModule.reportSection!({ db: l.services.db, communityId: ids[name], from, to: today });
const figures = async (name: string) => Object.fromEntries((await section(name)).figures.map((f) => [f.key, f.value]));

describe('demo self-governance over the two years ending on the seed day', () => {
  it('怡丽北园: the assembly decided the six matters of the report, each noticed on the board and closed', async () => {
    const s = await section('怡丽北园社区');
    const f = Object.fromEntries(s.figures.map((x) => [x.key, x.value]));
    expect(f['meetings.held']).toBe(4);
    expect(f['resolutions']).toBe(6);
    expect(f['proposals.passed']).toBe(6);
    expect(f['proposals.rejected']).toBe(1);
    expect(f['proposals.deferred']).toBe(1);
    expect(f['notices.resolutions']).toBe(6);
    expect(Number(f['notices.noObjection']) + Number(f['notices.objectionsHandled'])).toBe(6);
    expect(f['notices.objectionsHandled']).toBe(2);
    expect(f['objections']).toBe(3);
    expect(f['objections.answered']).toBe(3);
    expect(f['representatives']).toBe(24);
    expect(Number(f['meetings.attendanceRate'])).toBeGreaterThan(50);
    const matters = ['服务站', '健身器材', '信报箱', '自行车棚', '自行车集中存放、收费管理', '清理地下室'];
    expect(s.highlights).toHaveLength(6);
    for (const m of matters) expect(s.highlights!.some((h) => h.text.zh.includes(m) && /公示7天/.test(h.text.zh))).toBe(true);
    expect(s.highlights!.every((h) => h.link?.startsWith('governance/proposals?open='))).toBe(true);
    expect(s.figures.find((x) => x.key === 'proposals.passed')?.link).toBe(`governance/proposals?state=passed&by=decided&from=${from}&to=${today}`);
  });

  it('春晖: 11 partner units with joint meetings and contributions, a self-governance group per compound, the trinity in four', async () => {
    const f = await figures('春晖社区');
    expect(f['partners.units']).toBe(11);
    expect(f['partners.jointMeetings']).toBe(4);
    expect(Number(f['partners.resources'])).toBeGreaterThanOrEqual(22);
    expect(Number(f['partners.money']) + Number(f['partners.volunteers'])).toBeGreaterThan(0);
    // one group in every compound where registered residents live
    const lived = await l.services.db.kysely
      .selectFrom('resident')
      .innerJoin('household', 'household.id', 'resident.household_id')
      .innerJoin('dwelling', 'dwelling.id', 'household.dwelling_id')
      .select((eb) => eb.fn.count('dwelling.compound_id').distinct().as('n'))
      .where('resident.community_id', '=', ids['春晖社区'])
      .where('resident.status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(f['groups.selfGovernance']).toBe(Number(lived.n));
    expect(Number(lived.n)).toBeGreaterThanOrEqual(6);
    expect(f['groups.trinity']).toBe(4);
    expect(f['groups.ownersPrep']).toBe(1);
    expect(f['resolutions']).toBe(2);
  });

  it('the secretary sees the same through the API; the demo notice board is published with the budget up now', async () => {
    const sec = await signIn(l, 'yili_secretary', 'Linli-demo-2026');
    const base = `/api/v1/communities/${ids['怡丽北园社区']}/governance`;
    const report = (await sec.get(`${base}/report?from=${from}&to=${today}`)).json();
    expect(report.figures.find((x: { key: string }) => x.key === 'resolutions').value).toBe(6);
    const s = (await sec.get(`${base}/settings`)).json();
    expect(s.boardEnabled).toBe(true);
    const pub = (await l.app.inject(`/api/v1/public/notice-boards/${s.boardToken}`)).json();
    expect(pub.notices.find((n: { phase: string }) => n.phase === 'open').title).toBe('社区公益事业专项资金使用情况公示');
    const meetings = (await sec.get(`${base}/meetings`)).json();
    expect(meetings.items[0]).toMatchObject({ status: 'planned', agenda: 1 });
    expect(meetings.items.filter((m: { quorum: { met: boolean }; status: string }) => m.status === 'held').every((m: { quorum: { met: boolean } }) => m.quorum.met)).toBe(true);
  });
});
