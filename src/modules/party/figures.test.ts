import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestLinli, makeCommunity, makeUser, signIn, type Client, type TestLinli, ok, sectionFigures, communityWithSecretary } from '../../core/testing';
import { partyModule } from './index';

/**
 * Every figure of the party chapter, counted from a handful of records made the way the secretary
 * makes them, with records on both sides of the period's first and last days: a constant, a `<`
 * for a `<=` or a forgotten condition changes a number.
 */
let l: TestLinli;
let sec: Client;
let base: string;
let communityId: string;

const post = async (url: string, body: unknown) => ok(await sec.send('POST', `${base}/party/${url}`, body));
const member = async (name: string, body: Record<string, unknown> = {}) => (await post('members', { kind: 'registered', name, joinedDate: '2000-07-01', ...body })).id;
const leaves = async (id: string, leftDate: string) => ok(await sec.send('PATCH', `${base}/party/members/${id}`, { leftDate }));

const figures = (from: string, to: string) => sectionFigures(l, partyModule, communityId, from, to);

beforeAll(async () => {
  l = await createTestLinli();
  const first = await communityWithSecretary(l);
  ({ base, sec } = first);
  communityId = first.community.id;
  // another community's branch, which none of these figures may count
  const other = (await makeCommunity(l, first.community.subDistrictId)).id;
  const otherSec = await signIn(l, (await makeUser(l, 'secretary', { communityId: other })).username);
  const team = (await ok(await otherSec.send('POST', `/api/v1/communities/${other}/party/volunteer-teams`, { name: '别处的服务队', kind: 'special' }))).id;
  await ok(await otherSec.send('POST', `/api/v1/communities/${other}/party/members`, { kind: 'registered', name: '别处党员', joinedDate: '2000-07-01', volunteerTeamId: team }));
});
afterAll(() => l.close());

describe('the party chapter’s figures for 2025', () => {
  it('counts members on the books at the period’s end: joined by its last day, not left before its first', async () => {
    await member('老党员');
    await member('年底入党', { joinedDate: '2025-12-31' });
    await member('次年入党', { joinedDate: '2026-01-01' });
    await leaves(await member('年前转出'), '2024-12-31');
    await leaves(await member('年初转出'), '2025-01-01');
    await leaves(await member('年中转出'), '2025-06-30');
    await post('members', { kind: 'reporting', name: '报到党员', joinedDate: '2010-07-01' });
    await leaves((await post('members', { kind: 'reporting', name: '报到后离开', joinedDate: '2010-07-01' })).id, '2024-06-30');

    const f = await figures('2025-01-01', '2025-12-31');
    expect([f['members.registered'], f['members.reporting']]).toEqual([4, 1]);
    // a year later the one who joined in 2026 counts, those who left in 2025 no longer do
    const g = await figures('2026-01-01', '2026-12-31');
    expect([g['members.registered'], g['members.reporting']]).toEqual([3, 1]);
    expect((await figures('2024-01-01', '2024-12-31'))['members.registered']).toBe(4);
    expect((await figures('2024-01-01', '2024-06-29'))['members.reporting']).toBe(2);
  });

  it('counts party volunteers in the teams as they stand at the end, and the special teams and service groups', async () => {
    const special = (await post('volunteer-teams', { name: '医疗保健特色服务队', kind: 'special' })).id;
    const service1 = (await post('volunteer-teams', { name: '第一综合服务小组', kind: 'service' })).id;
    await post('volunteer-teams', { name: '第二综合服务小组', kind: 'service' });
    await post('volunteer-teams', { name: '第三综合服务小组', kind: 'service' });
    // three volunteers in two teams; one left before 2025, one joined the branch after it
    await member('义工甲', { volunteerTeamId: special });
    await member('义工乙', { volunteerTeamId: service1, joinedDate: '2025-12-31' });
    await leaves(await member('义工丙', { volunteerTeamId: service1 }), '2024-12-31');
    await member('义工丁', { volunteerTeamId: special, joinedDate: '2026-01-01' });
    await member('不是义工');

    const f = await figures('2025-01-01', '2025-12-31');
    expect([f.volunteers, f['teams.special'], f['teams.service']]).toEqual([2, 1, 3]);
    expect((await figures('2026-01-01', '2026-12-31')).volunteers).toBe(3);
    expect((await figures('2024-01-01', '2024-12-31')).volunteers).toBe(2);
  });

  it('counts the groups set up by the period’s end and not closed by then', async () => {
    const group = async (name: string, createdAt: string, closedOn: string | null = null) => {
      const id = (await post('groups', { name })).id;
      await l.services.db.kysely.updateTable('party_group').set({ created_at: createdAt, closed_on: closedOn }).where('id', '=', id).execute();
    };
    await group('第一党小组', '2025-03-01T02:00:00.000Z');
    await group('最后一天成立', '2025-12-31T15:00:00.000Z'); // 23:00 in Beijing on the 31st
    await group('次年成立', '2025-12-31T16:00:00.000Z'); // already 2026-01-01 in Beijing
    await group('年底撤销', '2025-02-01T02:00:00.000Z', '2025-12-31');
    await group('次年撤销', '2025-02-01T02:00:00.000Z', '2026-01-01');
    expect((await figures('2025-01-01', '2025-12-31')).groups).toBe(3);
    expect((await figures('2026-01-01', '2026-12-31')).groups).toBe(3);
    expect((await figures('2025-01-01', '2025-06-30')).groups).toBe(3);
    expect((await figures('2025-01-01', '2025-02-28')).groups).toBe(2);
  });

  it('counts elections, sessions, issues, copies and honours by their dates, both days of the period included', async () => {
    const a = await member('张委员');
    const b = await member('李委员');
    const c = await member('王委员');
    for (const date of ['2024-12-31', '2025-01-01', '2025-12-31', '2026-01-01']) {
      await post('elections', { date, seats: 1, voters: 3, candidates: [{ memberId: a, votes: 3, role: 'secretary' }] });
      await post('honours', { title: `荣誉${date}`, awardedBy: '街道工委', date });
    }
    // attendance: 3 of 4 on the first day, 1 of 2 on the last, everyone on the day after
    const session = async (date: string, present: string[], absent: string[]) => {
      const id = (await post('activities', { date, kind: 'study', topic: `学习${date}` })).id;
      await ok(await sec.send('PUT', `${base}/party/activities/${id}/attendance`, { entries: [...present.map((m) => ({ memberId: m, present: true })), ...absent.map((m) => ({ memberId: m, present: false, reason: '病假' }))] }));
    };
    const d = await member('赵党员');
    await session('2024-12-31', [a], [b, c]);
    await session('2025-01-01', [a, b, c], [d]);
    await session('2025-12-31', [a], [b]);
    await session('2026-01-01', [a, b, c, d], []);
    // issues by their date; copies by the day they were brought, whatever the issue's date
    let n = 0;
    const issue = async (date: string) => (await post('newsletters', { number: ++n, date, title: `简报第${n}期`, content: '……' })).id;
    const deliver = (id: string, memberIds: string[], deliveredAt: string) => post(`newsletters/${id}/deliveries`, { memberIds, deliveredBy: '王社工', deliveredAt });
    const before = await issue('2024-12-31');
    const first = await issue('2025-01-01');
    const last = await issue('2025-12-31');
    await issue('2026-01-01');
    await deliver(before, [a, b], '2024-12-31');
    await deliver(before, [c], '2025-01-01');
    await deliver(first, [a, b], '2025-01-01');
    await deliver(last, [a, b, c], '2025-12-31');
    await deliver(last, [d], '2026-01-01');

    const f = await figures('2025-01-01', '2025-12-31');
    expect({ elections: f.elections, sessions: f['study.sessions'], rate: f['study.attendanceRate'], issues: f['newsletter.issues'], copies: f['newsletter.copies'], honours: f.honours }).toEqual({
      elections: 2,
      sessions: 2,
      rate: 66.7, // 4 present of 6 marked
      issues: 2,
      copies: 6,
      honours: 2,
    });
    const g = await figures('2025-12-31', '2026-01-01');
    expect([g.elections, g['study.sessions'], g['study.attendanceRate'], g['newsletter.issues'], g['newsletter.copies'], g.honours]).toEqual([2, 2, 83.3, 2, 4, 2]);
    const h = await figures('2026-01-01', '2026-12-31');
    expect([h.elections, h['study.sessions'], h['study.attendanceRate'], h['newsletter.issues'], h['newsletter.copies'], h.honours]).toEqual([1, 1, 100, 1, 1, 1]);
    // nothing in the period: no rate rather than 0%
    expect((await figures('2023-01-01', '2023-12-31'))['study.attendanceRate']).toBeNull();
  });

  it('counts pledges and the July-1 board by the years the period touches, each member once', async () => {
    const x = await member('承诺甲');
    const y = await member('承诺乙');
    const z = await member('承诺丙');
    const pledge = async (body: Record<string, unknown>, done = false) => {
      const id = (await post('pledges', { title: '为民办实事', ...body })).id;
      if (done) await post(`pledges/${id}/review`, { status: 'done' });
    };
    await pledge({ level: 'branch', year: 2025 }, true);
    await pledge({ level: 'branch', year: 2025 });
    await pledge({ level: 'branch', year: 2024 }, true);
    await pledge({ level: 'branch', year: 2026 }, true);
    await pledge({ level: 'member', year: 2025, memberId: x }, true);
    await pledge({ level: 'member', year: 2025, memberId: x });
    await pledge({ level: 'member', year: 2025, memberId: y });
    await pledge({ level: 'member', year: 2026, memberId: z }, true);
    for (const [year, who] of [[2024, x], [2025, x], [2025, y], [2026, z]] as const) await post('model-members', { year, memberId: who, deeds: '热心服务' });

    const f = await figures('2025-01-01', '2025-12-31');
    expect([f['pledges.branch'], f['pledges.branch.done'], f['pledges.member'], f['pledges.member.done'], f['pledges.members'], f.modelMembers]).toEqual([2, 1, 3, 1, 2, 2]);
    // a period across two years takes both years' pledges; a member on both years' boards is one member
    const g = await figures('2024-07-01', '2025-06-30');
    expect([g['pledges.branch'], g['pledges.branch.done'], g['pledges.member'], g['pledges.members'], g.modelMembers]).toEqual([3, 2, 3, 2, 2]);
    const h = await figures('2025-07-01', '2026-06-30');
    expect([h['pledges.branch'], h['pledges.branch.done'], h['pledges.member'], h['pledges.member.done'], h['pledges.members'], h.modelMembers]).toEqual([3, 2, 4, 2, 3, 3]);
  });
});
