import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '../../core/access';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli, ok, sectionFigures } from '../../core/testing';
import { keyringFor } from '../registry';
import { addObjection, addRepresentative, addToAgenda, answerObjection, closeNotice, createNotice, createProposal, decide, publishNotice, recordVotes, setAttendance, type Cmd } from './commands';
import { governanceModule } from '.';

/**
 * Every figure of the self-governance chapter, counted from records made with the chapter's own
 * commands on the day each step happened, on both sides of the first half of 2026: a constant, a `<`
 * for a `<=`, or a forgotten condition changes a number.
 */
let l: TestLinli;
let sec: Client;
let base: string;
let community: { id: string; name: string };

const post = async (url: string, body: unknown) => ok(await sec.send('POST', `${base}/${url}`, body));
/** a command run at an instant (a Beijing day begins at 16:00 UTC the day before) */
const at = (iso: string): Cmd => ({ db: scopedDb(l.services.db.kysely, community.id), now: new Date(iso), today: new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10), userId: null, community });
const on = (day: string) => at(`${day}T02:30:00.000Z`);

const figures = (from: string, to: string) => sectionFigures(l, governanceModule, community.id, from, to);

beforeAll(async () => {
  l = await createTestLinli();
  const sd = await makeSubDistrict(l);
  community = await makeCommunity(l, sd.id);
  base = `/api/v1/communities/${community.id}`;
  sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: community.id })).username);
  const keyring = keyringFor(l.config.dataDir);

  // representatives: in office at the end of June are R1, R2 (to 06-30) and R4 (from 06-30); R3 left on 06-29, R5 comes on 07-01
  const compound = (await post('registry/compounds', { name: '一区' })).id;
  const building = (await post('registry/buildings', { compoundId: compound, number: '1号楼' })).id;
  const entrance = (await post('registry/entrances', { buildingId: building, number: '1单元' })).id;
  const rep = async (n: number, termStart: string, termEnd: string | null = null) => {
    const dwellingId = (await post('registry/dwellings', { compoundId: compound, entranceId: entrance, room: String(100 + n) })).id;
    const residentId = (await post('residents', { name: `代表${n}`, birthDate: '1960-01-01', dwellingId })).id;
    return (await addRepresentative(on('2020-01-01'), { residentId, termStart, termEnd })).id;
  };
  const r1 = await rep(1, '2020-01-01');
  const r2 = await rep(2, '2020-01-01', '2026-06-30');
  const r3 = await rep(3, '2020-01-01', '2026-06-29');
  const r4 = await rep(4, '2026-06-30', '2026-09-30');
  await rep(5, '2026-07-01');

  // meetings: all three came on 01-01, two of three on 06-30 (held); one planned in March never held; one on 07-01
  const meeting = async (date: string) => (await post('governance/meetings', { title: `居民代表大会${date}`, date })).id;
  const m1 = await meeting('2026-01-01');
  const m2 = await meeting('2026-06-30');
  await meeting('2026-03-01');
  const m3 = await meeting('2026-07-01');
  await setAttendance(on('2026-01-01'), m1, [r1, r2, r3].map((id) => ({ representativeId: id, present: true })));
  await setAttendance(on('2026-06-30'), m2, [
    { representativeId: r1, present: true },
    { representativeId: r2, present: true },
    { representativeId: r4, present: false, reason: '出差' },
  ]);
  await setAttendance(on('2026-07-01'), m3, [
    { representativeId: r1, present: true },
    { representativeId: r4, present: true },
  ]);

  // proposals, taken on Beijing days either side of the half-year's edges
  const proposal = async (instant: string, source: string, channel: 'self' | 'assisted' | 'staff', submit = true) =>
    (await createProposal(at(instant), { title: `议题${instant}`, background: '居民反映', source: source as 'resident', submitterName: '居民', channel, submit })).id;
  const p1 = await proposal('2025-12-31T16:30:00.000Z', 'resident', 'assisted'); // 2026-01-01 00:30 in Beijing
  const p2 = await proposal('2026-06-30T15:30:00.000Z', 'staff', 'staff'); // 06-30 23:30
  const p3 = await proposal('2026-06-30T16:30:00.000Z', 'resident', 'self'); // 07-01 00:30
  const p4 = await proposal('2025-12-31T15:30:00.000Z', 'resident', 'self'); // 2025-12-31 23:30
  const p6 = await proposal('2026-02-01T02:00:00.000Z', 'representative', 'staff');
  await proposal('2026-03-01T02:00:00.000Z', 'resident', 'assisted', false); // a draft, never submitted
  const vote = async (day: string, m: string, p: string, present: string[], choice: 'for' | 'against', defer = false) => {
    await addToAgenda(on(day), m, p);
    if (!defer) await recordVotes(on(day), m, p, present.map((id) => ({ representativeId: id, choice })));
    return decide(on(day), m, p, { defer });
  };
  await vote('2026-01-01', m1, p1, [r1, r2, r3], 'for');
  await vote('2026-06-30', m2, p2, [r1, r2], 'against');
  await vote('2026-06-30', m2, p4, [r1, r2], 'for');
  await vote('2026-06-30', m2, p6, [r1, r2], 'for', true);
  await vote('2026-07-01', m3, p3, [r1, r4], 'for');

  // notices by the day they went up: N1 (the first resolution's) with two objections answered, closed;
  // N2 on the last day, closed without objection; N6 in March with one still unanswered; N3 after; N5 before
  const resolutionOf = async (proposalId: string) =>
    (await l.services.db.kysely.selectFrom('gov_resolution').select('id').where('proposal_id', '=', proposalId).executeTakeFirstOrThrow()).id;
  const notice = async (start: string, resolutionId: string | null = null) => {
    const id = (await createNotice(on(start), { kind: resolutionId ? 'resolution' : 'other', title: `公示${start}`, body: '内容', resolutionId, periodRule: 'days', periodLength: 7 })).id;
    await publishNotice(on(start), id, start);
    return id;
  };
  const object = (day: string, noticeId: string) => addObjection(on(day), keyring, noticeId, { name: '孙先生', content: '有意见' }, 'desk');
  const n1 = await notice('2026-01-01', await resolutionOf(p1));
  for (const o of [await object('2026-01-02', n1), await object('2026-01-03', n1)]) await answerObjection(on('2026-01-05'), n1, o.id, '已答复');
  await closeNotice(on('2026-02-01'), n1);
  const n2 = await notice('2026-06-30');
  await closeNotice(on('2026-07-15'), n2);
  await object('2026-03-02', await notice('2026-03-01'));
  await object('2026-07-02', await notice('2026-07-01'));
  await object('2025-12-31', await notice('2025-12-31'));
  await createNotice(on('2026-05-01'), { kind: 'other', title: '草稿', body: '内容', periodRule: 'days', periodLength: 7 });

  // groups (as they stand), partner units (joined by the end, not gone before the start), joint meetings and resources by date
  for (const [kind, n] of [['self_governance', 2], ['owners_prep', 1], ['trinity', 3]] as const) for (let i = 0; i < n; i++) await post('governance/groups', { kind, name: `${kind}${i}`, compoundId: compound });
  const unit = async (name: string, joinedOn: string, leftOn?: string) => (await post('governance/partners', { name, kind: '企业', liaisonName: '周主任', joinedOn, ...(leftOn ? { leftOn } : {}) })).id;
  const u1 = await unit('老共建单位', '2020-01-01');
  await unit('六月底加入', '2026-06-30');
  await unit('七月加入', '2026-07-01');
  await unit('年初离开', '2020-01-01', '2026-01-01');
  await unit('去年离开', '2020-01-01', '2025-12-31');
  await unit('六月底离开', '2020-01-01', '2026-06-30');
  for (const date of ['2025-12-31', '2026-01-01', '2026-06-30', '2026-07-01']) await post('governance/joint-meetings', { date, topic: '联席会议', unitIds: [u1] });
  const resource = (kind: string, amount: number, date: string) => post(`governance/partners/${u1}/resources`, { kind, description: kind, amount, date });
  await resource('money', 1000, '2026-01-01');
  await resource('money', 500, '2026-06-30');
  await resource('volunteers', 12, '2026-03-01');
  await resource('room', 2, '2026-06-30');
  await resource('money', 999, '2026-07-01');
  await resource('volunteers', 5, '2025-12-31');
});
afterAll(() => l.close());

describe('the self-governance chapter’s figures', () => {
  it('counts the first half of 2026', async () => {
    expect(await figures('2026-01-01', '2026-06-30')).toEqual({
      representatives: 3, // R1, R2 (to the last day), R4 (from it)
      'meetings.held': 2,
      'meetings.attendanceRate': 83.3, // 3 of 3, then 2 of 3
      'proposals.submitted': 3, // p1 (00:30 on the first day), p2 (23:30 on the last), p6; not p3, p4 or the draft
      'proposals.fromResidents': 1,
      'proposals.assisted': 1,
      'proposals.passed': 2, // p1 on 01-01, p4 on 06-30
      'proposals.rejected': 1,
      'proposals.deferred': 1,
      resolutions: 2,
      'notices.published': 3, // 01-01, 03-01, 06-30
      'notices.resolutions': 1,
      'notices.noObjection': 1,
      'notices.objectionsHandled': 1,
      objections: 3,
      'objections.answered': 2,
      'groups.selfGovernance': 2,
      'groups.ownersPrep': 1,
      'groups.trinity': 3,
      'partners.units': 4, // the old one, joined on the last day, left on the first day, left on the last day
      'partners.jointMeetings': 2,
      'partners.resources': 4,
      'partners.money': 1500,
      'partners.volunteers': 12,
      'partners.rooms': 2,
    });
  });

  it('counts the second half of 2026 by the same rules', async () => {
    expect(await figures('2026-07-01', '2026-12-31')).toMatchObject({
      representatives: 2, // R1, R5; R4 left on 09-30
      'meetings.held': 1,
      'meetings.attendanceRate': 66.7,
      'proposals.submitted': 1,
      'proposals.fromResidents': 1,
      'proposals.assisted': 0,
      'proposals.passed': 1,
      'proposals.rejected': 0,
      'proposals.deferred': 0,
      resolutions: 1,
      'notices.published': 1,
      'notices.resolutions': 0,
      'notices.noObjection': 0,
      'notices.objectionsHandled': 0,
      objections: 1,
      'objections.answered': 0,
      'partners.units': 3, // the old one, joined on 06-30, joined on 07-01
      'partners.jointMeetings': 1,
      'partners.resources': 1,
      'partners.money': 999,
      'partners.volunteers': 0,
      'partners.rooms': 0,
    });
  });
});
