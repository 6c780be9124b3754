import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { servicesModule } from '.';

// The clock stands at 2026-11-25 10:00 in China (a Wednesday).
let l: TestLinli;
let sec: Client;
let staff: Client;
let leader: Client;
let officer: Client;
let otherSec: Client;
let base: string;
let otherBase: string;
let communityId: string;
let staffId: string;
let leaderId: string;
let otherStaffId: string;
const usernames: Record<string, string> = {};
/** moves the clock on; sessions idle out after 30 minutes, so everyone signs in again */
async function later(ms: number) {
  l.clock.advance(ms);
  sec = await signIn(l, usernames.sec);
  staff = await signIn(l, usernames.staff);
  leader = await signIn(l, usernames.leader);
  officer = await signIn(l, usernames.officer);
  otherSec = await signIn(l, usernames.otherSec);
}
const r: Record<string, string> = {};
const item: Record<string, string> = {};
const dp: Record<string, string> = {};

type J = Record<string, never> & Record<string, unknown>;
async function ok(res: { statusCode: number; body: string; json(): unknown }): Promise<J> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as J;
}
const post = async (c: Client, url: string, body?: unknown) => ok(await c.send('POST', url, body ?? {}));

async function places(c: Client, b: string) {
  const id = async (url: string, body: unknown): Promise<string> => (await post(c, `${b}/registry/${url}`, body)).id as string;
  const compound = await id('compounds', { name: '怡丽北园' });
  const b3 = await id('buildings', { compoundId: compound, number: '3' });
  const e = await id('entrances', { buildingId: b3, number: '2' });
  return { d401: await id('dwellings', { compoundId: compound, entranceId: e, room: '401' }), d502: await id('dwellings', { compoundId: compound, entranceId: e, room: '502' }) };
}

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '测试社区');
  const c2 = await makeCommunity(l, sd.id, '别的社区');
  communityId = c.id;
  base = `/api/v1/communities/${c.id}`;
  otherBase = `/api/v1/communities/${c2.id}`;
  usernames.sec = (await makeUser(l, 'secretary', { communityId: c.id })).username;
  const st = await makeUser(l, 'staff', { communityId: c.id });
  staffId = st.id;
  usernames.staff = st.username;
  const ld = await makeUser(l, 'building_leader', { communityId: c.id });
  leaderId = ld.id;
  usernames.leader = ld.username;
  usernames.officer = (await makeUser(l, 'subdistrict_officer', { subDistrictId: sd.id })).username;
  otherStaffId = (await makeUser(l, 'staff', { communityId: c2.id })).id;
  usernames.otherSec = (await makeUser(l, 'secretary', { communityId: c2.id })).username;
  await later(0);

  const p = await places(sec, base);
  const person = async (name: string, body: Record<string, unknown>) => (await post(sec, `${base}/residents`, { name, ...body })).id as string;
  r.zhang = await person('张奶奶', { dwellingId: p.d401, birthDate: '1938-03-02', phone: '13811112222' });
  const hh = (await ok(await sec.get(`${base}/residents/${r.zhang}`))).householdId as string;
  r.zhangHusband = await person('张爷爷', { householdId: hh, birthDate: '1936-05-01', relationToHead: 'spouse' });
  r.li = await person('李大爷', { dwellingId: p.d502, birthDate: '1940-08-08', phone: '13933334444' });
  await post(sec, `${base}/residents/tags`, { residentIds: [r.li], tag: 'living_alone', action: 'add', date: '2025-01-01' });
  await post(sec, `${base}/residents/tags`, { residentIds: [r.zhang, r.zhangHusband], tag: 'empty_nest', action: 'add', date: '2025-01-01' });
  const op = await places(otherSec, otherBase);
  r.other = (await post(otherSec, `${otherBase}/residents`, { name: '外社区居民', dwellingId: op.d401 })).id as string;

  const newItem = async (area: string, name: string, hours: number, door = false) =>
    (await post(sec, `${base}/services/items`, { area, name, timeLimitHours: hours, door, duties: `${name}的职责` })).id as string;
  item.meals = await newItem('station', '送餐', 24, true);
  item.haircut = await newItem('station', '理发', 72, true);
  item.repair = await newItem('station', '家电维修', 48, true);
  item.civil = await newItem('hall', '民政', 72);
  item.repairOther = (await post(otherSec, `${otherBase}/services/items`, { area: 'station', name: '家电维修', timeLimitHours: 48 })).id as string;
  dp.leader = (await post(sec, `${base}/services/door/providers`, { kind: 'volunteer', name: '赵楼长', userId: leaderId })).id as string;
  dp.staff = (await post(sec, `${base}/services/door/providers`, { kind: 'staff', name: '王社工', userId: staffId })).id as string;
});
afterAll(() => l.close());

const day = async (c: Client, date = '2026-11-25') => ok(await c.get(`${base}/services/door/day?date=${date}`));
type Stop = { needId: string; name: string; itemName: string; outcome: string | null; deliveryId: string | null };
const stopsOf = (d: J, provider: string) => ((d.providers as { providerName: string; stops: Stop[] }[]).find((p) => p.providerName === provider)?.stops ?? []);

describe('door-to-door services 上门服务', () => {
  it('residents tagged 独居 / 空巢 are offered for the register; once registered with schedules they leave the candidates', async () => {
    const before = (await ok(await staff.get(`${base}/services/door/candidates`))) as unknown as { name: string; tags: string[] }[];
    expect(before.map((c) => c.name).sort()).toEqual(['张奶奶', '张爷爷', '李大爷']);
    expect(before.find((c) => c.name === '李大爷')!.tags).toContain('living_alone');

    const li = await post(staff, `${base}/services/door/clients`, {
      residentId: r.li,
      registeredDate: '2026-11-01',
      note: '耳背，敲门要大声',
      needs: [
        { itemId: item.meals, providerId: dp.leader, freq: 'weekdays', startDate: '2026-11-02', timeSlot: '11:30' },
        { itemId: item.haircut, providerId: dp.staff, freq: 'monthly', monthDay: 25, startDate: '2026-11-01' },
      ],
    });
    r.liClient = li.id as string;
    expect((li.needs as { itemName: string }[]).map((n) => n.itemName).sort()).toEqual(['理发', '送餐']);
    // the couple: both get meals from the volunteer every weekday
    for (const [key, id] of [['zhangClient', r.zhang], ['husbandClient', r.zhangHusband]] as const) {
      r[key] = (await post(staff, `${base}/services/door/clients`, { residentId: id, registeredDate: '2026-11-01', needs: [{ itemId: item.meals, providerId: dp.leader, freq: 'weekdays', startDate: '2026-11-02', timeSlot: '11:30' }] })).id as string;
    }
    expect(await ok(await staff.get(`${base}/services/door/candidates`))).toEqual([]);
    const again = await staff.send('POST', `${base}/services/door/clients`, { residentId: r.li, registeredDate: '2026-11-20' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.residentId).toBe('李大爷已在上门服务登记中');
  });

  it('a weekly schedule needs its weekdays; a resident of another community cannot be registered', async () => {
    const res = await staff.send('POST', `${base}/services/door/clients/${r.liClient}/needs`, { itemId: item.repair, freq: 'weekly', startDate: '2026-11-25' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields['schedule.weekdays']).toBe('请选择每周的服务日');
    const foreign = await staff.send('POST', `${base}/services/door/clients`, { residentId: r.other, registeredDate: '2026-11-01' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields.residentId).toBe('本社区没有这位在住居民');
  });

  it('the day’s list brings each schedule that falls on the day, grouped per provider', async () => {
    const wed = await day(staff);
    expect(stopsOf(wed, '赵楼长').map((s) => s.name).sort()).toEqual(['张奶奶', '张爷爷', '李大爷']);
    expect(stopsOf(wed, '王社工').map((s) => `${s.name}${s.itemName}`)).toEqual(['李大爷理发']);
    // Saturday: no weekday meals, no haircut
    expect((await day(staff, '2026-11-28')).providers).toEqual([]);
  });

  it('a volunteer sees only their own list, ticks visits off, and can correct a tick; not someone else’s', async () => {
    const mine = await day(leader);
    expect((mine.providers as unknown[]).length).toBe(1);
    const stops = stopsOf(mine, '赵楼长');
    const byName = (n: string) => stops.find((s) => s.name === n)!;
    await post(leader, `${base}/services/door/deliveries`, { needId: byName('李大爷').needId, date: '2026-11-25', outcome: 'not_home', note: '去医院了' });
    await post(leader, `${base}/services/door/deliveries`, { needId: byName('张奶奶').needId, date: '2026-11-25', outcome: 'done' });
    await post(leader, `${base}/services/door/deliveries`, { needId: byName('张爷爷').needId, date: '2026-11-25', outcome: 'done' });
    // he came back in the afternoon: the same visit is corrected, not logged twice
    await post(leader, `${base}/services/door/deliveries`, { needId: byName('李大爷').needId, date: '2026-11-25', outcome: 'done' });
    const after = stopsOf(await day(leader), '赵楼长');
    expect(after.map((s) => s.outcome)).toEqual(['done', 'done', 'done']);

    const haircut = stopsOf(await day(staff), '王社工')[0];
    const res = await leader.send('POST', `${base}/services/door/deliveries`, { needId: haircut.needId, date: '2026-11-25', outcome: 'done' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('这不是您负责的服务清单');
    // the register of every vulnerable resident is not the volunteer's to read
    expect((await leader.get(`${base}/services/door/clients`)).statusCode).toBe(403);
    // and no visits in the future
    const future = await leader.send('POST', `${base}/services/door/deliveries`, { needId: byName('张奶奶').needId, date: '2026-11-26', outcome: 'done' });
    expect(future.json().error.fields.date).toBe('不能登记未来日期的服务');
  });

  it('household-times count one household, service and day once: the couple’s two lunches are one 户/次; not home and refused count nothing', async () => {
    const url = `${base}/services/door/deliveries`;
    const zhang = stopsOf(await day(staff, '2026-11-24'), '赵楼长');
    for (const s of zhang) await post(staff, url, { needId: s.needId, date: '2026-11-24', outcome: s.name === '李大爷' ? 'refused' : 'done' });
    const haircut = stopsOf(await day(staff), '王社工')[0];
    await post(staff, url, { needId: haircut.needId, date: '2026-11-25', outcome: 'done' });
    // a repair visit on request
    await post(staff, url, { clientId: r.liClient, itemId: item.repair, date: '2026-11-20', outcome: 'done', note: '修好了台灯' });

    const log = await ok(await staff.get(`${base}/services/door/deliveries?from=2026-11-01&to=2026-11-30&outcome=done`));
    // 25th: 张 household lunch (1) + 李 lunch (1) + 李 haircut (1); 24th: 张 household lunch (1); 20th: 李 repair (1)
    expect(log.householdTimes).toBe(5);
    expect(log.total).toBe(7);
    const section = await servicesModule.reportSection!({ db: l.services.db, communityId, from: '2026-11-01', to: '2026-11-30' });
    const f = Object.fromEntries(section.figures.map((x) => [x.key, x.value]));
    expect(f['door.householdTimes']).toBe(5);
    expect(f['door.residentsServed']).toBe(3);
    expect(section.figures.find((x) => x.key === 'door.householdTimes')!.link).toBe('services/door/log?from=2026-11-01&to=2026-11-30&outcome=done');
    // the register's own count of recent visits
    const clients = (await ok(await staff.get(`${base}/services/door/clients`))).items as { name: string; recentDone: number }[];
    expect(clients.find((c) => c.name === '李大爷')!.recentDone).toBe(3);
  });

  it('taking a client off the register ends their schedules: from that day they are off the list, past visits still count', async () => {
    const ended = await post(staff, `${base}/services/door/clients/${r.husbandClient}/end`, { endedDate: '2026-11-26', reason: '入住养老院' });
    expect(ended.endedDate).toBe('2026-11-26');
    // the schedules end the day before; from the 26th the client has none
    expect((ended.needs as { endDate: string }[]).map((n) => n.endDate)).toEqual(['2026-11-25']);
    expect(stopsOf(await day(staff, '2026-11-26'), '赵楼长').map((s) => s.name).sort()).toEqual(['张奶奶', '李大爷']);
    expect(stopsOf(await day(staff, '2026-11-25'), '赵楼长').map((s) => s.name)).toContain('张爷爷');
    const log = await ok(await staff.get(`${base}/services/door/deliveries?from=2026-11-01&to=2026-11-30&outcome=done`));
    expect(log.householdTimes).toBe(5);
  });
});

describe('tickets from the desk, the hotline and online', () => {
  it('a hotline call: the caller is found by the whole phone number (blind index) or by name, a ticket is opened, assigned, done and followed up', async () => {
    const byPhone = (await ok(await staff.get(`${base}/services/callers?q=${encodeURIComponent('138 1111 2222')}`))) as unknown as { name: string; byPhone: boolean; phoneMasked: string; doorClient: boolean }[];
    expect(byPhone).toEqual([expect.objectContaining({ name: '张奶奶', byPhone: true, phoneMasked: '138****2222', doorClient: true })]);
    const byName = (await ok(await staff.get(`${base}/services/callers?q=${encodeURIComponent('李大')}`))) as unknown as { name: string; byPhone: boolean }[];
    expect(byName.map((x) => x.name)).toEqual(['李大爷']);
    // a number nobody in the registry has
    expect(await ok(await staff.get(`${base}/services/callers?q=13800000000`))).toEqual([]);

    const t = await post(staff, `${base}/services/tickets`, { channel: 'hotline', residentId: r.zhang, itemId: item.repair, description: '热水器不出热水' });
    expect(t).toMatchObject({ number: '2026-0001', status: 'accepted', callerName: '张奶奶', phoneMasked: '138****2222', itemName: '家电维修', overdue: false });
    // the time limit of 家电维修 is 48 hours
    expect(Date.parse(t.dueAt as string) - Date.parse(t.acceptedAt as string)).toBe(48 * 3_600_000);

    const early = await staff.send('POST', `${base}/services/tickets/${t.id}/follow-up`, { satisfaction: 5 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/^工单当前状态不能进行这项操作/);

    const assigned = await post(staff, `${base}/services/tickets/${t.id}/assign`, { userId: staffId });
    expect(assigned.status).toBe('assigned');
    await post(staff, `${base}/services/tickets/${t.id}/start`);
    await post(staff, `${base}/services/tickets/${t.id}/notes`, { note: '已约好明天上午上门' });
    await later(20 * 3_600_000);
    await post(staff, `${base}/services/tickets/${t.id}/done`, { result: '更换了温控器' });
    const followed = await post(staff, `${base}/services/tickets/${t.id}/follow-up`, { satisfaction: 4, comment: '师傅很耐心' });
    expect(followed).toMatchObject({ status: 'followed_up', satisfaction: 4, followUpComment: '师傅很耐心', late: false });
    expect((followed.events as { kind: string }[]).map((e) => e.kind)).toEqual(['created', 'assigned', 'started', 'note', 'done', 'followed_up']);
    // done once is done: a second follow-up is refused
    expect((await staff.send('POST', `${base}/services/tickets/${t.id}/follow-up`, { satisfaction: 1 })).statusCode).toBe(409);
  });

  it('a ticket past its time limit is overdue and listed first; finishing late counts against the on-time rate', async () => {
    const t = await post(staff, `${base}/services/tickets`, { channel: 'desk', callerName: '过路的王先生', phone: '139-0000-1234', itemId: item.meals, description: '想给母亲订午餐', assignUserId: staffId });
    expect(t.status).toBe('assigned');
    await later(25 * 3_600_000);
    const list = await ok(await staff.get(`${base}/services/tickets?status=open`));
    expect((list.items as { id: string; overdue: boolean }[])[0]).toMatchObject({ id: t.id, overdue: true });
    expect((await ok(await staff.get(`${base}/services/tickets?overdue=1`))).total).toBe(1);
    await post(staff, `${base}/services/tickets/${t.id}/done`, { result: '已登记送餐' });
    const after = await ok(await staff.get(`${base}/services/tickets/${t.id}`));
    expect(after).toMatchObject({ overdue: false, late: true });

    const section = await servicesModule.reportSection!({ db: l.services.db, communityId, from: '2026-11-01', to: '2026-11-30' });
    const f = Object.fromEntries(section.figures.map((x) => [x.key, x.value]));
    expect(f['tickets.total']).toBe(2);
    expect(f['tickets.channel.hotline']).toBe(1);
    expect(f['tickets.channel.desk']).toBe(1);
    expect(f['tickets.status.followed_up']).toBe(1);
    expect(f['tickets.status.done']).toBe(1);
    expect(f['tickets.onTimeRate']).toBe(50);
    expect(f['tickets.satisfaction']).toBe(4);
  });

  it('closing unresolved needs a reason; a closed ticket cannot be done', async () => {
    const t = await post(staff, `${base}/services/tickets`, { channel: 'online', callerName: '网友', address: '3号楼', itemId: item.civil, description: '咨询高龄津贴' });
    const bare = await staff.send('POST', `${base}/services/tickets/${t.id}/close`, {});
    expect(bare.statusCode).toBe(400);
    const closed = await post(staff, `${base}/services/tickets/${t.id}/close`, { reason: '居民撤回诉求' });
    expect(closed).toMatchObject({ status: 'closed', closeReason: '居民撤回诉求' });
    expect((await staff.send('POST', `${base}/services/tickets/${t.id}/done`, { result: 'x' })).statusCode).toBe(409);
    // the resident calls back: reopened with the reason, it goes back to the desk (nobody had been sent)
    expect((await staff.send('POST', `${base}/services/tickets/${t.id}/reopen`, {})).statusCode).toBe(400);
    const back = await post(staff, `${base}/services/tickets/${t.id}/reopen`, { reason: '居民再次来电，仍需咨询' });
    expect(back).toMatchObject({ status: 'accepted', closeReason: null });
    expect((back.events as { kind: string; note: string | null }[]).slice(-2)).toEqual([
      expect.objectContaining({ kind: 'closed', note: '居民撤回诉求' }),
      expect.objectContaining({ kind: 'reopened', note: '居民再次来电，仍需咨询' }),
    ]);
    // an open ticket is not reopened
    expect((await staff.send('POST', `${base}/services/tickets/${t.id}/reopen`, { reason: 'x' })).statusCode).toBe(409);
    // a caller outside the registry must leave a phone or an address
    const none = await staff.send('POST', `${base}/services/tickets`, { channel: 'hotline', callerName: '匿名', itemId: item.civil, description: '咨询' });
    expect(none.json().error.fields.phone).toBe('不是登记居民时，请留下电话或地址');
  });

  it('a caller’s phone is sealed and masked; showing it in full needs the permission and is written to the audit log', async () => {
    const list = await ok(await staff.get(`${base}/services/tickets?q=${encodeURIComponent('王先生')}`));
    const t = (list.items as { id: string; phoneMasked: string }[])[0];
    expect(t.phoneMasked).toBe('139****1234');
    const stored = await l.services.db.kysely.selectFrom('service_ticket').select(['phone_enc', 'phone_tail']).where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(stored.phone_enc).not.toContain('1390000');
    expect(stored.phone_tail).toBe('1234');
    expect((await post(staff, `${base}/services/tickets/${t.id}/reveal`)).value).toBe('13900001234');
    const audit = await l.services.db.kysely.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'services.reveal').execute();
    expect(audit).toEqual([{ action: 'services.reveal', entity_id: t.id }]);
    expect((await officer.send('POST', `${base}/services/tickets/${t.id}/reveal`)).statusCode).toBe(403);
  });
});

describe('scoping', () => {
  it('another community’s secretary gets 404; a sub-district officer reads but cannot open tickets', async () => {
    expect((await otherSec.get(`${base}/services/tickets`)).statusCode).toBe(404);
    expect((await otherSec.get(`${base}/services/door/day`)).statusCode).toBe(404);
    expect((await ok(await officer.get(`${base}/services/tickets`))).total).toBe((await ok(await staff.get(`${base}/services/tickets`))).total);
    expect((await ok(await officer.get(`${base}/services/tickets`))).total).toBeGreaterThan(0);
    expect((await officer.send('POST', `${base}/services/tickets`, { channel: 'desk', callerName: 'x', address: 'y', itemId: item.civil, description: 'z' })).statusCode).toBe(403);
    // another community's tickets list knows nothing of ours
    expect((await ok(await otherSec.get(`${otherBase}/services/tickets`))).total).toBe(0);
  });

  it('a ticket cannot name another community’s service, staff member or resident', async () => {
    const foreignItem = await staff.send('POST', `${base}/services/tickets`, { channel: 'desk', residentId: r.zhang, itemId: item.repairOther, description: '修' });
    expect(foreignItem.json().error.fields.itemId).toBe('请选择本社区在用的服务项目');
    const foreignUser = await staff.send('POST', `${base}/services/tickets`, { channel: 'desk', residentId: r.zhang, itemId: item.repair, description: '修', assignUserId: otherStaffId });
    expect(foreignUser.json().error.fields.userId).toBe('只能派给本社区的工作人员或在册服务商');
    // nothing half-written: the refused ticket is not there
    expect((await ok(await staff.get(`${base}/services/tickets`))).total).toBe(3);
    const foreignResident = await staff.send('POST', `${base}/services/tickets`, { channel: 'desk', residentId: r.other, itemId: item.repair, description: '修' });
    expect(foreignResident.statusCode).toBe(400);
  });
});

describe('Excel exports', () => {
  const read = async (res: { statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }) => {
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    return rows;
  };

  it('tickets: Chinese headers, masked phones, overdue marked', async () => {
    const rows = await read(await staff.get(`${base}/services/tickets/export.xlsx`));
    expect(rows[0].slice(0, 8)).toEqual(['工单号', '受理时间', '渠道', '诉求人', '联系电话', '服务项目', '诉求内容', '状态']);
    const wang = rows.find((x) => x[3] === '过路的王先生')!;
    expect(wang[4]).toBe('139****1234');
    expect(wang[11]).toBe('是');
    expect(rows.length).toBe(4);
  });

  it('the delivery log ends with its household-times; the day’s list has a line per visit and a column to sign', async () => {
    const log = await read(await staff.get(`${base}/services/door/deliveries/export.xlsx?outcome=done`));
    expect(log.at(-1)!.slice(0, 2)).toEqual(['合计', '5 户/次']);
    const list = await read(await staff.get(`${base}/services/door/day/export.xlsx?date=2026-11-26`));
    expect(list[0].at(-1)).toBe('签字');
    expect(list.slice(1).map((x) => x[3]).sort()).toEqual(['张奶奶', '李大爷']);
  });

  it('the register, the catalogue and the providers', async () => {
    const reg = await read(await staff.get(`${base}/services/door/clients/export.xlsx`));
    expect(reg.find((x) => x[1] === '李大爷')![6]).toMatch(/送餐：工作日 11:30（赵楼长）/);
    const cat = await read(await staff.get(`${base}/services/items/export.xlsx`));
    expect(cat[1].slice(0, 2)).toEqual(['服务大厅', '民政']);
    await post(sec, `${base}/services/providers`, { name: '邻家家电维修部', contactName: '许师傅', phone: '13700001111', joinedDate: '2026-01-01', hours: '9:00-18:00', prices: '上门 20 元', itemIds: [item.repair] });
    const prov = await read(await staff.get(`${base}/services/providers/export.xlsx`));
    expect(prov[1].slice(0, 4)).toEqual(['邻家家电维修部', '家电维修', '许师傅', '137****1111']);
    // a provider can only join with this community's station services
    const bad = await sec.send('POST', `${base}/services/providers`, { name: '别处', joinedDate: '2026-01-01', itemIds: [item.civil] });
    expect(bad.json().error.fields['itemIds.0']).toBe('只能选择本社区服务站的服务项目');
  });
});

describe('the overview brings the re-employment figures 再就业帮扶', () => {
  it('open cases and zero-employment households come from the employment records and the registry, each linked', async () => {
    const before = await ok(await sec.get(`${base}/services/overview`));
    const emp0 = before.employment as unknown as { openCases: number; zeroHouseholds: number };
    const compound = (await post(sec, `${base}/registry/compounds`, { name: '就业测试园' })).id as string;
    const bld = (await post(sec, `${base}/registry/buildings`, { compoundId: compound, number: '9' })).id as string;
    const ent = (await post(sec, `${base}/registry/entrances`, { buildingId: bld, number: '1' })).id as string;
    const dwelling = (await post(sec, `${base}/registry/dwellings`, { compoundId: compound, entranceId: ent, room: '101' })).id as string;
    const head = await post(sec, `${base}/residents`, { name: '王建国', gender: 'male', birthDate: '1980-04-04', employmentStatus: 'unemployed', relationToHead: 'head', dwellingId: dwelling });
    const wife = await post(sec, `${base}/residents`, { name: '刘秀兰', gender: 'female', birthDate: '1982-06-06', employmentStatus: 'unemployed', relationToHead: 'spouse', householdId: head.householdId });
    await post(sec, `${base}/employment/cases`, { residentId: head.id, registeredOn: '2026-10-01' });

    const after = await ok(await sec.get(`${base}/services/overview`));
    expect(after.employment).toMatchObject({ openCases: emp0.openCases + 1, zeroHouseholds: emp0.zeroHouseholds + 1 });
    // the sub-district officer reads the same figures; another community's overview does not count ours
    expect((await ok(await officer.get(`${base}/services/overview`))).employment).toEqual(after.employment);
    expect((await ok(await otherSec.get(`${otherBase}/services/overview`))).employment).toMatchObject({ openCases: 0, zeroHouseholds: 0 });

    // the wife finds work: the household is no longer zero-employment
    await ok(await sec.send('PATCH', `${base}/residents/${wife.id}`, { employmentStatus: 'employed', workUnit: '超市' }));
    expect((await ok(await sec.get(`${base}/services/overview`))).employment).toMatchObject({ openCases: emp0.openCases + 1, zeroHouseholds: emp0.zeroHouseholds });
  });
});

// last in the file: it adds a ticket the counts above do not expect
describe('a ticket the resident calls back about', () => {
  it('a ticket reopened after its follow-up goes back to the same person; the first round stays in its history, and the report counts it open', async () => {
    const t = await post(staff, `${base}/services/tickets`, { channel: 'hotline', residentId: r.zhang, itemId: item.repair, description: '楼道灯不亮', assignUserId: staffId });
    await post(staff, `${base}/services/tickets/${t.id}/done`, { result: '换了灯泡' });
    await post(staff, `${base}/services/tickets/${t.id}/follow-up`, { satisfaction: 2, comment: '过两天又不亮了' });
    const back = await post(staff, `${base}/services/tickets/${t.id}/reopen`, { reason: '居民来电：灯又不亮了' });
    expect(t.assigneeName).toBeTruthy();
    expect(back).toMatchObject({ status: 'assigned', assigneeName: t.assigneeName, satisfaction: null, result: null });
    const kinds = (back.events as { kind: string }[]).map((e) => e.kind);
    expect(kinds).toEqual(['created', 'assigned', 'done', 'followed_up', 'reopened']);
    expect(JSON.stringify(back.events)).toContain('满意度 2/5');
    const open = await ok(await staff.get(`${base}/services/tickets?status=open`));
    expect((open.items as { id: string }[]).map((x) => x.id)).toContain(t.id);
    // the work goes on: done again, followed up again
    await post(staff, `${base}/services/tickets/${t.id}/done`, { result: '更换了线路' });
    const second = await post(staff, `${base}/services/tickets/${t.id}/follow-up`, { satisfaction: 5 });
    expect(second).toMatchObject({ status: 'followed_up', satisfaction: 5 });
    // the sub-district officer reads tickets but does not reopen them
    expect((await officer.send('POST', `${base}/services/tickets/${t.id}/reopen`, { reason: '再次来电' })).statusCode).toBe(403);
  });
});

describe('changing a schedule', () => {
  it('from today on: the old schedule keeps the days it covered, the new one brings the client on its days', async () => {
    const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const today = new Date(l.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    // the next Friday from today (today itself if it is one), and a weekday before today
    const friday = shift(today, (5 - new Date(`${today}T00:00:00Z`).getUTCDay() + 7) % 7);
    const thursday = shift(friday, 6);
    const yesterday = shift(today, -1);
    expect(new Date(`${yesterday}T00:00:00Z`).getUTCDay()).not.toBe(0);
    const client = (await ok(await staff.get(`${base}/services/door/clients/${r.liClient}`))) as unknown as { needs: { id: string; itemName: string; endDate: string | null }[] };
    const meals = client.needs.find((n) => n.itemName === '送餐' && !n.endDate)!;
    // meals move from every weekday (赵楼长) to Fridays (王社工)
    const changed = await post(staff, `${base}/services/door/needs/${meals.id}/reschedule`, { itemId: item.meals, providerId: dp.staff, freq: 'weekly', weekdays: [5], startDate: '2026-11-02', timeSlot: '11:00' });
    const needs = (changed.needs as { id: string; itemName: string; startDate: string; endDate: string | null; freq: string }[]).filter((n) => n.itemName === '送餐');
    expect(needs.map((n) => [n.freq, n.startDate, n.endDate])).toEqual([['weekly', today, null]]);
    const old = await l.services.db.kysely.selectFrom('door_need').select(['start_date', 'end_date', 'freq']).where('id', '=', meals.id).executeTakeFirstOrThrow();
    expect(old).toEqual({ start_date: '2026-11-02', end_date: yesterday, freq: 'weekdays' });
    // yesterday still reads as it was; on Friday he is on 王社工's list; on the Thursday after, on nobody's
    expect(stopsOf(await day(staff, yesterday), '赵楼长').map((s) => s.name)).toContain('李大爷');
    expect(stopsOf(await day(staff, friday), '王社工').map((s) => `${s.name}${s.itemName}`)).toContain('李大爷送餐');
    expect(stopsOf(await day(staff, thursday), '赵楼长').map((s) => s.name)).not.toContain('李大爷');
    // the ended schedule cannot be changed again
    const again = await staff.send('POST', `${base}/services/door/needs/${meals.id}/reschedule`, { itemId: item.meals, freq: 'daily', startDate: today });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields.startDate).toBe('这项服务已经停止，不能再改安排；可以重新添加');
  });
});
