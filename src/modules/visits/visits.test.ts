import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { visitsModule } from '.';

let l: TestLinli;
let sec: Client;
let staffUser: { id: string; username: string };
let leader: Client;
let officer: Client;
let otherSec: Client;
let cid: string;
let reg: string;
let base: string;
let otherReg: string;
let today: string;
let listId: string;
let planId: string;
const people: Record<string, string> = {};

async function ok(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Record<string, never>;
}
const ago = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
/** a tiny valid PNG (1×1) */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function multipart(name: string, type: string, body: Buffer) {
  const boundary = '----linli-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  l = await createTestLinli();
  today = l.clock.now().toISOString().slice(0, 10);
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '测试社区');
  const c2 = await makeCommunity(l, sd.id, '别的社区');
  cid = c.id;
  reg = `/api/v1/communities/${c.id}`;
  base = `${reg}/visits`;
  otherReg = `/api/v1/communities/${c2.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  staffUser = await makeUser(l, 'staff', { communityId: c.id });
  leader = await signIn(l, (await makeUser(l, 'building_leader', { communityId: c.id })).username);
  officer = await signIn(l, (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id })).username);
  otherSec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c2.id })).username);
  const compound = (await ok(await sec.send('POST', `${reg}/registry/compounds`, { name: '春晖苑' }))).id;
  const b = (await ok(await sec.send('POST', `${reg}/registry/buildings`, { compoundId: compound, number: '2' }))).id;
  const e = (await ok(await sec.send('POST', `${reg}/registry/entrances`, { buildingId: b, number: '1' }))).id;
  let household = '';
  for (const [i, [name, room]] of ([['老干部甲', '101'], ['老干部乙', '201'], ['老干部丙', '201'], ['普通居民', '301']] as const).entries()) {
    const dwelling = (await ok(await sec.send('POST', `${reg}/registry/dwellings`, { compoundId: compound, entranceId: e, room: `${room}-${i}` }))).id;
    // 乙 and 丙 are a couple: one household, two people on the list
    const r = await ok(await sec.send('POST', `${reg}/residents`, { name, birthDate: '1940-03-01', ...(i === 2 ? { householdId: household, relationToHead: 'spouse' } : { dwellingId: dwelling }) }));
    household = r.householdId;
    people[name] = r.id;
  }
  await ok(await sec.send('POST', `${reg}/residents/tags`, { residentIds: [people['老干部甲'], people['老干部乙'], people['老干部丙']], tag: 'retired_cadre', action: 'add', date: ago(400) }));
  listId = (await ok(await sec.send('POST', `${reg}/saved-lists`, { name: '离退休干部', filters: { tag: 'retired_cadre' } }))).id;
});
afterAll(() => l.close());

describe('a visit plan over a saved list', () => {
  it('draws everyone on the list, assigns them, and its progress follows the visits recorded', async () => {
    planId = (
      await ok(await sec.send('POST', `${base}/plans`, { occasion: 'spring_festival', year: Number(today.slice(0, 4)), title: '春节走访离退休干部', savedListId: listId, plannedFrom: ago(10), plannedTo: ago(-10), money: 500, gifts: '米、油' }))
    ).id;
    let plan = await ok(await sec.get(`${base}/plans/${planId}`));
    expect(plan.listName).toBe('离退休干部');
    expect((plan.targets as { name: string }[]).map((t) => t.name)).toEqual(['老干部甲', '老干部乙', '老干部丙']);
    expect(plan.progress).toEqual({ targets: 3, visited: 0, households: 2, householdsVisited: 0, money: 0, giftVisits: 0 });

    const [a, b] = plan.targets as { id: string }[];
    const assigned = await ok(await sec.send('POST', `${base}/plans/${planId}/assign`, { targetIds: [a.id, b.id], assigneeUserId: staffUser.id }));
    expect((assigned.targets as { assigneeName: string | null }[]).map((t) => t.assigneeName)).toEqual([staffUser.username, staffUser.username, null]);
    await ok(await sec.send('POST', `${base}/plans/${planId}/assign`, { targetIds: [(plan.targets as { id: string }[])[2].id], assigneeName: '党员张明' }));
    // someone from another community cannot be sent
    const stranger = await makeUser(l, 'staff', { communityId: (await makeCommunity(l, (await makeSubDistrict(l)).id)).id });
    const bad = await sec.send('POST', `${base}/plans/${planId}/assign`, { targetIds: [a.id], assigneeUserId: stranger.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.assigneeUserId).toContain('本社区');

    await ok(await sec.send('PUT', `${base}/plans/${planId}/targets/${a.id}/visit`, { date: ago(3), visitors: '吴主任、王社工', money: 500, gifts: '米、油', notes: '身体硬朗' }));
    await ok(await sec.send('PUT', `${base}/plans/${planId}/targets/${b.id}/visit`, { date: ago(2), visitors: '王社工', money: 500 }));
    plan = await ok(await sec.get(`${base}/plans/${planId}`));
    expect(plan.progress).toEqual({ targets: 3, visited: 2, households: 2, householdsVisited: 2, money: 1000, giftVisits: 1 });
    // correcting a visit edits it, it does not add a second one
    await ok(await sec.send('PUT', `${base}/plans/${planId}/targets/${b.id}/visit`, { date: ago(2), visitors: '王社工', money: 600, gifts: '牛奶' }));
    const list = (await ok(await sec.get(`${base}/plans`))) as unknown as { id: string; progress: { visited: number; money: number } }[];
    expect(list.find((p) => p.id === planId)!.progress).toMatchObject({ visited: 2, money: 1100 });
    const future = await sec.send('PUT', `${base}/plans/${planId}/targets/${(plan.targets as { id: string }[])[2].id}/visit`, { date: ago(-1), visitors: '王社工' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields.date).toBe('走访日期不能晚于今天');
  });

  it('keeps a photo with the community’s files and serves it back; refuses other files', async () => {
    const plan = await ok(await sec.get(`${base}/plans/${planId}`));
    const visit = (plan.targets as { visit: { id: string } | null }[])[0].visit!;
    const up = multipart('合影.png', 'image/png', PNG);
    const res = await l.app.inject({ method: 'POST', url: `${base}/records/${visit.id}/photo`, headers: { cookie: sec.cookie, origin: 'http://localhost', host: 'localhost', ...up.headers }, payload: up.payload });
    expect(res.statusCode).toBe(200);
    const got = await sec.get(`${base}/records/${visit.id}/photo`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(got.rawPayload, PNG)).toBe(0);
    expect(((await ok(await sec.get(`${base}/plans/${planId}`))).targets as { visit: { hasPhoto: boolean } | null }[])[0].visit!.hasPhoto).toBe(true);
    const txt = multipart('a.txt', 'text/plain', Buffer.from('hello'));
    const refused = await l.app.inject({ method: 'POST', url: `${base}/records/${visit.id}/photo`, headers: { cookie: sec.cookie, origin: 'http://localhost', host: 'localhost', ...txt.headers }, payload: txt.payload });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.message).toContain('a.txt');
  });

  it('visits each household once when the plan says so: the couple on the list is one visit', async () => {
    const id = (
      await ok(await sec.send('POST', `${base}/plans`, { occasion: 'double_ninth', year: 2026, title: '重阳节按户走访', savedListId: listId, plannedFrom: ago(5), plannedTo: ago(0), perHousehold: true }))
    ).id;
    const plan = await ok(await sec.get(`${base}/plans/${id}`));
    expect(plan.perHousehold).toBe(true);
    expect((plan.targets as { name: string }[]).map((x) => x.name)).toEqual(['老干部甲', '老干部乙']);
    expect(plan.progress).toMatchObject({ targets: 2, households: 2 });
  });

  it('refuses a plan over an empty or unknown list, naming the field', async () => {
    const empty = (await ok(await sec.send('POST', `${reg}/saved-lists`, { name: '老职工', filters: { tag: 'old_worker' } }))).id;
    const body = { occasion: 'spring_festival', year: 2026, title: 'x', plannedFrom: ago(1), plannedTo: ago(0) };
    const res = await sec.send('POST', `${base}/plans`, { ...body, savedListId: empty });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.savedListId).toBe('名单“老职工”目前没有人');
    const other = (await ok(await otherSec.send('POST', `${otherReg}/saved-lists`, { name: '别处名单', filters: { tag: 'hardship' } }))).id;
    expect((await sec.send('POST', `${base}/plans`, { ...body, savedListId: other })).json().error.fields.savedListId).toBe('本社区没有这份名单');
  });
});

describe('the ledger and the report', () => {
  it('lists the occasion’s visits with totals, exports them with a total row, and the report counts the same', async () => {
    const year = Number(today.slice(0, 4));
    const led = await ok(await sec.get(`${base}/ledger?occasion=spring_festival&year=${year}`));
    expect(led.totals).toEqual({ visits: 2, households: 2, money: 1100, giftVisits: 2 });
    expect((led.rows as { name: string }[]).map((r) => r.name)).toEqual(['老干部甲', '老干部乙']);
    const res = await sec.get(`${base}/ledger/export.xlsx?occasion=spring_festival&year=${year}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(3).value).toBe('慰问对象');
    expect(ws.getRow(2).getCell(3).value).toBe('老干部甲');
    expect(ws.getRow(4).getCell(3).value).toBe('合计');
    expect(ws.getRow(4).getCell(7).value).toBe(1100);

    const s = await visitsModule.reportSection!({ db: l.services.db, communityId: cid, from: ago(30), to: today });
    const f = Object.fromEntries(s.figures.map((x) => [x.key, x.value]));
    expect([f['visits'], f['households'], f['money'], f['occasion.spring_festival.visits']]).toEqual([2, 2, 1100, 2]);
    expect(s.figures.find((x) => x.key === 'occasion.spring_festival.visits')?.link).toBe(`visits/ledger?occasion=spring_festival&from=${ago(30)}&to=${today}`);
    expect(s.highlights?.[0].text.zh).toBe(`${year}年春节走访慰问离退休干部2户，发放慰问金1,100元。`);
    // a period before the visits counts none
    const before = await visitsModule.reportSection!({ db: l.services.db, communityId: cid, from: ago(400), to: ago(60) });
    expect(before.figures.find((x) => x.key === 'visits')?.value).toBe(0);
  });
});

describe('each figure of a period opens the ledger of exactly the visits it counts', () => {
  const from = () => ago(7);
  type Figure = { key: string; value: number; link?: string };
  const ledgerOf = async (link: string) => {
    const [page, query] = link.split('?');
    expect(page).toBe('visits/ledger');
    return (await ok(await sec.get(`${base}/ledger?${query}`))) as unknown as { rows: { name: string; date: string; occasion: string }[]; totals: Record<string, number> };
  };

  it('a Mid-Autumn visit last month stays out of this week, one yesterday is in; every figure matches its ledger', async () => {
    const year = Number(today.slice(0, 4));
    const id = (await ok(await sec.send('POST', `${base}/plans`, { occasion: 'mid_autumn', year, title: '中秋走访离退休干部', savedListId: listId, plannedFrom: ago(45), plannedTo: ago(0), money: 200 }))).id;
    const targets = (await ok(await sec.get(`${base}/plans/${id}`))).targets as { id: string; name: string }[];
    await ok(await sec.send('PUT', `${base}/plans/${id}/targets/${targets[0].id}/visit`, { date: ago(40), visitors: '吴主任', money: 200, gifts: '月饼' }));
    await ok(await sec.send('PUT', `${base}/plans/${id}/targets/${targets[2].id}/visit`, { date: ago(1), visitors: '王社工', money: 200 }));

    const s = await visitsModule.reportSection!({ db: l.services.db, communityId: cid, from: from(), to: today });
    const figures = s.figures as Figure[];
    const f = Object.fromEntries(figures.map((x) => [x.key, x.value]));
    // the two Spring Festival visits of the last days and yesterday's Mid-Autumn one
    expect(f).toMatchObject({ visits: 3, households: 2, money: 1300, gifts: 2, 'occasion.mid_autumn.visits': 1, 'occasion.mid_autumn.money': 200 });
    for (const x of figures) {
      // (a) the link carries the period
      expect(x.link, x.key).toContain(`from=${from()}&to=${today}`);
      // (b) the ledger behind it lists exactly the visits counted, with the same totals
      const led = await ledgerOf(x.link!);
      const total = { visits: led.totals.visits, households: led.totals.households, money: led.totals.money, gifts: led.totals.giftVisits }[x.key.split('.').pop()!];
      expect(total, x.key).toBe(x.value);
      if (x.key.endsWith('visits')) expect(led.rows, x.key).toHaveLength(x.value);
    }
    const all = await ledgerOf(figures.find((x) => x.key === 'visits')!.link!);
    expect(all.rows.map((r) => [r.name, r.occasion])).toEqual([
      ['老干部甲', 'spring_festival'],
      ['老干部乙', 'spring_festival'],
      ['老干部丙', 'mid_autumn'],
    ]);
    expect(all.rows.every((r) => r.date >= from() && r.date <= today)).toBe(true);
    // the year's Mid-Autumn ledger still holds last month's visit
    expect((await ok(await sec.get(`${base}/ledger?occasion=mid_autumn&year=${year}`))).totals).toMatchObject({ visits: 2 });

    // the Excel file of the period holds the same visits and a total row
    const res = await sec.get(`${base}/ledger/export.xlsx?from=${from()}&to=${today}`);
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`（${from()}至${today}）`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(1 + 3 + 1);
    expect(ws.getRow(5).getCell(7).value).toBe(1300);
  });

  it('a period ending before it starts, a day not on the calendar, or neither a year nor a period is refused naming the field', async () => {
    const backwards = await sec.get(`${base}/ledger?from=${today}&to=${ago(7)}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields.to).toBe(`时间段的结束日期（${ago(7)}）不能早于开始日期（${today}）`);
    expect((await sec.get(`${base}/ledger?from=2026-02-30&to=2026-03-31`)).json().error.fields.from).toBe('“2026-02-30”不是日历上的日期');
    expect((await sec.get(`${base}/ledger?from=last-week&to=2026-03-31`)).json().error.fields.from).toBe('格式不正确');
    expect((await sec.get(`${base}/ledger?occasion=spring_festival`)).json().error.fields.year).toBe('必填');
    expect((await sec.get(`${base}/ledger/export.xlsx?from=${today}&to=${ago(7)}`)).statusCode).toBe(400);
  });
});

describe('who sees what', () => {
  it('another community gets 404, a building leader is refused, the officer reads but cannot record', async () => {
    expect((await otherSec.get(`${base}/plans/${planId}`)).statusCode).toBe(404);
    expect((await otherSec.get(`${otherReg}/visits/plans/${planId}`)).statusCode).toBe(404);
    expect((await leader.get(`${base}/plans`)).statusCode).toBe(403);
    expect((await officer.get(`${base}/plans/${planId}`)).statusCode).toBe(200);
    const plan = await ok(await officer.get(`${base}/plans/${planId}`));
    const t = (plan.targets as { id: string }[])[2];
    expect((await officer.send('PUT', `${base}/plans/${planId}/targets/${t.id}/visit`, { date: today, visitors: '李干事' })).statusCode).toBe(403);
  });
});

describe('a plan over a list built on a sensitive tag', () => {
  it('is seen only by those who may see the tag: staff find it in no list, picker, ledger or export, and 404 when asking', async () => {
    const year = Number(today.slice(0, 4));
    await ok(await sec.send('POST', `${reg}/residents/tags`, { residentIds: [people['普通居民']], tag: 'community_correction', action: 'add', date: ago(100) }));
    const sensitiveList = (await ok(await sec.send('POST', `${reg}/saved-lists`, { name: '重点关怀对象', filters: { tag: 'community_correction' } }))).id;
    const plan = (await ok(await sec.send('POST', `${base}/plans`, { occasion: 'new_year', year, title: '元旦走访重点关怀对象', savedListId: sensitiveList, plannedFrom: ago(5), plannedTo: ago(0), money: 200 }))).id;
    const target = ((await ok(await sec.get(`${base}/plans/${plan}`))).targets as { id: string; name: string }[])[0];
    expect(target.name).toBe('普通居民');
    const visit = await ok(await sec.send('PUT', `${base}/plans/${plan}/targets/${target.id}/visit`, { date: ago(1), visitors: '吴主任', money: 200 }));
    const up = multipart('走访.png', 'image/png', PNG);
    const photo = await l.app.inject({ method: 'POST', url: `${base}/records/${visit.id}/photo`, headers: { cookie: sec.cookie, origin: 'http://localhost', host: 'localhost', ...up.headers }, payload: up.payload });
    expect(photo.statusCode).toBe(200);

    const staff = await signIn(l, staffUser.username);
    const plans = (await ok(await staff.get(`${base}/plans`))) as unknown as { id: string }[];
    expect(plans.map((p) => p.id)).toContain(planId);
    expect(plans.map((p) => p.id)).not.toContain(plan);
    expect((await staff.get(`${base}/plans/${plan}`)).statusCode).toBe(404);
    expect((await staff.get(`${base}/plans/${plan}/export.xlsx`)).statusCode).toBe(404);
    expect((await staff.send('POST', `${base}/plans/${plan}/assign`, { targetIds: [target.id], assigneeName: '张三' })).statusCode).toBe(404);
    expect((await staff.send('PUT', `${base}/plans/${plan}/targets/${target.id}/visit`, { date: ago(1), visitors: '张三' })).statusCode).toBe(404);
    expect((await staff.get(`${base}/records/${visit.id}/photo`)).statusCode).toBe(404);
    expect((await staff.send('DELETE', `${base}/records/${visit.id}`)).statusCode).toBe(404);
    // the plan page's list picker, and drawing a plan from the list by its id
    const picker = (await ok(await staff.get(`${reg}/saved-lists`))) as unknown as { id: string; name: string }[];
    expect(picker.map((x) => x.name)).toContain('离退休干部');
    expect(picker.map((x) => x.id)).not.toContain(sensitiveList);
    const drawn = await staff.send('POST', `${base}/plans`, { occasion: 'new_year', year, title: '试试', savedListId: sensitiveList, plannedFrom: ago(1), plannedTo: ago(0) });
    expect(drawn.statusCode).toBe(400);
    expect(drawn.json().error.fields.savedListId).toBe('本社区没有这份名单');
    // the ledger, its export and the visits report leave the plan out
    const secret = /普通居民|重点关怀对象/;
    const led = await ok(await staff.get(`${base}/ledger?year=${year}`));
    expect(JSON.stringify(led)).not.toMatch(secret);
    const file = await staff.get(`${base}/ledger/export.xlsx?year=${year}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    expect(cells.join('\n')).not.toMatch(secret);
    expect(JSON.stringify(await ok(await staff.get(`${base}/report`)))).not.toMatch(secret);

    // the secretary sees it all
    expect(((await ok(await sec.get(`${base}/plans`))) as unknown as { id: string }[]).map((p) => p.id)).toContain(plan);
    expect(JSON.stringify(await ok(await sec.get(`${base}/ledger?year=${year}`)))).toMatch(/普通居民/);
    expect((await sec.get(`${base}/plans/${plan}/export.xlsx`)).statusCode).toBe(200);
    expect((await sec.get(`${base}/records/${visit.id}/photo`)).statusCode).toBe(200);
    // the work report, read by every reader of the community, counts the visit but names no such list
    const section = await visitsModule.reportSection!({ db: l.services.db, communityId: cid, from: ago(30), to: today });
    expect(section.figures.find((x) => x.key === 'occasion.new_year.visits')?.value).toBe(1);
    expect(JSON.stringify(section.highlights)).not.toMatch(secret);

    // the plan keeps what it was drawn from: deleting the list does not open it to staff
    expect((await sec.send('DELETE', `${reg}/saved-lists/${sensitiveList}`)).statusCode).toBe(204);
    expect((await staff.get(`${base}/plans/${plan}`)).statusCode).toBe(404);
  });
});
