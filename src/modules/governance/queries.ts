import { sql } from 'kysely';
import type { ScopedDb } from '../../core/access';
import { dayEnds, dayStarts, periodQuery } from '../../core/http/period';
import type { ReportHighlight, ReportSection } from '../../core/module';
import { maskedPhone, type keyringFor } from '../registry';
import { quorum, tally, type Choice } from './rules';
import type {
  AgendaItem,
  Group,
  JointMeeting,
  Meeting,
  MeetingDetail,
  Notice,
  NoticeDetail,
  NoticePhase,
  Partner,
  Proposal,
  ProposalState,
  Representative,
  Resolution,
  Settings,
} from './schema';
import './tables';

type Keyring = ReturnType<typeof keyringFor>;
const n = (v: unknown) => Number(v ?? 0);
const count = async (q: { executeTakeFirst(): Promise<{ n: unknown } | undefined> }) => n((await q.executeTakeFirst())?.n);

// ---------------- settings ----------------

/** What a community gets before it sets anything: quorum over half, 7-day notices, its own name on the seal. */
export function defaultSettings(communityName: string): Omit<Settings, 'boardEnabled' | 'boardToken'> {
  const short = communityName.replace(/社区$/, '').slice(0, 2);
  return { quorumPercent: 50, resolutionPrefix: `${short}居代决`, sealName: `${communityName}居民委员会`, noticeDays: 7 };
}

export async function loadSettings(db: ScopedDb, communityName: string): Promise<Settings> {
  const s = await db.selectFrom('gov_settings').selectAll().executeTakeFirst();
  if (!s) return { ...defaultSettings(communityName), boardEnabled: false, boardToken: null };
  return {
    quorumPercent: s.quorum_percent,
    resolutionPrefix: s.resolution_prefix,
    sealName: s.seal_name,
    noticeDays: s.notice_days,
    boardEnabled: s.board_enabled === 1,
    boardToken: s.board_token,
  };
}

// ---------------- representatives ----------------

const age = (birth: string | null, today: string) => {
  if (!birth) return null;
  const a = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? a - 1 : a;
};

function repQuery(db: ScopedDb) {
  return db
    .selectFrom('gov_representative')
    .innerJoin('resident', (j) => j.onRef('resident.community_id', '=', 'gov_representative.community_id').onRef('resident.id', '=', 'gov_representative.resident_id'))
    .innerJoin('building', (j) => j.onRef('building.community_id', '=', 'gov_representative.community_id').onRef('building.id', '=', 'gov_representative.building_id'))
    .innerJoin('compound', (j) => j.onRef('compound.community_id', '=', 'building.community_id').onRef('compound.id', '=', 'building.compound_id'))
    .innerJoin('household', (j) => j.onRef('household.community_id', '=', 'resident.community_id').onRef('household.id', '=', 'resident.household_id'))
    .innerJoin('dwelling', (j) => j.onRef('dwelling.community_id', '=', 'household.community_id').onRef('dwelling.id', '=', 'household.dwelling_id'))
    .leftJoin('building as home', (j) => j.onRef('home.community_id', '=', 'dwelling.community_id').onRef('home.id', '=', 'dwelling.building_id'))
    .leftJoin('entrance', (j) => j.onRef('entrance.community_id', '=', 'dwelling.community_id').onRef('entrance.id', '=', 'dwelling.entrance_id'))
    .select([
      'gov_representative.id',
      'gov_representative.resident_id',
      'gov_representative.name',
      'gov_representative.building_id',
      'gov_representative.term_start',
      'gov_representative.term_end',
      'gov_representative.notes',
      'resident.gender',
      'resident.birth_date',
      'resident.phone_enc',
      'building.name as buildingName',
      'building.sort as buildingSort',
      'compound.name as compoundName',
      'compound.sort as compoundSort',
      'home.name as homeBuilding',
      'entrance.number as entranceNumber',
      'dwelling.room',
      'dwelling.address as plainAddress',
    ]);
}

/** Representatives by building (compound, building, name); by default only those in office today. */
export async function listRepresentatives(db: ScopedDb, keyring: Keyring, today: string, opts: { all?: boolean; ids?: string[] } = {}): Promise<Representative[]> {
  let q = repQuery(db);
  if (!opts.all) q = q.where('gov_representative.term_start', '<=', today).where((eb) => eb.or([eb('gov_representative.term_end', 'is', null), eb('gov_representative.term_end', '>=', today)]));
  if (opts.ids) q = q.where('gov_representative.id', 'in', opts.ids.length ? opts.ids : ['']);
  const rows = await q.orderBy('compound.sort').orderBy('building.sort').orderBy('gov_representative.term_start', 'desc').orderBy('gov_representative.name').execute();
  return rows.map((r) => ({
    id: r.id,
    residentId: r.resident_id,
    name: r.name,
    gender: r.gender,
    age: age(r.birth_date, today),
    phoneMasked: maskedPhone(r.phone_enc, keyring),
    address: r.homeBuilding ? `${r.homeBuilding}${r.entranceNumber ? `${r.entranceNumber}单元` : ''}${r.room}` : (r.plainAddress ?? r.room),
    buildingId: r.building_id,
    buildingName: r.buildingName,
    compoundName: r.compoundName,
    termStart: r.term_start,
    termEnd: r.term_end,
    inOffice: r.term_start <= today && (r.term_end === null || r.term_end >= today),
    notes: r.notes,
  }));
}

/** The representatives in office on a day: the seats a meeting that day counts its quorum against. */
export async function seatsOn(db: ScopedDb, day: string) {
  return db
    .selectFrom('gov_representative')
    .innerJoin('building', (j) => j.onRef('building.community_id', '=', 'gov_representative.community_id').onRef('building.id', '=', 'gov_representative.building_id'))
    .select(['gov_representative.id', 'gov_representative.name', 'building.name as buildingName'])
    .where('gov_representative.term_start', '<=', day)
    .where((eb) => eb.or([eb('gov_representative.term_end', 'is', null), eb('gov_representative.term_end', '>=', day)]))
    .orderBy('building.sort')
    .orderBy('gov_representative.name')
    .execute();
}

// ---------------- meetings ----------------

async function attendanceOf(db: ScopedDb, meetingId: string) {
  return db.selectFrom('gov_attendance').selectAll().where('gov_attendance.meeting_id', '=', meetingId).execute();
}

/** The quorum of a meeting: the representatives in office that day against those marked present. */
export async function meetingQuorum(db: ScopedDb, meeting: { id: string; date: string }, quorumPercent: number) {
  const seats = await seatsOn(db, meeting.date);
  const marks = await attendanceOf(db, meeting.id);
  const seatIds = new Set(seats.map((s) => s.id));
  const presentIds = new Set(marks.filter((m) => m.present === 1 && seatIds.has(m.representative_id)).map((m) => m.representative_id));
  return { seats, marks, presentIds, quorum: quorum(seats.length, presentIds.size, quorumPercent) };
}

/** Which meetings a list shows: held or planned, and dated within a period (both ends included). */
export interface MeetingFilter {
  status?: Meeting['status'];
  from?: string;
  to?: string;
}
const meetingsFrom = (db: ScopedDb) => db.selectFrom('gov_meeting');
function filterMeetings(q: ReturnType<typeof meetingsFrom>, f: MeetingFilter) {
  if (f.status) q = q.where('gov_meeting.status', '=', f.status);
  if (f.from) q = q.where('gov_meeting.date', '>=', f.from);
  if (f.to) q = q.where('gov_meeting.date', '<=', f.to);
  return q;
}

export async function listMeetings(db: ScopedDb, quorumPercent: number, page: number, pageSize: number, f: MeetingFilter = {}): Promise<{ items: Meeting[]; total: number }> {
  const total = await count(filterMeetings(meetingsFrom(db), f).select((eb) => eb.fn.countAll().as('n')));
  const rows = await filterMeetings(meetingsFrom(db), f)
    .select((eb) => [
      'gov_meeting.id',
      'gov_meeting.title',
      'gov_meeting.date',
      'gov_meeting.place',
      'gov_meeting.status',
      'gov_meeting.chair',
      'gov_meeting.recorder',
      eb
        .selectFrom('gov_proposal')
        .select(eb.fn.countAll().as('n'))
        .whereRef('gov_proposal.community_id', '=', 'gov_meeting.community_id')
        .whereRef('gov_proposal.meeting_id', '=', 'gov_meeting.id')
        .as('agenda'),
      eb
        .selectFrom('gov_proposal')
        .select(eb.fn.countAll().as('n'))
        .whereRef('gov_proposal.community_id', '=', 'gov_meeting.community_id')
        .whereRef('gov_proposal.meeting_id', '=', 'gov_meeting.id')
        .where('gov_proposal.state', 'in', ['passed', 'rejected', 'deferred'])
        .as('decided'),
    ])
    .orderBy('gov_meeting.date', 'desc')
    .orderBy('gov_meeting.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const items: Meeting[] = [];
  for (const r of rows) {
    const q = await meetingQuorum(db, r, quorumPercent);
    items.push({
      id: r.id,
      title: r.title,
      date: r.date,
      place: r.place,
      status: r.status as Meeting['status'],
      chair: r.chair,
      recorder: r.recorder,
      quorum: q.quorum,
      marked: q.marks.length,
      agenda: n(r.agenda),
      decided: n(r.decided),
    });
  }
  return { items, total };
}

export async function meetingDetail(db: ScopedDb, id: string, community: string, settings: Settings): Promise<MeetingDetail | null> {
  const m = await db.selectFrom('gov_meeting').selectAll().where('gov_meeting.id', '=', id).executeTakeFirst();
  if (!m) return null;
  const q = await meetingQuorum(db, m, settings.quorumPercent);
  const markOf = new Map(q.marks.map((x) => [x.representative_id, x]));
  const proposals = await db
    .selectFrom('gov_proposal')
    .leftJoin('gov_resolution', (j) => j.onRef('gov_resolution.community_id', '=', 'gov_proposal.community_id').onRef('gov_resolution.proposal_id', '=', 'gov_proposal.id'))
    .select([
      'gov_proposal.id',
      'gov_proposal.title',
      'gov_proposal.background',
      'gov_proposal.cost_estimate',
      'gov_proposal.source',
      'gov_proposal.submitter_name',
      'gov_proposal.major',
      'gov_proposal.state',
      'gov_proposal.agenda_order',
      'gov_resolution.number as resolutionNumber',
    ])
    .where('gov_proposal.meeting_id', '=', id)
    .orderBy('gov_proposal.agenda_order')
    .orderBy('gov_proposal.created_at')
    .execute();
  const votes = proposals.length
    ? await db.selectFrom('gov_vote').selectAll().where('gov_vote.meeting_id', '=', id).execute()
    : [];
  const items: AgendaItem[] = proposals.map((p, i) => {
    const mine = votes.filter((v) => v.proposal_id === p.id && q.presentIds.has(v.representative_id));
    return {
      proposalId: p.id,
      order: p.agenda_order ?? i + 1,
      title: p.title,
      background: p.background,
      costEstimate: p.cost_estimate,
      source: p.source as AgendaItem['source'],
      submitterName: p.submitter_name,
      major: p.major === 1,
      state: p.state as ProposalState,
      tally: tally(q.presentIds.size, mine.map((v) => v.choice as Choice), p.major === 1),
      votes: mine.map((v) => ({ representativeId: v.representative_id, choice: v.choice as Choice })),
      resolutionNumber: p.resolutionNumber,
    };
  });
  return {
    id: m.id,
    title: m.title,
    date: m.date,
    place: m.place,
    status: m.status as Meeting['status'],
    chair: m.chair,
    recorder: m.recorder,
    minutes: m.minutes,
    quorum: q.quorum,
    marked: q.marks.length,
    agenda: items.length,
    decided: items.filter((x) => ['passed', 'rejected', 'deferred'].includes(x.state)).length,
    community,
    sealName: settings.sealName,
    quorumPercent: settings.quorumPercent,
    seatsList: q.seats.map((s) => {
      const mark = markOf.get(s.id);
      return { representativeId: s.id, name: s.name, buildingName: s.buildingName, present: mark ? mark.present === 1 : null, reason: mark?.reason ?? null };
    }),
    items,
  };
}

// ---------------- proposals ----------------

function proposalQuery(db: ScopedDb) {
  return db
    .selectFrom('gov_proposal')
    .leftJoin('gov_meeting', (j) => j.onRef('gov_meeting.community_id', '=', 'gov_proposal.community_id').onRef('gov_meeting.id', '=', 'gov_proposal.meeting_id'))
    .leftJoin('gov_resolution', (j) => j.onRef('gov_resolution.community_id', '=', 'gov_proposal.community_id').onRef('gov_resolution.proposal_id', '=', 'gov_proposal.id'))
    .select([
      'gov_proposal.id',
      'gov_proposal.title',
      'gov_proposal.background',
      'gov_proposal.cost_estimate',
      'gov_proposal.source',
      'gov_proposal.submitter_name',
      'gov_proposal.channel',
      'gov_proposal.tracking_code',
      'gov_proposal.major',
      'gov_proposal.state',
      'gov_proposal.meeting_id',
      'gov_proposal.created_at',
      'gov_proposal.updated_at',
      'gov_proposal.decided_at',
      'gov_meeting.title as meetingTitle',
      'gov_meeting.date as meetingDate',
      'gov_resolution.number as resolutionNumber',
      'gov_resolution.id as resolutionId',
    ]);
}
type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposalQuery>['executeTakeFirstOrThrow']>>;
const toProposal = (r: ProposalRow): Proposal => ({
  id: r.id,
  title: r.title,
  background: r.background,
  costEstimate: r.cost_estimate,
  source: r.source as Proposal['source'],
  submitterName: r.submitter_name,
  channel: r.channel as Proposal['channel'],
  trackingCode: r.tracking_code,
  major: r.major === 1,
  state: r.state as ProposalState,
  meetingId: r.meeting_id,
  meetingTitle: r.meetingTitle,
  meetingDate: r.meetingDate,
  resolutionNumber: r.resolutionNumber,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  decidedAt: r.decided_at,
});

/**
 * Which proposals a list shows. A period applies to the day they were submitted (`by` submitted, the
 * default: drafts are not submitted) or decided (`by` decided: passed, rejected or deferred that day),
 * both ends included — the same conditions the work report counts with.
 */
export interface ProposalFilter {
  state?: ProposalState;
  q?: string;
  from?: string;
  to?: string;
  by?: 'submitted' | 'decided';
  source?: Proposal['source'];
  channel?: Proposal['channel'];
}
type ProposalQ = ReturnType<typeof proposalQuery>;
function filterProposals(q: ProposalQ, f: ProposalFilter, opts: { state: boolean }): ProposalQ {
  if (opts.state && f.state) q = q.where('gov_proposal.state', '=', f.state);
  if (f.source) q = q.where('gov_proposal.source', '=', f.source);
  if (f.channel) q = q.where('gov_proposal.channel', '=', f.channel);
  if (f.from || f.to) {
    if (f.by === 'decided') {
      // a day: the meeting's date
      if (f.from) q = q.where('gov_proposal.decided_at', '>=', f.from);
      if (f.to) q = q.where('gov_proposal.decided_at', '<=', f.to);
    } else {
      // a UTC timestamp, within the period's Beijing days
      q = q.where('gov_proposal.state', '!=', 'draft');
      if (f.from) q = q.where('gov_proposal.created_at', '>=', dayStarts(f.from));
      if (f.to) q = q.where('gov_proposal.created_at', '<', dayEnds(f.to));
    }
  }
  if (opts.state && f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (x) => `\\${x}`)}%`;
    q = q.where((eb) => eb.or([eb('gov_proposal.title', 'like', like), eb('gov_proposal.submitter_name', 'like', like)]));
  }
  return q;
}

export async function listProposals(db: ScopedDb, opts: ProposalFilter & { page: number; pageSize: number }) {
  const rows = await filterProposals(proposalQuery(db), opts, { state: true })
    .orderBy(opts.by === 'decided' && (opts.from || opts.to) ? 'gov_proposal.decided_at' : 'gov_proposal.updated_at', 'desc')
    .orderBy('gov_proposal.updated_at', 'desc')
    .orderBy('gov_proposal.id', 'desc')
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  const total = await count(filterProposals(proposalQuery(db), opts, { state: true }).clearSelect().select((eb) => eb.fn.countAll().as('n')));
  // the state tabs count within the period, source and channel chosen (not within the state or words)
  const byState = await filterProposals(proposalQuery(db), opts, { state: false })
    .clearSelect()
    .select((eb) => ['gov_proposal.state', eb.fn.countAll().as('n')])
    .groupBy('gov_proposal.state')
    .execute();
  return { items: rows.map(toProposal), total, counts: Object.fromEntries(byState.map((r) => [r.state, n(r.n)])) };
}

export async function loadProposal(db: ScopedDb, id: string) {
  const r = await proposalQuery(db).where('gov_proposal.id', '=', id).executeTakeFirst();
  return r ? { ...toProposal(r), resolutionId: r.resolutionId } : null;
}

/** The proposals a list shows, every one with its result, for the Excel export (bounded by the community's own volume). */
export async function allProposals(db: ScopedDb, f: ProposalFilter = {}) {
  const rows = await filterProposals(proposalQuery(db), f, { state: true }).orderBy('gov_proposal.created_at').execute();
  return rows.map(toProposal);
}

/** The tally of a proposal at the meeting that decided (or is deciding) it. */
export async function proposalTally(db: ScopedDb, p: { meetingId: string | null; major: boolean }, quorumPercent: number, proposalId: string) {
  if (!p.meetingId) return null;
  const m = await db.selectFrom('gov_meeting').select(['gov_meeting.id', 'gov_meeting.date']).where('gov_meeting.id', '=', p.meetingId).executeTakeFirst();
  if (!m) return null;
  const q = await meetingQuorum(db, m, quorumPercent);
  const votes = await db.selectFrom('gov_vote').select(['gov_vote.representative_id', 'gov_vote.choice']).where('gov_vote.meeting_id', '=', m.id).where('gov_vote.proposal_id', '=', proposalId).execute();
  return tally(q.presentIds.size, votes.filter((v) => q.presentIds.has(v.representative_id)).map((v) => v.choice as Choice), p.major);
}

export async function listResolutions(db: ScopedDb, quorumPercent: number): Promise<Resolution[]> {
  const rows = await db
    .selectFrom('gov_resolution')
    .innerJoin('gov_meeting', (j) => j.onRef('gov_meeting.community_id', '=', 'gov_resolution.community_id').onRef('gov_meeting.id', '=', 'gov_resolution.meeting_id'))
    .innerJoin('gov_proposal', (j) => j.onRef('gov_proposal.community_id', '=', 'gov_resolution.community_id').onRef('gov_proposal.id', '=', 'gov_resolution.proposal_id'))
    .select((eb) => [
      'gov_resolution.id',
      'gov_resolution.number',
      'gov_resolution.title',
      'gov_resolution.decided_on',
      'gov_resolution.proposal_id',
      'gov_meeting.title as meetingTitle',
      'gov_proposal.major',
      'gov_proposal.meeting_id',
      eb
        .selectFrom('gov_public_notice')
        .select(eb.fn.countAll().as('n'))
        .whereRef('gov_public_notice.community_id', '=', 'gov_resolution.community_id')
        .whereRef('gov_public_notice.resolution_id', '=', 'gov_resolution.id')
        .where('gov_public_notice.status', '!=', 'draft')
        .as('noticed'),
    ])
    .orderBy('gov_resolution.year', 'desc')
    .orderBy('gov_resolution.seq', 'desc')
    .execute();
  const out: Resolution[] = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      number: r.number,
      title: r.title,
      decidedOn: r.decided_on,
      proposalId: r.proposal_id,
      meetingTitle: r.meetingTitle,
      tally: (await proposalTally(db, { meetingId: r.meeting_id, major: r.major === 1 }, quorumPercent, r.proposal_id))!,
      noticed: n(r.noticed) > 0,
    });
  }
  return out;
}

// ---------------- notices ----------------

/** Where a notice stands on a given day: only the status is stored; the phase follows from the dates. */
export function noticePhase(n: { status: string; start_date: string | null; end_date: string | null }, today: string): NoticePhase {
  if (n.status === 'draft') return 'draft';
  if (n.status === 'closed') return 'closed';
  if (n.start_date && today < n.start_date) return 'scheduled';
  if (n.end_date && today > n.end_date) return 'expired';
  return 'open';
}

function noticeQuery(db: ScopedDb) {
  return db
    .selectFrom('gov_public_notice')
    .leftJoin('gov_resolution', (j) => j.onRef('gov_resolution.community_id', '=', 'gov_public_notice.community_id').onRef('gov_resolution.id', '=', 'gov_public_notice.resolution_id'))
    .selectAll('gov_public_notice')
    .select((eb) => [
      'gov_resolution.number as resolutionNumber',
      eb
        .selectFrom('gov_notice_objection')
        .select(eb.fn.countAll().as('n'))
        .whereRef('gov_notice_objection.community_id', '=', 'gov_public_notice.community_id')
        .whereRef('gov_notice_objection.notice_id', '=', 'gov_public_notice.id')
        .as('objections'),
      eb
        .selectFrom('gov_notice_objection')
        .select(eb.fn.countAll().as('n'))
        .whereRef('gov_notice_objection.community_id', '=', 'gov_public_notice.community_id')
        .whereRef('gov_notice_objection.notice_id', '=', 'gov_public_notice.id')
        .where('gov_notice_objection.answer', 'is', null)
        .as('unanswered'),
    ]);
}
type NoticeRow = Awaited<ReturnType<ReturnType<typeof noticeQuery>['executeTakeFirstOrThrow']>>;
const toNotice = (r: NoticeRow, today: string): Notice => ({
  id: r.id,
  kind: r.kind as Notice['kind'],
  title: r.title,
  body: r.body,
  resolutionId: r.resolution_id,
  resolutionNumber: r.resolutionNumber,
  periodRule: r.period_rule as Notice['periodRule'],
  periodLength: r.period_length,
  startDate: r.start_date,
  endDate: r.end_date,
  status: r.status as Notice['status'],
  phase: noticePhase(r, today),
  outcome: r.outcome as Notice['outcome'],
  sealName: r.seal_name,
  objections: n(r.objections),
  unanswered: n(r.unanswered),
  publishedAt: r.published_at,
  closedAt: r.closed_at,
});

/**
 * Which notices a list shows: by phase; put up (start date) within a period, both ends included;
 * closed with an outcome; noticing a resolution; with objections — the conditions the work report
 * counts with.
 */
export interface NoticeFilter {
  phase?: NoticePhase;
  publishedOnly?: boolean;
  from?: string;
  to?: string;
  outcome?: NonNullable<Notice['outcome']>;
  /** '1': only notices of a resolution */
  resolution?: '1';
  /** '1': only notices that received objections */
  objections?: '1';
}

/** Notices, newest first; a phase filter turns into date conditions so paging stays in SQL. */
export async function listNotices(db: ScopedDb, today: string, opts: NoticeFilter & { page: number; pageSize: number }) {
  type Q = ReturnType<typeof noticeQuery>;
  const filter = <T extends Pick<Q, 'where'>>(q: T): T => {
    let out = q as unknown as Q;
    if (opts.publishedOnly) out = out.where('gov_public_notice.status', '!=', 'draft');
    if (opts.from || opts.to) out = out.where('gov_public_notice.status', '!=', 'draft');
    if (opts.from) out = out.where('gov_public_notice.start_date', '>=', opts.from);
    if (opts.to) out = out.where('gov_public_notice.start_date', '<=', opts.to);
    if (opts.outcome) out = out.where('gov_public_notice.outcome', '=', opts.outcome);
    if (opts.resolution) out = out.where('gov_public_notice.resolution_id', 'is not', null);
    if (opts.objections)
      out = out.where((eb) =>
        eb.exists(
          eb
            .selectFrom('gov_notice_objection')
            .select('gov_notice_objection.id')
            .whereRef('gov_notice_objection.community_id', '=', 'gov_public_notice.community_id')
            .whereRef('gov_notice_objection.notice_id', '=', 'gov_public_notice.id'),
        ),
      );
    switch (opts.phase) {
      case 'draft':
      case 'closed':
        out = out.where('gov_public_notice.status', '=', opts.phase);
        break;
      case 'scheduled':
        out = out.where('gov_public_notice.status', '=', 'published').where('gov_public_notice.start_date', '>', today);
        break;
      case 'open':
        out = out.where('gov_public_notice.status', '=', 'published').where('gov_public_notice.start_date', '<=', today).where('gov_public_notice.end_date', '>=', today);
        break;
      case 'expired':
        out = out.where('gov_public_notice.status', '=', 'published').where('gov_public_notice.end_date', '<', today);
        break;
    }
    return out as unknown as T;
  };
  const total = await count(filter(noticeQuery(db)).clearSelect().select((eb) => eb.fn.countAll().as('n')));
  const rows = await filter(noticeQuery(db))
    .orderBy(sql`coalesce(gov_public_notice.start_date, gov_public_notice.created_at)`, 'desc')
    .orderBy('gov_public_notice.id', 'desc')
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  return { items: rows.map((r) => toNotice(r, today)), total };
}

export async function loadNotice(db: ScopedDb, id: string, today: string) {
  const r = await noticeQuery(db).where('gov_public_notice.id', '=', id).executeTakeFirst();
  return r ? toNotice(r, today) : null;
}

export async function noticeDetail(db: ScopedDb, id: string, today: string, community: string, keyring: Keyring): Promise<NoticeDetail | null> {
  const notice = await loadNotice(db, id, today);
  if (!notice) return null;
  const rows = await db.selectFrom('gov_notice_objection').selectAll().where('gov_notice_objection.notice_id', '=', id).orderBy('gov_notice_objection.received_at').execute();
  return {
    ...notice,
    community,
    objectionList: rows.map((o) => ({
      id: o.id,
      name: o.name,
      phoneMasked: maskedPhone(o.phone_enc, keyring),
      address: o.address,
      content: o.content,
      channel: o.channel as 'desk',
      receivedAt: o.received_at,
      answer: o.answer,
      answeredAt: o.answered_at,
    })),
  };
}

// ---------------- groups and partner units ----------------

export async function listGroups(db: ScopedDb, keyring: Keyring): Promise<Group[]> {
  const groups = await db
    .selectFrom('gov_group')
    .leftJoin('compound', (j) => j.onRef('compound.community_id', '=', 'gov_group.community_id').onRef('compound.id', '=', 'gov_group.compound_id'))
    .selectAll('gov_group')
    .select(['compound.name as compoundName', 'compound.sort as compoundSort'])
    .orderBy('gov_group.kind')
    .orderBy('compound.sort')
    .orderBy('gov_group.name')
    .execute();
  const members = await db.selectFrom('gov_group_member').selectAll().orderBy('gov_group_member.sort').orderBy('gov_group_member.name').execute();
  const meetings = await db.selectFrom('gov_group_meeting').selectAll().orderBy('gov_group_meeting.date', 'desc').execute();
  return groups.map((g) => ({
    id: g.id,
    kind: g.kind as Group['kind'],
    name: g.name,
    compoundId: g.compound_id,
    compoundName: g.compoundName,
    purpose: g.purpose,
    foundedOn: g.founded_on,
    members: members
      .filter((m) => m.group_id === g.id)
      .map((m) => ({ id: m.id, name: m.name, role: m.role, organisation: m.organisation, phoneMasked: maskedPhone(m.phone_enc, keyring) })),
    meetings: meetings.filter((m) => m.group_id === g.id).map((m) => ({ id: m.id, date: m.date, topic: m.topic, decisions: m.decisions })),
  }));
}

/**
 * The window a partners list covers: a year, or a period (both ends included) — what the units
 * shared and the joint meetings they came to in it; the plan shown is that of `year`.
 */
export interface PartnerWindow {
  year: number;
  from: string;
  to: string;
}

export async function listPartners(db: ScopedDb, keyring: Keyring, w: PartnerWindow, id?: string): Promise<Partner[]> {
  const year = w.year;
  let q = db
    .selectFrom('gov_partner_unit')
    .leftJoin('stored_file', (j) => j.onRef('stored_file.community_id', '=', 'gov_partner_unit.community_id').onRef('stored_file.id', '=', 'gov_partner_unit.agreement_file_id'))
    .leftJoin('gov_partner_plan', (j) =>
      j.onRef('gov_partner_plan.community_id', '=', 'gov_partner_unit.community_id').onRef('gov_partner_plan.unit_id', '=', 'gov_partner_unit.id').on('gov_partner_plan.year', '=', year),
    )
    .selectAll('gov_partner_unit')
    .select((eb) => [
      'stored_file.filename',
      'stored_file.size',
      'stored_file.created_at as fileAt',
      'gov_partner_plan.content as plan',
      eb
        .selectFrom('gov_joint_meeting_unit')
        .innerJoin('gov_joint_meeting', (j) => j.onRef('gov_joint_meeting.community_id', '=', 'gov_joint_meeting_unit.community_id').onRef('gov_joint_meeting.id', '=', 'gov_joint_meeting_unit.meeting_id'))
        .select(eb.fn.countAll().as('n'))
        .whereRef('gov_joint_meeting_unit.community_id', '=', 'gov_partner_unit.community_id')
        .whereRef('gov_joint_meeting_unit.unit_id', '=', 'gov_partner_unit.id')
        .where('gov_joint_meeting.date', '>=', w.from)
        .where('gov_joint_meeting.date', '<=', w.to)
        .as('meetings'),
    ]);
  if (id) q = q.where('gov_partner_unit.id', '=', id);
  const units = await q.orderBy('gov_partner_unit.joined_on').orderBy('gov_partner_unit.name').execute();
  const resources = units.length
    ? await db
        .selectFrom('gov_partner_resource')
        .selectAll()
        .where('gov_partner_resource.unit_id', 'in', units.map((u) => u.id))
        .where('gov_partner_resource.date', '>=', w.from)
        .where('gov_partner_resource.date', '<=', w.to)
        .orderBy('gov_partner_resource.date', 'desc')
        .execute()
    : [];
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    liaisonName: u.liaison_name,
    liaisonTitle: u.liaison_title,
    liaisonPhoneMasked: maskedPhone(u.liaison_phone_enc, keyring),
    joinedOn: u.joined_on,
    agreementStart: u.agreement_start,
    agreementEnd: u.agreement_end,
    agreementFile: u.agreement_file_id && u.filename ? { id: u.agreement_file_id, filename: u.filename, size: n(u.size), createdAt: u.fileAt ?? '' } : null,
    leftOn: u.left_on,
    plan: u.plan,
    resources: resources.filter((r) => r.unit_id === u.id).map((r) => ({ id: r.id, kind: r.kind as 'room', description: r.description, amount: r.amount, date: r.date })),
    meetingsAttended: n(u.meetings),
  }));
}

/** Joint meetings, newest first; within a period (both ends included) when one is given. */
export async function listJointMeetings(db: ScopedDb, period: { from?: string; to?: string } = {}): Promise<JointMeeting[]> {
  let q = db.selectFrom('gov_joint_meeting').selectAll();
  if (period.from) q = q.where('gov_joint_meeting.date', '>=', period.from);
  if (period.to) q = q.where('gov_joint_meeting.date', '<=', period.to);
  const rows = await q.orderBy('gov_joint_meeting.date', 'desc').execute();
  const links = await db
    .selectFrom('gov_joint_meeting_unit')
    .innerJoin('gov_partner_unit', (j) => j.onRef('gov_partner_unit.community_id', '=', 'gov_joint_meeting_unit.community_id').onRef('gov_partner_unit.id', '=', 'gov_joint_meeting_unit.unit_id'))
    .select(['gov_joint_meeting_unit.meeting_id', 'gov_partner_unit.id', 'gov_partner_unit.name'])
    .orderBy('gov_partner_unit.joined_on')
    .execute();
  return rows.map((m) => ({
    id: m.id,
    date: m.date,
    place: m.place,
    topic: m.topic,
    decisions: m.decisions,
    units: links.filter((l) => l.meeting_id === m.id).map((l) => ({ id: l.id, name: l.name })),
  }));
}

// ---------------- the work report ----------------

const THRESHOLD_TEXT = { majority: { zh: '过半数', en: 'a majority' }, two_thirds: { zh: '三分之二以上', en: 'two-thirds' } };

/**
 * 居民自治 in the work report: meetings held, matters decided and how, notices and objections,
 * representatives, self-governance bodies, partner units and what they contributed. Every figure is
 * counted from the records of the period; highlights name each resolution and how it was noticed.
 */
export async function governanceFigures(db: ScopedDb, from: string, to: string): Promise<ReportSection> {
  const s = await db.selectFrom('gov_settings').select('gov_settings.quorum_percent').executeTakeFirst();
  const quorumPercent = s?.quorum_percent ?? 50;
  const meetings = await db
    .selectFrom('gov_meeting')
    .select(['gov_meeting.id', 'gov_meeting.date'])
    .where('gov_meeting.status', '=', 'held')
    .where('gov_meeting.date', '>=', from)
    .where('gov_meeting.date', '<=', to)
    .execute();
  let seats = 0;
  let present = 0;
  for (const m of meetings) {
    const q = await meetingQuorum(db, m, quorumPercent);
    seats += q.quorum.seats;
    present += q.quorum.present;
  }
  const decided = (state: string) =>
    count(
      db
        .selectFrom('gov_proposal')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('gov_proposal.state', '=', state)
        .where('gov_proposal.decided_at', '>=', from)
        .where('gov_proposal.decided_at', '<=', to),
    );
  const submitted = db
    .selectFrom('gov_proposal')
    .where('gov_proposal.state', '!=', 'draft')
    .where('gov_proposal.created_at', '>=', dayStarts(from))
    .where('gov_proposal.created_at', '<', dayEnds(to));
  const proposalsIn = await count(submitted.select((eb) => eb.fn.countAll().as('n')));
  const fromResidents = await count(submitted.select((eb) => eb.fn.countAll().as('n')).where('gov_proposal.source', '=', 'resident'));
  const assisted = await count(submitted.select((eb) => eb.fn.countAll().as('n')).where('gov_proposal.channel', '=', 'assisted'));
  const notices = db.selectFrom('gov_public_notice').where('gov_public_notice.status', '!=', 'draft').where('gov_public_notice.start_date', '>=', from).where('gov_public_notice.start_date', '<=', to);
  const noticesPublished = await count(notices.select((eb) => eb.fn.countAll().as('n')));
  const resolutionNotices = await count(notices.select((eb) => eb.fn.countAll().as('n')).where('gov_public_notice.resolution_id', 'is not', null));
  const objections = db
    .selectFrom('gov_notice_objection')
    .innerJoin('gov_public_notice', (j) => j.onRef('gov_public_notice.community_id', '=', 'gov_notice_objection.community_id').onRef('gov_public_notice.id', '=', 'gov_notice_objection.notice_id'))
    .where('gov_public_notice.start_date', '>=', from)
    .where('gov_public_notice.start_date', '<=', to);
  const objectionCount = await count(objections.select((eb) => eb.fn.countAll().as('n')));
  const objectionsAnswered = await count(objections.select((eb) => eb.fn.countAll().as('n')).where('gov_notice_objection.answer', 'is not', null));
  const closedWith = (o: string) => count(notices.select((eb) => eb.fn.countAll().as('n')).where('gov_public_notice.outcome', '=', o));
  const reps = await count(
    db
      .selectFrom('gov_representative')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('gov_representative.term_start', '<=', to)
      .where((eb) => eb.or([eb('gov_representative.term_end', 'is', null), eb('gov_representative.term_end', '>=', to)])),
  );
  const groups = (kind: string) => count(db.selectFrom('gov_group').select((eb) => eb.fn.countAll().as('n')).where('gov_group.kind', '=', kind));
  const units = await count(
    db
      .selectFrom('gov_partner_unit')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('gov_partner_unit.joined_on', '<=', to)
      .where((eb) => eb.or([eb('gov_partner_unit.left_on', 'is', null), eb('gov_partner_unit.left_on', '>=', from)])),
  );
  const jointMeetings = await count(
    db.selectFrom('gov_joint_meeting').select((eb) => eb.fn.countAll().as('n')).where('gov_joint_meeting.date', '>=', from).where('gov_joint_meeting.date', '<=', to),
  );
  const res = db.selectFrom('gov_partner_resource').where('gov_partner_resource.date', '>=', from).where('gov_partner_resource.date', '<=', to);
  const resourceCount = await count(res.select((eb) => eb.fn.countAll().as('n')));
  const sum = async (kind: string) => n((await res.select((eb) => eb.fn.sum<number>('gov_partner_resource.amount').as('n')).where('gov_partner_resource.kind', '=', kind).executeTakeFirst())?.n);

  const resolutions = await db
    .selectFrom('gov_resolution')
    .innerJoin('gov_proposal', (j) => j.onRef('gov_proposal.community_id', '=', 'gov_resolution.community_id').onRef('gov_proposal.id', '=', 'gov_resolution.proposal_id'))
    .select(['gov_resolution.id', 'gov_resolution.number', 'gov_resolution.title', 'gov_resolution.decided_on', 'gov_resolution.proposal_id', 'gov_proposal.meeting_id', 'gov_proposal.major'])
    .where('gov_resolution.decided_on', '>=', from)
    .where('gov_resolution.decided_on', '<=', to)
    .orderBy('gov_resolution.decided_on')
    .orderBy('gov_resolution.seq')
    .execute();
  const highlights: ReportHighlight[] = [];
  for (const r of resolutions) {
    const t = await proposalTally(db, { meetingId: r.meeting_id, major: r.major === 1 }, quorumPercent, r.proposal_id);
    const notice = await db
      .selectFrom('gov_public_notice')
      .select(['gov_public_notice.id', 'gov_public_notice.period_rule', 'gov_public_notice.period_length', 'gov_public_notice.outcome', 'gov_public_notice.status'])
      .where('gov_public_notice.resolution_id', '=', r.id)
      .where('gov_public_notice.status', '!=', 'draft')
      .orderBy('gov_public_notice.start_date')
      .executeTakeFirst();
    const th = THRESHOLD_TEXT[t?.threshold ?? 'majority'];
    const period = notice ? (notice.period_rule === 'working_days' ? { zh: `${notice.period_length}个工作日`, en: `${notice.period_length} working days` } : { zh: `${notice.period_length}天`, en: `${notice.period_length} days` }) : null;
    const after = !notice
      ? { zh: '，尚未公示', en: '; not yet publicly noticed' }
      : notice.outcome === 'no_objection'
        ? { zh: `，在宣传栏公示${period!.zh}无异议`, en: `; noticed for ${period!.en} without objection` }
        : notice.outcome === 'objections_handled'
          ? { zh: `，在宣传栏公示${period!.zh}，所提异议均已答复`, en: `; noticed for ${period!.en}, every objection answered` }
          : { zh: `，正在宣传栏公示（${period!.zh}）`, en: `; on public notice (${period!.en})` };
    highlights.push({
      key: `resolution.${r.id}`,
      date: r.decided_on,
      link: `governance/proposals?open=${r.proposal_id}`,
      text: {
        zh: `居民代表大会以${th.zh}赞成（实到${t?.present ?? 0}人，赞成${t?.for ?? 0}票）通过“${r.title}”，形成决议${r.number}${after.zh}。`,
        en: `The representatives' assembly passed "${r.title}" by ${th.en} (${t?.for ?? 0} for of ${t?.present ?? 0} present), resolution ${r.number}${after.en}.`,
      },
    });
  }

  const times = { zh: '次', en: '' };
  const items = { zh: '项', en: '' };
  const f = (key: string, zh: string, en: string, value: number | null, unit?: { zh: string; en: string }, link?: string) => ({ key, label: { zh, en }, value, ...(unit ? { unit } : {}), ...(link ? { link } : {}) });
  // what happened in the period opens the period's records on its page, with the same conditions as
  // the count; what stands at the end (representatives, groups, units) opens the page as it is
  const p = periodQuery(from, to);
  const proposals = (more = '') => `governance/proposals?${more}${p}`;
  const decidedAs = (state: string) => proposals(`state=${state}&by=decided&`);
  const noticesOf = (more = '') => `governance/notices?${more}${p}`;
  return {
    title: { zh: '居民自治', en: 'Self-governance' },
    figures: [
      f('representatives', '居民代表', 'Representatives', reps, { zh: '人', en: 'people' }, 'governance'),
      f('meetings.held', '召开居民代表大会', 'Assembly meetings held', meetings.length, times, `governance?status=held&${p}`),
      f('meetings.attendanceRate', '代表出席率', 'Representatives’ attendance', seats ? Math.round((present / seats) * 1000) / 10 : null, { zh: '%', en: '%' }, `governance?status=held&${p}`),
      f('proposals.submitted', '收到议题', 'Proposals received', proposalsIn, items, proposals()),
      f('proposals.fromResidents', '其中居民提出', 'of which from residents', fromResidents, items, proposals('source=resident&')),
      f('proposals.assisted', '其中工作人员代为提交', 'of which entered by staff for residents', assisted, items, proposals('channel=assisted&')),
      f('proposals.passed', '表决通过', 'Passed', await decided('passed'), items, decidedAs('passed')),
      f('proposals.rejected', '表决未通过', 'Rejected', await decided('rejected'), items, decidedAs('rejected')),
      f('proposals.deferred', '暂缓决定', 'Deferred', await decided('deferred'), items, decidedAs('deferred')),
      f('resolutions', '形成决议', 'Resolutions', resolutions.length, items, decidedAs('passed')),
      f('notices.published', '公示', 'Public notices', noticesPublished, times, noticesOf()),
      f('notices.resolutions', '其中决议公示', 'of which resolutions', resolutionNotices, times, noticesOf('resolution=1&')),
      f('notices.noObjection', '公示期满无异议', 'Closed without objection', await closedWith('no_objection'), times, noticesOf('outcome=no_objection&')),
      f('notices.objectionsHandled', '有异议已处理', 'Closed with objections answered', await closedWith('objections_handled'), times, noticesOf('outcome=objections_handled&')),
      f('objections', '收到异议', 'Objections received', objectionCount, { zh: '条', en: '' }, noticesOf('objections=1&')),
      f('objections.answered', '异议已答复', 'Objections answered', objectionsAnswered, { zh: '条', en: '' }, noticesOf('objections=1&')),
      f('groups.selfGovernance', '居民自治小组', 'Self-governance groups', await groups('self_governance'), { zh: '个', en: '' }, 'governance/partners?tab=groups'),
      f('groups.ownersPrep', '业主大会筹备组', 'Owners’ assembly preparation groups', await groups('owners_prep'), { zh: '个', en: '' }, 'governance/partners?tab=groups'),
      f('groups.trinity', '三位一体管理小区', 'Compounds run by the trinity', await groups('trinity'), { zh: '个', en: '' }, 'governance/partners?tab=groups'),
      f('partners.units', '共建单位', 'Partner units', units, { zh: '个', en: '' }, 'governance/partners'),
      f('partners.jointMeetings', '共建联席会议', 'Joint meetings', jointMeetings, times, `governance/partners?tab=meetings&${p}`),
      f('partners.resources', '共享资源', 'Resources shared', resourceCount, items, `governance/partners?${p}`),
      f('partners.money', '共建单位出资', 'Money contributed', await sum('money'), { zh: '元', en: 'yuan' }, `governance/partners?${p}`),
      f('partners.volunteers', '共建单位志愿者', 'Volunteers sent', await sum('volunteers'), { zh: '人次', en: 'person-times' }, `governance/partners?${p}`),
      f('partners.rooms', '提供场地', 'Rooms lent', await sum('room'), times, `governance/partners?${p}`),
    ],
    highlights,
  };
}
