import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { PUBLIC_POSTS_PER_HOUR } from './public';

let l: TestLinli;
let sec: Client;
let staff: Client;
let leader: Client;
let otherSec: Client;
const accounts: Record<string, string> = {};
/** the test moves the clock by days: sessions end, so everyone signs in again */
async function signInAgain() {
  sec = await signIn(l, accounts.sec);
  staff = await signIn(l, accounts.staff);
  otherSec = await signIn(l, accounts.otherSec);
}
let base: string;
let gov: string;
let otherGov: string;
const place: Record<string, string> = {};
const other: Record<string, string> = {};
const DAY = 86_400_000;

type Json = Record<string, never>;
async function ok(res: { statusCode: number; body: string; json(): unknown }): Promise<Json> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Json;
}
const err = (res: { statusCode: number; json(): unknown }) => ({ status: res.statusCode, ...(res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error });

async function places(c: Client, b: string, out: Record<string, string>) {
  const id = async (url: string, body: unknown): Promise<string> => (await ok(await c.send('POST', `${b}/registry/${url}`, body))).id;
  out.compound = await id('compounds', { name: '怡丽北园' });
  for (const n of ['1', '2']) {
    out[`b${n}`] = await id('buildings', { compoundId: out.compound, number: n });
    const e = await id('entrances', { buildingId: out[`b${n}`], number: '1' });
    for (const room of ['101', '102', '201', '202']) out[`d${n}-${room}`] = await id('dwellings', { compoundId: out.compound, entranceId: e, room });
  }
}
async function resident(c: Client, b: string, name: string, dwellingId: string): Promise<string> {
  return (await ok(await c.send('POST', `${b}/residents`, { name, dwellingId }))).id;
}

/** five representatives in office, one who stepped down, and a resident who is not one */
const reps: string[] = [];
let pastRep = '';
let plainResident = '';
let meeting = '';
const today = () => new Date(l.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

async function proposal(body: Record<string, unknown>): Promise<string> {
  return (await ok(await staff.send('POST', `${gov}/proposals`, { background: '居民反映多次', source: 'resident', submitterName: '王大妈', ...body }))).id;
}
async function onAgenda(id: string) {
  await ok(await staff.send('POST', `${gov}/meetings/${meeting}/agenda`, { proposalId: id }));
}
async function votes(id: string, choices: (string | null)[]) {
  return staff.send('PUT', `${gov}/meetings/${meeting}/proposals/${id}/votes`, { votes: choices.map((choice, i) => ({ representativeId: reps[i], choice })) });
}
const decide = (id: string, body: Record<string, unknown> = {}) => staff.send('POST', `${gov}/meetings/${meeting}/proposals/${id}/decide`, body);

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '测试社区');
  const c2 = await makeCommunity(l, sd.id, '别的社区');
  base = `/api/v1/communities/${c.id}`;
  gov = `${base}/governance`;
  otherGov = `/api/v1/communities/${c2.id}/governance`;
  accounts.sec = (await makeUser(l, 'secretary', { communityId: c.id })).username;
  accounts.staff = (await makeUser(l, 'staff', { communityId: c.id })).username;
  accounts.otherSec = (await makeUser(l, 'secretary', { communityId: c2.id })).username;
  await signInAgain();
  leader = await signIn(l, (await makeUser(l, 'building_leader', { communityId: c.id })).username);
  await places(sec, base, place);
  await places(otherSec, `/api/v1/communities/${c2.id}`, other);
  const names = ['赵一', '钱二', '孙三', '李四', '周五'];
  for (const [i, name] of names.entries()) {
    const rid = await resident(sec, base, name, place[i < 3 ? `d1-${['101', '102', '201'][i]}` : `d2-${['101', '102'][i - 3]}`]);
    reps.push((await ok(await staff.send('POST', `${gov}/representatives`, { residentId: rid, termStart: '2024-01-01' }))).id);
  }
  const past = await resident(sec, base, '吴六', place['d2-201']);
  pastRep = (await ok(await staff.send('POST', `${gov}/representatives`, { residentId: past, termStart: '2024-01-01' }))).id;
  await ok(await staff.send('POST', `${gov}/representatives/${pastRep}/end-term`, { termEnd: '2026-06-30' }));
  plainResident = await resident(sec, base, '郑七', place['d2-202']);
  meeting = (await ok(await staff.send('POST', `${gov}/meetings`, { title: '2026年第四次居民代表大会', date: today(), place: '社区活动室' }))).id;
});
afterAll(() => l.close());

describe('representatives', () => {
  it('are chosen from registry residents and stand for the building they live in, listed by building', async () => {
    const list = (await staff.get(`${gov}/representatives`)).json() as { name: string; buildingName: string; inOffice: boolean }[];
    expect(list.map((r) => r.name)).toEqual(['赵一', '孙三', '钱二', '李四', '周五'].sort((a, b) => (list.findIndex((x) => x.name === a) - list.findIndex((x) => x.name === b))));
    expect(list.filter((r) => r.buildingName === '1号楼')).toHaveLength(3);
    expect(list.filter((r) => r.buildingName === '2号楼')).toHaveLength(2);
    const all = (await staff.get(`${gov}/representatives?all=1`)).json() as { name: string; inOffice: boolean }[];
    expect(all.find((r) => r.name === '吴六')?.inOffice).toBe(false);
  });
  it('refuses the same resident twice in one term, and a resident of another community', async () => {
    const list = (await staff.get(`${gov}/representatives`)).json() as { residentId: string }[];
    const again = await staff.send('POST', `${gov}/representatives`, { residentId: list[0].residentId, termStart: '2025-01-01' });
    expect(err(again)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(err(again).fields?.residentId).toMatch(/已是居民代表/);
    const stranger = await resident(otherSec, otherGov.replace('/governance', ''), '外人', other['d1-101']);
    const res = await staff.send('POST', `${gov}/representatives`, { residentId: stranger, termStart: '2025-01-01' });
    expect(err(res).fields?.residentId).toMatch(/本社区没有这位居民/);
  });
  it('a building leader reads the assembly but cannot change it', async () => {
    expect((await leader.get(`${gov}/representatives`)).statusCode).toBe(200);
    expect((await leader.send('POST', `${gov}/meetings`, { title: 'x', date: today() })).statusCode).toBe(403);
  });
});

describe('a meeting: attendance, quorum, votes, results', () => {
  it('counts the quorum against the representatives in office that day, not the one who stepped down', async () => {
    const q = await ok(await staff.send('PUT', `${gov}/meetings/${meeting}/attendance`, { marks: [reps[0], reps[1]].map((id) => ({ representativeId: id, present: true })) }));
    expect(q).toMatchObject({ seats: 5, present: 2, needed: 3, met: false });
    const m = await ok(await staff.get(`${gov}/meetings/${meeting}`));
    expect((m.seatsList as unknown as { name: string }[]).map((s) => s.name)).not.toContain('吴六');
  });

  it('will not count votes without a quorum, and then does once a third representative is marked present', async () => {
    const p = await proposal({ title: '更换单元门禁' });
    await onAgenda(p);
    await ok(await votes(p, ['for', 'for']));
    const refused = await decide(p);
    expect(err(refused)).toMatchObject({ status: 400, code: 'GOV_NO_QUORUM' });
    expect(err(refused).message).toContain('应到5人');
    await ok(await staff.send('PUT', `${gov}/meetings/${meeting}/attendance`, { marks: [{ representativeId: reps[2], present: true }, { representativeId: reps[3], present: false, reason: '出差' }] }));
    const d = await ok(await decide(p));
    // 2 for of 3 present: a majority
    expect(d).toMatchObject({ state: 'passed', tally: { present: 3, for: 2, notVoting: 1, needed: 2 } });
    expect((d.resolution as unknown as { number: string }).number).toBe('测试居代决〔2026〕1号');
  });

  it('no vote from someone who is not a representative, nor from an absent representative, nor from a past one', async () => {
    const p = await proposal({ title: '楼道堆物清理' });
    await onAgenda(p);
    for (const id of [plainResident, pastRep]) {
      const res = await staff.send('PUT', `${gov}/meetings/${meeting}/proposals/${p}/votes`, { votes: [{ representativeId: reps[0], choice: 'for' }, { representativeId: id, choice: 'for' }] });
      expect(err(res)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(err(res).fields?.['votes.1.representativeId']).toMatch(/不是本次会议当天在任的居民代表/);
    }
    const absent = await staff.send('PUT', `${gov}/meetings/${meeting}/proposals/${p}/votes`, { votes: [{ representativeId: reps[3], choice: 'for' }] });
    expect(err(absent).fields?.['votes.0.representativeId']).toBe('李四没有签到出席本次会议，不能表决');
    // nothing half-written: the refused batch left no vote behind
    const m = await ok(await staff.get(`${gov}/meetings/${meeting}`));
    const item = (m.items as unknown as { proposalId: string; votes: unknown[] }[]).find((x) => x.proposalId === p)!;
    expect(item.votes).toHaveLength(0);
  });

  it('an abstention weighs as not for: 1 for, 1 against, 1 abstain is rejected', async () => {
    const p = await proposal({ title: '增设快递柜' });
    await onAgenda(p);
    const t = await ok(await votes(p, ['for', 'against', 'abstain']));
    expect(t).toMatchObject({ for: 1, against: 1, abstain: 1, passed: false });
    expect(await ok(await decide(p))).toMatchObject({ state: 'rejected', resolution: null });
  });

  it('a major matter needs two-thirds of those present; the second resolution of the year is numbered 2', async () => {
    await ok(await staff.send('PUT', `${gov}/meetings/${meeting}/attendance`, { marks: [3, 4].map((i) => ({ representativeId: reps[i], present: true })) }));
    const fee = await proposal({ title: '自行车集中存放收费', major: true, costEstimate: 12000 });
    await onAgenda(fee);
    expect(await ok(await votes(fee, ['for', 'for', 'for', 'against', 'against']))).toMatchObject({ present: 5, needed: 4, passed: false, threshold: 'two_thirds' });
    expect(await ok(await votes(fee, [null, null, null, 'for', null]))).toMatchObject({ for: 1, against: 0, notVoting: 4, passed: false });
    expect(await ok(await votes(fee, ['for', 'for', 'for', 'for', 'abstain']))).toMatchObject({ for: 4, passed: true });
    const d = await ok(await decide(fee));
    expect((d.resolution as unknown as { number: string }).number).toBe('测试居代决〔2026〕2号');
    const again = await decide(fee);
    expect(err(again).code).toBe('GOV_ALREADY_DECIDED');
  });

  it('a deferred matter can go on a later agenda; a decided one cannot', async () => {
    const p = await proposal({ title: '地下室改造方案' });
    await onAgenda(p);
    expect(await ok(await decide(p, { defer: true }))).toMatchObject({ state: 'deferred' });
    const later = (await ok(await staff.send('POST', `${gov}/meetings`, { title: '下次会议', date: '2026-12-20' }))).id;
    await ok(await staff.send('POST', `${gov}/meetings/${later}/agenda`, { proposalId: p }));
    const list = await ok(await staff.get(`${gov}/proposals?state=passed`));
    const passed = (list.items as unknown as { id: string }[])[0].id;
    const res = await staff.send('POST', `${gov}/meetings/${later}/agenda`, { proposalId: passed });
    expect(err(res).fields?.proposalId).toMatch(/不是待审议的议题/);
    // a future meeting takes no attendance yet
    const early = await staff.send('PUT', `${gov}/meetings/${later}/attendance`, { marks: [{ representativeId: reps[0], present: true }] });
    expect(err(early).code).toBe('GOV_MEETING_NOT_YET');
  });
});

function upload(c: Client, url: string, filename: string, data: Buffer) {
  const boundary = `----linli${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return l.app.inject({ method: 'POST', url, payload, headers: { cookie: c.cookie, origin: 'http://localhost', host: 'localhost', 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

describe('proposals from residents', () => {
  it('keeps a plan attached to a proposal; another community cannot fetch it; a program is refused', async () => {
    const id = await proposal({ title: '绿地改造方案' });
    const pdf = Buffer.from('%PDF-1.4\n% a plan of the green\n%%EOF\n');
    const f = await ok(await upload(staff, `${gov}/proposals/${id}/files`, '绿地改造方案.pdf', pdf));
    const p = await ok(await staff.get(`${gov}/proposals/${id}`));
    expect((p.files as unknown as { filename: string }[]).map((x) => x.filename)).toEqual(['绿地改造方案.pdf']);
    const got = await staff.get(`${gov}/proposals/${id}/files/${f.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect((await otherSec.get(`${otherGov}/proposals/${id}/files/${f.id}`)).statusCode).toBe(404);
    const exe = await upload(staff, `${gov}/proposals/${id}/files`, 'setup.exe', Buffer.from('MZ\x90\x00'));
    expect(exe.statusCode).toBe(415);
  });

  it('staff-assisted submission is recorded as such, with who entered it', async () => {
    const { id } = await ok(await staff.send('POST', `${gov}/proposals`, { title: '单元门口加装扶手', background: '老人进出不便', source: 'resident', submitterName: '钱奶奶', assisted: true, phone: '13900001234', address: '1号楼1单元101' }));
    const p = await ok(await staff.get(`${gov}/proposals/${id}`));
    expect(p).toMatchObject({ channel: 'assisted', state: 'submitted', submitterPhoneMasked: '139****1234', submitterAddress: '1号楼1单元101' });
    expect(p.recordedBy).toBeTruthy();
  });
});

describe('public notices: period, objections, closing', () => {
  let board = '';
  let noticeId = '';
  const visitor = (ip: string) => ({
    get: (url: string) => l.app.inject({ method: 'GET', url, remoteAddress: ip }),
    post: (url: string, body: unknown) =>
      l.app.inject({ method: 'POST', url, remoteAddress: ip, headers: { 'content-type': 'application/json', origin: 'http://localhost', host: 'localhost' }, payload: JSON.stringify(body) }),
  });

  it('the board is closed until the secretary publishes it; staff may not', async () => {
    expect((await staff.send('PUT', `${gov}/board`, { enabled: true })).statusCode).toBe(403);
    const s = await ok(await sec.send('PUT', `${gov}/board`, { enabled: true }));
    board = `/api/v1/public/notice-boards/${s.boardToken}`;
    expect((await visitor('10.0.0.1').get(board)).statusCode).toBe(200);
  });

  it('a resolution notice runs 7 days from publication; the public reads it and objects; nothing from after the period', async () => {
    const res = (await ok(await staff.get(`${gov}/resolutions`))) as unknown as { id: string; title: string }[];
    const r = res.find((x) => x.title === '自行车集中存放收费')!;
    noticeId = (await ok(await staff.send('POST', `${gov}/notices`, { kind: 'resolution', title: '关于自行车集中存放收费的公示', body: '经居民代表大会表决通过……', resolutionId: r.id, periodRule: 'days' }))).id;
    expect((await staff.send('POST', `${gov}/notices/${noticeId}/publish`, {})).statusCode).toBe(403);
    expect(await ok(await sec.send('POST', `${gov}/notices/${noticeId}/publish`, {}))).toEqual({ startDate: '2026-11-25', endDate: '2026-12-01' });
    const pub = await ok(await visitor('10.0.0.2').get(board));
    expect((pub.notices as unknown as { title: string; resolutionNumber: string }[])[0]).toMatchObject({ title: '关于自行车集中存放收费的公示', resolutionNumber: '测试居代决〔2026〕2号' });
    await ok(await visitor('10.0.0.2').post(`${board}/notices/${noticeId}/objections`, { name: '孙先生', phone: '13700001111', content: '收费标准偏高' }));
    const one = await ok(await visitor('10.0.0.3').get(`${board}/notices/${noticeId}`));
    expect(one.objections).toEqual([expect.objectContaining({ content: '收费标准偏高', answer: null })]);
    expect(JSON.stringify(one)).not.toContain('孙先生');
    const staffView = await ok(await staff.get(`${gov}/notices/${noticeId}`));
    expect((staffView.objectionList as unknown as { name: string; phoneMasked: string; channel: string }[])[0]).toMatchObject({ name: '孙先生', phoneMasked: '137****1111', channel: 'public_link' });
    // not closable while it is up
    expect(err(await sec.send('POST', `${gov}/notices/${noticeId}/close`)).code).toBe('GOV_NOTICE_NOT_ENDED');
  });

  it('limits objections per address', async () => {
    const v = visitor('10.9.9.9');
    for (let i = 0; i < PUBLIC_POSTS_PER_HOUR; i++) await ok(await v.post(`${board}/notices/${noticeId}/objections`, { name: '同一人', content: `第${i + 1}条` }));
    const res = await v.post(`${board}/notices/${noticeId}/objections`, { name: '同一人', content: '再来一条' });
    expect(res.statusCode).toBe(429);
    expect((await visitor('10.9.9.10').post(`${board}/notices/${noticeId}/objections`, { name: '另一人', content: '另一个地址' })).statusCode).toBe(200);
  });

  it('after the last day no objection is taken; the notice closes only once every objection is answered: 有异议已处理', async () => {
    l.clock.advance(7 * DAY);
    await signInAgain();
    const late = await visitor('10.0.0.4').post(`${board}/notices/${noticeId}/objections`, { name: '迟到', content: '晚了' });
    expect(err(late)).toMatchObject({ status: 400, code: 'GOV_NOTICE_NOT_OPEN' });
    expect(err(late).message).toContain('2026-11-25至2026-12-01');
    const n = await ok(await staff.get(`${gov}/notices/${noticeId}`));
    expect(n.phase).toBe('expired');
    const refused = await sec.send('POST', `${gov}/notices/${noticeId}/close`);
    expect(err(refused)).toMatchObject({ code: 'GOV_OBJECTIONS_UNANSWERED' });
    for (const o of n.objectionList as unknown as { id: string }[]) {
      await ok(await staff.send('POST', `${gov}/notices/${noticeId}/objections/${o.id}/answer`, { answer: '收费标准经代表大会讨论，低于周边小区。' }));
    }
    expect(await ok(await sec.send('POST', `${gov}/notices/${noticeId}/close`))).toEqual({ outcome: 'objections_handled' });
    const pub = await ok(await visitor('10.0.0.5').get(`${board}/notices/${noticeId}`));
    expect(pub).toMatchObject({ phase: 'closed', outcome: 'objections_handled' });
  });

  it('a 20-working-day notice with no objection closes as 无异议; the board switched off answers 404', async () => {
    const id = (await ok(await staff.send('POST', `${gov}/notices`, { kind: 'budget', title: '2027年社区公益金预算', body: '预算如下……', periodRule: 'working_days' }))).id;
    const out = await ok(await sec.send('POST', `${gov}/notices/${id}/publish`, {}));
    expect(out).toEqual({ startDate: '2026-12-02', endDate: '2026-12-29' });
    l.clock.advance(28 * DAY);
    await signInAgain();
    expect(await ok(await sec.send('POST', `${gov}/notices/${id}/close`))).toEqual({ outcome: 'no_objection' });
    const report = await ok(await sec.get(`${gov}/report?from=2026-01-01&to=2026-12-31`));
    const f = Object.fromEntries((report.figures as unknown as { key: string; value: number }[]).map((x) => [x.key, x.value]));
    expect(f).toMatchObject({ 'notices.published': 2, 'notices.noObjection': 1, 'notices.objectionsHandled': 1, resolutions: 2, 'proposals.passed': 2, 'proposals.rejected': 1 });
    await ok(await sec.send('PUT', `${gov}/board`, { enabled: false }));
    expect((await visitor('10.0.0.6').get(board)).statusCode).toBe(404);
    await ok(await sec.send('PUT', `${gov}/board`, { enabled: true }));
  });

  it('a resident submits a proposal on the public page and follows its state by code', async () => {
    const { trackingCode } = await ok(await visitor('10.0.1.1').post(`${board}/proposals`, { name: '李阿姨', phone: '13600002222', title: '小区增加休息座椅', background: '老人散步没处坐' }));
    const t = await ok(await visitor('10.0.1.2').get(`${board}/proposals/${String(trackingCode).toLowerCase()}`));
    expect(t).toMatchObject({ title: '小区增加休息座椅', state: 'submitted' });
    const list = await ok(await staff.get(`${gov}/proposals?q=休息座椅`));
    expect((list.items as unknown as { channel: string; source: string }[])[0]).toMatchObject({ channel: 'self', source: 'resident' });
    expect((await visitor('10.0.1.3').get(`${board}/proposals/NOSUCHCO`)).statusCode).toBe(404);
  });
});

describe('partner units are the community’s own', () => {
  let unit = '';
  it('a unit with its liaison, plan and shared resources; contributions add up for the year', async () => {
    unit = (await ok(await staff.send('POST', `${gov}/partners`, { name: '县人民医院', kind: '医疗卫生', liaisonName: '陈医生', liaisonPhone: '13512345678', joinedOn: '2025-03-01', agreementStart: '2025-03-01', agreementEnd: '2027-02-28' }))).id;
    await ok(await staff.send('PUT', `${gov}/partners/${unit}/plan`, { year: 2026, content: '每季度义诊一次' }));
    await ok(await staff.send('POST', `${gov}/partners/${unit}/resources`, { kind: 'money', description: '赞助健身器材', amount: 5000, date: '2026-05-01' }));
    await ok(await staff.send('POST', `${gov}/partners/${unit}/resources`, { kind: 'volunteers', description: '义诊医生', amount: 6, date: '2026-06-01' }));
    await ok(await staff.send('POST', `${gov}/joint-meetings`, { date: '2026-06-15', topic: '共商社区健康服务', unitIds: [unit] }));
    const list = (await ok(await staff.get(`${gov}/partners?year=2026`))) as unknown as { name: string; liaisonPhoneMasked: string; plan: string; resources: unknown[]; meetingsAttended: number }[];
    expect(list[0]).toMatchObject({ name: '县人民医院', liaisonPhoneMasked: '135****5678', plan: '每季度义诊一次', meetingsAttended: 1 });
    expect(list[0].resources).toHaveLength(2);
    const report = await ok(await sec.get(`${gov}/report?from=2026-01-01&to=2026-12-31`));
    const f = Object.fromEntries((report.figures as unknown as { key: string; value: number }[]).map((x) => [x.key, x.value]));
    expect(f).toMatchObject({ 'partners.units': 1, 'partners.money': 5000, 'partners.volunteers': 6, 'partners.jointMeetings': 1 });
  });
  it('another community neither sees the unit nor reaches it, nor names it at its joint meetings', async () => {
    expect(await ok(await otherSec.get(`${otherGov}/partners?year=2026`))).toEqual([]);
    expect((await otherSec.send('POST', `${otherGov}/partners/${unit}/resources`, { kind: 'money', description: 'x', amount: 1, date: '2026-05-01' })).statusCode).toBe(404);
    expect((await otherSec.send('PUT', `${otherGov}/partners/${unit}/plan`, { year: 2026, content: 'x' })).statusCode).toBe(404);
    const res = await otherSec.send('POST', `${otherGov}/joint-meetings`, { date: '2026-06-15', topic: '借用别人的单位', unitIds: [unit] });
    expect(err(res).fields?.['unitIds.0']).toMatch(/不属于本社区/);
    expect((await otherSec.get(`${otherGov}/report?from=2026-01-01&to=2026-12-31`)).json().figures.find((x: { key: string }) => x.key === 'partners.units').value).toBe(0);
  });
});

describe('each figure of a period opens exactly the records it counts', () => {
  // the clock stands at the end of December 2026 by now; November's meeting, proposals and notice lie outside
  const from = '2026-12-01';
  const to = '2026-12-31';
  type Figure = { key: string; value: number; link?: string };
  let figures: Figure[] = [];
  const ids: Record<string, string> = {};

  /** the API behind a page of the figure's link, with the page's own parameters */
  async function listed(link: string) {
    const [page, query = ''] = link.split('?');
    const params = new URLSearchParams(query);
    const tab = params.get('tab');
    params.delete('tab');
    const api = { governance: 'meetings', 'governance/proposals': 'proposals', 'governance/notices': 'notices', 'governance/partners': tab === 'meetings' ? 'joint-meetings' : 'partners' }[page];
    expect(api, link).toBeDefined();
    if (api === 'meetings' || api === 'proposals' || api === 'notices') params.set('pageSize', '200');
    return (await ok(await staff.get(`${gov}/${api}?${params}`))) as unknown as Record<string, unknown>;
  }

  it('builds December: a held meeting deciding two matters, new proposals and a draft, a resolution noticed with objections, what a partner shared', async () => {
    await signInAgain();
    expect(today()).toBe('2026-12-30');
    const m = (await ok(await staff.send('POST', `${gov}/meetings`, { title: '十二月居民代表大会', date: '2026-12-10' }))).id;
    await ok(await staff.send('POST', `${gov}/meetings`, { title: '年末碰头会（未召开）', date: '2026-12-28' }));
    await ok(await staff.send('PUT', `${gov}/meetings/${m}/attendance`, { marks: [0, 1, 2, 3].map((i) => ({ representativeId: reps[i], present: true })) }));
    ids.resident = await proposal({ title: '楼道加装感应灯' });
    ids.assisted = (await ok(await staff.send('POST', `${gov}/proposals`, { title: '垃圾分类桶换位置', background: '气味大', source: 'resident', submitterName: '孙奶奶', assisted: true }))).id;
    ids.branch = await proposal({ title: '党员责任区调整', source: 'branch', submitterName: '党支部' });
    ids.draft = await proposal({ title: '还在起草的议题', submit: false });
    for (const [id, choices] of [[ids.resident, ['for', 'for', 'for', 'against']], [ids.branch, ['against', 'against', 'for', 'abstain']]] as const) {
      await ok(await staff.send('POST', `${gov}/meetings/${m}/agenda`, { proposalId: id }));
      await ok(await staff.send('PUT', `${gov}/meetings/${m}/proposals/${id}/votes`, { votes: choices.map((choice, i) => ({ representativeId: reps[i], choice })) }));
      await ok(await staff.send('POST', `${gov}/meetings/${m}/proposals/${id}/decide`, {}));
    }
    const resolution = ((await ok(await staff.get(`${gov}/resolutions`))) as unknown as { id: string; title: string }[]).find((r) => r.title === '楼道加装感应灯')!;
    ids.notice = (await ok(await staff.send('POST', `${gov}/notices`, { kind: 'resolution', title: '关于楼道加装感应灯的公示', body: '……', resolutionId: resolution.id, periodRule: 'days' }))).id;
    await ok(await sec.send('POST', `${gov}/notices/${ids.notice}/publish`, {}));
    const o1 = (await ok(await staff.send('POST', `${gov}/notices/${ids.notice}/objections`, { name: '王先生', content: '灯太亮影响休息' }))).id;
    await ok(await staff.send('POST', `${gov}/notices/${ids.notice}/objections`, { name: '李女士', content: '电费谁出' }));
    await ok(await staff.send('POST', `${gov}/notices/${ids.notice}/objections/${o1}/answer`, { answer: '选用暖光低亮度灯具' }));
    const unit = ((await ok(await staff.get(`${gov}/partners?year=2026`))) as unknown as { id: string }[])[0].id;
    await ok(await staff.send('POST', `${gov}/partners/${unit}/resources`, { kind: 'room', description: '借用会议室', amount: 1, date: '2026-12-05' }));
    await ok(await staff.send('POST', `${gov}/partners/${unit}/resources`, { kind: 'money', description: '年末慰问金', amount: 800, date: '2026-12-20' }));
    await ok(await staff.send('POST', `${gov}/joint-meetings`, { date: '2026-12-05', topic: '年终共建总结', unitIds: [unit] }));
    figures = (await ok(await sec.get(`${gov}/report?from=${from}&to=${to}`))).figures as unknown as Figure[];
    const f = Object.fromEntries(figures.map((x) => [x.key, x.value]));
    expect(f).toMatchObject({ 'meetings.held': 1, 'proposals.passed': 1, 'proposals.rejected': 1, resolutions: 1, 'notices.published': 2, objections: 2, 'objections.answered': 1, 'partners.jointMeetings': 1, 'partners.resources': 2, 'partners.money': 800 });
  });

  it('a figure of what happened links to its list for the period; a figure of what stands links to the plain page', async () => {
    const link = Object.fromEntries(figures.map((x) => [x.key, x.link]));
    const p = `from=${from}&to=${to}`;
    expect(link).toMatchObject({
      'meetings.held': `governance?status=held&${p}`,
      'proposals.submitted': `governance/proposals?${p}`,
      'proposals.assisted': `governance/proposals?channel=assisted&${p}`,
      'proposals.passed': `governance/proposals?state=passed&by=decided&${p}`,
      'notices.noObjection': `governance/notices?outcome=no_objection&${p}`,
      'partners.jointMeetings': `governance/partners?tab=meetings&${p}`,
      representatives: 'governance',
      'groups.trinity': 'governance/partners?tab=groups',
      'partners.units': 'governance/partners',
    });
    for (const x of figures) if (!['representatives', 'partners.units'].includes(x.key) && !x.key.startsWith('groups.')) expect(x.link, x.key).toContain(p);
  });

  it('the list behind each figure holds exactly what it counts, and nothing from outside the period', async () => {
    type Item = Record<string, unknown> & { id: string };
    const sum = (xs: Item[], f: (x: Item) => number) => xs.reduce((a, x) => a + f(x), 0);
    for (const x of figures) {
      if (!x.link?.includes(`from=${from}`)) continue;
      const out = await listed(x.link);
      const items = (Array.isArray(out) ? out : out.items) as Item[];
      const resources = (k?: string) => sum(items, (u) => (u.resources as { kind: string; amount: number | null }[]).filter((r) => !k || r.kind === k).reduce((a, r) => a + (k ? (r.amount ?? 0) : 1), 0));
      const got =
        x.key === 'meetings.attendanceRate'
          ? Math.round((sum(items, (i) => (i.quorum as { present: number }).present) / sum(items, (i) => (i.quorum as { seats: number }).seats)) * 1000) / 10
          : x.key === 'objections'
            ? sum(items, (i) => i.objections as number)
            : x.key === 'objections.answered'
              ? sum(items, (i) => (i.objections as number) - (i.unanswered as number))
              : x.key === 'partners.resources'
                ? resources()
                : x.key === 'partners.money' || x.key === 'partners.volunteers' || x.key === 'partners.rooms'
                  ? resources({ 'partners.money': 'money', 'partners.volunteers': 'volunteers', 'partners.rooms': 'room' }[x.key])
                  : Array.isArray(out)
                    ? items.length
                    : (out.total as number);
      expect(got, `${x.key} → ${x.link}`).toBe(x.value);
      if (!Array.isArray(out) && out.total !== undefined) expect(items).toHaveLength(out.total as number);
    }
    const titles = async (link: string) => (((await listed(link)) as { items: { title: string }[] }).items).map((i) => i.title);
    const received = await titles(`governance/proposals?from=${from}&to=${to}`);
    expect(received).toEqual(expect.arrayContaining(['楼道加装感应灯', '垃圾分类桶换位置', '党员责任区调整']));
    expect(received).not.toContain('还在起草的议题');
    expect(received).not.toContain('更换单元门禁'); // submitted in November
    expect(await titles(`governance/proposals?state=passed&by=decided&from=${from}&to=${to}`)).toEqual(['楼道加装感应灯']);
    expect(await titles(`governance/proposals?state=passed&by=decided&from=2026-11-01&to=2026-11-30`)).toEqual(expect.arrayContaining(['更换单元门禁', '自行车集中存放收费']));
    expect(await titles(`governance?status=held&from=${from}&to=${to}`)).toEqual(['十二月居民代表大会']);
    expect(await titles(`governance/notices?from=${from}&to=${to}`)).not.toContain('关于自行车集中存放收费的公示');
    const joint = (await listed(`governance/partners?tab=meetings&from=${from}&to=${to}`)) as unknown as { topic: string }[];
    expect(joint.map((j) => j.topic)).toEqual(['年终共建总结']);
  });

  it('the Excel exports hold the same rows as the lists for the period', async () => {
    const rows = async (url: string) => {
      const res = await staff.get(url);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return wb.worksheets[0].rowCount - 1;
    };
    const passed = await ok(await staff.get(`${gov}/proposals?state=passed&by=decided&from=${from}&to=${to}`));
    expect(await rows(`${gov}/proposals/export.xlsx?state=passed&by=decided&from=${from}&to=${to}`)).toBe(passed.total);
    const notices = await ok(await staff.get(`${gov}/notices?from=${from}&to=${to}`));
    expect(await rows(`${gov}/notices/export.xlsx?from=${from}&to=${to}`)).toBe(notices.total);
    expect(notices.total).toBe(2);
  });

  it('a period ending before it starts, or a day that is not on the calendar, is refused naming the field', async () => {
    for (const api of ['meetings', 'proposals', 'notices', 'partners', 'joint-meetings']) {
      const backwards = await staff.get(`${gov}/${api}?from=2026-12-31&to=2026-12-01`);
      expect(err(backwards), api).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(err(backwards).fields?.to).toBe('时间段的结束日期（2026-12-01）不能早于开始日期（2026-12-31）');
      expect(err(await staff.get(`${gov}/${api}?from=2026-02-30&to=2026-03-31`)).fields?.from).toBe('“2026-02-30”不是日历上的日期');
      expect(err(await staff.get(`${gov}/${api}?from=yesterday&to=2026-03-31`)).fields?.from).toBe('格式不正确');
    }
    expect((await staff.get(`${gov}/proposals/export.xlsx?from=2026-12-31&to=2026-12-01`)).statusCode).toBe(400);
  });
});

describe("the office's days are Beijing days", () => {
  it('counts a proposal submitted at half past midnight on New Year’s Day in January, not in December', async () => {
    // 2027-01-01 00:30 in Beijing is still 2026-12-31 in UTC
    l.clock.advance(Date.parse('2026-12-31T16:30:00Z') - l.clock.now().getTime());
    await signInAgain();
    expect(today()).toBe('2027-01-01');
    await proposal({ title: '跨年夜提交的议题' });
    const titles = async (from: string, to: string) => ((await ok(await staff.get(`${gov}/proposals?from=${from}&to=${to}&pageSize=200`))).items as { title: string }[]).map((i) => i.title);
    expect(await titles('2026-12-01', '2026-12-31')).not.toContain('跨年夜提交的议题');
    expect(await titles('2027-01-01', '2027-01-31')).toEqual(['跨年夜提交的议题']);
    const figures = (await ok(await sec.get(`${gov}/report?from=2027-01-01&to=2027-01-31`))).figures as unknown as { key: string; value: number }[];
    expect(figures.find((x) => x.key === 'proposals.submitted')?.value).toBe(1);
    const december = (await ok(await sec.get(`${gov}/report?from=2026-12-01&to=2026-12-31`))).figures as unknown as { key: string; value: number }[];
    expect(december.find((x) => x.key === 'proposals.submitted')?.value).toBe((await titles('2026-12-01', '2026-12-31')).length);
  });
});
