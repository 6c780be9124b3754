import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import type { LinliModule } from '../../core/module';
import { composeReport } from './compose';
import type { Compare, Rollup, Series, WorkReport } from './schema';

/**
 * The work report over a dataset this test builds by hand: the figures are the hand counts, a refresh
 * picks up a new record, a signed report never changes, and only the community's staff and its
 * sub-district see it.
 */
let l: TestLinli;
let sec: Client;
let staff: Client;
let leader: Client;
let otherSec: Client;
let officer: Client;
let farOfficer: Client;
let base: string;
let otherBase: string;
let sdId: string;
let communityId: string;
const place: Record<string, string> = {};
const FROM = '2024-11-26';
const TO = '2026-11-25';

async function ok<T = Record<string, never>>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
}
const id = async (c: Client, url: string, body: unknown): Promise<string> => (await ok<{ id: string }>(await c.send('POST', url, body))).id;
/** the report's figures by `<module>.<key>` */
function figures(r: { composition: WorkReport['composition'] }): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const ch of r.composition.chapters) for (const s of ch.sections) for (const f of s.figures) out[`${s.module}.${f.key}`] = f.value;
  return out;
}

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l, '测试街道');
  sdId = sd.id;
  const c = await makeCommunity(l, sd.id, '测试社区');
  const c2 = await makeCommunity(l, sd.id, '邻近社区');
  const far = await makeSubDistrict(l, '远处街道');
  communityId = c.id;
  base = `/api/v1/communities/${c.id}`;
  otherBase = `/api/v1/communities/${c2.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  staff = await signIn(l, (await makeUser(l, 'staff', { communityId: c.id })).username);
  leader = await signIn(l, (await makeUser(l, 'building_leader', { communityId: c.id })).username);
  otherSec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c2.id })).username);
  officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id })).username);
  farOfficer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: far.id })).username);

  await ok(await sec.send('PUT', `${base}/profile`, { address: '北京市海淀区测试路1号', landArea: 37000, floorArea: 51000, movedInYear: 1999, greeningCoverage: null, phone: '', introduction: '' }));
  place.compound = await id(sec, `${base}/registry/compounds`, { name: '测试小区' });
  place.b1 = await id(sec, `${base}/registry/buildings`, { compoundId: place.compound, number: '1' });
  place.e11 = await id(sec, `${base}/registry/entrances`, { buildingId: place.b1, number: '1' });
  place.d101 = await id(sec, `${base}/registry/dwellings`, { compoundId: place.compound, entranceId: place.e11, room: '101' });
  place.d102 = await id(sec, `${base}/registry/dwellings`, { compoundId: place.compound, entranceId: place.e11, room: '102' });
  // two households, five residents: 张 family of three (one 83 years old), 李 family of two
  const zhang = await ok<{ id: string; householdId: string }>(await sec.send('POST', `${base}/residents`, { name: '张建国', dwellingId: place.d101, politicalStatus: 'cpc_member', birthDate: '1960-03-01' }));
  place.zhangHousehold = zhang.householdId;
  await id(sec, `${base}/residents`, { name: '张奶奶', householdId: zhang.householdId, relationToHead: 'mother', birthDate: '1943-05-01' });
  await id(sec, `${base}/residents`, { name: '张小明', householdId: zhang.householdId, relationToHead: 'son', birthDate: '1990-01-01' });
  const li = await id(sec, `${base}/residents`, { name: '李红', dwellingId: place.d102, politicalStatus: 'cpc_member', birthDate: '1970-08-08' });
  const liHead = await ok<{ householdId: string }>(await sec.get(`${base}/residents/${li}`));
  await id(sec, `${base}/residents`, { name: '李强', householdId: liHead.householdId, relationToHead: 'spouse', birthDate: '1969-02-02' });

  // the party: two registered members (residents), one reporting from work; both registered members pledged this year
  const m1 = await id(sec, `${base}/party/members`, { kind: 'registered', residentId: zhang.id });
  const m2 = await id(sec, `${base}/party/members`, { kind: 'registered', residentId: li });
  await id(sec, `${base}/party/members`, { kind: 'reporting', name: '王报到', phone: '13900001111' });
  await id(sec, `${base}/party/pledges`, { level: 'member', year: 2026, memberId: m1, title: '负责1号楼楼道卫生' });
  await id(sec, `${base}/party/pledges`, { level: 'member', year: 2026, memberId: m2, title: '看望独居老人' });
  await id(sec, `${base}/party/pledges`, { level: 'branch', year: 2026, title: '安装信箱30套' });
  const issue = await id(sec, `${base}/party/newsletters`, { number: 1, date: '2026-03-01', title: '支部简报第1期', content: '' });
  await ok(await sec.send('POST', `${base}/party/newsletters/${issue}/deliveries`, { memberIds: [m1, m2], deliveredBy: '吴主任', deliveredAt: '2026-03-02' }));
});
afterAll(() => l.close());

describe('a report composed from the records', () => {
  let report: WorkReport;

  it('drafts a report whose figures are the hand counts of the dataset, filed in the seed’s chapters', async () => {
    report = await ok<WorkReport>(await sec.send('POST', `${base}/reports`, { from: FROM, to: TO }));
    expect(report).toMatchObject({ status: 'draft', title: '测试社区工作汇报', from: FROM, to: TO, signedAt: null });
    const f = figures(report);
    expect(f['registry.households']).toBe(2);
    expect(f['registry.residents']).toBe(5);
    expect(f['registry.aged80']).toBe(1);
    expect(f['registry.buildings']).toBe(1);
    expect(f['party.members.registered']).toBe(2);
    expect(f['party.members.reporting']).toBe(1);
    expect(f['party.pledges.members']).toBe(2);
    expect(f['party.pledges.branch']).toBe(1);
    expect(f['party.newsletter.issues']).toBe(1);
    expect(f['party.newsletter.copies']).toBe(2);
    // 概况 first, unnumbered; then 一、党建
    expect(report.composition.chapters[0]).toMatchObject({ key: 'profile', number: 0 });
    expect(report.composition.chapters[1]).toMatchObject({ key: 'party', number: 1 });
    expect(report.composition.profile).toMatchObject({ communityName: '测试社区', subDistrictName: '测试街道', landArea: 37000 });
    // the draft words are made of the figures
    expect(report.narrative.intro).toContain('总户数2户');
    expect(report.narrative.intro).toContain('占地面积3.7万平方米');
    expect(report.narrative.chapters.party).toContain('作出承诺的党员2人');
    // every figure the registry gives drills down to a page of records
    const households = report.composition.chapters[0].sections.find((s) => s.module === 'registry')!.figures.find((x) => x.key === 'households')!;
    expect(households.link).toBe('places');
  });

  it('keeps the secretary’s words, and a refresh after a new record changes the figure but not the words', async () => {
    const narrative = { ...report.narrative, chapters: { ...report.narrative.chapters, party: '支部带领党员亮身份、作承诺，接受居民监督。' } };
    const saved = await ok<WorkReport>(await staff.send('PUT', `${base}/reports/${report.id}`, { title: '测试社区两年工作汇报', narrative, highlightEdits: {} }));
    expect(saved.title).toBe('测试社区两年工作汇报');
    await id(sec, `${base}/residents`, { name: '张小红', householdId: place.zhangHousehold, relationToHead: 'daughter', birthDate: '1995-06-01' });
    // stored figures stay as they were until refreshed
    expect(figures(await ok<WorkReport>(await sec.get(`${base}/reports/${report.id}`)))['registry.residents']).toBe(5);
    l.clock.advanceMinutes(5);
    const refreshed = await ok<WorkReport>(await sec.send('POST', `${base}/reports/${report.id}/refresh`));
    expect(figures(refreshed)['registry.residents']).toBe(6);
    expect(refreshed.narrative.chapters.party).toBe('支部带领党员亮身份、作承诺，接受居民监督。');
    expect(refreshed.refreshedAt > report.refreshedAt).toBe(true);
    report = refreshed;
  });

  it('a signed report keeps its words and figures, with who signed and when, whatever happens to the records', async () => {
    // staff draft; only the secretary signs
    expect((await staff.send('POST', `${base}/reports/${report.id}/sign`)).statusCode).toBe(403);
    const signed = await ok<WorkReport>(await sec.send('POST', `${base}/reports/${report.id}/sign`));
    expect(signed.status).toBe('signed');
    expect(signed.signedByName).toBeTruthy();
    expect(signed.signedAt).toBe(l.clock.now().toISOString());

    await id(sec, `${base}/residents`, { name: '赵新', dwellingId: place.d102, birthDate: '1980-01-01' });
    const after = await ok<WorkReport>(await sec.get(`${base}/reports/${report.id}`));
    expect(figures(after)['registry.residents']).toBe(6);
    expect(after.narrative).toEqual(signed.narrative);

    for (const res of [
      await sec.send('POST', `${base}/reports/${report.id}/refresh`),
      await sec.send('PUT', `${base}/reports/${report.id}`, { title: '改过的标题', narrative: signed.narrative, highlightEdits: {} }),
      await sec.send('POST', `${base}/reports/${report.id}/sign`),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('REPORT_SIGNED');
      expect(res.json().error.message).toContain('签发');
    }
    expect((await ok<WorkReport>(await sec.get(`${base}/reports/${report.id}`))).title).toBe('测试社区两年工作汇报');
    // a live preview shows the records as they are now
    const live = await ok<{ composition: WorkReport['composition'] }>(await sec.get(`${base}/report/live?from=${FROM}&to=${TO}`));
    expect(figures(live)['registry.residents']).toBe(7);
    expect(figures(live)['registry.households']).toBe(3);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const res = await sec.send('POST', `${base}/reports`, { from: '2026-01-01', to: '2025-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.to).toBe('结束日期不能早于开始日期');
  });

  it('lists the reports, newest period first', async () => {
    await ok(await sec.send('POST', `${base}/reports`, { from: '2025-01-01', to: '2025-12-31', title: '2025年度工作汇报' }));
    const list = await ok<{ items: { title: string; status: string }[]; total: number }>(await leader.get(`${base}/reports?page=1&pageSize=10`));
    expect(list.total).toBe(2);
    expect(list.items.map((x) => x.title)).toEqual(['测试社区两年工作汇报', '2025年度工作汇报']);
    expect(list.items[0].status).toBe('signed');
  });
});

describe('who sees a community’s report', () => {
  it('its staff and its sub-district read it; another community and another sub-district get 404; a building leader reads but does not draft', async () => {
    const r = await ok<WorkReport>(await sec.send('POST', `${base}/reports`, { from: FROM, to: TO }));
    expect((await officer.get(`${base}/reports/${r.id}`)).statusCode).toBe(200);
    expect((await leader.get(`${base}/reports/${r.id}`)).statusCode).toBe(200);
    for (const c of [otherSec, farOfficer]) {
      expect((await c.get(`${base}/reports/${r.id}`)).statusCode).toBe(404);
      expect((await c.get(`${base}/reports/${r.id}/report.docx`)).statusCode).toBe(404);
      expect((await c.get(`${base}/report/dashboard?year=2026`)).statusCode).toBe(404);
    }
    // the report id alone opens nothing in another community
    expect((await otherSec.get(`${otherBase}/reports/${r.id}`)).statusCode).toBe(404);
    expect((await leader.send('POST', `${base}/reports`, { from: FROM, to: TO })).statusCode).toBe(403);
    expect((await officer.send('POST', `${base}/reports`, { from: FROM, to: TO })).statusCode).toBe(403);
  });

  it('the roll-up is for the sub-district’s officers: both its communities, compared; a community secretary is refused and another sub-district gets 404', async () => {
    const r = await ok<Rollup>(await officer.get(`/api/v1/sub-districts/${sdId}/report?from=${FROM}&to=${TO}`));
    expect(r.subDistrictName).toBe('测试街道');
    expect(r.rows.map((x) => x.communityName).sort()).toEqual(['测试社区', '邻近社区']);
    const mine = r.rows.find((x) => x.communityName === '测试社区')!;
    // the signed report of exactly this period stands in the roll-up, with its frozen figures
    expect(mine.signedReportId).toBeTruthy();
    expect(mine.values['registry.residents']).toBe(6);
    expect(r.rows.find((x) => x.communityName === '邻近社区')!.values['registry.residents']).toBe(0);
    expect(r.columns.map((c) => c.id)).toContain('party.pledges.members');
    expect(r.communities.find((c) => c.communityName === '测试社区')!.narrative.chapters.party).toBe('支部带领党员亮身份、作承诺，接受居民监督。');
    expect((await sec.get(`/api/v1/sub-districts/${sdId}/report?from=${FROM}&to=${TO}`)).statusCode).toBe(403);
    expect((await farOfficer.get(`/api/v1/sub-districts/${sdId}/report?from=${FROM}&to=${TO}`)).statusCode).toBe(404);
    expect((await farOfficer.get(`/api/v1/sub-districts/${sdId}/report.docx?from=${FROM}&to=${TO}`)).statusCode).toBe(404);
    expect(await ok(await officer.get('/api/v1/report/sub-districts'))).toEqual([{ id: sdId, name: '测试街道' }]);
    expect((await sec.get('/api/v1/report/sub-districts')).statusCode).toBe(403);
  });
});

describe('the dashboard', () => {
  it('charts a figure month by month against last year and year by year, each month counted from its own records', async () => {
    const d = await ok<{ figures: { key: string; value: unknown; link?: string }[] }>(await sec.get(`${base}/report/dashboard?year=2026`));
    expect(d.figures.map((f) => f.key)).toEqual(expect.arrayContaining(['registry.households', 'registry.residents', 'party.newsletter.copies']));
    expect(d.figures.every((f) => typeof f.link === 'string')).toBe(true);
    const s = await ok<Series>(await sec.get(`${base}/report/series?figure=party.newsletter.copies&year=2026`));
    expect(s.months.thisYear).toHaveLength(12);
    // the two copies were delivered in March 2026; December has not begun on 2026-11-25
    expect(s.months.thisYear[2]).toBe(2);
    expect(s.months.thisYear[3]).toBe(0);
    expect(s.months.thisYear[11]).toBeNull();
    expect(s.months.lastYear.every((v) => v === 0)).toBe(true);
    expect(s.years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(s.years[4].value).toBe(2);
    // the records behind the number: the party's own page for that figure, and for each month that month's
    expect(s.figure.link).toBe('party/newsletters?from=2026-01-01&to=2026-11-25');
    expect(s.monthLinks.thisYear[2]).toBe('party/newsletters?from=2026-03-01&to=2026-03-31');
    expect(s.monthLinks.lastYear[1]).toBe('party/newsletters?from=2025-02-01&to=2025-02-28');
    expect(s.monthLinks.thisYear[11]).toBeNull();
    expect(s.years[3].link).toBe('party/newsletters?from=2025-01-01&to=2025-12-31');
    // the page behind March shows the two copies of March and nothing else
    const march = await ok<{ number: number; copies: number }[]>(await sec.get(`${base}/party/newsletters?from=2026-03-01&to=2026-03-31`));
    expect(march.reduce((a, i) => a + i.copies, 0)).toBe(2);
    expect(await ok<unknown[]>(await sec.get(`${base}/party/newsletters?from=2026-04-01&to=2026-04-30`))).toEqual([]);
    // a stock figure keeps its plain page
    const households = await ok<Series>(await sec.get(`${base}/report/series?figure=registry.households&year=2026`));
    expect(households.monthLinks.thisYear[0]).toBe('places');
    expect((await sec.get(`${base}/report/series?figure=party.nothing&year=2026`)).statusCode).toBe(404);
  });

  it('compares communities of the sub-district on one figure, this year against last', async () => {
    const c = await ok<Compare>(await officer.get(`/api/v1/sub-districts/${sdId}/report/compare?figure=party.pledges.members&year=2026`));
    const byName = Object.fromEntries(c.communities.map((x) => [x.communityName, x]));
    expect(byName['测试社区']).toMatchObject({ thisYear: 2, lastYear: 0, communityId });
    expect(byName['邻近社区']).toMatchObject({ thisYear: 0, lastYear: 0 });
  });
});

describe('the outline', () => {
  it('files a module it does not know as a chapter of its own at the end, and marks a section that fails instead of sinking the report', async () => {
    const newcomer: LinliModule = {
      name: 'orchestra',
      label: { zh: '社区乐团', en: 'Community orchestra' },
      reportSection: async ({ db, communityId }) => ({
        title: { zh: '社区乐团', en: 'Community orchestra' },
        figures: [{ key: 'households', label: { zh: '登记户数', en: 'Households' }, value: Number((await db.kysely.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).where('community_id', '=', communityId).executeTakeFirstOrThrow()).n) }],
        highlights: [{ key: 'concert', text: { zh: '举办新年音乐会一场', en: 'A New Year concert' } }],
      }),
    };
    const broken: LinliModule = { name: 'broken', label: { zh: '出错的模块', en: 'Broken' }, reportSection: async () => Promise.reject(new Error('boom')) };
    const c = await composeReport({ db: l.services.db, modules: [...l.services.modules, newcomer, broken] }, { id: communityId, name: '测试社区', subDistrictName: '测试街道' }, FROM, TO, l.clock.now());
    const keys = c.chapters.map((x) => x.key);
    expect(keys[0]).toBe('profile');
    expect(keys[1]).toBe('party');
    expect(keys.slice(-2)).toEqual(['orchestra', 'broken']);
    const orchestra = c.chapters.find((x) => x.key === 'orchestra')!;
    expect(orchestra.number).toBe(c.chapters.length - 2);
    expect(orchestra.sections[0].figures[0].value).toBe(3);
    expect(orchestra.sections[0].highlights[0].text.zh).toBe('举办新年音乐会一场');
    expect(c.chapters.find((x) => x.key === 'broken')!.sections[0]).toMatchObject({ failed: true, figures: [] });
  });
});
