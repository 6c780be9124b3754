import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, signIn, type TestLinli } from '../../core/testing';
import type { ReportSection } from '../../core/module';
import { servicesModule } from '.';

/** The seed report's service figures come out of the demo's records through the report section. */
let l: TestLinli;
let today: string;
let from: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  l = await createTestLinli({ demo: true });
  today = new Date(l.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  from = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
  for (const c of await l.services.db.kysely.selectFrom('community').select(['id', 'name']).execute()) ids[c.name] = c.id;
}, 120_000);
afterAll(() => l.close());

const section = (name: string): Promise<ReportSection> => servicesModule.reportSection!({ db: l.services.db, communityId: ids[name], from, to: today });
const figures = async (name: string) => Object.fromEntries((await section(name)).figures.map((f) => [f.key, f.value]));

describe('demo service figures over the two years ending on the seed day', () => {
  it('怡丽北园: 520-odd household-times of door-to-door service (送菜、送餐、理发、收废品), counted from the delivery log', async () => {
    const f = await figures('怡丽北园社区');
    const ht = f['door.householdTimes'] as number;
    // “520余户/次”. The schedules are walked over the working days before the seed day, so the count
    // follows the calendar of those two years; the test's seed day is fixed (TestClock), and so is the count
    expect(ht).toBeGreaterThanOrEqual(520);
    expect(ht).toBeLessThanOrEqual(529);
    // the kinds add up to the whole, and each of the four the report names has visits
    const kinds = ['vegetables', 'meals', 'haircut', 'waste'].map((k) => f[`door.householdTimes.${k}`] as number);
    for (const k of kinds) expect(k).toBeGreaterThan(0);
    expect(kinds.reduce((a, b) => a + b, 0)).toBe(ht);
    // the same count as the log's own rows: done visits, one per household, service and day
    const db = l.services.db.kysely;
    const rows = await db
      .selectFrom('door_delivery')
      .select(['household_id', 'date', 'item_id'])
      .where('community_id', '=', ids['怡丽北园社区'])
      .where('outcome', '=', 'done')
      .where('date', '>=', from)
      .where('date', '<=', today)
      .execute();
    expect(new Set(rows.map((r) => `${r.household_id}|${r.date}|${r.item_id}`)).size).toBe(ht);
    expect(f['door.residentsServed']).toBe(12);
  });

  it('怡丽北园: a station of 10-odd services with the providers that joined, and a hall with duties posted', async () => {
    const f = await figures('怡丽北园社区');
    // “10余项”
    expect(f['catalogue.station']).toBeGreaterThanOrEqual(10);
    expect(f['catalogue.station']).toBeLessThanOrEqual(19);
    expect(f['providers']).toBe(11);
    expect(f['catalogue.hall']).toBe(6);
    const s = await section('怡丽北园社区');
    expect(s.highlights?.map((h) => h.text.zh).join('')).toMatch(/受益\d+户\/次/);
  });

  it('春晖: a one-stop hall of 劳动保障, 计划生育, 民政户籍, 环境卫生, 党员服务; hotline tickets followed up with ratings', async () => {
    const f = await figures('春晖社区');
    expect(f['catalogue.hall']).toBe(5);
    const total = f['tickets.total'] as number;
    expect(total).toBeGreaterThan(100);
    const channels = ['desk', 'hotline', 'online'].map((c) => f[`tickets.channel.${c}`] as number);
    expect(channels.reduce((a, b) => a + b, 0)).toBe(total);
    expect(f['tickets.channel.hotline']).toBeGreaterThan(0);
    const states = ['accepted', 'assigned', 'in_progress', 'done', 'followed_up', 'closed'].map((s) => f[`tickets.status.${s}`] as number);
    expect(states.reduce((a, b) => a + b, 0)).toBe(total);
    expect(f['tickets.satisfaction']).toBeGreaterThan(4);
    expect(f['tickets.satisfaction']).toBeLessThanOrEqual(5);
    expect(f['tickets.onTimeRate']).toBeGreaterThan(80);
    expect(f['tickets.onTimeRate']).toBeLessThan(100);
    // tickets by service, keyed by the service's code, with the satisfaction of each
    expect(f['tickets.service.meals']).toBeGreaterThan(0);
    expect(f['tickets.satisfaction.meals']).toBeGreaterThanOrEqual(1);
  });

  it('every figure links to the list behind it, and the secretary sees the same figures through the API', async () => {
    const s = await section('怡丽北园社区');
    for (const fig of s.figures) expect(fig.link, fig.key).toMatch(/^services\//);
    const sec = await signIn(l, 'yili_secretary', 'Linli-demo-2026');
    const base = `/api/v1/communities/${ids['怡丽北园社区']}/services`;
    const res = await sec.get(`${base}/report?from=${from}&to=${today}`);
    expect(res.statusCode).toBe(200);
    const ht = res.json().figures.find((x: { key: string }) => x.key === 'door.householdTimes');
    expect(ht.value).toBe((await figures('怡丽北园社区'))['door.householdTimes']);
    // the drill-down list shows the same number
    const log = (await sec.get(`${base}/door/deliveries?from=${from}&to=${today}&outcome=done`)).json();
    expect(log.householdTimes).toBe(ht.value);
    // the desk has work waiting: calls of the last days still open, the oldest of them past their limit
    const o = (await sec.get(`${base}/overview`)).json();
    expect(o.openTickets).toBeGreaterThan(0);
    expect(o.overdueTickets).toBeGreaterThan(0);
    expect(o.overdueTickets).toBeLessThan(o.openTickets);
  });

  it('the volunteer 赵楼长 has today’s lunch round waiting, nothing ticked yet', async () => {
    const leader = await signIn(l, 'yili_leader', 'Linli-demo-2026');
    const res = await leader.get(`/api/v1/communities/${ids['怡丽北园社区']}/services/door/day`);
    expect(res.statusCode).toBe(200);
    const day = res.json();
    expect(day.providers).toHaveLength(1);
    expect(day.providers[0].providerName).toBe('赵楼长');
    expect(day.providers[0].stops.length).toBeGreaterThanOrEqual(2);
    expect(day.providers[0].stops.every((s: { outcome: string | null }) => s.outcome === null)).toBe(true);
  });
});
