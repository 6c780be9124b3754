import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { FEEDBACK_PER_HOUR } from './routes';

let l: TestLinli;
let sec: Client;
let staff: Client;
let leader: Client;
let otherSec: Client;
let base: string;
let otherBase: string;
const place: Record<string, string> = {};
const other: Record<string, string> = {};

async function ok(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Record<string, never>;
}
async function resident(c: Client, b: string, name: string, dwellingId: string, phone?: string): Promise<string> {
  return (await ok(await c.send('POST', `${b}/residents`, { name, dwellingId, politicalStatus: 'cpc_member', ...(phone ? { phone } : {}) }))).id;
}
async function member(c: Client, b: string, body: Record<string, unknown>): Promise<string> {
  return (await ok(await c.send('POST', `${b}/party/members`, { kind: 'registered', ...body }))).id;
}
async function places(c: Client, b: string, out: Record<string, string>) {
  const id = async (url: string, body: unknown): Promise<string> => (await ok(await c.send('POST', `${b}/registry/${url}`, body))).id;
  out.compound = await id('compounds', { name: '怡丽北园' });
  out.b3 = await id('buildings', { compoundId: out.compound, number: '3' });
  out.e32 = await id('entrances', { buildingId: out.b3, number: '2' });
  out.d401 = await id('dwellings', { compoundId: out.compound, entranceId: out.e32, room: '401' });
}
/** a visitor of the public board, from an address of their own */
const visitor = (ip: string) => ({
  get: (url: string) => l.app.inject({ method: 'GET', url, remoteAddress: ip }),
  post: (url: string, body: unknown) =>
    l.app.inject({ method: 'POST', url, remoteAddress: ip, headers: { 'content-type': 'application/json', origin: 'http://localhost', host: 'localhost' }, payload: JSON.stringify(body) }),
});

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '测试社区');
  const c2 = await makeCommunity(l, sd.id, '别的社区');
  base = `/api/v1/communities/${c.id}`;
  otherBase = `/api/v1/communities/${c2.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  staff = await signIn(l, (await makeUser(l, 'staff', { communityId: c.id })).username);
  leader = await signIn(l, (await makeUser(l, 'building_leader', { communityId: c.id })).username);
  otherSec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c2.id })).username);
  await places(sec, base, place);
  await places(otherSec, otherBase, other);
});
afterAll(() => l.close());

describe('two-level pledges under residents’ supervision', () => {
  it('a member’s area pledge goes on the public board; a resident’s feedback and the secretary’s answer show there; the year-end review marks it fulfilled', async () => {
    const rid = await resident(sec, base, '张党员', place.d401, '13812345678');
    const m = await member(sec, base, { residentId: rid, joinedDate: '1980-07-01' });
    const year = Number(l.clock.now().toISOString().slice(0, 4));
    const pledge = await ok(
      await sec.send('POST', `${base}/party/pledges`, { level: 'member', year, memberId: m, title: '负责3号楼2单元楼道卫生', areas: [{ buildingId: place.b3, entranceId: place.e32 }] }),
    );
    expect(pledge).toMatchObject({ memberName: '张党员', status: 'open', areas: [{ label: '怡丽北园3号楼2单元' }] });
    await ok(await sec.send('POST', `${base}/party/pledges`, { level: 'branch', year, title: '安装信箱30套', owner: '支部书记', target: '30套' }));
    await ok(await sec.send('POST', `${base}/party/pledges/${pledge.id}/progress`, { date: `${year}-05-01`, note: '每周清扫两次' }));

    // nothing is public until the community publishes the board
    expect(await ok(await sec.get(`${base}/party/board`))).toEqual({ enabled: false, token: null, path: null, url: null });
    const settings = await ok(await sec.send('PUT', `${base}/party/board`, { enabled: true }));
    const board = await ok(await visitor('10.0.0.1').get(settings.path));
    expect(board.memberPledges).toEqual([expect.objectContaining({ memberName: '张党员', areas: ['怡丽北园3号楼2单元'], progress: [{ date: `${year}-05-01`, note: '每周清扫两次' }] })]);
    expect(board.branchPledges).toHaveLength(1);
    // names only: no phone, no resident id on the public page
    expect(JSON.stringify(board)).not.toContain('5678');
    expect(JSON.stringify(board)).not.toContain(rid);

    const fb = await visitor('10.0.0.1').post(`${settings.path}/feedback`, { pledgeId: pledge.id, comment: '楼道干净多了', rating: 5 });
    expect(fb.statusCode).toBe(200);
    const list = (await ok(await sec.get(`${base}/party/feedback`))) as unknown as { id: string; comment: string; pledgeTitle: string }[];
    expect(list[0]).toMatchObject({ comment: '楼道干净多了', pledgeTitle: '负责3号楼2单元楼道卫生' });
    await ok(await sec.send('POST', `${base}/party/feedback/${list[0].id}/answer`, { answer: '谢谢您的监督' }));
    const after = await ok(await visitor('10.0.0.2').get(settings.path));
    expect(after.feedback).toEqual([expect.objectContaining({ comment: '楼道干净多了', rating: 5, answer: '谢谢您的监督' })]);

    const reviewed = await ok(await sec.send('POST', `${base}/party/pledges/${pledge.id}/review`, { status: 'done', note: '已兑现' }));
    expect(reviewed.status).toBe('done');
    expect((await ok(await visitor('10.0.0.2').get(settings.path))).memberPledges[0]).toMatchObject({ status: 'done' });
    const audit = await l.services.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'party.pledge-review').executeTakeFirstOrThrow();
    expect(audit.before_json).toContain('open');
  });

  it('the board refuses feedback once withdrawn, and limits how much one address may leave', async () => {
    const settings = await ok(await sec.send('PUT', `${base}/party/board`, { enabled: true }));
    const v = visitor('10.0.0.9');
    for (let i = 0; i < FEEDBACK_PER_HOUR; i++) expect((await v.post(`${settings.path}/feedback`, { comment: `意见${i}`, rating: 4 })).statusCode).toBe(200);
    const limited = await v.post(`${settings.path}/feedback`, { comment: '再来一条', rating: 1 });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect((await visitor('10.0.0.10').post(`${settings.path}/feedback`, { comment: '另一位居民', rating: 3 })).statusCode).toBe(200);
    expect((await visitor('10.0.0.10').post(`${settings.path}/feedback`, { comment: '评分不对', rating: 6 })).statusCode).toBe(400);

    await ok(await sec.send('PUT', `${base}/party/board`, { enabled: false }));
    expect((await visitor('10.0.0.11').post(`${settings.path}/feedback`, { comment: '还能留言吗', rating: 3 })).statusCode).toBe(404);
    expect((await visitor('10.0.0.11').get(settings.path)).statusCode).toBe(404);
    // a fresh link retires the old one
    const fresh = await ok(await sec.send('PUT', `${base}/party/board`, { enabled: true, newToken: true }));
    expect((await visitor('10.0.0.11').get(settings.path)).statusCode).toBe(404);
    expect((await visitor('10.0.0.11').get(fresh.path)).statusCode).toBe(200);
  });

  it('an area pledge refuses a building of another community', async () => {
    const m = await member(sec, base, { name: '李外区', phone: '13900001111', kind: 'reporting' });
    const res = await sec.send('POST', `${base}/party/pledges`, { level: 'member', year: 2026, memberId: m, title: '责任区', areas: [{ buildingId: other.b3 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields['areas.0.buildingId']).toBe('责任区必须是本社区的楼栋或单元');
    // nor an entrance of another building
    const res2 = await sec.send('POST', `${base}/party/pledges`, { level: 'member', year: 2026, memberId: m, title: '责任区', areas: [{ buildingId: place.b3, entranceId: other.e32 }] });
    expect(res2.statusCode).toBe(400);
  });
});

describe('study and attendance', () => {
  it('counts each member’s sessions present and absent in a year; retaking the sheet replaces it', async () => {
    const a = await member(sec, base, { name: '王出勤', kind: 'registered' });
    const b = await member(sec, base, { name: '赵请假', kind: 'registered', status: 'frail' });
    const s1 = (await ok(await staff.send('POST', `${base}/party/activities`, { date: '2025-02-10', kind: 'activity_day', topic: '双月活动日' }))).id;
    const s2 = (await ok(await staff.send('POST', `${base}/party/activities`, { date: '2025-04-10', kind: 'lecture', topic: '党课' }))).id;
    const s3 = (await ok(await staff.send('POST', `${base}/party/activities`, { date: '2024-12-10', kind: 'study', topic: '去年的学习' }))).id;
    await ok(await staff.send('PUT', `${base}/party/activities/${s1}/attendance`, { entries: [{ memberId: a, present: true }, { memberId: b, present: false, reason: '年老体弱' }] }));
    await ok(await staff.send('PUT', `${base}/party/activities/${s2}/attendance`, { entries: [{ memberId: a, present: false, reason: '出差' }, { memberId: b, present: false }] }));
    const sheet = await ok(await staff.send('PUT', `${base}/party/activities/${s2}/attendance`, { entries: [{ memberId: a, present: true }] }));
    expect(sheet).toMatchObject({ present: 1, absent: 1 });
    await ok(await staff.send('PUT', `${base}/party/activities/${s3}/attendance`, { entries: [{ memberId: a, present: true }] }));

    const totals = await ok(await leader.get(`${base}/party/attendance?year=2025`));
    expect(totals.activities).toBe(2);
    const by = Object.fromEntries((totals.members as unknown as { name: string; present: number; absent: number }[]).map((x) => [x.name, [x.present, x.absent]]));
    expect(by).toEqual({ 王出勤: [2, 0], 赵请假: [0, 2] });
    const detail = await ok(await leader.get(`${base}/party/activities/${s1}`));
    expect(detail.attendance).toContainEqual({ memberId: b, name: '赵请假', present: false, reason: '年老体弱' });
  });
});

describe('newsletter', () => {
  it('counts issues and copies for a period from the deliveries made, to frail members and members added by hand', async () => {
    const frail = await member(sec, base, { name: '孙年老', status: 'frail' });
    const byHand = await member(sec, base, { name: '周行动不便' });
    await ok(await sec.send('PUT', `${base}/party/newsletter-recipients`, { memberIds: [byHand] }));
    const list = (await ok(await sec.get(`${base}/party/newsletter-recipients`))) as unknown as { name: string; byHand: boolean }[];
    expect(list.map((r) => r.name)).toEqual(expect.arrayContaining(['孙年老', '周行动不便', '赵请假']));

    const i1 = (await ok(await sec.send('POST', `${base}/party/newsletters`, { number: 1, date: '2025-03-01', title: '第一期', content: '…' }))).id;
    const i2 = (await ok(await sec.send('POST', `${base}/party/newsletters`, { number: 2, date: '2025-09-01', title: '第二期', content: '…' }))).id;
    expect((await sec.send('POST', `${base}/party/newsletters`, { number: 2, date: '2025-09-02', title: '重号', content: '' })).statusCode).toBe(400);
    const d1 = await ok(await sec.send('POST', `${base}/party/newsletters/${i1}/deliveries`, { deliveredBy: '王社工', deliveredAt: '2025-03-03' }));
    expect(d1.copies).toBe(list.length);
    // delivering again hands out no second copy
    expect((await ok(await sec.send('POST', `${base}/party/newsletters/${i1}/deliveries`, { deliveredBy: '王社工', deliveredAt: '2025-03-04' }))).copies).toBe(list.length);
    await ok(await sec.send('POST', `${base}/party/newsletters/${i2}/deliveries`, { memberIds: [frail], deliveredBy: '王社工', deliveredAt: '2025-09-03' }));
    // a copy of issue 1 is not confirmed through issue 2
    const copy = (d1.deliveries as unknown as { id: string; name: string }[]).find((d) => d.name === '孙年老')!;
    expect((await sec.send('POST', `${base}/party/newsletters/${i2}/deliveries/${copy.id}/confirm`)).statusCode).toBe(404);
    const confirmed = await ok(await sec.send('POST', `${base}/party/newsletters/${i1}/deliveries/${copy.id}/confirm`));
    expect(confirmed.confirmed).toBe(1);

    const year = await ok(await sec.get(`${base}/party/newsletter-figures?from=2025-01-01&to=2025-12-31`));
    expect(year).toEqual({ issues: 2, copies: list.length + 1, confirmed: 1 });
    const spring = await ok(await sec.get(`${base}/party/newsletter-figures?from=2025-01-01&to=2025-06-30`));
    expect(spring).toEqual({ issues: 1, copies: list.length, confirmed: 1 });
    const report = await ok(await sec.get(`${base}/party/report?from=2025-01-01&to=2025-12-31`));
    const fig = Object.fromEntries((report.figures as unknown as { key: string; value: number }[]).map((f) => [f.key, f.value]));
    expect(fig['newsletter.copies']).toBe(list.length + 1);
    expect(fig['newsletter.issues']).toBe(2);
  });
});

describe('members', () => {
  it('a member who moves out of the registry keeps their party history', async () => {
    const rid = await resident(sec, base, '钱搬家', place.d401);
    const m = await member(sec, base, { residentId: rid });
    await ok(await sec.send('POST', `${base}/party/pledges`, { level: 'member', year: 2025, memberId: m, title: '义务巡逻' }));
    const act = (await ok(await sec.send('POST', `${base}/party/activities`, { date: '2025-06-01', kind: 'forum', topic: '座谈' }))).id;
    await ok(await sec.send('PUT', `${base}/party/activities/${act}/attendance`, { entries: [{ memberId: m, present: true }] }));
    await ok(await sec.send('POST', `${base}/party/honours`, { memberId: m, title: '优秀共产党员', awardedBy: '街道党工委', date: '2025-07-01' }));

    await ok(await sec.send('POST', `${base}/residents/${rid}/events`, { kind: 'moved_out', date: '2025-10-01' }));
    const detail = await ok(await sec.get(`${base}/party/members/${m}`));
    expect(detail).toMatchObject({ name: '钱搬家', residentStatus: 'moved_out' });
    expect((detail.pledges as unknown as { title: string }[]).map((p) => p.title)).toEqual(['义务巡逻']);
    expect(detail.attendance).toHaveLength(1);
    expect(detail.honours).toEqual([{ title: '优秀共产党员', date: '2025-07-01' }]);
    // the branch decides when they leave its books; until then they stay on the list
    const list = await ok(await sec.get(`${base}/party/members?q=${encodeURIComponent('钱搬家')}`));
    expect(list.total).toBe(1);
    await ok(await sec.send('PATCH', `${base}/party/members/${m}`, { leftDate: '2025-10-15' }));
    expect((await ok(await sec.get(`${base}/party/members?q=${encodeURIComponent('钱搬家')}`))).total).toBe(0);
    expect((await ok(await sec.get(`${base}/party/members/${m}`))).pledges).toHaveLength(1);
  });

  it('keeps a reporting member’s phone encrypted and shows it masked, in the list and in the Excel export', async () => {
    const m = await member(sec, base, { name: '吴在职', phone: '13700002468', kind: 'reporting', notes: '德清县人民医院' });
    const row = await l.services.db.kysely.selectFrom('party_member').selectAll().where('id', '=', m).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('13700002468');
    const list = await ok(await sec.get(`${base}/party/members?kind=reporting&q=${encodeURIComponent('吴在职')}`));
    expect(list.items).toEqual([expect.objectContaining({ name: '吴在职', phoneMasked: '137****2468', kind: 'reporting', residentId: null })]);
    const res = await sec.get(`${base}/party/members/export.xlsx?kind=reporting`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toContain('吴在职');
    expect(cells).toContain('137****2468');
    expect(cells.join()).not.toContain('13700002468');
  });

  it('filters members by group, kind and status, and groups volunteers into teams', async () => {
    const g = (await ok(await sec.send('POST', `${base}/party/groups`, { name: '第一党小组' }))).id;
    const t = (await ok(await sec.send('POST', `${base}/party/volunteer-teams`, { name: '医疗保健特色服务队', kind: 'special' }))).id;
    await member(sec, base, { name: '郑小组', groupId: g, volunteerTeamId: t, status: 'mobile' });
    expect((await ok(await sec.get(`${base}/party/members?groupId=${g}`))).total).toBe(1);
    expect((await ok(await sec.get(`${base}/party/members?groupId=${g}&status=normal`))).total).toBe(0);
    const teams = (await ok(await sec.get(`${base}/party/volunteer-teams`))) as unknown as { name: string; members: number }[];
    expect(teams).toEqual([expect.objectContaining({ name: '医疗保健特色服务队', kind: 'special', members: 1 })]);
    // a group of another community is refused
    const og = (await ok(await otherSec.send('POST', `${otherBase}/party/groups`, { name: '外社区小组' }))).id;
    expect((await sec.send('POST', `${base}/party/members`, { name: '错组', kind: 'registered', groupId: og })).statusCode).toBe(400);
  });
});

describe('branch and elections', () => {
  it('records an election: the elected take their seats, the previous committee’s terms end, and both stay in the branch history', async () => {
    const ids = [];
    for (const n of ['书记甲', '委员乙', '委员丙', '落选丁']) ids.push(await member(sec, base, { name: n }));
    await ok(await sec.send('PUT', `${base}/party/branch`, { name: '测试社区党支部' }));
    await ok(await sec.send('POST', `${base}/party/leaders`, { memberId: ids[3], role: 'secretary', termStart: '2019-03-01' }));
    const e = await ok(
      await sec.send('POST', `${base}/party/elections`, {
        date: '2025-03-18',
        seats: 3,
        voters: 30,
        candidates: [
          { memberId: ids[0], votes: 28, elected: true, role: 'secretary' },
          { memberId: ids[1], votes: 25, elected: true },
          { memberId: ids[2], votes: 22, elected: true },
          { memberId: ids[3], votes: 9, elected: false },
        ],
      }),
    );
    expect(e.candidates).toHaveLength(4);
    const b = await ok(await sec.get(`${base}/party/branch`));
    expect(b.name).toBe('测试社区党支部');
    expect((b.leaders as unknown as { name: string; role: string }[]).map((x) => `${x.role}:${x.name}`).sort()).toEqual(['member:委员丙', 'member:委员乙', 'secretary:书记甲']);
    const history = b.history as unknown as { leaders: unknown[]; elections: unknown[] };
    expect(history.leaders).toContainEqual(expect.objectContaining({ name: '落选丁', termEnd: '2025-03-17' }));
    expect(history.elections[0]).toMatchObject({ date: '2025-03-18', voters: 30 });
    const tooMany = await sec.send('POST', `${base}/party/elections`, { date: '2025-04-01', seats: 1, candidates: [{ memberId: ids[0], votes: 1, elected: true }, { memberId: ids[1], votes: 1, elected: true }] });
    expect(tooMany.statusCode).toBe(400);
  });
});

describe('who may do what, and where', () => {
  it('lets a building leader read but not manage', async () => {
    expect((await leader.get(`${base}/party/members`)).statusCode).toBe(200);
    expect((await leader.send('POST', `${base}/party/activities`, { date: '2025-01-01', kind: 'study', topic: 'x' })).statusCode).toBe(403);
  });

  it('answers 404 for another community’s records through this community’s routes, extra ids included', async () => {
    const om = await member(otherSec, otherBase, { name: '外社区党员' });
    const op = (await ok(await otherSec.send('POST', `${otherBase}/party/pledges`, { level: 'member', year: 2025, memberId: om, title: '外社区承诺' }))).id;
    const oa = (await ok(await otherSec.send('POST', `${otherBase}/party/activities`, { date: '2025-01-01', kind: 'study', topic: '外' }))).id;
    const oi = (await ok(await otherSec.send('POST', `${otherBase}/party/newsletters`, { number: 1, date: '2025-01-01', title: '外', content: '' }))).id;
    const od = (await ok(await otherSec.send('POST', `${otherBase}/party/newsletters/${oi}/deliveries`, { memberIds: [om], deliveredBy: 'x', deliveredAt: '2025-01-02' }))).deliveries as unknown as { id: string }[];
    const mine = (await ok(await sec.send('POST', `${base}/party/newsletters`, { number: 99, date: '2025-01-01', title: '本社区', content: '' }))).id;
    const calls: [string, string, unknown?][] = [
      ['GET', `${base}/party/members/${om}`],
      ['PATCH', `${base}/party/members/${om}`, { status: 'frail' }],
      ['PATCH', `${base}/party/pledges/${op}`, { title: '改' }],
      ['POST', `${base}/party/pledges/${op}/progress`, { date: '2025-02-01', note: '进展' }],
      ['POST', `${base}/party/pledges/${op}/review`, { status: 'done' }],
      ['GET', `${base}/party/activities/${oa}`],
      ['PUT', `${base}/party/activities/${oa}/attendance`, { entries: [] }],
      ['GET', `${base}/party/newsletters/${oi}`],
      ['POST', `${base}/party/newsletters/${oi}/deliveries`, { deliveredBy: 'x', deliveredAt: '2025-01-02' }],
      ['POST', `${base}/party/newsletters/${mine}/deliveries/${od[0].id}/confirm`],
    ];
    for (const [method, url, body] of calls) {
      const res = method === 'GET' ? await sec.get(url) : await sec.send(method as 'POST', url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    // and a record named in a body is refused, not used
    const res = await sec.send('POST', `${base}/party/model-members`, { year: 2025, memberId: om, deeds: '…' });
    expect(res.statusCode).toBe(400);
    expect((await otherSec.get(`${otherBase}/party/members/${om}`)).json().status).toBe('normal');
  });
});
