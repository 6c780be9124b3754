import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '../../core/access';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { addMonths } from './queries';
import { employmentModule, zeroEmploymentHouseholds } from '.';

let l: TestLinli;
let sec: Client;
let leader: Client;
let officer: Client;
let otherSec: Client;
let cid: string;
let base: string;
let reg: string;
let otherBase: string;
let dwelling: string;
let today: string;

async function ok(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Record<string, never>;
}
/** the birth date of someone `age` years old today */
const born = (age: number) => `${Number(today.slice(0, 4)) - age}-01-01`;
const ago = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** A household of residents (name, age, gender, employment status), the first the head. Returns ids. */
async function household(people: [string, number, 'male' | 'female', string | null][]): Promise<{ householdId: string; ids: string[] }> {
  const ids: string[] = [];
  let householdId = '';
  for (const [i, [name, age, gender, employmentStatus]] of people.entries()) {
    const r = await ok(
      await sec.send('POST', `${reg}/residents`, {
        name,
        gender,
        birthDate: born(age),
        employmentStatus,
        relationToHead: i === 0 ? 'head' : 'other',
        ...(i === 0 ? { dwellingId: dwelling } : { householdId }),
      }),
    );
    householdId = r.householdId;
    ids.push(r.id);
  }
  return { householdId, ids };
}
const zero = async () => zeroEmploymentHouseholds(scopedDb(l.services.db.kysely, cid), today);

beforeAll(async () => {
  l = await createTestLinli();
  today = l.clock.now().toISOString().slice(0, 10);
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '测试社区');
  const c2 = await makeCommunity(l, sd.id, '别的社区');
  cid = c.id;
  reg = `/api/v1/communities/${c.id}`;
  base = `${reg}/employment`;
  otherBase = `/api/v1/communities/${c2.id}/employment`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  leader = await signIn(l, (await makeUser(l, 'building_leader', { communityId: c.id })).username);
  officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id })).username);
  otherSec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c2.id })).username);
  const compound = (await ok(await sec.send('POST', `${reg}/registry/compounds`, { name: '怡丽北园' }))).id;
  const b = (await ok(await sec.send('POST', `${reg}/registry/buildings`, { compoundId: compound, number: '5' }))).id;
  const e = (await ok(await sec.send('POST', `${reg}/registry/entrances`, { buildingId: b, number: '1' }))).id;
  dwelling = (await ok(await sec.send('POST', `${reg}/registry/dwellings`, { compoundId: compound, entranceId: e, room: '302' }))).id;
});
afterAll(() => l.close());

describe('zero-employment households, computed from the registry', () => {
  it('flags a household only when every working-age member in the labour force is unemployed and nobody works', async () => {
    const both = await household([['甲一', 45, 'male', 'unemployed'], ['甲二', 42, 'female', 'unemployed']]);
    const olderWorks = await household([['乙一', 40, 'male', 'unemployed'], ['乙二', 63, 'male', 'employed']]);
    const student = await household([['丙一', 48, 'female', 'unemployed'], ['丙二', 19, 'male', 'student']]);
    const pastAge = await household([['丁一', 57, 'female', 'unemployed']]);
    const unknown = await household([['戊一', 44, 'male', 'unemployed'], ['戊二', 38, 'female', null]]);
    const youngMan = await household([['己一', 58, 'male', 'unemployed'], ['己二', 85, 'female', 'retired']]);
    const z = await zero();
    expect(z.has(both.householdId)).toBe(true);
    expect(z.has(olderWorks.householdId)).toBe(false); // someone works, whatever their age
    expect(z.has(student.householdId)).toBe(true); // a student is not in the labour force
    expect(z.has(pastAge.householdId)).toBe(false); // a woman of 57 is past working age
    expect(z.has(unknown.householdId)).toBe(false); // a member not registered unemployed
    expect(z.has(youngMan.householdId)).toBe(true); // a man of 58 is still of working age
    const board = (await ok(await sec.get(`${base}/zero-households`))) as unknown as { current: { householdId: string; state: string }[] };
    expect(board.current.find((h) => h.householdId === both.householdId)?.state).toBe('untracked');
    expect(board.current.find((h) => h.householdId === olderWorks.householdId)).toBeUndefined();
  });

  it('registering a case certifies the household with a three-month countdown; a placement sets the registry and clears it; the other member still counts as from a zero-employment household', async () => {
    const h = await household([['庚一', 50, 'male', 'unemployed'], ['庚二', 35, 'female', 'employed']]);
    expect((await zero()).has(h.householdId)).toBe(false);
    // the spouse loses her job: registering her case sets the registry once, and the household is now zero-employment
    const c2 = (await ok(await sec.send('POST', `${base}/cases`, { residentId: h.ids[1], registeredOn: ago(100), skills: '会计', wishes: '财务工作' }))).id;
    const spouse = await ok(await sec.get(`${reg}/residents/${h.ids[1]}`));
    expect(spouse.employmentStatus).toBe('unemployed');
    const c1 = (await ok(await sec.send('POST', `${base}/cases`, { residentId: h.ids[0], registeredOn: ago(90), barriers: '年龄偏大' }))).id;
    const detail = await ok(await sec.get(`${base}/cases/${c1}`));
    expect(detail.zeroEmployment).toBe(true);
    expect(detail.household).toMatchObject({ zeroEmployment: true, tracking: { identifiedOn: ago(100), deadline: addMonths(ago(100), 3), clearedOn: null } });
    let board = (await ok(await sec.get(`${base}/zero-households`))) as unknown as { current: { householdId: string; state: string; daysLeft: number }[]; cleared: { householdId: string; clearedBy: string }[] };
    const card = board.current.find((x) => x.householdId === h.householdId)!;
    expect(card.state).toBe('overdue'); // 100 days ago + 3 months is past
    expect(card.daysLeft).toBeLessThan(0);

    await ok(await sec.send('POST', `${base}/cases/${c1}/actions`, { kind: 'referral', date: ago(80), employer: '颐和园管理处', post: '绿化工' }));
    const placed = await ok(await sec.send('POST', `${base}/cases/${c1}/actions`, { kind: 'placement', date: ago(60), employer: '颐和园管理处', post: '绿化工', placementKind: 'formal' }));
    expect(placed.status).toBe('placed');
    expect(placed.household).toMatchObject({ zeroEmployment: false, tracking: { clearedOn: ago(60) } });
    const r = await ok(await sec.get(`${reg}/residents/${h.ids[0]}`));
    expect([r.employmentStatus, r.workUnit]).toEqual(['employed', '颐和园管理处']);
    // the registry's own history: one resident update with before and after
    const audit = await l.services.db.kysely.selectFrom('audit_log').select(['action', 'before_json', 'after_json']).where('entity_id', '=', h.ids[0]).where('action', '=', 'registry.update-resident').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].before_json!)).toMatchObject({ employmentStatus: 'unemployed' });
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ employmentStatus: 'employed', workUnit: '颐和园管理处' });

    board = (await ok(await sec.get(`${base}/zero-households`))) as unknown as typeof board;
    expect(board.current.find((x) => x.householdId === h.householdId)).toBeUndefined();
    expect(board.cleared.find((x) => x.householdId === h.householdId)?.clearedBy).toBe('庚一');

    await ok(await sec.send('POST', `${base}/cases/${c2}/actions`, { kind: 'placement', date: ago(30), employer: '北京银行', placementKind: 'flexible' }));
    const s = await employmentModule.reportSection!({ db: l.services.db, communityId: cid, from: ago(365), to: today });
    const f = Object.fromEntries(s.figures.map((x) => [x.key, x.value]));
    expect([f['placed'], f['placed.zero.people'], f['placed.zero.households'], f['zero.cleared']]).toEqual([2, 2, 1, 1]);
  });
});

describe('certifying and confirming on the board', () => {
  it('certifies a household the registry found, counts down from that day, and asks staff to confirm when the registry shows someone in work', async () => {
    const h = await household([['癸一', 52, 'male', 'unemployed'], ['癸二', 80, 'female', 'retired']]);
    type Board = { current: { householdId: string; state: string; trackingId: string | null; daysLeft: number | null; deadline: string | null }[]; cleared: { householdId: string; note: string | null }[] };
    const card = async () => ((await ok(await sec.get(`${base}/zero-households`))) as unknown as Board).current.find((x) => x.householdId === h.householdId);
    expect((await card())?.state).toBe('untracked');
    const certified = await sec.send('POST', `${base}/zero-households`, { householdId: h.householdId, identifiedOn: ago(20) });
    expect(certified.statusCode).toBe(200);
    expect(await card()).toMatchObject({ state: 'open', deadline: addMonths(ago(20), 3), daysLeft: expect.any(Number) });
    expect((await card())!.daysLeft!).toBeGreaterThan(60);
    // a household where someone works cannot be certified
    const working = await household([['子一', 40, 'male', 'employed']]);
    const refused = await sec.send('POST', `${base}/zero-households`, { householdId: working.householdId, identifiedOn: ago(1) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('不是零就业家庭');
    // he finds work on his own; the registry is corrected on the residents page
    await ok(await sec.send('PATCH', `${reg}/residents/${h.ids[0]}`, { employmentStatus: 'employed', workUnit: '个体经营' }));
    const changed = await card();
    expect(changed?.state).toBe('changed');
    const resolved = await sec.send('POST', `${base}/zero-households/${changed!.trackingId}/resolve`, { date: ago(0), note: '本人自主创业，经营早点铺' });
    expect(resolved.statusCode).toBe(204);
    expect(await card()).toBeUndefined();
    const board = (await ok(await sec.get(`${base}/zero-households`))) as unknown as Board;
    expect(board.cleared.find((x) => x.householdId === h.householdId)?.note).toBe('本人自主创业，经营早点铺');
  });
});

describe('case steps and follow-ups', () => {
  it('follow-ups fall due one and three months after the placement and leave the due list once recorded', async () => {
    const h = await household([['辛一', 40, 'male', 'unemployed'], ['辛二', 38, 'female', 'employed']]);
    const id = (await ok(await sec.send('POST', `${base}/cases`, { residentId: h.ids[0], registeredOn: ago(200) }))).id;
    // a follow-up needs a placement first
    expect((await sec.send('POST', `${base}/cases/${id}/actions`, { kind: 'followup', date: ago(10), stage: 1, outcome: 'still_employed' })).statusCode).toBe(409);
    const placedOn = ago(40);
    const d = await ok(await sec.send('POST', `${base}/cases/${id}/actions`, { kind: 'placement', date: placedOn, employer: '金源时代购物中心', placementKind: 'flexible' }));
    expect(d.followups).toEqual([
      { stage: 1, due: addMonths(placedOn, 1), done: false, daysLeft: expect.any(Number) },
      { stage: 3, due: addMonths(placedOn, 3), done: false, daysLeft: expect.any(Number) },
    ]);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    const due = (await ok(await sec.get(`${base}/followups`))) as unknown as { caseId: string; stage: number; due: string; daysLeft: number }[];
    expect(due.filter((x) => x.caseId === id)).toEqual([expect.objectContaining({ stage: 1, due: addMonths(placedOn, 1) })]);
    expect(due.find((x) => x.caseId === id)!.daysLeft).toBeLessThan(0);
    const later = (await ok(await sec.get(`${base}/followups?until=${addMonths(today, 3)}`))) as unknown as { caseId: string; stage: number }[];
    expect(later.filter((x) => x.caseId === id).map((x) => x.stage)).toEqual([1, 3]);

    await ok(await sec.send('POST', `${base}/cases/${id}/actions`, { kind: 'followup', date: ago(5), stage: 1, outcome: 'still_employed', note: '工作适应' }));
    const again = await sec.send('POST', `${base}/cases/${id}/actions`, { kind: 'followup', date: ago(4), stage: 1, outcome: 'still_employed' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.stage).toBe('安置后第1个月的回访已记录');
    const after = (await ok(await sec.get(`${base}/followups`))) as unknown as { caseId: string }[];
    expect(after.filter((x) => x.caseId === id)).toEqual([]);
    // a placed case takes no more referrals
    expect((await sec.send('POST', `${base}/cases/${id}/actions`, { kind: 'referral', date: ago(2), employer: '某单位', post: '岗位' })).statusCode).toBe(409);
  });

  it('refuses a second open case, a step dated before the registration, and leaves nothing half-written', async () => {
    const h = await household([['壬一', 33, 'male', 'unemployed'], ['壬二', 30, 'female', 'employed']]);
    const id = (await ok(await sec.send('POST', `${base}/cases`, { residentId: h.ids[0], registeredOn: ago(50) }))).id;
    const dup = await sec.send('POST', `${base}/cases`, { residentId: h.ids[0], registeredOn: ago(10) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('壬一 已有一份正在帮扶的登记');
    const early = await sec.send('POST', `${base}/cases/${id}/actions`, { kind: 'placement', date: ago(60), employer: '某单位', placementKind: 'formal' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields.date).toContain(ago(50));
    expect((await ok(await sec.get(`${reg}/residents/${h.ids[0]}`))).employmentStatus).toBe('unemployed');
    const closed = await ok(await sec.send('POST', `${base}/cases/${id}/close`, { date: ago(1), reason: 'moved_away' }));
    await ok(await sec.send('POST', `${reg}/residents/${h.ids[0]}/events`, { kind: 'moved_out', date: ago(1) }));
    const gone = await sec.send('POST', `${base}/cases`, { residentId: h.ids[0], registeredOn: today });
    expect(gone.statusCode).toBe(400);
    expect(gone.json().error.fields.residentId).toBe('壬一 已迁出或已故，不能登记');
    expect(closed.status).toBe('closed');
    expect((await ok(await sec.get(`${reg}/residents/${h.ids[0]}`))).employmentStatus).toBe('unemployed');
  });

  it('lists cases with filters and exports them to Excel', async () => {
    const placed = (await ok(await sec.get(`${base}/cases?status=placed`))) as unknown as { total: number; items: { name: string }[] };
    expect(placed.items.map((x) => x.name).sort()).toEqual(['庚一', '庚二', '辛一']);
    const zeroOnly = (await ok(await sec.get(`${base}/cases?zero=1`))) as unknown as { total: number };
    expect(zeroOnly.total).toBe(2);
    const res = await sec.get(`${base}/cases/export.xlsx?status=placed`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(2).value).toBe('姓名');
    const names = [2, 3, 4].map((n) => ws.getRow(n).getCell(2).value);
    expect(names.sort()).toEqual(['庚一', '庚二', '辛一']);
    expect(ws.rowCount).toBe(4);
    // the zero-employment ledger: the households the board shows, with their members
    const zres = await sec.get(`${base}/zero-households/export.xlsx`);
    const zwb = new ExcelJS.Workbook();
    await zwb.xlsx.load(zres.rawPayload as unknown as ArrayBuffer);
    const zs = zwb.worksheets[0];
    const members = Array.from({ length: zs.rowCount - 1 }, (_, i) => String(zs.getRow(i + 2).getCell(3).value));
    expect(members.some((m) => m.includes('庚一') && m.includes('在业'))).toBe(true);
    expect(zs.getRow(1).getCell(4).value).toBe('状态');
  });
});

describe('who sees what', () => {
  it('another community gets 404, a building leader is refused, the sub-district officer reads but cannot change', async () => {
    const list = (await ok(await sec.get(`${base}/cases`))) as unknown as { items: { id: string }[] };
    const id = list.items[0].id;
    expect((await otherSec.get(`${base}/cases/${id}`)).statusCode).toBe(404);
    expect((await otherSec.get(`${otherBase}/cases/${id}`)).statusCode).toBe(404);
    expect((await leader.get(`${base}/cases`)).statusCode).toBe(403);
    expect((await officer.get(`${base}/cases/${id}`)).statusCode).toBe(200);
    expect((await officer.send('POST', `${base}/cases/${id}/close`, { date: today, reason: 'other' })).statusCode).toBe(403);
  });
});

describe('each figure of a period opens exactly the records it counts', () => {
  const from = () => ago(45);
  type Figure = { key: string; value: number; link?: string };
  type Board = { current: { householdId: string; state: string; identifiedOn: string | null }[]; cleared: { householdId: string; clearedOn: string | null; identifiedOn: string | null }[] };
  type Page = { total: number; items: { name: string; householdId: string; registeredOn: string; placement: { date: string; kind: string } | null }[] };
  let figures: Figure[] = [];
  const names = new Map<string, string>();

  /** the API behind a page of the figure's link, with the page's own parameters */
  async function listed(link: string) {
    const [page, query = ''] = link.split('?');
    const params = new URLSearchParams(query);
    params.delete('tab');
    const api = { employment: 'cases', 'employment/zero-employment': 'zero-households' }[page];
    expect(api, link).toBeDefined();
    if (api === 'cases') params.set('pageSize', '200');
    return ok(await sec.get(`${base}/${api}?${params}`));
  }

  it('the last weeks: a household certified and cleared, a second member registered, an older case placed in formal work', async () => {
    const h = await household([['丑一', 46, 'male', 'unemployed'], ['丑二', 44, 'female', 'unemployed']]);
    const a = (await ok(await sec.send('POST', `${base}/cases`, { residentId: h.ids[0], registeredOn: ago(10) }))).id;
    await ok(await sec.send('POST', `${base}/cases`, { residentId: h.ids[1], registeredOn: ago(5) }));
    await ok(await sec.send('POST', `${base}/cases/${a}/actions`, { kind: 'placement', date: ago(3), employer: '社区服务站', placementKind: 'public_welfare' }));
    const older = await household([['寅一', 50, 'male', 'unemployed'], ['寅二', 48, 'female', 'employed']]);
    const c = (await ok(await sec.send('POST', `${base}/cases`, { residentId: older.ids[0], registeredOn: ago(120) }))).id;
    await ok(await sec.send('POST', `${base}/cases/${c}/actions`, { kind: 'placement', date: ago(2), employer: '物业公司', placementKind: 'formal' }));
    names.set('h', h.householdId);
    figures = (await employmentModule.reportSection!({ db: l.services.db, communityId: cid, from: from(), to: today })).figures as Figure[];
    const f = Object.fromEntries(figures.map((x) => [x.key, x.value]));
    // 丑一 and 丑二 registered in the period; 寅一 long before
    expect(f).toMatchObject({ 'cases.registered': 2, 'placed.formal': 1, 'placed.public_welfare': 1, 'zero.identified': 2, 'zero.cleared': 2 });
  });

  it('a figure of what happened links to its list for the period; the households still open at the end to the plain board', async () => {
    const link = Object.fromEntries(figures.map((x) => [x.key, x.link]));
    const p = `from=${from()}&to=${today}`;
    expect(link['cases.registered']).toBe(`employment?${p}`);
    expect(link['placed.formal']).toBe(`employment?status=placed&placedFrom=${from()}&placedTo=${today}&placedKind=formal`);
    expect(link['zero.identified']).toBe(`employment/zero-employment?${p}`);
    expect(link['zero.cleared']).toBe(`employment/zero-employment?tab=cleared&by=cleared&${p}`);
    expect(link['zero.open']).toBe('employment/zero-employment');
  });

  it('the list behind each figure holds exactly what it counts, and nothing from outside the period', async () => {
    for (const x of figures) {
      if (!x.link?.includes(from())) continue;
      const out = await listed(x.link);
      if (x.key.startsWith('zero.')) {
        const b = out as unknown as Board;
        expect(b.current.length + b.cleared.length, x.key).toBe(x.value);
        const days = [...b.current, ...b.cleared].map((r) => (x.key === 'zero.cleared' ? (r as { clearedOn: string }).clearedOn : r.identifiedOn)!);
        expect(days.every((d) => d >= from() && d <= today), x.key).toBe(true);
      } else {
        const page = out as unknown as Page;
        expect(page.items).toHaveLength(page.total);
        const got = x.key === 'placed.zero.households' ? new Set(page.items.map((i) => i.householdId)).size : page.total;
        expect(got, `${x.key} → ${x.link}`).toBe(x.value);
      }
    }
    const registered = (await listed(`employment?from=${from()}&to=${today}`)) as unknown as Page;
    expect(registered.items.map((i) => i.name).sort()).toEqual(['丑一', '丑二']);
    const formal = (await listed(`employment?status=placed&placedFrom=${from()}&placedTo=${today}&placedKind=formal`)) as unknown as Page;
    expect(formal.items.map((i) => i.name)).toEqual(['寅一']); // 庚一's formal job came before the period
    // the household certified and cleared in the period is under 已消除; the board without a period still shows the untracked ones
    const board = (await listed(`employment/zero-employment?from=${from()}&to=${today}`)) as unknown as Board;
    expect(board.cleared.map((r) => r.householdId)).toContain(names.get('h'));
    expect(board.current.every((r) => r.state !== 'untracked')).toBe(true);
    expect(((await ok(await sec.get(`${base}/zero-households`))) as unknown as Board).current.some((r) => r.state === 'untracked')).toBe(true);
    // the Excel file of the registered cases holds the same people
    const res = await sec.get(`${base}/cases/export.xlsx?from=${from()}&to=${today}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBe(1 + registered.total);
  });

  it('a period ending before it starts, or a day not on the calendar, is refused naming the field', async () => {
    const backwards = await sec.get(`${base}/cases?from=${today}&to=${ago(45)}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields.to).toBe(`时间段的结束日期（${ago(45)}）不能早于开始日期（${today}）`);
    expect((await sec.get(`${base}/cases?placedFrom=${today}&placedTo=${ago(45)}`)).json().error.fields.placedTo).toContain('不能早于开始日期');
    expect((await sec.get(`${base}/zero-households?from=2026-02-29&to=2026-03-31`)).json().error.fields.from).toBe('“2026-02-29”不是日历上的日期');
    expect((await sec.get(`${base}/zero-households?from=2026/02/01&to=2026-03-31`)).json().error.fields.from).toBe('格式不正确');
    expect((await sec.get(`${base}/cases/export.xlsx?from=${today}&to=${ago(45)}`)).statusCode).toBe(400);
  });
});

describe('after the placement', () => {
  it('a follow-up finding the person has left the job puts the registry back to unemployed, on record', async () => {
    const h = await household([['癸一', 45, 'male', 'unemployed']]);
    const id = (await ok(await sec.send('POST', `${base}/cases`, { residentId: h.ids[0], registeredOn: ago(120) }))).id;
    await ok(await sec.send('POST', `${base}/cases/${id}/actions`, { kind: 'placement', date: ago(100), employer: '华联超市', placementKind: 'formal' }));
    expect(await ok(await sec.get(`${reg}/residents/${h.ids[0]}`))).toMatchObject({ employmentStatus: 'employed', workUnit: '华联超市' });
    await ok(await sec.send('POST', `${base}/cases/${id}/actions`, { kind: 'followup', date: ago(60), stage: 1, outcome: 'still_employed' }));
    expect((await ok(await sec.get(`${reg}/residents/${h.ids[0]}`))).employmentStatus).toBe('employed');
    await ok(await sec.send('POST', `${base}/cases/${id}/actions`, { kind: 'followup', date: ago(5), stage: 3, outcome: 'left_job', note: '超市裁员' }));
    expect(await ok(await sec.get(`${reg}/residents/${h.ids[0]}`))).toMatchObject({ employmentStatus: 'unemployed', workUnit: null });
    // found among the unemployed again, for the next case
    expect(((await ok(await sec.get(`${reg}/residents?employmentStatus=unemployed&pageSize=200`))).items as { id: string }[]).map((x) => x.id)).toContain(h.ids[0]);
    const audit = await l.services.db.kysely.selectFrom('audit_log').select(['action', 'after_json']).where('entity_id', '=', h.ids[0]).where('action', '=', 'registry.update-resident').execute();
    expect(audit.map((x) => x.after_json).join(' ')).toContain('已离职');
  });
});
