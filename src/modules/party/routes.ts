import { checkPeriod, isoDate, periodFilter } from '../../core/http/period';
import crypto from 'node:crypto';
import { z } from 'zod';
import { scopedDb } from '../../core/access';
import { AppError, fieldError, notFound } from '../../core/errors';
import { xlsxFile } from '../../core/files/xlsx';
import { defineMessages } from '../../core/i18n';
import { uuidv7 } from '../../core/ids';
import { communityRoute, publicRoute } from '../../core/http/route';
import { hit } from '../../core/auth/rate-limit';
import { chinaDate, keyringFor, phoneDigits, rosterLimits, seal } from '../registry';
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
  ElectionRecordInput,
  ElectionWithTurnoutSchema,
  electionResult,
  GroupCloseInput,
  FeedbackInput,
  FeedbackSchema,
  GroupInput,
  GroupUpdateInput,
  HonourInput,
  HonourSchema,
  HonourUpdateInput,
  IssueDetailSchema,
  IssueInput,
  IssueSchema,
  LeaderInput,
  LeaderReplaceInput,
  LeaderUpdateInput,
  MemberCreateInput,
  MemberListQuery,
  MemberPage,
  MemberSchema,
  MemberUpdateInput,
  ModelMemberInput,
  ModelMemberSchema,
  ModelMemberUpdateInput,
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
  type ElectionRecord,
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
    .where('party_group.closed_on', 'is', null)
    .orderBy('party_group.sort')
    .orderBy('party_group.name')
    .execute();
  const closedGroups = await db
    .selectFrom('party_group')
    .leftJoin('party_group as into', (j) => j.onRef('into.community_id', '=', 'party_group.community_id').onRef('into.id', '=', 'party_group.merged_into_id'))
    .select(['party_group.id', 'party_group.name', 'party_group.closed_on', 'into.name as mergedInto'])
    .where('party_group.closed_on', 'is not', null)
    .orderBy('party_group.closed_on', 'desc')
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
    closedGroups: closedGroups.map((g) => ({ id: g.id, name: g.name, closedOn: g.closed_on!, mergedInto: g.mergedInto })),
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

async function feedbackList(db: ScopedDb, opts: { pledgeIds?: string[]; publicOnly?: boolean } = {}) {
  let q = db
    .selectFrom('pledge_feedback')
    .leftJoin('pledge', (j) => j.onRef('pledge.community_id', '=', 'pledge_feedback.community_id').onRef('pledge.id', '=', 'pledge_feedback.pledge_id'))
    .select([
      'pledge_feedback.id',
      'pledge_feedback.pledge_id',
      'pledge.title',
      'pledge_feedback.comment',
      'pledge_feedback.rating',
      'pledge_feedback.answer',
      'pledge_feedback.answered_at',
      'pledge_feedback.created_at',
      'pledge_feedback.hidden_at',
      'pledge_feedback.hidden_reason',
    ]);
  if (opts.publicOnly) q = q.where('pledge_feedback.hidden_at', 'is', null);
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
    hidden: r.hidden_at !== null,
    hiddenReason: r.hidden_reason,
  }));
}

/** The page residents open for a board token: on the published address, or the one the request came in on. */
function boardPageUrl(ctx: { services: { config: { publicUrl: string | null } }; req: { protocol: string; host: string } }, token: string | null): string | null {
  if (!token) return null;
  const base = ctx.services.config.publicUrl ?? `${ctx.req.protocol}://${ctx.req.host}`;
  return `${base}/board/${encodeURIComponent(token)}`;
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
  const file = i.file_id
    ? ((await db.selectFrom('stored_file').select(['stored_file.filename', 'stored_file.size']).where('stored_file.id', '=', i.file_id).executeTakeFirst()) ?? null)
    : null;
  return { id: i.id, number: i.number, date: i.date, title: i.title, content: i.content, file, copies: deliveries.length, confirmed: deliveries.filter((d) => d.confirmed).length, deliveries };
}

// ---------------- the branch's records as the secretary keeps them ----------------

defineMessages({
  PARTY_TERM_ORDER: { zh: '任期结束日期不能早于开始日期', en: 'A term cannot end before it starts' },
  PARTY_REPLACE_DATE: { zh: '接任日期须晚于原任期的开始日期（{start}）', en: 'The new term must start after the old one began ({start})' },
  PARTY_REPLACE_SAME: { zh: '接任者不能是原任者本人', en: 'The successor must be someone else' },
  PARTY_LEADER_FROM_ELECTION: { zh: '这一任期由 {date} 的选举产生，请在该次选举记录中更正', en: 'This term came from the election of {date}; correct that election instead' },
  PARTY_GROUP_UNKNOWN: { zh: '本社区没有这个党小组', en: 'No such party group in this community' },
  PARTY_GROUP_SAME: { zh: '不能转入要撤销的党小组本身', en: 'Members cannot move to the group being closed' },
  PARTY_GROUP_HAS_MEMBERS: { zh: '“{group}”还有 {n} 名党员，请选择他们转入的党小组', en: '“{group}” still has {n} members: choose the group they move to' },
  PARTY_GROUP_IS_CLOSED: { zh: '这个党小组已于 {date} 撤销；如需继续使用，请先恢复', en: 'This party group was closed on {date}; reopen it first to use it again' },
  PARTY_GROUP_IS_OPEN: { zh: '这个党小组没有撤销', en: 'This party group is not closed' },
  PARTY_GROUP_NAME_CLOSED: { zh: '已有同名党小组，于 {date} 撤销；请换一个名称，或在“已撤销的党小组”中恢复它', en: 'A group of this name was closed on {date}: choose another name, or reopen it under “Closed groups”' },
  PARTY_DUPLICATE_CANDIDATE: { zh: '{name} 重复列为候选人', en: '{name} is listed twice' },
  PARTY_VOTES_OVER_VOTERS: { zh: '{name} 的得票（{votes}）超过到会人数（{voters}）', en: '{name} has more votes ({votes}) than voters present ({voters})' },
  PARTY_ELECTION_TIE: {
    zh: '最后一个名额上 {names} 得票相同（各 {votes} 票），须就他们另行投票；请录入另行投票后的票数',
    en: '{names} tie for the last seat ({votes} votes each): they must be voted on again; enter the votes of that ballot',
  },
  PARTY_ONE_SECRETARY: { zh: '只能有一名当选者任书记（{names}）', en: 'Only one elected member can be secretary ({names})' },
});

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
/** a committee's term is five years unless the election says otherwise */
const defaultTermEnd = (d: string) => dayBefore(`${Number(d.slice(0, 4)) + 5}${d.slice(4)}`);

/** Elections with their turnout: voters present against the registered members on the books that day. */
async function electionsWithTurnout(db: ScopedDb, id?: string) {
  const list = await elections(db, id);
  const out = [];
  for (const e of list) {
    const eligible = Number(
      (
        await db
          .selectFrom('party_member')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('party_member.kind', '=', 'registered')
          .where((eb) => eb.or([eb('party_member.joined_date', 'is', null), eb('party_member.joined_date', '<=', e.date)]))
          .where((eb) => eb.or([eb('party_member.left_date', 'is', null), eb('party_member.left_date', '>', e.date)]))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const seats = await db
      .selectFrom('party_leader')
      .select((eb) => eb.fn.max('party_leader.term_end').as('end'))
      .where('party_leader.election_id', '=', e.id)
      .executeTakeFirst();
    out.push({
      ...e,
      eligible,
      turnout: eligible && e.voters !== null ? Math.round((e.voters / eligible) * 1000) / 10 : null,
      termEnd: (seats?.end as string | null | undefined) ?? null,
    });
  }
  return out;
}

/**
 * Checks an election as typed and works out who it elected: every candidate a member of this
 * community, listed once, with no more votes than voters present; a tie for the last seat must be
 * voted on again; one secretary at most.
 */
async function tallyElection(db: ScopedDb, e: ElectionRecord) {
  const names = new Map<string, string>();
  for (const [i, c] of e.candidates.entries()) {
    const name = await assertMember(db, c.memberId, `candidates.${i}.memberId`);
    if (names.has(c.memberId)) throw fieldError(`candidates.${i}.memberId`, 'PARTY_DUPLICATE_CANDIDATE', { name });
    names.set(c.memberId, name);
    if (c.votes > e.voters) throw fieldError(`candidates.${i}.votes`, 'PARTY_VOTES_OVER_VOTERS', { name, votes: c.votes, voters: e.voters });
  }
  const result = electionResult(e.candidates, e.seats, e.voters);
  if (result.tie.length) {
    const votes = e.candidates.find((c) => c.memberId === result.tie[0])?.votes ?? 0;
    throw fieldError('candidates', 'PARTY_ELECTION_TIE', { names: result.tie.map((m) => names.get(m)).join('、'), votes });
  }
  const elected = new Set(result.elected);
  const secretaries = e.candidates.filter((c) => elected.has(c.memberId) && c.role === 'secretary');
  if (secretaries.length > 1) throw fieldError('candidates', 'PARTY_ONE_SECRETARY', { names: secretaries.map((c) => names.get(c.memberId)).join('、') });
  return {
    elected,
    rows: e.candidates.map((c) => ({ member_id: c.memberId, votes: c.votes, elected: elected.has(c.memberId) ? 1 : 0, role: elected.has(c.memberId) ? (c.role ?? 'member') : null })),
  };
}

async function leaderRow(db: ScopedDb, id: string) {
  const l = await db.selectFrom('party_leader').selectAll().where('party_leader.id', '=', id).executeTakeFirst();
  if (!l) throw notFound();
  return l;
}
async function electionDate(db: ScopedDb, id: string) {
  return (await db.selectFrom('party_election').select('party_election.date').where('party_election.id', '=', id).executeTakeFirst())?.date ?? '';
}
async function groupRow(db: ScopedDb, id: string) {
  const g = await db.selectFrom('party_group').selectAll().where('party_group.id', '=', id).executeTakeFirst();
  if (!g) throw notFound();
  return g;
}
async function modelMemberRow(db: ScopedDb, id: string) {
  const m = await db.selectFrom('model_member').selectAll().where('model_member.id', '=', id).executeTakeFirst();
  if (!m) throw notFound();
  return m;
}
async function honourRow(db: ScopedDb, id: string) {
  const h = await db.selectFrom('party_honour').selectAll().where('party_honour.id', '=', id).executeTakeFirst();
  if (!h) throw notFound();
  return h;
}
const ROLE_NAMES: Record<string, { zh: string; en: string }> = {
  secretary: { zh: '书记', en: 'Secretary' },
  deputy: { zh: '副书记', en: 'Deputy secretary' },
  member: { zh: '委员', en: 'Committee member' },
};
const pickLang = (lang: 'zh-CN' | 'en', m: { zh: string; en: string }) => (lang === 'en' ? m.en : m.zh);

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
      const taken = await ctx.db.selectFrom('party_group').select(['party_group.id', 'party_group.closed_on']).where('party_group.name', '=', ctx.body.name).executeTakeFirst();
      if (taken?.closed_on) throw fieldError('name', 'PARTY_GROUP_NAME_CLOSED', { date: taken.closed_on });
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
    schema: { params: CId, body: GroupUpdateInput, response: Created },
    async handler(ctx) {
      const g = await ctx.db.selectFrom('party_group').selectAll().where('party_group.id', '=', ctx.params.id).executeTakeFirst();
      if (!g) throw notFound();
      if (g.closed_on) throw new AppError(409, 'PARTY_GROUP_IS_CLOSED', { date: g.closed_on });
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
      if (ctx.body.termEnd && ctx.body.termEnd < ctx.body.termStart) throw fieldError('termEnd', 'PARTY_TERM_ORDER');
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
    schema: { params: CId, body: z.object({ termEnd: isoDate.nullable() }), response: Created },
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
    schema: { params: C, response: z.array(ElectionWithTurnoutSchema) },
    async handler(ctx) {
      return electionsWithTurnout(ctx.db);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/elections`,
    summary: '记录选举 Record an election: candidates, votes, voters present; who was elected follows from the votes and seats, and the elected take their seats from that day',
    tags,
    permission: 'party.manage',
    schema: { params: C, body: ElectionRecordInput, response: ElectionWithTurnoutSchema },
    async handler(ctx) {
      const e = ctx.body;
      const tally = await tallyElection(ctx.db, e);
      const id = uuidv7();
      const at = ctx.now.toISOString();
      await ctx.db.insertInto('party_election', [{ id, date: e.date, seats: e.seats, voters: e.voters, notes: e.notes ?? null, created_at: at }]).execute();
      await ctx.db.insertInto('party_election_candidate', tally.rows.map((r) => ({ id: uuidv7(), election_id: id, ...r }))).execute();
      // the committee in office ends the day before (its terms stay in the branch history); the elected take their seats
      const ended = await ctx.db
        .selectFrom('party_leader')
        .select(['party_leader.id', 'party_leader.term_end'])
        .where('party_leader.term_start', '<', e.date)
        .where((eb) => eb.or([eb('party_leader.term_end', 'is', null), eb('party_leader.term_end', '>=', e.date)]))
        .execute();
      if (ended.length) await ctx.db.updateTable('party_leader').set({ term_end: dayBefore(e.date) }).where('party_leader.id', 'in', ended.map((l) => l.id)).execute();
      const termEnd = e.termEnd ?? defaultTermEnd(e.date);
      const seated = tally.rows.filter((r) => r.elected === 1);
      if (seated.length) {
        await ctx.db
          .insertInto(
            'party_leader',
            seated.map((r) => ({ id: uuidv7(), member_id: r.member_id, role: r.role ?? 'member', term_start: e.date, term_end: termEnd, election_id: id, created_at: at })),
          )
          .execute();
      }
      const [after] = await electionsWithTurnout(ctx.db, id);
      await ctx.audit({ action: 'party.election', entityType: 'party_election', entityId: id, before: { endedTerms: ended }, after });
      return after;
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
      const out = await importMembers(ctx.db, keyring(ctx), { buffer }, file.filename, { dryRun, lang: ctx.lang, now: ctx.now, limits: rosterLimits(ctx.services.config) });
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
      return { enabled: b?.board_enabled === 1, token, path: token ? `/api/v1/public/pledge-boards/${token}` : null, url: boardPageUrl(ctx, token) };
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
      return { enabled: ctx.body.enabled, token, path: `/api/v1/public/pledge-boards/${token}`, url: boardPageUrl(ctx, token) };
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
        feedback: (await feedbackList(board.db, { pledgeIds: pledges.map((p) => p.id), publicOnly: true })).map((f) => ({
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
    summary: '学习和活动 Study sessions and activities of a year or a period, with attendance counts',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: z.object({ year: z.coerce.number().int().min(1949).max(2100).optional(), ...periodFilter }), response: z.array(ActivitySchema) },
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
      checkPeriod(ctx.query);
      if (ctx.query.from) q = q.where('party_activity.date', '>=', ctx.query.from);
      if (ctx.query.to) q = q.where('party_activity.date', '<=', ctx.query.to);
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
    summary: '支部工作简报 Newsletter issues with copies delivered and confirmed (in a period: issues dated or delivered in it, and its copies)',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: z.object(periodFilter), response: z.array(IssueSchema) },
    async handler(ctx) {
      const { from, to } = checkPeriod(ctx.query);
      const rows = await ctx.db
        .selectFrom('newsletter_issue')
        .leftJoin('newsletter_delivery', (j) => {
          let on = j.onRef('newsletter_delivery.community_id', '=', 'newsletter_issue.community_id').onRef('newsletter_delivery.issue_id', '=', 'newsletter_issue.id');
          if (from) on = on.on('newsletter_delivery.delivered_at', '>=', from);
          if (to) on = on.on('newsletter_delivery.delivered_at', '<=', to);
          return on;
        })
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
      const inPeriod = (d: string) => (!from || d >= from) && (!to || d <= to);
      return rows
        .filter((r) => (!from && !to) || inPeriod(r.date) || Number(r.copies) > 0)
        .map((r) => ({ id: r.id, number: r.number, date: r.date, title: r.title, copies: Number(r.copies), confirmed: Number(r.confirmed ?? 0) }));
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

  // ---------------- the branch's records as the secretary keeps them ----------------
  communityRoute({
    method: 'PUT',
    url: `${P}/leaders/:id`,
    summary: '更正任期 Correct a committee seat: who, which seat, the term (a seat from an election keeps its member and start)',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: LeaderUpdateInput, response: Created },
    async handler(ctx) {
      const l = await leaderRow(ctx.db, ctx.params.id);
      const b = ctx.body;
      if (l.election_id && (b.memberId !== l.member_id || b.termStart !== l.term_start)) {
        throw new AppError(400, 'PARTY_LEADER_FROM_ELECTION', { date: await electionDate(ctx.db, l.election_id) });
      }
      await assertMember(ctx.db, b.memberId);
      if (b.termEnd && b.termEnd < b.termStart) throw fieldError('termEnd', 'PARTY_TERM_ORDER');
      await ctx.db.updateTable('party_leader').set({ member_id: b.memberId, role: b.role, term_start: b.termStart, term_end: b.termEnd }).where('party_leader.id', '=', l.id).execute();
      await ctx.audit({
        action: 'party.update-leader',
        entityType: 'party_leader',
        entityId: l.id,
        before: { memberId: l.member_id, role: l.role, termStart: l.term_start, termEnd: l.term_end },
        after: b,
      });
      return { id: l.id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/leaders/:id/replace`,
    summary: '换人 Someone else takes the seat from a date: the old term ends the day before and stays in the branch history',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: LeaderReplaceInput, response: Created },
    async handler(ctx) {
      const l = await leaderRow(ctx.db, ctx.params.id);
      const b = ctx.body;
      await assertMember(ctx.db, b.memberId);
      if (b.memberId === l.member_id) throw fieldError('memberId', 'PARTY_REPLACE_SAME');
      if (b.date <= l.term_start) throw fieldError('date', 'PARTY_REPLACE_DATE', { start: l.term_start });
      const runsOn = l.term_end === null || l.term_end >= b.date;
      const termEnd = b.termEnd !== undefined ? b.termEnd : runsOn ? l.term_end : null;
      if (termEnd && termEnd < b.date) throw fieldError('termEnd', 'PARTY_TERM_ORDER');
      const oldEnd = runsOn ? dayBefore(b.date) : l.term_end;
      await ctx.db.updateTable('party_leader').set({ term_end: oldEnd }).where('party_leader.id', '=', l.id).execute();
      const id = uuidv7();
      await ctx.db
        .insertInto('party_leader', [{ id, member_id: b.memberId, role: l.role, term_start: b.date, term_end: termEnd, election_id: null, created_at: ctx.now.toISOString() }])
        .execute();
      await ctx.audit({ action: 'party.replace-leader', entityType: 'party_leader', entityId: l.id, before: { memberId: l.member_id, termEnd: l.term_end }, after: { termEnd: oldEnd, successor: { id, ...b, role: l.role, termEnd } } });
      return { id };
    },
  }),
  communityRoute({
    method: 'DELETE',
    url: `${P}/leaders/:id`,
    summary: '删除误录的任期 Remove a seat recorded by mistake (a seat from an election is corrected in the election)',
    tags,
    permission: 'party.manage',
    schema: { params: CId, response: Created },
    async handler(ctx) {
      const l = await leaderRow(ctx.db, ctx.params.id);
      if (l.election_id) throw new AppError(400, 'PARTY_LEADER_FROM_ELECTION', { date: await electionDate(ctx.db, l.election_id) });
      await ctx.db.deleteFrom('party_leader').where('party_leader.id', '=', l.id).execute();
      await ctx.audit({ action: 'party.remove-leader', entityType: 'party_leader', entityId: l.id, before: l });
      return { id: l.id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/leaders/export.xlsx`,
    summary: '导出支部班子 Every committee term, current and past, as Excel',
    tags,
    permission: 'party.read',
    schema: { params: C },
    async handler(ctx) {
      const today = chinaDate(ctx.now);
      const rows = await leaders(ctx.db);
      let n = 0;
      return xlsxFile({
        filename: `${ctx.community.name}支部班子.xlsx`,
        sheet: { zh: '支部班子', en: 'Branch committee' },
        lang: ctx.lang,
        rows,
        columns: [
          { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
          { header: { zh: '姓名', en: 'Name' }, width: 10, value: (r) => r.name },
          { header: { zh: '职务', en: 'Seat' }, width: 12, value: (r) => pickLang(ctx.lang, ROLE_NAMES[r.role]) },
          { header: { zh: '任期开始', en: 'Term from' }, width: 12, value: (r) => r.termStart },
          { header: { zh: '任期结束', en: 'Term to' }, width: 12, value: (r) => r.termEnd },
          {
            header: { zh: '现任', en: 'In office' },
            width: 8,
            value: (r) => pickLang(ctx.lang, r.termStart <= today && (r.termEnd === null || r.termEnd >= today) ? { zh: '是', en: 'Yes' } : { zh: '否', en: 'No' }),
          },
          { header: { zh: '产生方式', en: 'How' }, width: 12, value: (r) => pickLang(ctx.lang, r.electionId ? { zh: '选举', en: 'Elected' } : { zh: '增补 / 接任', en: 'Appointed' }) },
        ],
      });
    },
  }),

  communityRoute({
    method: 'GET',
    url: `${P}/elections/export.xlsx`,
    summary: '导出选举记录 Every election as Excel: one row per candidate with votes and result',
    tags,
    permission: 'party.read',
    schema: { params: C },
    async handler(ctx) {
      const rows = (await electionsWithTurnout(ctx.db)).flatMap((e) => e.candidates.map((c) => ({ e, c })));
      return xlsxFile({
        filename: `${ctx.community.name}支部选举.xlsx`,
        sheet: { zh: '支部选举', en: 'Elections' },
        lang: ctx.lang,
        rows,
        columns: [
          { header: { zh: '选举日期', en: 'Date' }, width: 12, value: (r) => r.e.date },
          { header: { zh: '应选名额', en: 'Seats' }, width: 8, value: (r) => r.e.seats },
          { header: { zh: '应到人数', en: 'Entitled' }, width: 8, value: (r) => r.e.eligible },
          { header: { zh: '实到人数', en: 'Present' }, width: 8, value: (r) => r.e.voters },
          { header: { zh: '到会率%', en: 'Turnout %' }, width: 8, value: (r) => r.e.turnout },
          { header: { zh: '候选人', en: 'Candidate' }, width: 10, value: (r) => r.c.name },
          { header: { zh: '得票', en: 'Votes' }, width: 8, value: (r) => r.c.votes },
          { header: { zh: '结果', en: 'Result' }, width: 8, value: (r) => pickLang(ctx.lang, r.c.elected ? { zh: '当选', en: 'Elected' } : { zh: '未当选', en: 'Not elected' }) },
          { header: { zh: '职务', en: 'Seat' }, width: 10, value: (r) => (r.c.role ? pickLang(ctx.lang, ROLE_NAMES[r.c.role]) : null) },
          { header: { zh: '备注', en: 'Notes' }, width: 24, value: (r) => r.e.notes },
        ],
      });
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/elections/:id`,
    summary: '更正选举记录 Correct an election as typed: the result is worked out again and the seats it filled follow it',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: ElectionRecordInput, response: ElectionWithTurnoutSchema },
    async handler(ctx) {
      const old = await ctx.db.selectFrom('party_election').selectAll().where('party_election.id', '=', ctx.params.id).executeTakeFirst();
      if (!old) throw notFound();
      const [before] = await electionsWithTurnout(ctx.db, old.id);
      const e = ctx.body;
      const tally = await tallyElection(ctx.db, e);
      // notes left out stay as they were; null clears them
      await ctx.db
        .updateTable('party_election')
        .set({ date: e.date, seats: e.seats, voters: e.voters, ...(e.notes !== undefined ? { notes: e.notes } : {}) })
        .where('party_election.id', '=', old.id)
        .execute();
      await ctx.db.deleteFrom('party_election_candidate').where('party_election_candidate.election_id', '=', old.id).execute();
      await ctx.db.insertInto('party_election_candidate', tally.rows.map((r) => ({ id: uuidv7(), election_id: old.id, ...r }))).execute();
      // the committee this election ended moves with its date
      if (e.date !== old.date) {
        await ctx.db
          .updateTable('party_leader')
          .set({ term_end: dayBefore(e.date) })
          .where('party_leader.term_end', '=', dayBefore(old.date))
          .where('party_leader.term_start', '<', e.date)
          .where((eb) => eb.or([eb('party_leader.election_id', 'is', null), eb('party_leader.election_id', '!=', old.id)]))
          .execute();
      }
      // the seats it filled follow the corrected result; a seat's own later changes (an earlier end) stay
      const seats = await ctx.db.selectFrom('party_leader').selectAll().where('party_leader.election_id', '=', old.id).execute();
      const roleOf = new Map(tally.rows.map((r) => [r.member_id, r.role]));
      for (const s of seats) {
        if (!tally.elected.has(s.member_id)) {
          await ctx.db.deleteFrom('party_leader').where('party_leader.id', '=', s.id).execute();
          continue;
        }
        const termEnd = e.termEnd !== undefined ? e.termEnd : s.term_end === defaultTermEnd(old.date) ? defaultTermEnd(e.date) : s.term_end;
        await ctx.db
          .updateTable('party_leader')
          .set({ role: roleOf.get(s.member_id) ?? 'member', term_start: e.date, term_end: termEnd })
          .where('party_leader.id', '=', s.id)
          .execute();
      }
      const seated = new Set(seats.map((s) => s.member_id));
      const fresh = [...tally.elected].filter((m) => !seated.has(m));
      const end = e.termEnd !== undefined ? e.termEnd : before.termEnd && before.termEnd !== defaultTermEnd(old.date) ? before.termEnd : defaultTermEnd(e.date);
      if (fresh.length) {
        await ctx.db
          .insertInto(
            'party_leader',
            fresh.map((m) => ({ id: uuidv7(), member_id: m, role: roleOf.get(m) ?? 'member', term_start: e.date, term_end: end, election_id: old.id, created_at: ctx.now.toISOString() })),
          )
          .execute();
      }
      const [after] = await electionsWithTurnout(ctx.db, old.id);
      await ctx.audit({ action: 'party.update-election', entityType: 'party_election', entityId: old.id, before, after });
      return after;
    },
  }),
  communityRoute({
    method: 'DELETE',
    url: `${P}/elections/:id`,
    summary: '删除误录的选举 Remove an election recorded by mistake, with the seats it filled; the committee it ended is in office again',
    tags,
    permission: 'party.manage',
    schema: { params: CId, response: Created },
    async handler(ctx) {
      const [before] = await electionsWithTurnout(ctx.db, ctx.params.id);
      if (!before) throw notFound();
      await ctx.db.deleteFrom('party_leader').where('party_leader.election_id', '=', before.id).execute();
      await ctx.db.deleteFrom('party_election_candidate').where('party_election_candidate.election_id', '=', before.id).execute();
      await ctx.db.deleteFrom('party_election').where('party_election.id', '=', before.id).execute();
      // the committee it ended is in office again: seats an election filled for that election's five
      // years, seats taken by hand open-ended (their earlier end is not known any more)
      const reopened = await ctx.db
        .selectFrom('party_leader')
        .leftJoin('party_election', (j) => j.onRef('party_election.community_id', '=', 'party_leader.community_id').onRef('party_election.id', '=', 'party_leader.election_id'))
        .select(['party_leader.id', 'party_election.date'])
        .where('party_leader.term_end', '=', dayBefore(before.date))
        .where('party_leader.term_start', '<', before.date)
        .execute();
      for (const r of reopened) {
        const end = r.date && defaultTermEnd(r.date) >= before.date ? defaultTermEnd(r.date) : null;
        await ctx.db.updateTable('party_leader').set({ term_end: end }).where('party_leader.id', '=', r.id).execute();
      }
      await ctx.audit({ action: 'party.remove-election', entityType: 'party_election', entityId: before.id, before, after: { reopenedTerms: reopened.map((r) => r.id) } });
      return { id: before.id };
    },
  }),

  communityRoute({
    method: 'POST',
    url: `${P}/groups/:id/close`,
    summary: '撤销党小组 Close a party group; its members move to another group first. The group stays in the history with the day it closed',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: GroupCloseInput, response: Created },
    async handler(ctx) {
      const g = await groupRow(ctx.db, ctx.params.id);
      if (g.closed_on) throw new AppError(409, 'PARTY_GROUP_IS_CLOSED', { date: g.closed_on });
      const to = ctx.body.moveToGroupId ?? null;
      if (to === g.id) throw fieldError('moveToGroupId', 'PARTY_GROUP_SAME');
      if (to) {
        const t = await ctx.db.selectFrom('party_group').select(['party_group.id', 'party_group.closed_on']).where('party_group.id', '=', to).executeTakeFirst();
        if (!t || t.closed_on) throw fieldError('moveToGroupId', 'PARTY_GROUP_UNKNOWN');
      }
      // members who left the books keep a group too; they move with the rest
      const members = await ctx.db.selectFrom('party_member').select(['party_member.id', 'party_member.left_date']).where('party_member.group_id', '=', g.id).execute();
      if (members.length && !to) throw fieldError('moveToGroupId', 'PARTY_GROUP_HAS_MEMBERS', { group: g.name, n: members.filter((m) => m.left_date === null).length });
      if (members.length) {
        await ctx.db.updateTable('party_member').set({ group_id: to, updated_at: ctx.now.toISOString() }).where('party_member.group_id', '=', g.id).execute();
      }
      const closedOn = chinaDate(ctx.now);
      await ctx.db.updateTable('party_group').set({ closed_on: closedOn, merged_into_id: to }).where('party_group.id', '=', g.id).execute();
      await ctx.audit({ action: 'party.close-group', entityType: 'party_group', entityId: g.id, before: { ...g, members: members.map((m) => m.id) }, after: { closedOn, movedTo: to } });
      return { id: g.id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/groups/:id/reopen`,
    summary: '恢复党小组 Reopen a group closed by mistake; members who moved away stay where they are',
    tags,
    permission: 'party.manage',
    schema: { params: CId, response: Created },
    async handler(ctx) {
      const g = await groupRow(ctx.db, ctx.params.id);
      if (!g.closed_on) throw new AppError(409, 'PARTY_GROUP_IS_OPEN');
      await ctx.db.updateTable('party_group').set({ closed_on: null, merged_into_id: null }).where('party_group.id', '=', g.id).execute();
      await ctx.audit({ action: 'party.reopen-group', entityType: 'party_group', entityId: g.id, before: g, after: { ...g, closed_on: null, merged_into_id: null } });
      return { id: g.id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/groups/export.xlsx`,
    summary: '导出党小组 The party groups with their leaders and numbers as Excel',
    tags,
    permission: 'party.read',
    schema: { params: C },
    async handler(ctx) {
      const { groups } = await branchOverview(ctx.db, chinaDate(ctx.now));
      let n = 0;
      return xlsxFile({
        filename: `${ctx.community.name}党小组.xlsx`,
        sheet: { zh: '党小组', en: 'Party groups' },
        lang: ctx.lang,
        rows: groups,
        columns: [
          { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
          { header: { zh: '党小组', en: 'Group' }, width: 18, value: (r) => r.name },
          { header: { zh: '组长', en: 'Leader' }, width: 10, value: (r) => r.leaderName },
          { header: { zh: '党员人数', en: 'Members' }, width: 10, value: (r) => r.members },
        ],
      });
    },
  }),

  communityRoute({
    method: 'PATCH',
    url: `${P}/model-members/:id`,
    summary: '修改七一展板 Change a model member’s year, member or deeds',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: ModelMemberUpdateInput, response: Created },
    async handler(ctx) {
      const m = await modelMemberRow(ctx.db, ctx.params.id);
      const next = { year: ctx.body.year ?? m.year, member_id: ctx.body.memberId ?? m.member_id, deeds: ctx.body.deeds ?? m.deeds };
      if (ctx.body.memberId) await assertMember(ctx.db, ctx.body.memberId);
      const taken = await ctx.db
        .selectFrom('model_member')
        .select('model_member.id')
        .where('model_member.year', '=', next.year)
        .where('model_member.member_id', '=', next.member_id)
        .where('model_member.id', '!=', m.id)
        .executeTakeFirst();
      if (taken) throw fieldError('memberId', 'PARTY_ALREADY_ON_BOARD');
      await ctx.db.updateTable('model_member').set(next).where('model_member.id', '=', m.id).execute();
      await ctx.audit({ action: 'party.update-model-member', entityType: 'model_member', entityId: m.id, before: m, after: { ...m, ...next } });
      return { id: m.id };
    },
  }),
  communityRoute({
    method: 'DELETE',
    url: `${P}/model-members/:id`,
    summary: '移出七一展板 Take a member off a year’s model-member board',
    tags,
    permission: 'party.manage',
    schema: { params: CId, response: Created },
    async handler(ctx) {
      const m = await modelMemberRow(ctx.db, ctx.params.id);
      await ctx.db.deleteFrom('model_member').where('model_member.id', '=', m.id).execute();
      await ctx.audit({ action: 'party.remove-model-member', entityType: 'model_member', entityId: m.id, before: m });
      return { id: m.id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/model-members/export.xlsx`,
    summary: '导出先进党员 The model-member boards (optionally one year) as Excel',
    tags,
    permission: 'party.read',
    schema: { params: C, querystring: z.object({ year: z.coerce.number().int().min(1949).max(2100).optional() }) },
    async handler(ctx) {
      let q = ctx.db
        .selectFrom('model_member')
        .innerJoin('party_member', (j) => j.onRef('party_member.community_id', '=', 'model_member.community_id').onRef('party_member.id', '=', 'model_member.member_id'))
        .select(['model_member.year', 'party_member.name', 'model_member.deeds']);
      if (ctx.query.year) q = q.where('model_member.year', '=', ctx.query.year);
      const rows = await q.orderBy('model_member.year', 'desc').orderBy('party_member.name').execute();
      let n = 0;
      return xlsxFile({
        filename: `${ctx.community.name}先进党员${ctx.query.year ?? ''}.xlsx`,
        sheet: { zh: '先进党员', en: 'Model members' },
        lang: ctx.lang,
        rows,
        columns: [
          { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
          { header: { zh: '年度', en: 'Year' }, width: 8, value: (r) => r.year },
          { header: { zh: '姓名', en: 'Name' }, width: 10, value: (r) => r.name },
          { header: { zh: '先进事迹', en: 'Deeds' }, width: 60, value: (r) => r.deeds },
        ],
      });
    },
  }),
  communityRoute({
    method: 'PATCH',
    url: `${P}/honours/:id`,
    summary: '修改荣誉 Correct an honour: title, awarded by, date, branch or member',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: HonourUpdateInput, response: Created },
    async handler(ctx) {
      const h = await honourRow(ctx.db, ctx.params.id);
      const b = ctx.body;
      if (b.memberId) await assertMember(ctx.db, b.memberId);
      const next = {
        member_id: b.memberId !== undefined ? b.memberId : h.member_id,
        title: b.title ?? h.title,
        awarded_by: b.awardedBy ?? h.awarded_by,
        date: b.date ?? h.date,
      };
      await ctx.db.updateTable('party_honour').set(next).where('party_honour.id', '=', h.id).execute();
      await ctx.audit({ action: 'party.update-honour', entityType: 'party_honour', entityId: h.id, before: h, after: { ...h, ...next } });
      return { id: h.id };
    },
  }),
  communityRoute({
    method: 'DELETE',
    url: `${P}/honours/:id`,
    summary: '删除荣誉 Remove an honour recorded by mistake',
    tags,
    permission: 'party.manage',
    schema: { params: CId, response: Created },
    async handler(ctx) {
      const h = await honourRow(ctx.db, ctx.params.id);
      await ctx.db.deleteFrom('party_honour').where('party_honour.id', '=', h.id).execute();
      await ctx.audit({ action: 'party.remove-honour', entityType: 'party_honour', entityId: h.id, before: h });
      return { id: h.id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/honours/export.xlsx`,
    summary: '导出荣誉 Honours of the branch and its members as Excel',
    tags,
    permission: 'party.read',
    schema: { params: C },
    async handler(ctx) {
      const rows = await ctx.db
        .selectFrom('party_honour')
        .leftJoin('party_member', (j) => j.onRef('party_member.community_id', '=', 'party_honour.community_id').onRef('party_member.id', '=', 'party_honour.member_id'))
        .select(['party_member.name', 'party_honour.title', 'party_honour.awarded_by', 'party_honour.date'])
        .orderBy('party_honour.date', 'desc')
        .execute();
      let n = 0;
      return xlsxFile({
        filename: `${ctx.community.name}党建荣誉.xlsx`,
        sheet: { zh: '荣誉', en: 'Honours' },
        lang: ctx.lang,
        rows,
        columns: [
          { header: { zh: '序号', en: 'No.' }, width: 6, value: () => ++n },
          { header: { zh: '荣誉称号', en: 'Honour' }, width: 30, value: (r) => r.title },
          { header: { zh: '获得者', en: 'Awarded to' }, width: 12, value: (r) => r.name ?? pickLang(ctx.lang, { zh: '党支部', en: 'The branch' }) },
          { header: { zh: '授予单位', en: 'Awarded by' }, width: 20, value: (r) => r.awarded_by },
          { header: { zh: '日期', en: 'Date' }, width: 12, value: (r) => r.date },
        ],
      });
    },
  }),
];
