import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { electionResult } from './schema';
import { partyModule } from './index';

// The secretary keeps the branch's own records: the committee and its terms, party groups,
// elections whose result follows from the votes, the July-1 board and the honours.

let l: TestLinli;
let sec: Client;
let staff: Client;
let reader: Client;
let otherSec: Client;
let base: string;
let otherBase: string;
let communityId: string;

type Json = Record<string, never>;
interface Leader {
  id: string;
  memberId: string;
  name: string;
  role: string;
  termStart: string;
  termEnd: string | null;
  electionId: string | null;
}
interface BranchView {
  leaders: Leader[];
  groups: { id: string; name: string; leaderName: string | null; members: number }[];
  history: { leaders: Leader[]; elections: { id: string; date: string; candidates: { name: string; elected: boolean }[] }[] };
}

async function ok(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Json;
}
async function member(c: Client, b: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  return (await ok(await c.send('POST', `${b}/party/members`, { kind: 'registered', name, joinedDate: '2000-07-01', ...extra }))).id;
}
const branch = async (): Promise<BranchView> => (await ok(await sec.get(`${base}/party/branch`))) as unknown as BranchView;
const seats = (b: BranchView) => b.leaders.map((x) => `${x.role}:${x.name}`).sort();
async function sheet(res: { statusCode: number; rawPayload: Buffer }) {
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0]
    .getSheetValues()
    .slice(2)
    .map((r) => (Array.isArray(r) ? Array.from(r.slice(1), (v) => (v == null ? '' : String(v))) : []));
}

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  const c = await makeCommunity(l, sd.id, '测试社区');
  const c2 = await makeCommunity(l, sd.id, '别的社区');
  communityId = c.id;
  base = `/api/v1/communities/${c.id}`;
  otherBase = `/api/v1/communities/${c2.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c.id })).username);
  staff = await signIn(l, (await makeUser(l, 'staff', { communityId: c.id })).username);
  reader = await signIn(l, (await makeUser(l, 'building_leader', { communityId: c.id })).username);
  otherSec = await signIn(l, (await makeUser(l, 'secretary', { communityId: c2.id })).username);
});
afterAll(() => l.close());

describe('the election result follows from the votes', () => {
  it('elects those with more than half the voters’ votes, most votes first, and leaves a tie for the last seat undecided', () => {
    const c = (votes: number[]) => votes.map((v, i) => ({ memberId: `m${i}`, votes: v }));
    // 20 voters: 11 votes are needed
    expect(electionResult(c([18, 15, 11, 10]), 3, 20)).toEqual({ elected: ['m0', 'm1', 'm2'], tie: [], vacant: 0, threshold: 11 });
    expect(electionResult(c([10, 18, 9]), 3, 20)).toEqual({ elected: ['m1'], tie: [], vacant: 2, threshold: 11 });
    expect(electionResult(c([18, 15, 15, 12]), 2, 20)).toEqual({ elected: ['m0'], tie: ['m1', 'm2'], vacant: 0, threshold: 11 });
    expect(electionResult(c([18, 15, 14, 14]), 2, 20).elected).toEqual(['m0', 'm1']);
  });
});

describe('the committee and its terms', () => {
  it('records an election from votes alone: the elected become the committee, the previous committee’s terms end and stay in the history', async () => {
    const [old, a, b, cc, d] = [await member(sec, base, '老书记'), await member(sec, base, '甲书记'), await member(sec, base, '乙委员'), await member(sec, base, '丙委员'), await member(sec, base, '丁落选')];
    for (let i = 0; i < 15; i++) await member(sec, base, `党员${i}`);
    await member(sec, base, '报到党员', { kind: 'reporting' });
    await member(sec, base, '后来入党', { joinedDate: '2026-01-01' });
    await ok(await sec.send('POST', `${base}/party/leaders`, { memberId: old, role: 'secretary', termStart: '2015-03-01', termEnd: '2020-02-29' }));
    expect(seats(await branch())).toEqual([]);
    await ok(await sec.send('POST', `${base}/party/leaders`, { memberId: old, role: 'secretary', termStart: '2020-03-01', termEnd: '2027-02-28' }));

    const e = await ok(
      await staff.send('POST', `${base}/party/elections`, {
        date: '2025-03-18',
        seats: 3,
        voters: 18,
        notes: '换届选举',
        candidates: [
          { memberId: a, votes: 17, role: 'secretary' },
          { memberId: b, votes: 15 },
          { memberId: cc, votes: 10 },
          { memberId: d, votes: 9, role: 'deputy' },
        ],
      }),
    );
    // 18 voters: 10 votes needed; 丁 falls short and takes no seat, whatever role was typed
    expect((e.candidates as unknown as { name: string; elected: boolean; role: string | null }[]).map((c) => [c.name, c.elected, c.role])).toEqual([
      ['甲书记', true, 'secretary'],
      ['乙委员', true, 'member'],
      ['丙委员', true, 'member'],
      ['丁落选', false, null],
    ]);
    // on the books that day: 20 registered members (the reporting member and the one who joined later are not)
    expect(e).toMatchObject({ eligible: 20, voters: 18, turnout: 90, termEnd: '2030-03-17' });

    const b1 = await branch();
    expect(seats(b1)).toEqual(['member:丙委员', 'member:乙委员', 'secretary:甲书记']);
    expect(b1.history.leaders).toContainEqual(expect.objectContaining({ name: '老书记', termStart: '2020-03-01', termEnd: '2025-03-17' }));
    expect(b1.history.leaders).toContainEqual(expect.objectContaining({ name: '老书记', termStart: '2015-03-01', termEnd: '2020-02-29' }));
    expect(b1.history.elections[0]).toMatchObject({ date: '2025-03-18' });

    const list = (await ok(await reader.get(`${base}/party/elections`))) as unknown as { id: string; turnout: number }[];
    expect(list.map((x) => x.turnout)).toEqual([90]);
  });

  it('refuses an election it cannot decide, and names who is at fault', async () => {
    const [x, y, z] = [await member(sec, base, '并列甲'), await member(sec, base, '并列乙'), await member(sec, base, '领先丙')];
    const tie = await sec.send('POST', `${base}/party/elections`, {
      date: '2025-06-01',
      seats: 2,
      voters: 20,
      candidates: [
        { memberId: z, votes: 19 },
        { memberId: x, votes: 15 },
        { memberId: y, votes: 15 },
      ],
    });
    expect(tie.statusCode).toBe(400);
    expect(tie.json().error.fields.candidates).toBe('最后一个名额上 并列甲、并列乙 得票相同（各 15 票），须就他们另行投票；请录入另行投票后的票数');
    const over = await sec.send('POST', `${base}/party/elections`, { date: '2025-06-01', seats: 1, voters: 10, candidates: [{ memberId: x, votes: 11 }] });
    expect(over.json().error.fields['candidates.0.votes']).toBe('并列甲 的得票（11）超过到会人数（10）');
    const twice = await sec.send('POST', `${base}/party/elections`, { date: '2025-06-01', seats: 2, voters: 10, candidates: [{ memberId: x, votes: 8 }, { memberId: x, votes: 7 }] });
    expect(twice.json().error.fields['candidates.1.memberId']).toBe('并列甲 重复列为候选人');
    const en = await sec.send('POST', `${base}/party/elections`, { date: '2025-06-01', seats: 2, voters: 10, candidates: [{ memberId: x, votes: 8, role: 'secretary' }, { memberId: y, votes: 7, role: 'secretary' }] }, { 'accept-language': 'en' });
    expect(en.json().error.fields.candidates).toBe('Only one elected member can be secretary (并列甲、并列乙)');
    // nothing of a refused election was written
    expect((await ok(await sec.get(`${base}/party/elections`))) as unknown as unknown[]).toHaveLength(1);
  });

  it('corrects a mistyped election: the result is worked out again and the committee follows', async () => {
    const [e] = (await ok(await sec.get(`${base}/party/elections`))) as unknown as { id: string; candidates: { memberId: string; name: string; votes: number }[] }[];
    const id = (n: string) => e.candidates.find((c) => c.name === n)!.memberId;
    // 丙 had 10 votes and 丁 had 11, not the other way round; the meeting was a day later
    const fixed = await ok(
      await sec.send('PUT', `${base}/party/elections/${e.id}`, {
        date: '2025-03-19',
        seats: 3,
        voters: 18,
        candidates: [
          { memberId: id('甲书记'), votes: 17, role: 'secretary' },
          { memberId: id('乙委员'), votes: 15, role: 'deputy' },
          { memberId: id('丙委员'), votes: 9 },
          { memberId: id('丁落选'), votes: 11 },
        ],
      }),
    );
    expect((fixed.candidates as unknown as { name: string; elected: boolean }[]).filter((c) => c.elected).map((c) => c.name)).toEqual(['甲书记', '乙委员', '丁落选']);
    const b = await branch();
    expect(seats(b)).toEqual(['deputy:乙委员', 'member:丁落选', 'secretary:甲书记']);
    expect(b.leaders.every((x) => x.termStart === '2025-03-19' && x.termEnd === '2030-03-18')).toBe(true);
    // the committee it ended now ends the day before the corrected date
    expect(b.history.leaders).toContainEqual(expect.objectContaining({ name: '老书记', termEnd: '2025-03-18' }));
    expect(b.history.leaders.some((x) => x.name === '丙委员')).toBe(false);
    const audit = await l.services.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'party.update-election').executeTakeFirstOrThrow();
    expect(audit.before_json).toContain('丙委员');
  });

  it('a seat changes hands at the end of a term: the old term ends the day before and stays in the branch history', async () => {
    const b = await branch();
    const deputy = b.leaders.find((x) => x.role === 'deputy')!;
    const next = await member(sec, base, '戊接任');
    // a seat an election filled keeps its member and start: the election is where that is corrected
    const wrong = await sec.send('PUT', `${base}/party/leaders/${deputy.id}`, { memberId: next, role: 'deputy', termStart: deputy.termStart, termEnd: deputy.termEnd });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('这一任期由 2025-03-19 的选举产生，请在该次选举记录中更正');
    expect((await sec.send('DELETE', `${base}/party/leaders/${deputy.id}`)).statusCode).toBe(400);

    expect((await sec.send('POST', `${base}/party/leaders/${deputy.id}/replace`, { memberId: next, date: '2025-03-19' })).json().error.fields.date).toBe('接任日期须晚于原任期的开始日期（2025-03-19）');
    expect((await sec.send('POST', `${base}/party/leaders/${deputy.id}/replace`, { memberId: deputy.memberId, date: '2026-01-01' })).statusCode).toBe(400);
    const { id } = await ok(await sec.send('POST', `${base}/party/leaders/${deputy.id}/replace`, { memberId: next, date: '2026-01-01' }));
    const after = await branch();
    expect(after.leaders.find((x) => x.role === 'deputy')).toMatchObject({ id, name: '戊接任', termStart: '2026-01-01', termEnd: '2030-03-18', electionId: null });
    expect(after.history.leaders).toContainEqual(expect.objectContaining({ id: deputy.id, name: '乙委员', termStart: '2025-03-19', termEnd: '2025-12-31' }));

    // a seat added by hand can be corrected and removed
    const added = (await ok(await sec.send('POST', `${base}/party/leaders`, { memberId: next, role: 'member', termStart: '2026-02-01' }))).id;
    expect((await sec.send('PUT', `${base}/party/leaders/${added}`, { memberId: next, role: 'member', termStart: '2026-02-01', termEnd: '2026-01-01' })).json().error.fields.termEnd).toBe('任期结束日期不能早于开始日期');
    await ok(await sec.send('PUT', `${base}/party/leaders/${added}`, { memberId: next, role: 'member', termStart: '2026-02-01', termEnd: '2026-06-30' }));
    expect((await branch()).history.leaders).toContainEqual(expect.objectContaining({ id: added, termEnd: '2026-06-30' }));
    await ok(await sec.send('DELETE', `${base}/party/leaders/${added}`));
    expect((await branch()).history.leaders.some((x) => x.id === added)).toBe(false);

    const rows = await sheet(await sec.get(`${base}/party/leaders/export.xlsx`));
    expect(rows.find((r) => r[1] === '戊接任')).toEqual(['1', '戊接任', '副书记', '2026-01-01', '2030-03-18', '是', '增补 / 接任']);
    expect(rows.find((r) => r[1] === '乙委员')?.slice(2, 6)).toEqual(['副书记', '2025-03-19', '2025-12-31', '否']);
  });

  it('removing an election recorded by mistake takes its seats away and puts the committee it ended back in office', async () => {
    const a = await member(sec, base, '误录甲');
    const before = seats(await branch());
    const e = await ok(await sec.send('POST', `${base}/party/elections`, { date: '2026-05-01', seats: 1, voters: 10, candidates: [{ memberId: a, votes: 9, role: 'secretary' }] }));
    expect(seats(await branch())).toEqual(['secretary:误录甲']);
    await ok(await sec.send('DELETE', `${base}/party/elections/${e.id}`));
    const back = await branch();
    expect(seats(back)).toEqual(before);
    // seats an election filled run to that election's five years again; a seat taken over by hand is open-ended
    expect(back.leaders.map((x) => `${x.name}:${x.termEnd}`).sort()).toEqual(['丁落选:2030-03-18', '戊接任:null', '甲书记:2030-03-18']);
    expect((await branch()).history.elections.map((x) => x.date)).toEqual(['2025-03-19']);

    const rows = await sheet(await sec.get(`${base}/party/elections/export.xlsx`));
    expect(rows.map((r) => [r[0], r[5], r[6], r[7]])).toEqual([
      ['2025-03-19', '甲书记', '17', '当选'],
      ['2025-03-19', '乙委员', '15', '当选'],
      ['2025-03-19', '丁落选', '11', '当选'],
      ['2025-03-19', '丙委员', '9', '未当选'],
    ]);
  });
});

describe('party groups', () => {
  it('creates, renames and gives a group a leader; closing it moves its members to another group first', async () => {
    const g1 = (await ok(await sec.send('POST', `${base}/party/groups`, { name: '第一党小组' }))).id;
    const g2 = (await ok(await sec.send('POST', `${base}/party/groups`, { name: '第二党小组' }))).id;
    const m1 = await member(sec, base, '一组甲', { groupId: g1 });
    await member(sec, base, '一组乙', { groupId: g1 });
    await member(sec, base, '二组丙', { groupId: g2 });
    await ok(await sec.send('PATCH', `${base}/party/groups/${g1}`, { name: '东区党小组', leaderMemberId: m1 }));
    expect((await branch()).groups.find((g) => g.id === g1)).toMatchObject({ name: '东区党小组', leaderName: '一组甲', members: 2 });

    const refused = await sec.send('POST', `${base}/party/groups/${g1}/close`, {});
    expect(refused.json().error.fields.moveToGroupId).toBe('“东区党小组”还有 2 名党员，请选择他们转入的党小组');
    expect((await sec.send('POST', `${base}/party/groups/${g1}/close`, { moveToGroupId: g1 })).statusCode).toBe(400);
    await ok(await sec.send('POST', `${base}/party/groups/${g1}/close`, { moveToGroupId: g2 }));
    const groups = (await branch()).groups;
    expect(groups.map((g) => [g.name, g.members])).toEqual([['第二党小组', 3]]);
    expect((await ok(await sec.get(`${base}/party/members?groupId=${g2}`))).total).toBe(3);
    const rows = await sheet(await sec.get(`${base}/party/groups/export.xlsx`));
    expect(rows).toEqual([['1', '第二党小组', '', '3']]);

    // the closed group stays in the branch's history, with the day and where its members went
    const after = (await ok(await sec.get(`${base}/party/branch`))) as unknown as { closedGroups: { id: string; name: string; closedOn: string; mergedInto: string | null }[] };
    expect(after.closedGroups).toEqual([{ id: g1, name: '东区党小组', closedOn: '2026-11-25', mergedInto: '第二党小组' }]);
    // it takes no members, no edits and no second closing, and its name is not given out again
    const joining = await sec.send('POST', `${base}/party/members`, { kind: 'registered', name: '新党员', joinedDate: '2020-07-01', groupId: g1 });
    expect(joining.statusCode).toBe(400);
    expect(joining.json().error.fields.groupId).toBe('这个党小组已于 2026-11-25 撤销；如需继续使用，请先恢复');
    expect((await sec.send('PATCH', `${base}/party/groups/${g1}`, { name: '改名' })).statusCode).toBe(409);
    expect((await sec.send('POST', `${base}/party/groups/${g1}/close`, { moveToGroupId: g2 })).statusCode).toBe(409);
    expect((await sec.send('POST', `${base}/party/groups/${g2}/close`, { moveToGroupId: g1 })).json().error.fields.moveToGroupId).toBe('本社区没有这个党小组');
    const again = await sec.send('POST', `${base}/party/groups`, { name: '东区党小组' });
    expect(again.json().error.fields.name).toContain('于 2026-11-25 撤销');
    // the audit log keeps who closed it
    const audit = await l.services.db.kysely.selectFrom('audit_log').select(['action']).where('entity_id', '=', g1).execute();
    expect(audit.map((a) => a.action)).toContain('party.close-group');

    // reopened (closed by mistake), it is a group again, empty: members who moved stay where they are
    expect((await sec.send('POST', `${base}/party/groups/${g2}/reopen`, {})).statusCode).toBe(409);
    await ok(await sec.send('POST', `${base}/party/groups/${g1}/reopen`, {}));
    const reopened = await branch();
    expect(reopened.groups.map((g) => [g.name, g.members])).toEqual([
      ['东区党小组', 0],
      ['第二党小组', 3],
    ]);
    expect(((await ok(await sec.get(`${base}/party/branch`))) as unknown as { closedGroups: unknown[] }).closedGroups).toEqual([]);
  });

  it('counts in the report the groups as they stood at the period’s end', async () => {
    const section = async (to: string) => {
      const s = await partyModule.reportSection!({ db: l.services.db, communityId, from: '2026-01-01', to });
      return s.figures.find((f) => f.key === 'groups')!.value;
    };
    const open = (await branch()).groups.length;
    const g = (await ok(await sec.send('POST', `${base}/party/groups`, { name: '临时党小组' }))).id;
    expect(await section('2026-11-24')).toBe(0); // none had been set up yet
    expect(await section('2026-11-25')).toBe(open + 1);
    // two days later (a fresh sign-in: the old session has gone idle by then)
    const secretary = (await makeUser(l, 'secretary', { communityId })).username;
    l.clock.advance(2 * 24 * 3600_000);
    const later = await signIn(l, secretary);
    await ok(await later.send('POST', `${base}/party/groups/${g}/close`, {}));
    expect(await section('2026-11-26')).toBe(open + 1); // it closed on the 27th
    expect(await section('2026-11-27')).toBe(open);
    l.clock.advance(-2 * 24 * 3600_000);
  });
});

describe('the July-1 board and honours', () => {
  it('puts members on a year’s board, corrects their deeds and takes them off; honours are recorded, corrected and removed', async () => {
    const a = await member(sec, base, '先进甲');
    const b = await member(sec, base, '先进乙');
    const ma = (await ok(await sec.send('POST', `${base}/party/model-members`, { year: 2026, memberId: a, deeds: '坚持义务巡逻' }))).id;
    const mb = (await ok(await sec.send('POST', `${base}/party/model-members`, { year: 2026, memberId: b, deeds: '照顾空巢老人' }))).id;
    // the same member cannot be on one year's board twice
    expect((await sec.send('PATCH', `${base}/party/model-members/${mb}`, { memberId: a })).json().error.fields.memberId).toBe('该党员已在当年展板上');
    await ok(await sec.send('PATCH', `${base}/party/model-members/${ma}`, { deeds: '坚持义务巡逻十年' }));
    await ok(await sec.send('DELETE', `${base}/party/model-members/${mb}`));
    const board = (await ok(await sec.get(`${base}/party/model-members?year=2026`))) as unknown as { name: string; deeds: string }[];
    expect(board.map((m) => [m.name, m.deeds])).toEqual([['先进甲', '坚持义务巡逻十年']]);
    expect(await sheet(await sec.get(`${base}/party/model-members/export.xlsx?year=2026`))).toEqual([['1', '2026', '先进甲', '坚持义务巡逻十年']]);

    const h = (await ok(await sec.send('POST', `${base}/party/honours`, { title: '五好党支部', awardedBy: '街道工委', date: '2026-06-30' }))).id;
    const h2 = (await ok(await sec.send('POST', `${base}/party/honours`, { title: '误录', awardedBy: 'x', date: '2026-01-01' }))).id;
    await ok(await sec.send('PATCH', `${base}/party/honours/${h}`, { awardedBy: '中共曙光街道工委', memberId: a }));
    await ok(await sec.send('DELETE', `${base}/party/honours/${h2}`));
    const honours = (await ok(await sec.get(`${base}/party/honours`))) as unknown as { title: string; awardedBy: string; memberName: string | null }[];
    expect(honours).toEqual([expect.objectContaining({ title: '五好党支部', awardedBy: '中共曙光街道工委', memberName: '先进甲' })]);
    // back to the branch's own honour
    await ok(await sec.send('PATCH', `${base}/party/honours/${h}`, { memberId: null }));
    expect(await sheet(await sec.get(`${base}/party/honours/export.xlsx`))).toEqual([['1', '五好党支部', '党支部', '中共曙光街道工委', '2026-06-30']]);
    const report = await ok(await sec.get(`${base}/party/report?from=2026-01-01&to=2026-12-31`));
    const fig = Object.fromEntries((report.figures as unknown as { key: string; value: number }[]).map((f) => [f.key, f.value]));
    expect([fig.modelMembers, fig.honours]).toEqual([1, 1]);
  });
});

describe('who may do what, and where', () => {
  it('a reader sees the records but cannot change any of them', async () => {
    const b = await branch();
    const leaderId = b.history.leaders[0].id;
    const electionId = b.history.elections[0].id;
    const groupId = b.groups[0].id;
    const mm = ((await ok(await sec.get(`${base}/party/model-members`))) as unknown as { id: string }[])[0].id;
    const h = ((await ok(await sec.get(`${base}/party/honours`))) as unknown as { id: string }[])[0].id;
    const calls: [string, string, unknown?][] = [
      ['PUT', `${base}/party/leaders/${leaderId}`, { memberId: b.history.leaders[0].memberId, role: 'member', termStart: '2025-01-01', termEnd: null }],
      ['POST', `${base}/party/leaders/${leaderId}/replace`, { memberId: b.history.leaders[1].memberId, date: '2026-09-01' }],
      ['DELETE', `${base}/party/leaders/${leaderId}`],
      ['PUT', `${base}/party/elections/${electionId}`, { date: '2025-03-19', seats: 1, voters: 5, candidates: [{ memberId: b.history.leaders[0].memberId, votes: 5 }] }],
      ['DELETE', `${base}/party/elections/${electionId}`],
      ['POST', `${base}/party/groups/${groupId}/close`, {}],
      ['PATCH', `${base}/party/model-members/${mm}`, { deeds: '改' }],
      ['DELETE', `${base}/party/model-members/${mm}`],
      ['PATCH', `${base}/party/honours/${h}`, { title: '改' }],
      ['DELETE', `${base}/party/honours/${h}`],
      ['PUT', `${base}/party/newsletter-recipients`, { memberIds: [] }],
    ];
    for (const [method, url, body] of calls) expect((await reader.send(method as 'POST', url, body)).statusCode, `${method} ${url}`).toBe(403);
    expect((await reader.get(`${base}/party/leaders/export.xlsx`)).statusCode).toBe(200);
    expect(await branch()).toEqual(b);
  });

  it('answers 404 for another community’s records through this community’s routes, and refuses its members and groups in a body', async () => {
    const om = await member(otherSec, otherBase, '外社区党员');
    const og = (await ok(await otherSec.send('POST', `${otherBase}/party/groups`, { name: '外社区小组' }))).id;
    const oe = (await ok(await otherSec.send('POST', `${otherBase}/party/elections`, { date: '2025-01-01', seats: 1, voters: 3, candidates: [{ memberId: om, votes: 3 }] }))).id;
    const ol = ((await ok(await otherSec.get(`${otherBase}/party/branch`))) as unknown as BranchView).leaders[0].id;
    const omm = (await ok(await otherSec.send('POST', `${otherBase}/party/model-members`, { year: 2026, memberId: om, deeds: '外' }))).id;
    const oh = (await ok(await otherSec.send('POST', `${otherBase}/party/honours`, { title: '外', awardedBy: '外', date: '2026-01-01' }))).id;
    const mine = await member(sec, base, '本社区党员');
    const calls: [string, string, unknown?][] = [
      ['PUT', `${base}/party/leaders/${ol}`, { memberId: mine, role: 'member', termStart: '2025-01-01', termEnd: null }],
      ['POST', `${base}/party/leaders/${ol}/replace`, { memberId: mine, date: '2026-01-01' }],
      ['DELETE', `${base}/party/leaders/${ol}`],
      ['PUT', `${base}/party/elections/${oe}`, { date: '2025-01-01', seats: 1, voters: 3, candidates: [{ memberId: mine, votes: 3 }] }],
      ['DELETE', `${base}/party/elections/${oe}`],
      ['POST', `${base}/party/groups/${og}/close`, {}],
      ['PATCH', `${base}/party/model-members/${omm}`, { deeds: '改' }],
      ['DELETE', `${base}/party/model-members/${omm}`],
      ['PATCH', `${base}/party/honours/${oh}`, { title: '改' }],
      ['DELETE', `${base}/party/honours/${oh}`],
    ];
    for (const [method, url, body] of calls) {
      const res = await sec.send(method as 'POST', url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    // another community's member or group named in a body is refused, not used
    const g = (await branch()).groups[0].id;
    expect((await sec.send('POST', `${base}/party/groups/${g}/close`, { moveToGroupId: og })).json().error.fields.moveToGroupId).toBe('本社区没有这个党小组');
    const myLeader = (await branch()).leaders[0];
    expect((await sec.send('POST', `${base}/party/leaders/${myLeader.id}/replace`, { memberId: om, date: '2026-09-01' })).json().error.fields.memberId).toBe('本社区没有这名党员');
    expect((await sec.send('POST', `${base}/party/elections`, { date: '2026-01-01', seats: 1, voters: 3, candidates: [{ memberId: om, votes: 3 }] })).json().error.fields['candidates.0.memberId']).toBe('本社区没有这名党员');
    const myHonour = ((await ok(await sec.get(`${base}/party/honours`))) as unknown as { id: string }[])[0].id;
    expect((await sec.send('PATCH', `${base}/party/honours/${myHonour}`, { memberId: om })).statusCode).toBe(400);
    // the other community's records are as they were
    const theirs = (await ok(await otherSec.get(`${otherBase}/party/branch`))) as unknown as BranchView;
    expect(theirs.leaders.map((x) => x.name)).toEqual(['外社区党员']);
    expect(theirs.groups.map((x) => x.name)).toEqual(['外社区小组']);
  });
});
