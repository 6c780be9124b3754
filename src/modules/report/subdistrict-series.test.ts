import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import type { Compare, Series } from './schema';

/**
 * The sub-district's charts: a figure summed over its communities month by month (this year against
 * last) and year by year, over newsletter deliveries this test records by hand in two communities;
 * a month opens the community-against-community breakdown of that month. Only a grant over the whole
 * sub-district sees them. Today is 2026-11-25.
 */
let l: TestLinli;
let officer: Client;
let secA: Client;
let staffB: Client;
let farOfficer: Client;
let communityOfficer: Client;
let sdId: string;
let aId: string;
let bId: string;

async function ok<T = Record<string, never>>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
}
const id = async (c: Client, url: string, body: unknown): Promise<string> => (await ok<{ id: string }>(await c.send('POST', url, body))).id;

/** a newsletter issue of `date`, a copy handed to each member on `deliveredAt` */
async function issue(c: Client, base: string, n: number, date: string, deliveredAt: string, memberIds: string[]) {
  const i = await id(c, `${base}/party/newsletters`, { number: n, date, title: `简报第${n}期`, content: '' });
  await ok(await c.send('POST', `${base}/party/newsletters/${i}/deliveries`, { memberIds, deliveredBy: '吴主任', deliveredAt }));
}

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l, '合计街道');
  sdId = sd.id;
  const far = await makeSubDistrict(l, '别的街道');
  const a = await makeCommunity(l, sd.id, '东区社区');
  const b = await makeCommunity(l, sd.id, '西区社区');
  aId = a.id;
  bId = b.id;
  officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id })).username);
  farOfficer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: far.id })).username);
  // an officer whose grant covers one community only, not the whole sub-district
  communityOfficer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id, communityId: a.id })).username);
  secA = await signIn(l, (await makeUser(l, 'secretary', { communityId: a.id })).username);
  staffB = await signIn(l, (await makeUser(l, 'staff', { communityId: b.id })).username);
  const baseA = `/api/v1/communities/${a.id}`;
  const baseB = `/api/v1/communities/${b.id}`;

  // 东区: two members; March 2026 → 2 copies, June 2025 → 1 copy
  const a1 = await id(secA, `${baseA}/party/members`, { kind: 'reporting', name: '东一', phone: '13900000001' });
  const a2 = await id(secA, `${baseA}/party/members`, { kind: 'reporting', name: '东二', phone: '13900000002' });
  await issue(secA, baseA, 1, '2026-03-01', '2026-03-02', [a1, a2]);
  await issue(secA, baseA, 2, '2025-06-01', '2025-06-10', [a1]);
  // 西区: one member; March 2026 → 1, July 2026 → 1, June 2025 → 1, and 2023 → 1
  const b1 = await id(staffB, `${baseB}/party/members`, { kind: 'reporting', name: '西一', phone: '13900000003' });
  await issue(staffB, baseB, 1, '2026-03-05', '2026-03-20', [b1]);
  await issue(staffB, baseB, 2, '2026-07-01', '2026-07-02', [b1]);
  await issue(staffB, baseB, 3, '2025-06-15', '2025-06-30', [b1]);
  await issue(staffB, baseB, 4, '2023-12-31', '2023-12-31', [b1]);
});
afterAll(() => l.close());

const url = (figure: string, year = 2026) => `/api/v1/sub-districts/${sdId}/report/series?figure=${figure}&year=${year}`;

describe('the sub-district’s charts', () => {
  it('sums newsletter copies over both communities, month by month this year against last, and year by year', async () => {
    const s = await ok<Series>(await officer.get(url('party.newsletter.copies')));
    expect(s.figure).toMatchObject({ key: 'newsletter.copies', module: 'party', link: 'party/newsletters?from=2026-01-01&to=2026-11-25' });
    // 2026: March 2 (东区) + 1 (西区), July 1 (西区); December has not begun
    expect(s.months.thisYear).toEqual([0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, null]);
    // 2025: June 1 (东区) + 1 (西区)
    expect(s.months.lastYear).toEqual([0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]);
    expect(s.years.map(({ year, value }) => ({ year, value }))).toEqual([
      { year: 2022, value: 0 },
      { year: 2023, value: 1 },
      { year: 2024, value: 0 },
      { year: 2025, value: 2 },
      { year: 2026, value: 4 },
    ]);
    // a sum has no records page of its own: a month opens the communities, each with its own link
    expect(s.monthLinks.thisYear.every((x) => x === null)).toBe(true);
  });

  it('sums each community’s count for the same figure the community dashboard charts', async () => {
    const issues = await ok<Series>(await officer.get(url('party.newsletter.issues')));
    expect(issues.months.thisYear.slice(0, 8)).toEqual([0, 0, 2, 0, 0, 0, 1, 0]);
    const one = async (c: string) => ok<Series>(await officer.get(`/api/v1/communities/${c}/report/series?figure=party.newsletter.issues&year=2026`));
    const [ea, eb] = [await one(aId), await one(bId)];
    expect(issues.months.lastYear).toEqual(ea.months.lastYear.map((v, i) => (v ?? 0) + (eb.months.lastYear[i] ?? 0)));
    expect(issues.years.map((y) => y.value)).toEqual(ea.years.map((y, i) => (y.value ?? 0) + (eb.years[i].value ?? 0)));
  });

  it('a month opens community against community for that month, this year against the same month last year', async () => {
    const march = await ok<Compare>(await officer.get(`/api/v1/sub-districts/${sdId}/report/compare?figure=party.newsletter.copies&year=2026&month=3`));
    expect(march.month).toBe(3);
    const byName = Object.fromEntries(march.communities.map((x) => [x.communityName, x]));
    // each community's bar opens that community's copies of March
    expect(byName['东区社区']).toMatchObject({ communityId: aId, thisYear: 2, lastYear: 0, link: 'party/newsletters?from=2026-03-01&to=2026-03-31' });
    expect(byName['西区社区']).toMatchObject({ communityId: bId, thisYear: 1, lastYear: 0 });
    const june = await ok<Compare>(await officer.get(`/api/v1/sub-districts/${sdId}/report/compare?figure=party.newsletter.copies&year=2026&month=6`));
    expect(june.communities.map((x) => [x.communityName, x.thisYear, x.lastYear]).sort()).toEqual([
      ['东区社区', 0, 1],
      ['西区社区', 0, 1],
    ]);
    // December has not begun: no value this year, last December's is there
    const dec = await ok<Compare>(await officer.get(`/api/v1/sub-districts/${sdId}/report/compare?figure=party.newsletter.copies&year=2026&month=12`));
    expect(dec.communities.every((x) => x.thisYear === null && x.lastYear === 0)).toBe(true);
  });

  it('is for the sub-district’s officers: a community’s secretary or staff is refused; an officer of one community, another sub-district and an unknown figure get 404', async () => {
    expect((await communityOfficer.get(`/api/v1/communities/${aId}/report/series?figure=party.newsletter.copies&year=2026`)).statusCode).toBe(200);
    expect((await communityOfficer.get(url('party.newsletter.copies'))).statusCode).toBe(404);
    expect((await communityOfficer.get(`/api/v1/sub-districts/${sdId}/report/compare?figure=party.newsletter.copies&year=2026&month=3`)).statusCode).toBe(404);
    for (const c of [secA, staffB]) expect((await c.get(url('party.newsletter.copies'))).statusCode).toBe(403);
    expect((await farOfficer.get(url('party.newsletter.copies'))).statusCode).toBe(404);
    expect((await officer.get(`/api/v1/sub-districts/no-such/report/series?figure=party.newsletter.copies&year=2026`)).statusCode).toBe(404);
    const unknown = await officer.get(url('party.nothing'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('REPORT_FIGURE_UNKNOWN');
  });
});
