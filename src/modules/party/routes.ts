import crypto from 'node:crypto';
import { z } from 'zod';
import { scopedDb } from '../../core/access';
import { AppError, fieldError, notFound } from '../../core/errors';
import { communityRoute, publicRoute } from '../../core/http/route';
import { hit } from '../../core/auth/rate-limit';
import { chinaDate, keyringFor, phoneDigits, seal } from '../registry';
import { exportAttendance, exportDeliveries, exportMembers, exportPledges, type AttendanceSheet } from './export';
import { importMembers } from './import';
import {
  assertGroup,
  assertMember,
  assertTeam,
  attendanceTotals,
  checkAreas,
  ensureBranch,
  listMembers,
  loadMember,
  loadPledge,
  loadPledges,
  newsletterFigures,
  partyFigures,
  recipients,
  writeAreas,
} from './queries';
import {
  ActivityDetailSchema,
  ActivityInput,
  ActivitySchema,
  AnswerInput,
  AttendanceInput,
  AttendanceTotalsSchema,
  BoardSettingsInput,
  BoardSettingsSchema,
  BranchInput,
  BranchSchema,
  Created,
  DeliveryInput,
  ElectionInput,
  ElectionSchema,
  FeedbackInput,
  FeedbackSchema,
  GroupInput,
  HonourInput,
  HonourSchema,
  IssueDetailSchema,
  IssueInput,
  IssueSchema,
  LeaderInput,
  MemberCreateInput,
  MemberListQuery,
  MemberPage,
  MemberSchema,
  MemberUpdateInput,
  ModelMemberInput,
  ModelMemberSchema,
  NewsletterFiguresSchema,
  PeriodQuery,
  PledgeInput,
  PledgeListQuery,
  PledgeSchema,
  PledgeUpdateInput,
  ProgressInput,
  PublicBoardSchema,
  RecipientSchema,
  RecipientsInput,
  ReportFiguresSchema,
  ReviewInput,
  TeamInput,
  TeamSchema,
  type Branch,
  type PublicBoard,
} from './schema';
import type { ScopedDb } from '../../core/access';
import type { CommunityCtx, RouteSchemas } from '../../core/http/route';

const C = z.object({ communityId: z.string() });
const CId = C.extend({ id: z.string() });
const tags = ['party'];
const P = '/communities/:communityId/party';
/** feedback a visitor may leave per hour from one address */
export const FEEDBACK_PER_HOUR = 5;

const keyring = <S extends RouteSchemas>(ctx: CommunityCtx<S>) => keyringFor(ctx.services.config.dataDir);
const sealPhone = (phone: string | null | undefined, k: ReturnType<typeof keyringFor>) => {
  if (!phone) return { phone_enc: null, phone_hash: null, phone_tail: null };
  const s = seal(phone, k, phoneDigits(phone));
  return { phone_enc: s.enc, phone_hash: s.hash, phone_tail: s.tail };
};

const YearQuery = z.object({ year: z.coerce.number().int().min(1949).max(2100) });
const ImportQuery = z.object({ dryRun: z.enum(['0', '1']).optional() });
const ImportResultSchema = z.object({
  rows: z.number(),
  imported: z.number(),
  skipped: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
  members: z.array(z.object({ row: z.number(), name: z.string(), residentLinked: z.boolean() })),
});

/**
 * A year's sessions and, for every member on the books (and anyone who left but has a mark that
 * year), their mark at each session.
 */
async function attendanceSheet(db: ScopedDb, year: number): Promise<AttendanceSheet> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const sessions = await db
    .selectFrom('party_activity')
    .select(['party_activity.id', 'party_activity.date', 'party_activity.topic'])
    .where('party_activity.date', '>=', from)
    .where('party_activity.date', '<=', to)
    .orderBy('party_activity.date')
    .orderBy('party_activity.created_at')
    .execute();
  const marks = sessions.length
    ? await db
        .selectFrom('party_attendance')
        .select(['party_attendance.activity_id', 'party_attendance.member_id', 'party_attendance.present', 'party_attendance.reason'])
        .where('party_attendance.activity_id', 'in', sessions.map((s) => s.id))
        .execute()
    : [];
  const marked = new Set(marks.map((m) => m.member_id));
  const people = await db
    .selectFrom('party_member')
    .leftJoin('party_group', (j) => j.onRef('party_group.community_id', '=', 'party_member.community_id').onRef('party_group.id', '=', 'party_member.group_id'))
    .select(['party_member.id', 'party_member.name', 'party_member.left_date'])
    .orderBy('party_group.sort')
    .orderBy('party_member.name')
    .orderBy('party_member.id')
    .execute();
  return {
    sessions,
    members: people
      .filter((p) => marked.has(p.id) || p.left_date === null || p.left_date >= from)
      .map((p) => ({
        id: p.id,
        name: p.name,
        marks: new Map(marks.filter((m) => m.member_id === p.id).map((m) => [m.activity_id, { present: m.present === 1, reason: m.reason }])),
      })),
  };
}

async function leaders(db: ScopedDb) {
  const rows = await db
    .selectFrom('party_leader')
    .innerJoin('party_member', (j) => j.onRef('party_member.community_id', '=', 'party_leader.community_id').onRef('party_member.id', '=', 'party_leader.member_id'))
    .select(['party_leader.id', 'party_leader.member_id', 'party_member.name', 'party_leader.role', 'party_leader.term_start', 'party_leader.term_end', 'party_leader.election_id'])
    .orderBy('party_leader.term_start', 'desc')
    .orderBy('party_leader.role', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    name: r.name,
    role: r.role as 'secretary' | 'deputy' | 'member',
    termStart: r.term_start,
    termEnd: r.term_end,
    electionId: r.election_id,
  }));
}

async function elections(db: ScopedDb, id?: string) {
  let q = db.selectFrom('party_election').selectAll();
  if (id) q = q.where('party_election.id', '=', id);
  const rows = await q.orderBy('party_election.date', 'desc').execute();
  if (rows.length === 0) return [];
  const cands = await db
    .selectFrom('party_election_candidate')
    .innerJoin('party_member', (j) => j.onRef('party_member.community_id', '=', 'party_election_candidate.community_id').onRef('party_member.id', '=', 'party_election_candidate.member_id'))
    .select(['party_election_candidate.election_id', 'party_election_candidate.member_id', 'party_member.name', 'party_election_candidate.votes', 'party_election_candidate.elected', 'party_election_candidate.role'])
    .where('party_election_candidate.election_id', 'in', rows.map((r) => r.id))
    .orderBy('party_election_candidate.votes', 'desc')
    .execute();
  return rows.map((e) => ({
    id: e.id,
    date: e.date,
    seats: e.seats,
    voters: e.voters,
    notes: e.notes,
    candidates: cands.filter((c) => c.election_id === e.id).map((c) => ({ memberId: c.member_id, name: c.name, votes: c.votes, elected: c.elected === 1, role: c.role })),
  }));
}

async function branchOverview(db: ScopedDb, today: string): Promise<Branch> {
  const b = await db.selectFrom('party_branch').selectAll().executeTakeFirst();
  const groups = await db
    .selectFrom('party_group')
    .leftJoin('party_member as leader', (j) => j.onRef('leader.community_id', '=', 'party_group.community_id').onRef('leader.id', '=', 'party_group.leader_member_id'))
    .select((eb) => [
      'party_group.id',
      'party_group.name',
      'party_group.leader_member_id',
      'leader.name as leaderName',
      eb
        .selectFrom('party_member')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('party_member.community_id', '=', 'party_group.community_id')
        .whereRef('party_member.group_id', '=', 'party_group.id')
        .where('party_member.left_date', 'is', null)
        .as('members'),
    ])
    .orderBy('party_group.sort')
    .orderBy('party_group.name')
    .execute();
  const all = await leaders(db);
  const counts = await db
    .selectFrom('party_member')
    .select((eb) => ['party_member.kind', 'party_member.status', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('party_member.volunteer_team_id').as('volunteers')])
    .where('party_member.left_date', 'is', null)
    .groupBy(['party_member.kind', 'party_member.status'])
    .execute();
  const sum = (pred: (r: (typeof counts)[number]) => boolean) => counts.filter(pred).reduce((a, r) => a + Number(r.n), 0);
  return {
    id: b?.id ?? null,
    name: b?.name ?? null,
    groups: groups.map((g) => ({ id: g.id, name: g.name, leaderMemberId: g.leader_member_id, leaderName: g.leaderName, members: Number(g.members ?? 0) })),
    leaders: all.filter((l) => l.termStart <= today && (l.termEnd === null || l.termEnd >= today)),
    history: { leaders: all, elections: await elections(db) },
    members: {
      registered: sum((r) => r.kind === 'registered'),
      reporting: sum((r) => r.kind === 'reporting'),
      frail: sum((r) => r.status === 'frail'),
      mobile: sum((r) => r.status === 'mobile'),
      volunteers: counts.reduce((a, r) => a + Number(r.volunteers), 0),
    },
  };
}

async function findPledgeRow(db: ScopedDb, id: string) {
  const p = await db.selectFrom('pledge').selectAll().where('pledge.id', '=', id).executeTakeFirst();
  if (!p) throw notFound();
  return p;
}

async function feedbackList(db: ScopedDb, opts: { pledgeIds?: string[] } = {}) {
  let q = db
    .selectFrom('pledge_feedback')
    .leftJoin('pledge', (j) => j.onRef('pledge.community_id', '=', 'pledge_feedback.community_id').onRef('pledge.id', '=', 'pledge_feedback.pledge_id'))
    .select(['pledge_feedback.id', 'pledge_feedback.pledge_id', 'pledge.title', 'pledge_feedback.comment', 'pledge_feedback.rating', 'pledge_feedback.answer', 'pledge_feedback.answered_at', 'pledge_feedback.created_at']);
  if (opts.pledgeIds) {
    const ids = opts.pledgeIds;
    q = q.where((eb) => eb.or([eb('pledge_feedback.pledge_id', 'is', null), ...(ids.length ? [eb('pledge_feedback.pledge_id', 'in', ids)] : [])]));
  }
  const rows = await q.orderBy('pledge_feedback.created_at', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    pledgeId: r.pledge_id,
    pledgeTitle: r.title,
    comment: r.comment,
    rating: r.rating,
    answer: r.answer,
    answeredAt: r.answered_at,
    createdAt: r.created_at,
  }));
}

/** The board behind a public token, if the community has it switched on. */
async function openBoard(raw: Parameters<typeof scopedDb>[0], token: string) {
  // found through the token's own unique index
  const b = await raw
    .selectFrom('party_branch')
    .innerJoin('community', 'community.id', 'party_branch.community_id')
    .innerJoin('sub_district', 'sub_district.id', 'community.sub_district_id')
    .select(['party_branch.community_id', 'party_branch.name', 'party_branch.board_enabled', 'community.name as communityName', 'community.sub_district_id'])
    .where('party_branch.board_token', '=', token)
    .executeTakeFirst();
  if (!b || b.board_enabled !== 1) throw notFound();
  return { ...b, db: scopedDb(raw, b.community_id) };
}

async function activityRow(db: ScopedDb, id: string) {
  const a = await db.selectFrom('party_activity').selectAll().where('party_activity.id', '=', id).executeTakeFirst();
  if (!a) throw notFound();
  return a;
}

async function activityDetail(db: ScopedDb, id: string) {
  const a = await activityRow(db, id);
  const rows = await db
    .selectFrom('party_attendance')
    .innerJoin('party_member', (j) => j.onRef('party_member.community_id', '=', 'party_attendance.community_id').onRef('party_member.id', '=', 'party_attendance.member_id'))
    .select(['party_attendance.member_id', 'party_member.name', 'party_attendance.present', 'party_attendance.reason'])
    .where('party_attendance.activity_id', '=', id)
    .orderBy('party_member.name')
    .execute();
  const attendance = rows.map((r) => ({ memberId: r.member_id, name: r.name, present: r.present === 1, reason: r.reason }));
  return {
    id: a.id,
    date: a.date,
    kind: a.kind as 'study',
    topic: a.topic,
    place: a.place,
    present: attendance.filter((x) => x.present).length,
    absent: attendance.filter((x) => !x.present).length,
    attendance,
  };
}

async function issueDetail(db: ScopedDb, id: string) {
  const i = await db.selectFrom('newsletter_issue').selectAll().where('newsletter_issue.id', '=', id).executeTakeFirst();
  if (!i) throw notFound();
  const rows = await db
    .selectFrom('newsletter_delivery')
    .innerJoin('party_member', (j) => j.onRef('party_member.community_id', '=', 'newsletter_delivery.community_id').onRef('party_member.id', '=', 'newsletter_delivery.member_id'))
    .select(['newsletter_delivery.id', 'newsletter_delivery.member_id', 'party_member.name', 'newsletter_delivery.delivered_by', 'newsletter_delivery.delivered_at', 'newsletter_delivery.confirmed'])
    .where('newsletter_delivery.issue_id', '=', id)
    .orderBy('party_member.name')
    .execute();
  const deliveries = rows.map((r) => ({ id: r.id, memberId: r.member_id, name: r.name, deliveredBy: r.delivered_by, deliveredAt: r.delivered_at, confirmed: r.confirmed === 1 }));
  return { id: i.id, number: i.number, date: i.date, title: i.title, content: i.content, copies: deliveries.length, confirmed: deliveries.filter((d) => d.confirmed).length, deliveries };
}

export const routes = [
  // ---------------- branch, groups, leadership, elections ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/branch`,
    summary: '党支部 The branch: groups, leadership in office, its history of terms and elections, member counts',
    tags,
    permission: 'party.read',
    schema: { params: C, response: BranchSchema },
    async handler(ctx) {
      return branchOverview(ctx.db, chinaDate(ctx.now));
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/branch`,
    summary: '设立 / 更名党支部 Set up or rename the branch',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: BranchInput, response: BranchSchema },
    async handler(ctx) {
      const b = await ensureBranch(ctx.db, ctx.community, ctx.now);
      await ctx.db.updateTable('party_branch').set({ name: ctx.body.name, updated_at: ctx.now.toISOString() }).where('party_branch.id', '=', b.id).execute();
      await ctx.audit({ action: 'party.branch', entityType: 'party_branch', entityId: b.id, before: { name: b.name }, after: ctx.body });
      return branchOverview(ctx.db, chinaDate(ctx.now));
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/groups`,
    summary: '新增党小组 Add a party group',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: GroupInput, response: Created },
    async handler(ctx) {
      if (ctx.body.leaderMemberId) await assertMember(ctx.db, ctx.body.leaderMemberId, 'leaderMemberId');
      const taken = await ctx.db.selectFrom('party_group').select('party_group.id').where('party_group.name', '=', ctx.body.name).executeTakeFirst();
      if (taken) throw fieldError('name', 'PARTY_NAME_TAKEN');
      const id = crypto.randomUUID();
      await ctx.db
        .insertInto('party_group', [{ id, name: ctx.body.name, leader_member_id: ctx.body.leaderMemberId ?? null, sort: ctx.body.sort ?? 0, created_at: ctx.now.toISOString() }])
        .execute();
      await ctx.audit({ action: 'party.add-group', entityType: 'party_group', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'PATCH',
    url: `${P}/groups/:id`,
    summary: '修改党小组 Rename a party group or change its leader',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: GroupInput.partial(), response: Created },
    async handler(ctx) {
      const g = await ctx.db.selectFrom('party_group').selectAll().where('party_group.id', '=', ctx.params.id).executeTakeFirst();
      if (!g) throw notFound();
      if (ctx.body.leaderMemberId) await assertMember(ctx.db, ctx.body.leaderMemberId, 'leaderMemberId');
      const set: { name?: string; leader_member_id?: string | null; sort?: number } = {};
      if (ctx.body.name !== undefined) set.name = ctx.body.name;
      if (ctx.body.leaderMemberId !== undefined) set.leader_member_id = ctx.body.leaderMemberId;
      if (ctx.body.sort !== undefined) set.sort = ctx.body.sort;
      if (Object.keys(set).length) await ctx.db.updateTable('party_group').set(set).where('party_group.id', '=', g.id).execute();
      await ctx.audit({ action: 'party.update-group', entityType: 'party_group', entityId: g.id, before: g, after: { ...g, ...set } });
      return { id: g.id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/leaders`,
    summary: '支部班子成员 Seat a member on the branch committee for a term (书记 / 副书记 / 委员)',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: LeaderInput, response: Created },
    async handler(ctx) {
      await assertMember(ctx.db, ctx.body.memberId);
      const id = crypto.randomUUID();
      await ctx.db
        .insertInto('party_leader', [
          { id, member_id: ctx.body.memberId, role: ctx.body.role, term_start: ctx.body.termStart, term_end: ctx.body.termEnd ?? null, election_id: null, created_at: ctx.now.toISOString() },
        ])
        .execute();
      await ctx.audit({ action: 'party.add-leader', entityType: 'party_leader', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'PATCH',
    url: `${P}/leaders/:id`,
    summary: '结束任期 End (or correct) a committee member’s term',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: z.object({ termEnd: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable() }), response: Created },
    async handler(ctx) {
      const l = await ctx.db.selectFrom('party_leader').selectAll().where('party_leader.id', '=', ctx.params.id).executeTakeFirst();
      if (!l) throw notFound();
      await ctx.db.updateTable('party_leader').set({ term_end: ctx.body.termEnd }).where('party_leader.id', '=', l.id).execute();
      await ctx.audit({ action: 'party.update-leader', entityType: 'party_leader', entityId: l.id, before: { termEnd: l.term_end }, after: ctx.body });
      return { id: l.id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/elections`,
    summary: '党员大会民主选举 The branch’s elections, newest first',
    tags,
    permission: 'party.read',
    schema: { params: C, response: z.array(ElectionSchema) },
    async handler(ctx) {
      return elections(ctx.db);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/elections`,
    summary: '记录选举 Record an election: candidates, votes, who was elected; the elected take their seats from that day',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: ElectionInput, response: ElectionSchema },
    async handler(ctx) {
      const e = ctx.body;
      for (const [i, c] of e.candidates.entries()) await assertMember(ctx.db, c.memberId, `candidates.${i}.memberId`);
      if (e.candidates.filter((c) => c.elected).length > e.seats) throw fieldError('candidates', 'PARTY_TOO_MANY_ELECTED', { seats: e.seats });
      const id = crypto.randomUUID();
      const at = ctx.now.toISOString();
      await ctx.db.insertInto('party_election', [{ id, date: e.date, seats: e.seats, voters: e.voters ?? null, notes: e.notes ?? null, created_at: at }]).execute();
      await ctx.db
        .insertInto(
          'party_election_candidate',
          e.candidates.map((c) => ({ id: crypto.randomUUID(), election_id: id, member_id: c.memberId, votes: c.votes, elected: c.elected ? 1 : 0, role: c.elected ? (c.role ?? 'member') : null })),
        )
        .execute();
      // the previous committee's open terms end the day before; the elected take their seats
      const dayBefore = new Date(Date.parse(`${e.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      await ctx.db.updateTable('party_leader').set({ term_end: dayBefore }).where('party_leader.term_end', 'is', null).where('party_leader.term_start', '<', e.date).execute();
      const termEnd = e.termEnd ?? `${Number(e.date.slice(0, 4)) + 5}${e.date.slice(4)}`;
      const seats = e.candidates.filter((c) => c.elected);
      if (seats.length) {
        await ctx.db
          .insertInto(
            'party_leader',
            seats.map((c) => ({ id: crypto.randomUUID(), member_id: c.memberId, role: c.role ?? 'member', term_start: e.date, term_end: termEnd, election_id: id, created_at: at })),
          )
          .execute();
      }
      await ctx.audit({ action: 'party.election', entityType: 'party_election', entityId: id, after: e });
      return (await elections(ctx.db, id))[0];
    },
  }),

  // ---------------- volunteer teams and members ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/volunteer-teams`,
    summary: '党员义工服务队 Special teams and service groups, with their numbers',
    tags,
    permission: 'party.read',
    schema: { params: C, response: z.array(TeamSchema) },
    async handler(ctx) {
      const rows = await ctx.db
        .selectFrom('volunteer_team')
        .select((eb) => [
          'volunteer_team.id',
          'volunteer_team.name',
          'volunteer_team.kind',
          eb
            .selectFrom('party_member')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('party_member.community_id', '=', 'volunteer_team.community_id')
            .whereRef('party_member.volunteer_team_id', '=', 'volunteer_team.id')
            .where('party_member.left_date', 'is', null)
            .as('members'),
        ])
        .orderBy('volunteer_team.kind', 'desc')
        .orderBy('volunteer_team.name')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as 'special' | 'service', members: Number(r.members ?? 0) }));
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/volunteer-teams`,
    summary: '新增服务队 Add a special team or a service group',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: TeamInput, response: Created },
    async handler(ctx) {
      const taken = await ctx.db.selectFrom('volunteer_team').select('volunteer_team.id').where('volunteer_team.name', '=', ctx.body.name).executeTakeFirst();
      if (taken) throw fieldError('name', 'PARTY_NAME_TAKEN');
      const id = crypto.randomUUID();
      await ctx.db.insertInto('volunteer_team', [{ id, name: ctx.body.name, kind: ctx.body.kind, created_at: ctx.now.toISOString() }]).execute();
      await ctx.audit({ action: 'party.add-team', entityType: 'volunteer_team', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/members`,
    summary: '党员名册 Party members, filtered by group, kind, status or team (phones masked)',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: MemberListQuery, response: MemberPage },
    async handler(ctx) {
      const res = await listMembers(ctx.db, keyring(ctx), ctx.query);
      return { ...res, page: ctx.query.page, pageSize: ctx.query.pageSize };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/members/export.xlsx`,
    summary: '导出党员名册 The filtered member list as Excel (phones masked)',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: MemberListQuery.omit({ page: true, pageSize: true }) },
    async handler(ctx) {
      const { items } = await listMembers(ctx.db, keyring(ctx), { ...ctx.query, page: 1, pageSize: 200 }, { all: true });
      return exportMembers(items, ctx.lang, ctx.community.name);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/members/import`,
    summary: '导入党员名册 Upload a member roster (.xlsx or .csv: 姓名, 身份证号, 联系电话, 党小组, 入党日期, 类别, 状态); ?dryRun=1 checks it and writes nothing; otherwise all rows are imported in one transaction, or none when a row has an error',
    tags,
    permission: 'party.manage',
    action: 'party.import-members',
    upload: true,
    schema: { params: C, querystring: ImportQuery, response: ImportResultSchema },
    async handler(ctx) {
      const file = await ctx.req.file();
      if (!file) throw new AppError(400, 'VALIDATION_FAILED', {}, { file: { code: 'FIELD_REQUIRED' } });
      const buffer = await file.toBuffer();
      const dryRun = ctx.query.dryRun === '1';
      const out = await importMembers(ctx.db, keyring(ctx), { buffer }, file.filename, { dryRun, lang: ctx.lang, now: ctx.now });
      // on record either way; a dry run under its own action, so the log never shows it as an import
      await ctx.audit({
        action: dryRun ? 'party.import-members-dry-run' : 'party.import-members',
        entityType: 'party_member',
        entityId: null,
        after: { filename: file.filename, rows: out.rows, imported: out.imported, skipped: out.skipped, errors: out.errors.length },
      });
      return out;
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/members/:id`,
    summary: '党员详情 One member, with their pledges, attendance and honours — kept after a move',
    tags,
    permission: 'party.read',
    schema: {
      params: CId,
      response: MemberSchema.extend({
        pledges: z.array(PledgeSchema),
        attendance: z.array(z.object({ activityId: z.string(), date: z.string(), topic: z.string(), present: z.boolean(), reason: z.string().nullable() })),
        honours: z.array(z.object({ title: z.string(), date: z.string() })),
      }),
    },
    async handler(ctx) {
      const m = await loadMember(ctx.db, keyring(ctx), ctx.params.id);
      const attendance = await ctx.db
        .selectFrom('party_attendance')
        .innerJoin('party_activity', (j) => j.onRef('party_activity.community_id', '=', 'party_attendance.community_id').onRef('party_activity.id', '=', 'party_attendance.activity_id'))
        .select(['party_activity.id', 'party_activity.date', 'party_activity.topic', 'party_attendance.present', 'party_attendance.reason'])
        .where('party_attendance.member_id', '=', m.id)
        .orderBy('party_activity.date', 'desc')
        .execute();
      const honours = await ctx.db.selectFrom('party_honour').select(['party_honour.title', 'party_honour.date']).where('party_honour.member_id', '=', m.id).orderBy('party_honour.date', 'desc').execute();
      return {
        ...m,
        pledges: await loadPledges(ctx.db, { memberId: m.id }),
        attendance: attendance.map((a) => ({ activityId: a.id, date: a.date, topic: a.topic, present: a.present === 1, reason: a.reason })),
        honours,
      };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/members`,
    summary: '登记党员 Put a member on the books: a resident of the community, or a member living elsewhere (name and phone)',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: MemberCreateInput, response: MemberSchema },
    async handler(ctx) {
      const b = ctx.body;
      let name = b.name ?? '';
      if (b.residentId) {
        const r = await ctx.db.selectFrom('resident').select(['resident.id', 'resident.name']).where('resident.id', '=', b.residentId).executeTakeFirst();
        if (!r) throw fieldError('residentId', 'FIELD_INVALID');
        const taken = await ctx.db.selectFrom('party_member').select('party_member.id').where('party_member.resident_id', '=', r.id).where('party_member.left_date', 'is', null).executeTakeFirst();
        if (taken) throw fieldError('residentId', 'PARTY_ALREADY_MEMBER');
        name = r.name;
      } else if (!name) throw fieldError('name', 'FIELD_REQUIRED');
      await assertGroup(ctx.db, b.groupId);
      await assertTeam(ctx.db, b.volunteerTeamId);
      const id = crypto.randomUUID();
      const at = ctx.now.toISOString();
      await ctx.db
        .insertInto('party_member', [
          {
            id,
            resident_id: b.residentId ?? null,
            name,
            // a resident's phone stays in the registry
            ...sealPhone(b.residentId ? null : b.phone, keyring(ctx)),
            kind: b.kind,
            group_id: b.groupId ?? null,
            joined_date: b.joinedDate ?? null,
            status: b.status,
            volunteer_team_id: b.volunteerTeamId ?? null,
            left_date: null,
            notes: b.notes ?? null,
            created_at: at,
            updated_at: at,
          },
        ])
        .execute();
      const after = await loadMember(ctx.db, keyring(ctx), id);
      await ctx.audit({ action: 'party.add-member', entityType: 'party_member', entityId: id, after: { ...b, phone: b.phone ?? null } });
      return after;
    },
  }),
  communityRoute({
    method: 'PATCH',
    url: `${P}/members/:id`,
    summary: '修改党员信息 Change a member’s group, status, team, kind, or record that they left the books',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: MemberUpdateInput, response: MemberSchema },
    async handler(ctx) {
      const k = keyring(ctx);
      const before = await loadMember(ctx.db, k, ctx.params.id);
      const b = ctx.body;
      await assertGroup(ctx.db, b.groupId);
      await assertTeam(ctx.db, b.volunteerTeamId);
      const set: Record<string, string | number | null> = { updated_at: ctx.now.toISOString() };
      const cols: [keyof typeof b, string][] = [
        ['kind', 'kind'],
        ['groupId', 'group_id'],
        ['joinedDate', 'joined_date'],
        ['status', 'status'],
        ['volunteerTeamId', 'volunteer_team_id'],
        ['notes', 'notes'],
        ['leftDate', 'left_date'],
        ['name', 'name'],
      ];
      for (const [key, col] of cols) if (b[key] !== undefined) set[col] = b[key] as string | null;
      if (b.phone !== undefined) Object.assign(set, sealPhone(b.phone, k));
      await ctx.db.updateTable('party_member').set(set).where('party_member.id', '=', before.id).execute();
      const after = await loadMember(ctx.db, k, before.id);
      await ctx.audit({ action: 'party.update-member', entityType: 'party_member', entityId: before.id, before, after });
      return after;
    },
  }),

  // ---------------- pledges ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/pledges/export.xlsx`,
    summary: '导出承诺 A year’s branch and member pledges as Excel: type, member or owner, area, target, status, latest progress, review',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: YearQuery },
    async handler(ctx) {
      return exportPledges(await loadPledges(ctx.db, { year: ctx.query.year }), ctx.lang, ctx.community.name, ctx.query.year);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/pledges`,
    summary: '二级承诺 Branch and member pledges, with areas and progress',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: PledgeListQuery, response: z.array(PledgeSchema) },
    async handler(ctx) {
      return loadPledges(ctx.db, ctx.query);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/pledges`,
    summary: '新增承诺 Add a branch pledge (a practical thing for the year) or a member’s pledge of a task or an area',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: PledgeInput, response: PledgeSchema },
    async handler(ctx) {
      const b = ctx.body;
      if (b.level === 'member' && !b.memberId) throw fieldError('memberId', 'FIELD_REQUIRED');
      if (b.level === 'branch' && b.areas.length) throw fieldError('areas', 'PARTY_BRANCH_NO_AREA');
      if (b.memberId) await assertMember(ctx.db, b.memberId);
      await checkAreas(ctx.db, b.areas);
      await ensureBranch(ctx.db, ctx.community, ctx.now);
      const id = crypto.randomUUID();
      const at = ctx.now.toISOString();
      await ctx.db
        .insertInto('pledge', [
          {
            id,
            level: b.level,
            year: b.year,
            member_id: b.level === 'member' ? (b.memberId ?? null) : null,
            title: b.title,
            owner: b.owner ?? null,
            target: b.target ?? null,
            status: 'open',
            review_note: null,
            reviewed_at: null,
            created_at: at,
            updated_at: at,
          },
        ])
        .execute();
      await writeAreas(ctx.db, id, b.areas);
      const after = await loadPledge(ctx.db, id);
      await ctx.audit({ action: 'party.add-pledge', entityType: 'pledge', entityId: id, after });
      return after;
    },
  }),
  communityRoute({
    method: 'PATCH',
    url: `${P}/pledges/:id`,
    summary: '修改承诺 Change a pledge’s wording, target, owner or area',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: PledgeUpdateInput, response: PledgeSchema },
    async handler(ctx) {
      const row = await findPledgeRow(ctx.db, ctx.params.id);
      const before = await loadPledge(ctx.db, row.id);
      const b = ctx.body;
      if (b.areas) {
        if (row.level === 'branch' && b.areas.length) throw fieldError('areas', 'PARTY_BRANCH_NO_AREA');
        await checkAreas(ctx.db, b.areas);
        await writeAreas(ctx.db, row.id, b.areas);
      }
      const set: Record<string, string | number | null> = { updated_at: ctx.now.toISOString() };
      if (b.title !== undefined) set.title = b.title;
      if (b.year !== undefined) set.year = b.year;
      if (b.owner !== undefined) set.owner = b.owner;
      if (b.target !== undefined) set.target = b.target;
      await ctx.db.updateTable('pledge').set(set).where('pledge.id', '=', row.id).execute();
      const after = await loadPledge(ctx.db, row.id);
      await ctx.audit({ action: 'party.update-pledge', entityType: 'pledge', entityId: row.id, before, after });
      return after;
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/pledges/:id/progress`,
    summary: '承诺进展 Note progress on a pledge (shown on the board)',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: ProgressInput, response: PledgeSchema },
    async handler(ctx) {
      const row = await findPledgeRow(ctx.db, ctx.params.id);
      const id = crypto.randomUUID();
      await ctx.db
        .insertInto('pledge_progress', [{ id, pledge_id: row.id, date: ctx.body.date, note: ctx.body.note, created_by: ctx.actor.userId, created_at: ctx.now.toISOString() }])
        .execute();
      await ctx.audit({ action: 'party.pledge-progress', entityType: 'pledge', entityId: row.id, after: ctx.body });
      return loadPledge(ctx.db, row.id);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/pledges/:id/review`,
    summary: '年终兑现评议 Year-end review: mark a pledge fulfilled or not',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: ReviewInput, response: PledgeSchema },
    async handler(ctx) {
      const row = await findPledgeRow(ctx.db, ctx.params.id);
      await ctx.db
        .updateTable('pledge')
        .set({ status: ctx.body.status, review_note: ctx.body.note ?? null, reviewed_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString() })
        .where('pledge.id', '=', row.id)
        .execute();
      await ctx.audit({ action: 'party.pledge-review', entityType: 'pledge', entityId: row.id, before: { status: row.status, note: row.review_note }, after: ctx.body });
      return loadPledge(ctx.db, row.id);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/board`,
    summary: '承诺公示栏设置 Whether the public pledge board is published, and its link',
    tags,
    permission: 'party.read',
    schema: { params: C, response: BoardSettingsSchema },
    async handler(ctx) {
      const b = await ctx.db.selectFrom('party_branch').select(['party_branch.board_enabled', 'party_branch.board_token']).executeTakeFirst();
      const token = b?.board_token ?? null;
      return { enabled: b?.board_enabled === 1, token, path: token ? `/api/v1/public/pledge-boards/${token}` : null };
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/board`,
    summary: '发布 / 关闭承诺公示栏 Publish or withdraw the public pledge board (newToken: a fresh link, the old one stops working)',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: BoardSettingsInput, response: BoardSettingsSchema },
    async handler(ctx) {
      const b = await ensureBranch(ctx.db, ctx.community, ctx.now);
      const token = !b.board_token || ctx.body.newToken ? crypto.randomBytes(18).toString('base64url') : b.board_token;
      await ctx.db
        .updateTable('party_branch')
        .set({ board_enabled: ctx.body.enabled ? 1 : 0, board_token: token, updated_at: ctx.now.toISOString() })
        .where('party_branch.id', '=', b.id)
        .execute();
      await ctx.audit({
        action: 'party.board',
        entityType: 'party_branch',
        entityId: b.id,
        before: { enabled: b.board_enabled === 1, newToken: false },
        after: { enabled: ctx.body.enabled, newToken: token !== b.board_token },
      });
      return { enabled: ctx.body.enabled, token, path: `/api/v1/public/pledge-boards/${token}` };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/feedback`,
    summary: '居民监督意见 Residents’ feedback left on the pledge board, newest first',
    tags,
    permission: 'party.read',
    schema: { params: C, response: z.array(FeedbackSchema) },
    async handler(ctx) {
      return feedbackList(ctx.db);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/feedback/:id/answer`,
    summary: '答复监督意见 Answer a resident’s feedback; the answer shows on the board',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: AnswerInput, response: FeedbackSchema },
    async handler(ctx) {
      const f = await ctx.db.selectFrom('pledge_feedback').selectAll().where('pledge_feedback.id', '=', ctx.params.id).executeTakeFirst();
      if (!f) throw notFound();
      await ctx.db
        .updateTable('pledge_feedback')
        .set({ answer: ctx.body.answer, answered_by: ctx.actor.userId, answered_at: ctx.now.toISOString() })
        .where('pledge_feedback.id', '=', f.id)
        .execute();
      await ctx.audit({ action: 'party.answer-feedback', entityType: 'pledge_feedback', entityId: f.id, before: { answer: f.answer }, after: ctx.body });
      return (await feedbackList(ctx.db)).find((x) => x.id === f.id)!;
    },
  }),
  publicRoute({
    method: 'GET',
    url: '/public/pledge-boards/:token',
    summary: '承诺公示栏 The public pledge board: members’ names, pledges and progress, residents’ feedback and answers',
    tags,
    schema: { params: z.object({ token: z.string().max(64) }), querystring: z.object({ year: z.coerce.number().int().min(1949).max(2100).optional() }), response: PublicBoardSchema },
    async handler(ctx) {
      const board = await openBoard(ctx.db, ctx.params.token);
      const year = ctx.query.year ?? Number(chinaDate(ctx.now).slice(0, 4));
      const pledges = await loadPledges(board.db, { year });
      const out: PublicBoard = {
        community: board.communityName,
        branch: board.name,
        year,
        // names, pledges and progress only: nothing else about a member leaves the office
        branchPledges: pledges
          .filter((p) => p.level === 'branch')
          .map((p) => ({ id: p.id, title: p.title, owner: p.owner, target: p.target, status: p.status, progress: p.progress.map(({ date, note }) => ({ date, note })) })),
        memberPledges: pledges
          .filter((p) => p.level === 'member')
          .map((p) => ({ id: p.id, memberName: p.memberName ?? '', title: p.title, areas: p.areas.map((a) => a.label), status: p.status, progress: p.progress.map(({ date, note }) => ({ date, note })) })),
        feedback: (await feedbackList(board.db, { pledgeIds: pledges.map((p) => p.id) })).map((f) => ({
          id: f.id,
          pledgeId: f.pledgeId,
          comment: f.comment,
          rating: f.rating,
          answer: f.answer,
          createdAt: f.createdAt,
        })),
      };
      return out;
    },
  }),
  publicRoute({
    method: 'POST',
    url: '/public/pledge-boards/:token/feedback',
    summary: '居民监督 Leave feedback (comment and rating 1–5) on the pledge board; no sign-in, limited per address',
    tags,
    schema: { params: z.object({ token: z.string().max(64) }), body: FeedbackInput, response: Created },
    async handler(ctx) {
      const board = await openBoard(ctx.db, ctx.params.token);
      const audit = { communityId: board.community_id, subDistrictId: board.sub_district_id };
      // counted in the request's transaction: a refused hit rolls back, so the count stays at the
      // limit and every further hit in the window is refused too (the core logs each refusal)
      const hits = await hit(ctx.db, `party-feedback:${ctx.req.ip}`, ctx.now, 3600);
      if (hits > FEEDBACK_PER_HOUR) throw new AppError(429, 'RATE_LIMITED');
      if (ctx.body.pledgeId) {
        const p = await board.db.selectFrom('pledge').select('pledge.id').where('pledge.id', '=', ctx.body.pledgeId).executeTakeFirst();
        if (!p) throw fieldError('pledgeId', 'FIELD_INVALID');
      }
      const id = crypto.randomUUID();
      await board.db
        .insertInto('pledge_feedback', [
          { id, pledge_id: ctx.body.pledgeId ?? null, comment: ctx.body.comment, rating: ctx.body.rating, answer: null, answered_by: null, answered_at: null, created_at: ctx.now.toISOString() },
        ])
        .execute();
      await ctx.audit({ action: 'party.feedback', entityType: 'pledge_feedback', entityId: id, ...audit, after: ctx.body });
      return { id };
    },
  }),

  // ---------------- study and activities ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/activities`,
    summary: '学习和活动 Study sessions and activities of a year, with attendance counts',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: z.object({ year: z.coerce.number().int().min(1949).max(2100).optional() }), response: z.array(ActivitySchema) },
    async handler(ctx) {
      let q = ctx.db
        .selectFrom('party_activity')
        .leftJoin('party_attendance', (j) => j.onRef('party_attendance.community_id', '=', 'party_activity.community_id').onRef('party_attendance.activity_id', '=', 'party_activity.id'))
        .select((eb) => [
          'party_activity.id',
          'party_activity.date',
          'party_activity.kind',
          'party_activity.topic',
          'party_activity.place',
          eb.fn.sum<number>('party_attendance.present').as('present'),
          eb.fn.count<number>('party_attendance.member_id').as('total'),
        ])
        .groupBy(['party_activity.id', 'party_activity.date', 'party_activity.kind', 'party_activity.topic', 'party_activity.place']);
      if (ctx.query.year) q = q.where('party_activity.date', '>=', `${ctx.query.year}-01-01`).where('party_activity.date', '<=', `${ctx.query.year}-12-31`);
      const rows = await q.orderBy('party_activity.date', 'desc').execute();
      return rows.map((r) => ({
        id: r.id,
        date: r.date,
        kind: r.kind as 'study',
        topic: r.topic,
        place: r.place,
        present: Number(r.present ?? 0),
        absent: Number(r.total) - Number(r.present ?? 0),
      }));
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/activities`,
    summary: '安排学习 / 活动 Schedule a study session, party lecture, forum, visit or bi-monthly activity day',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: ActivityInput, response: Created },
    async handler(ctx) {
      const id = crypto.randomUUID();
      await ctx.db.insertInto('party_activity', [{ id, ...ctx.body, place: ctx.body.place ?? null, created_at: ctx.now.toISOString() }]).execute();
      await ctx.audit({ action: 'party.add-activity', entityType: 'party_activity', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/activities/:id`,
    summary: '签到表 One activity with its attendance sheet',
    tags,
    permission: 'party.read',
    schema: { params: CId, response: ActivityDetailSchema },
    async handler(ctx) {
      return activityDetail(ctx.db, ctx.params.id);
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/activities/:id/attendance`,
    summary: '记录出勤 Take attendance: present, or absent with a reason, per member',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: AttendanceInput, response: ActivityDetailSchema },
    async handler(ctx) {
      const before = await activityDetail(ctx.db, ctx.params.id);
      for (const [i, e] of ctx.body.entries.entries()) await assertMember(ctx.db, e.memberId, `entries.${i}.memberId`);
      const ids = ctx.body.entries.map((e) => e.memberId);
      if (ids.length) await ctx.db.deleteFrom('party_attendance').where('party_attendance.activity_id', '=', before.id).where('party_attendance.member_id', 'in', ids).execute();
      if (ids.length) {
        await ctx.db
          .insertInto(
            'party_attendance',
            ctx.body.entries.map((e) => ({ activity_id: before.id, member_id: e.memberId, present: e.present ? 1 : 0, reason: e.present ? null : (e.reason ?? null) })),
          )
          .execute();
      }
      const after = await activityDetail(ctx.db, before.id);
      await ctx.audit({ action: 'party.attendance', entityType: 'party_activity', entityId: before.id, before: before.attendance, after: after.attendance });
      return after;
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/attendance`,
    summary: '年度出勤 Each member’s attendance in a year',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: z.object({ year: z.coerce.number().int().min(1949).max(2100) }), response: AttendanceTotalsSchema },
    async handler(ctx) {
      return attendanceTotals(ctx.db, ctx.query.year);
    },
  }),

  communityRoute({
    method: 'GET',
    url: `${P}/attendance/export.xlsx`,
    summary: '导出年度出勤 A year’s attendance as Excel: one row per member, totals and rate, a column per session',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: YearQuery },
    async handler(ctx) {
      return exportAttendance(await attendanceSheet(ctx.db, ctx.query.year), ctx.lang, ctx.community.name, ctx.query.year);
    },
  }),

  // ---------------- newsletter ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/newsletters`,
    summary: '支部工作简报 Newsletter issues with copies delivered and confirmed',
    tags,
    permission: 'party.read',
    schema: { params: C, response: z.array(IssueSchema) },
    async handler(ctx) {
      const rows = await ctx.db
        .selectFrom('newsletter_issue')
        .leftJoin('newsletter_delivery', (j) => j.onRef('newsletter_delivery.community_id', '=', 'newsletter_issue.community_id').onRef('newsletter_delivery.issue_id', '=', 'newsletter_issue.id'))
        .select((eb) => [
          'newsletter_issue.id',
          'newsletter_issue.number',
          'newsletter_issue.date',
          'newsletter_issue.title',
          eb.fn.count<number>('newsletter_delivery.id').as('copies'),
          eb.fn.sum<number>('newsletter_delivery.confirmed').as('confirmed'),
        ])
        .groupBy(['newsletter_issue.id', 'newsletter_issue.number', 'newsletter_issue.date', 'newsletter_issue.title'])
        .orderBy('newsletter_issue.number', 'desc')
        .execute();
      return rows.map((r) => ({ id: r.id, number: r.number, date: r.date, title: r.title, copies: Number(r.copies), confirmed: Number(r.confirmed ?? 0) }));
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/newsletters`,
    summary: '编发简报 Add a newsletter issue',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: IssueInput, response: Created },
    async handler(ctx) {
      const taken = await ctx.db.selectFrom('newsletter_issue').select('newsletter_issue.id').where('newsletter_issue.number', '=', ctx.body.number).executeTakeFirst();
      if (taken) throw fieldError('number', 'PARTY_ISSUE_NUMBER_TAKEN', { number: ctx.body.number });
      const id = crypto.randomUUID();
      await ctx.db.insertInto('newsletter_issue', [{ id, ...ctx.body, created_at: ctx.now.toISOString() }]).execute();
      await ctx.audit({ action: 'party.add-newsletter', entityType: 'newsletter_issue', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/newsletters/deliveries.xlsx`,
    summary: '导出简报送达登记 Copies delivered in a period as Excel: issue, title, member, delivered by, date, confirmed',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: PeriodQuery },
    async handler(ctx) {
      const rows = await ctx.db
        .selectFrom('newsletter_delivery')
        .innerJoin('newsletter_issue', (j) => j.onRef('newsletter_issue.community_id', '=', 'newsletter_delivery.community_id').onRef('newsletter_issue.id', '=', 'newsletter_delivery.issue_id'))
        .innerJoin('party_member', (j) => j.onRef('party_member.community_id', '=', 'newsletter_delivery.community_id').onRef('party_member.id', '=', 'newsletter_delivery.member_id'))
        .select(['newsletter_issue.number', 'newsletter_issue.title', 'party_member.name', 'newsletter_delivery.delivered_by', 'newsletter_delivery.delivered_at', 'newsletter_delivery.confirmed'])
        .where('newsletter_delivery.delivered_at', '>=', ctx.query.from)
        .where('newsletter_delivery.delivered_at', '<=', ctx.query.to)
        .orderBy('newsletter_issue.number')
        .orderBy('newsletter_delivery.delivered_at')
        .orderBy('party_member.name')
        .execute();
      return exportDeliveries(
        rows.map((r) => ({ number: r.number, title: r.title, name: r.name, deliveredBy: r.delivered_by, deliveredAt: r.delivered_at, confirmed: r.confirmed === 1 })),
        ctx.lang,
        ctx.community.name,
        ctx.query.from,
        ctx.query.to,
      );
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/newsletters/:id`,
    summary: '简报送达 One issue with every copy delivered',
    tags,
    permission: 'party.read',
    schema: { params: CId, response: IssueDetailSchema },
    async handler(ctx) {
      return issueDetail(ctx.db, ctx.params.id);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/newsletter-recipients`,
    summary: '发放名单 The distribution list: frail members, and members added by hand',
    tags,
    permission: 'party.read',
    schema: { params: C, response: z.array(RecipientSchema) },
    async handler(ctx) {
      return recipients(ctx.db);
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/newsletter-recipients`,
    summary: '调整发放名单 Set the members added to the distribution list by hand',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: RecipientsInput, response: z.array(RecipientSchema) },
    async handler(ctx) {
      for (const [i, m] of ctx.body.memberIds.entries()) await assertMember(ctx.db, m, `memberIds.${i}`);
      const before = await ctx.db.selectFrom('newsletter_recipient').select('newsletter_recipient.member_id').execute();
      await ctx.db.deleteFrom('newsletter_recipient').execute();
      const ids = [...new Set(ctx.body.memberIds)];
      if (ids.length) await ctx.db.insertInto('newsletter_recipient', ids.map((m) => ({ member_id: m, created_at: ctx.now.toISOString() }))).execute();
      await ctx.audit({ action: 'party.newsletter-recipients', entityType: 'newsletter_recipient', before: before.map((r) => r.member_id), after: ids });
      return recipients(ctx.db);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/newsletters/:id/deliveries`,
    summary: '登记送达 Record copies handed out (by default to everyone on the list without a copy yet)',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: DeliveryInput, response: IssueDetailSchema },
    async handler(ctx) {
      const before = await issueDetail(ctx.db, ctx.params.id);
      const ids = ctx.body.memberIds ?? (await recipients(ctx.db)).map((r) => r.memberId);
      for (const [i, m] of ids.entries()) await assertMember(ctx.db, m, `memberIds.${i}`);
      const have = new Set(before.deliveries.map((d) => d.memberId));
      const fresh = [...new Set(ids)].filter((m) => !have.has(m));
      if (fresh.length) {
        await ctx.db
          .insertInto(
            'newsletter_delivery',
            fresh.map((m) => ({ id: crypto.randomUUID(), issue_id: before.id, member_id: m, delivered_by: ctx.body.deliveredBy, delivered_at: ctx.body.deliveredAt, confirmed: 0, confirmed_at: null })),
          )
          .execute();
      }
      await ctx.audit({ action: 'party.newsletter-deliver', entityType: 'newsletter_issue', entityId: before.id, before: { copies: before.copies }, after: { ...ctx.body, memberIds: fresh } });
      return issueDetail(ctx.db, before.id);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/newsletters/:id/deliveries/:deliveryId/confirm`,
    summary: '确认收到 Confirm that a member received their copy',
    tags,
    permission: 'party.manage',
    schema: { params: CId.extend({ deliveryId: z.string() }), response: IssueDetailSchema },
    async handler(ctx) {
      const d = await ctx.db
        .selectFrom('newsletter_delivery')
        .selectAll()
        .where('newsletter_delivery.id', '=', ctx.params.deliveryId)
        .where('newsletter_delivery.issue_id', '=', ctx.params.id)
        .executeTakeFirst();
      if (!d) throw notFound();
      await ctx.db.updateTable('newsletter_delivery').set({ confirmed: 1, confirmed_at: ctx.now.toISOString() }).where('newsletter_delivery.id', '=', d.id).execute();
      await ctx.audit({ action: 'party.newsletter-confirm', entityType: 'newsletter_delivery', entityId: d.id, before: { confirmed: d.confirmed === 1 }, after: { confirmed: true } });
      return issueDetail(ctx.db, d.issue_id);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/newsletter-figures`,
    summary: '简报统计 "N issues, M copies" for a period, counted from deliveries',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: PeriodQuery, response: NewsletterFiguresSchema },
    async handler(ctx) {
      return newsletterFigures(ctx.db, ctx.query.from, ctx.query.to);
    },
  }),

  // ---------------- model members and honours ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/model-members`,
    summary: '先进党员 Model members (the July-1 board), by year',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: z.object({ year: z.coerce.number().int().min(1949).max(2100).optional() }), response: z.array(ModelMemberSchema) },
    async handler(ctx) {
      let q = ctx.db
        .selectFrom('model_member')
        .innerJoin('party_member', (j) => j.onRef('party_member.community_id', '=', 'model_member.community_id').onRef('party_member.id', '=', 'model_member.member_id'))
        .select(['model_member.id', 'model_member.year', 'model_member.member_id as memberId', 'party_member.name', 'model_member.deeds']);
      if (ctx.query.year) q = q.where('model_member.year', '=', ctx.query.year);
      return q.orderBy('model_member.year', 'desc').orderBy('party_member.name').execute();
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/model-members`,
    summary: '上七一展板 Put a member and their deeds on a year’s model-member board',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: ModelMemberInput, response: Created },
    async handler(ctx) {
      await assertMember(ctx.db, ctx.body.memberId);
      const taken = await ctx.db.selectFrom('model_member').select('model_member.id').where('model_member.year', '=', ctx.body.year).where('model_member.member_id', '=', ctx.body.memberId).executeTakeFirst();
      if (taken) throw fieldError('memberId', 'PARTY_ALREADY_ON_BOARD');
      const id = crypto.randomUUID();
      await ctx.db.insertInto('model_member', [{ id, year: ctx.body.year, member_id: ctx.body.memberId, deeds: ctx.body.deeds, created_at: ctx.now.toISOString() }]).execute();
      await ctx.audit({ action: 'party.add-model-member', entityType: 'model_member', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/honours`,
    summary: '荣誉 Honours of the branch and its members',
    tags,
    permission: 'party.read',
    schema: { params: C, response: z.array(HonourSchema) },
    async handler(ctx) {
      return ctx.db
        .selectFrom('party_honour')
        .leftJoin('party_member', (j) => j.onRef('party_member.community_id', '=', 'party_honour.community_id').onRef('party_member.id', '=', 'party_honour.member_id'))
        .select(['party_honour.id', 'party_honour.member_id as memberId', 'party_member.name as memberName', 'party_honour.title', 'party_honour.awarded_by as awardedBy', 'party_honour.date'])
        .orderBy('party_honour.date', 'desc')
        .execute();
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/honours`,
    summary: '登记荣誉 Record an honour of the branch (no member) or of a member',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: HonourInput, response: Created },
    async handler(ctx) {
      if (ctx.body.memberId) await assertMember(ctx.db, ctx.body.memberId);
      const id = crypto.randomUUID();
      await ctx.db
        .insertInto('party_honour', [{ id, member_id: ctx.body.memberId ?? null, title: ctx.body.title, awarded_by: ctx.body.awardedBy, date: ctx.body.date, created_at: ctx.now.toISOString() }])
        .execute();
      await ctx.audit({ action: 'party.add-honour', entityType: 'party_honour', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/report`,
    summary: '工作汇报·党建 The party-building figures of the work report for a period, computed from the records',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: PeriodQuery, response: ReportFiguresSchema },
    async handler(ctx) {
      return partyFigures(ctx.db, ctx.query.from, ctx.query.to);
    },
  }),
];
