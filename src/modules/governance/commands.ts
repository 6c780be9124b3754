import crypto from 'node:crypto';
import type { ScopedDb } from '../../core/access';
import { AppError, fieldError, notFound } from '../../core/errors';
import { uuidv7 } from '../../core/ids';
import { phoneDigits, seal, type keyringFor } from '../registry';
import { noticeEnd, type PeriodRule } from './calendar';
import { loadSettings, meetingQuorum, noticePhase } from './queries';
import { resolutionNumber, tally, type Choice } from './rules';
import type { ProposalState } from './schema';
import './tables';

/**
 * The assembly's workflows as small commands: each checks the rule it enforces, writes, and says
 * what it changed so the route can audit it. Results, quorums and notice ends are computed here,
 * never taken from the caller.
 */

type Keyring = ReturnType<typeof keyringFor>;
export interface Cmd {
  db: ScopedDb;
  now: Date;
  /** the community's calendar day (China time) */
  today: string;
  userId: string | null;
  community: { id: string; name: string };
}

const TRACKING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 8 characters a resident can read out over the phone: no 0/O, 1/I/L. */
export function trackingCode(): string {
  const bytes = crypto.randomBytes(8);
  return Array.from(bytes, (b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join('');
}

export function sealPhone(phone: string | null | undefined, keyring: Keyring) {
  if (!phone) return { phone_enc: null, phone_hash: null, phone_tail: null };
  const s = seal(phone, keyring, phoneDigits(phone));
  return { phone_enc: s.enc, phone_hash: s.hash, phone_tail: s.tail };
}

export async function ensureSettings(c: Cmd) {
  const s = await loadSettings(c.db, c.community.name);
  const exists = await c.db.selectFrom('gov_settings').select('gov_settings.community_id').executeTakeFirst();
  if (!exists) {
    await c.db
      .insertInto('gov_settings', [
        { quorum_percent: s.quorumPercent, resolution_prefix: s.resolutionPrefix, seal_name: s.sealName, notice_days: s.noticeDays, board_token: null, board_enabled: 0, updated_at: c.now.toISOString() },
      ])
      .execute();
  }
  return s;
}

// ---------------- representatives ----------------

/** A resident becomes a representative of the building they live in. */
export async function addRepresentative(c: Cmd, input: { residentId: string; termStart: string; termEnd?: string | null; notes?: string | null }) {
  const r = await c.db
    .selectFrom('resident')
    .innerJoin('household', (j) => j.onRef('household.community_id', '=', 'resident.community_id').onRef('household.id', '=', 'resident.household_id'))
    .innerJoin('dwelling', (j) => j.onRef('dwelling.community_id', '=', 'household.community_id').onRef('dwelling.id', '=', 'household.dwelling_id'))
    .select(['resident.id', 'resident.name', 'resident.status', 'dwelling.building_id'])
    .where('resident.id', '=', input.residentId)
    .executeTakeFirst();
  if (!r || r.status !== 'active') throw fieldError('residentId', 'GOV_RESIDENT_UNKNOWN');
  if (!r.building_id) throw fieldError('residentId', 'GOV_RESIDENT_NO_BUILDING', { name: r.name });
  if (input.termEnd && input.termEnd < input.termStart) throw fieldError('termEnd', 'GOV_TERM_ORDER');
  const overlapping = await c.db
    .selectFrom('gov_representative')
    .select('gov_representative.id')
    .where('gov_representative.resident_id', '=', r.id)
    .where((eb) => eb.or([eb('gov_representative.term_end', 'is', null), eb('gov_representative.term_end', '>=', input.termStart)]))
    .executeTakeFirst();
  if (overlapping) throw fieldError('residentId', 'GOV_ALREADY_REPRESENTATIVE', { name: r.name });
  const id = uuidv7();
  await c.db
    .insertInto('gov_representative', [
      { id, resident_id: r.id, building_id: r.building_id, name: r.name, term_start: input.termStart, term_end: input.termEnd ?? null, notes: input.notes ?? null, created_at: c.now.toISOString() },
    ])
    .execute();
  return { id, name: r.name, buildingId: r.building_id };
}

export async function endTerm(c: Cmd, id: string, termEnd: string) {
  const r = await c.db.selectFrom('gov_representative').selectAll().where('gov_representative.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  if (termEnd < r.term_start) throw fieldError('termEnd', 'GOV_TERM_ORDER');
  await c.db.updateTable('gov_representative').set({ term_end: termEnd }).where('gov_representative.id', '=', id).execute();
  return { before: { termEnd: r.term_end }, after: { termEnd } };
}

// ---------------- meetings ----------------

async function meetingRow(db: ScopedDb, id: string) {
  const m = await db.selectFrom('gov_meeting').selectAll().where('gov_meeting.id', '=', id).executeTakeFirst();
  if (!m) throw notFound();
  return m;
}

/** Marks who came. Only representatives in office on the meeting's day have a seat to mark. */
export async function setAttendance(c: Cmd, meetingId: string, marks: { representativeId: string; present: boolean; reason?: string | null }[]) {
  const m = await meetingRow(c.db, meetingId);
  if (m.date > c.today) throw new AppError(400, 'GOV_MEETING_NOT_YET', { date: m.date });
  const settings = await loadSettings(c.db, c.community.name);
  const { seats } = await meetingQuorum(c.db, m, settings.quorumPercent);
  const seatIds = new Set(seats.map((s) => s.id));
  for (const [i, mark] of marks.entries()) {
    if (!seatIds.has(mark.representativeId)) throw fieldError(`marks.${i}.representativeId`, 'GOV_NOT_REPRESENTATIVE');
  }
  for (const mark of marks) {
    await c.db.deleteFrom('gov_attendance').where('gov_attendance.meeting_id', '=', m.id).where('gov_attendance.representative_id', '=', mark.representativeId).execute();
  }
  if (marks.length) {
    await c.db
      .insertInto(
        'gov_attendance',
        marks.map((x) => ({ meeting_id: m.id, representative_id: x.representativeId, present: x.present ? 1 : 0, reason: x.present ? null : (x.reason ?? null) })),
      )
      .execute();
  }
  // a vote of someone now marked absent no longer counts: drop it rather than keep a vote nobody cast
  const absent = marks.filter((x) => !x.present).map((x) => x.representativeId);
  if (absent.length) await c.db.deleteFrom('gov_vote').where('gov_vote.meeting_id', '=', m.id).where('gov_vote.representative_id', 'in', absent).execute();
  if (m.status !== 'held') await c.db.updateTable('gov_meeting').set({ status: 'held', updated_at: c.now.toISOString() }).where('gov_meeting.id', '=', m.id).execute();
  const q = await meetingQuorum(c.db, m, settings.quorumPercent);
  return q.quorum;
}

async function proposalRow(db: ScopedDb, id: string) {
  const p = await db.selectFrom('gov_proposal').selectAll().where('gov_proposal.id', '=', id).executeTakeFirst();
  if (!p) throw notFound();
  return p;
}
const decidedStates: ProposalState[] = ['passed', 'rejected', 'deferred'];

/** A submitted (or earlier deferred) proposal goes on a meeting's agenda. */
export async function addToAgenda(c: Cmd, meetingId: string, proposalId: string) {
  const m = await meetingRow(c.db, meetingId);
  const p = await c.db.selectFrom('gov_proposal').selectAll().where('gov_proposal.id', '=', proposalId).executeTakeFirst();
  if (!p) throw fieldError('proposalId', 'GOV_PROPOSAL_UNKNOWN');
  if (p.state !== 'submitted' && p.state !== 'deferred') throw fieldError('proposalId', 'GOV_PROPOSAL_NOT_READY', { title: p.title });
  const last = await c.db.selectFrom('gov_proposal').select((eb) => eb.fn.max('gov_proposal.agenda_order').as('n')).where('gov_proposal.meeting_id', '=', m.id).executeTakeFirst();
  await c.db
    .updateTable('gov_proposal')
    .set({ state: 'on_agenda', meeting_id: m.id, agenda_order: Number(last?.n ?? 0) + 1, decided_at: null, updated_at: c.now.toISOString() })
    .where('gov_proposal.id', '=', p.id)
    .execute();
  return { before: { state: p.state, meetingId: p.meeting_id }, after: { state: 'on_agenda', meetingId: m.id } };
}

export async function removeFromAgenda(c: Cmd, meetingId: string, proposalId: string) {
  const p = await proposalRow(c.db, proposalId);
  if (p.meeting_id !== meetingId) throw new AppError(400, 'GOV_NOT_ON_AGENDA', { title: p.title });
  if (decidedStates.includes(p.state as ProposalState)) throw new AppError(400, 'GOV_ALREADY_DECIDED', { title: p.title });
  await c.db.deleteFrom('gov_vote').where('gov_vote.meeting_id', '=', meetingId).where('gov_vote.proposal_id', '=', p.id).execute();
  await c.db.updateTable('gov_proposal').set({ state: 'submitted', meeting_id: null, agenda_order: null, updated_at: c.now.toISOString() }).where('gov_proposal.id', '=', p.id).execute();
  return { before: { state: p.state, meetingId }, after: { state: 'submitted', meetingId: null } };
}

/**
 * Records votes (choice null clears one). Only representatives marked present at this meeting vote;
 * anyone else — an absent representative, a resident, a representative of another term — is refused.
 */
export async function recordVotes(c: Cmd, meetingId: string, proposalId: string, votes: { representativeId: string; choice: Choice | null }[]) {
  const m = await meetingRow(c.db, meetingId);
  const p = await proposalRow(c.db, proposalId);
  if (p.meeting_id !== m.id) throw new AppError(400, 'GOV_NOT_ON_AGENDA', { title: p.title });
  if (decidedStates.includes(p.state as ProposalState)) throw new AppError(400, 'GOV_ALREADY_DECIDED', { title: p.title });
  const settings = await loadSettings(c.db, c.community.name);
  const q = await meetingQuorum(c.db, m, settings.quorumPercent);
  const seatIds = new Set(q.seats.map((s) => s.id));
  const names = new Map(q.seats.map((s) => [s.id, s.name]));
  for (const [i, v] of votes.entries()) {
    if (!seatIds.has(v.representativeId)) throw fieldError(`votes.${i}.representativeId`, 'GOV_NOT_REPRESENTATIVE');
    if (!q.presentIds.has(v.representativeId)) throw fieldError(`votes.${i}.representativeId`, 'GOV_NOT_PRESENT', { name: names.get(v.representativeId) ?? '' });
  }
  for (const v of votes) {
    await c.db.deleteFrom('gov_vote').where('gov_vote.meeting_id', '=', m.id).where('gov_vote.proposal_id', '=', p.id).where('gov_vote.representative_id', '=', v.representativeId).execute();
  }
  const cast = votes.filter((v) => v.choice !== null);
  if (cast.length) {
    await c.db
      .insertInto(
        'gov_vote',
        cast.map((v) => ({ meeting_id: m.id, proposal_id: p.id, representative_id: v.representativeId, choice: v.choice!, recorded_by: c.userId, recorded_at: c.now.toISOString() })),
      )
      .execute();
  }
  if (p.state === 'on_agenda') await c.db.updateTable('gov_proposal').set({ state: 'deliberated', updated_at: c.now.toISOString() }).where('gov_proposal.id', '=', p.id).execute();
  const all = await c.db.selectFrom('gov_vote').select(['gov_vote.representative_id', 'gov_vote.choice']).where('gov_vote.meeting_id', '=', m.id).where('gov_vote.proposal_id', '=', p.id).execute();
  return tally(q.presentIds.size, all.filter((v) => q.presentIds.has(v.representative_id)).map((v) => v.choice as Choice), p.major === 1);
}

/**
 * The meeting decides a proposal: either it defers it, or the votes are counted — with a quorum
 * present — against the matter's threshold. A passed proposal becomes a resolution numbered in the
 * meeting's year.
 */
export interface Decision {
  state: 'passed' | 'rejected' | 'deferred';
  tally: ReturnType<typeof tally> | null;
  resolution: { id: string; number: string } | null;
}

export async function decide(c: Cmd, meetingId: string, proposalId: string, opts: { defer?: boolean }): Promise<Decision> {
  const m = await meetingRow(c.db, meetingId);
  const p = await proposalRow(c.db, proposalId);
  if (p.meeting_id !== m.id) throw new AppError(400, 'GOV_NOT_ON_AGENDA', { title: p.title });
  if (decidedStates.includes(p.state as ProposalState)) throw new AppError(400, 'GOV_ALREADY_DECIDED', { title: p.title });
  const at = c.now.toISOString();
  if (opts.defer) {
    await c.db.updateTable('gov_proposal').set({ state: 'deferred', decided_at: m.date, updated_at: at }).where('gov_proposal.id', '=', p.id).execute();
    return { state: 'deferred', tally: null, resolution: null };
  }
  const settings = await loadSettings(c.db, c.community.name);
  const q = await meetingQuorum(c.db, m, settings.quorumPercent);
  if (!q.quorum.met) throw new AppError(400, 'GOV_NO_QUORUM', { present: q.quorum.present, seats: q.quorum.seats, needed: q.quorum.needed });
  const votes = await c.db.selectFrom('gov_vote').select(['gov_vote.representative_id', 'gov_vote.choice']).where('gov_vote.meeting_id', '=', m.id).where('gov_vote.proposal_id', '=', p.id).execute();
  const counted = votes.filter((v) => q.presentIds.has(v.representative_id));
  if (counted.length === 0) throw new AppError(400, 'GOV_NO_VOTES', { title: p.title });
  const t = tally(q.presentIds.size, counted.map((v) => v.choice as Choice), p.major === 1);
  const state: Decision['state'] = t.passed ? 'passed' : 'rejected';
  await c.db.updateTable('gov_proposal').set({ state, decided_at: m.date, updated_at: at }).where('gov_proposal.id', '=', p.id).execute();
  let resolution: { id: string; number: string } | null = null;
  if (t.passed) {
    const year = Number(m.date.slice(0, 4));
    const last = await c.db.selectFrom('gov_resolution').select((eb) => eb.fn.max('gov_resolution.seq').as('n')).where('gov_resolution.year', '=', year).executeTakeFirst();
    const seq = Number(last?.n ?? 0) + 1;
    const id = uuidv7();
    const number = resolutionNumber(settings.resolutionPrefix, year, seq);
    await c.db.insertInto('gov_resolution', [{ id, proposal_id: p.id, meeting_id: m.id, year, seq, number, title: p.title, decided_on: m.date, created_at: at }]).execute();
    resolution = { id, number };
  }
  return { state, tally: t, resolution };
}

// ---------------- proposals ----------------

export interface ProposalFields {
  title: string;
  background: string;
  costEstimate?: number | null;
  source: 'resident' | 'representative' | 'branch' | 'staff';
  submitterName: string;
  submitterResidentId?: string | null;
  major?: boolean;
}

export async function createProposal(
  c: Cmd,
  input: ProposalFields & { channel: 'self' | 'assisted' | 'staff'; submit: boolean; phone?: string | null; address?: string | null },
  keyring?: Keyring,
) {
  if (input.submitterResidentId) {
    const r = await c.db.selectFrom('resident').select('resident.id').where('resident.id', '=', input.submitterResidentId).executeTakeFirst();
    if (!r) throw fieldError('submitterResidentId', 'GOV_RESIDENT_UNKNOWN');
  }
  const id = uuidv7();
  const at = c.now.toISOString();
  const code = trackingCode();
  await c.db
    .insertInto('gov_proposal', [
      {
        id,
        title: input.title,
        background: input.background,
        cost_estimate: input.costEstimate ?? null,
        source: input.source,
        submitter_name: input.submitterName,
        submitter_resident_id: input.submitterResidentId ?? null,
        submitter_address: input.address ?? null,
        ...(keyring ? sealPhone(input.phone, keyring) : { phone_enc: null, phone_hash: null, phone_tail: null }),
        channel: input.channel,
        recorded_by: input.channel === 'self' ? null : c.userId,
        tracking_code: code,
        major: input.major ? 1 : 0,
        state: input.submit ? 'submitted' : 'draft',
        meeting_id: null,
        agenda_order: null,
        decided_at: null,
        created_at: at,
        updated_at: at,
      },
    ])
    .execute();
  return { id, trackingCode: code };
}

export async function updateProposal(c: Cmd, id: string, input: Partial<ProposalFields>) {
  const p = await proposalRow(c.db, id);
  if (p.state !== 'draft' && p.state !== 'submitted') throw new AppError(400, 'GOV_PROPOSAL_LOCKED', { title: p.title });
  const set = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.background !== undefined ? { background: input.background } : {}),
    ...(input.costEstimate !== undefined ? { cost_estimate: input.costEstimate } : {}),
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(input.submitterName !== undefined ? { submitter_name: input.submitterName } : {}),
    ...(input.major !== undefined ? { major: input.major ? 1 : 0 } : {}),
  };
  await c.db.updateTable('gov_proposal').set({ ...set, updated_at: c.now.toISOString() }).where('gov_proposal.id', '=', id).execute();
  return { before: { title: p.title, major: p.major === 1, costEstimate: p.cost_estimate }, after: input };
}

export async function submitProposal(c: Cmd, id: string) {
  const p = await proposalRow(c.db, id);
  if (p.state !== 'draft') throw new AppError(400, 'GOV_PROPOSAL_LOCKED', { title: p.title });
  await c.db.updateTable('gov_proposal').set({ state: 'submitted', updated_at: c.now.toISOString() }).where('gov_proposal.id', '=', id).execute();
}

// ---------------- notices ----------------

async function noticeRow(db: ScopedDb, id: string) {
  const n = await db.selectFrom('gov_public_notice').selectAll().where('gov_public_notice.id', '=', id).executeTakeFirst();
  if (!n) throw notFound();
  return n;
}

export async function createNotice(
  c: Cmd,
  input: { kind: string; title: string; body: string; resolutionId?: string | null; periodRule: PeriodRule; periodLength?: number; sealName?: string | null },
) {
  const settings = await loadSettings(c.db, c.community.name);
  if (input.resolutionId) {
    const r = await c.db.selectFrom('gov_resolution').select('gov_resolution.id').where('gov_resolution.id', '=', input.resolutionId).executeTakeFirst();
    if (!r) throw fieldError('resolutionId', 'GOV_RESOLUTION_UNKNOWN');
  }
  const id = uuidv7();
  const at = c.now.toISOString();
  await c.db
    .insertInto('gov_public_notice', [
      {
        id,
        kind: input.kind,
        title: input.title,
        body: input.body,
        resolution_id: input.resolutionId ?? null,
        period_rule: input.periodRule,
        // the disclosure catalogue's rule is 20 working days; calendar-day notices default to the community's setting
        period_length: input.periodLength ?? (input.periodRule === 'working_days' ? 20 : settings.noticeDays),
        start_date: null,
        end_date: null,
        status: 'draft',
        outcome: null,
        seal_name: input.sealName || settings.sealName,
        published_at: null,
        published_by: null,
        closed_at: null,
        created_at: at,
        updated_at: at,
      },
    ])
    .execute();
  return { id };
}

export async function updateNotice(
  c: Cmd,
  id: string,
  input: { kind: string; title: string; body: string; resolutionId?: string | null; periodRule: PeriodRule; periodLength?: number; sealName?: string | null },
) {
  const n = await noticeRow(c.db, id);
  if (n.status !== 'draft') throw new AppError(400, 'GOV_NOTICE_NOT_DRAFT', { title: n.title });
  if (input.resolutionId) {
    const r = await c.db.selectFrom('gov_resolution').select('gov_resolution.id').where('gov_resolution.id', '=', input.resolutionId).executeTakeFirst();
    if (!r) throw fieldError('resolutionId', 'GOV_RESOLUTION_UNKNOWN');
  }
  // a length left out stays with its rule; a new rule without a length takes that rule's usual length, as a new notice would
  const periodLength =
    input.periodLength ??
    (input.periodRule === n.period_rule ? n.period_length : input.periodRule === 'working_days' ? 20 : (await loadSettings(c.db, c.community.name)).noticeDays);
  await c.db
    .updateTable('gov_public_notice')
    .set({
      kind: input.kind,
      title: input.title,
      body: input.body,
      ...(input.resolutionId !== undefined ? { resolution_id: input.resolutionId } : {}),
      period_rule: input.periodRule,
      period_length: periodLength,
      seal_name: input.sealName || n.seal_name,
      updated_at: c.now.toISOString(),
    })
    .where('gov_public_notice.id', '=', id)
    .execute();
  return { before: { title: n.title, body: n.body, periodRule: n.period_rule, periodLength: n.period_length }, after: input };
}

/** Puts a notice up from `startDate` (today unless later); the last day follows from its rule. */
export async function publishNotice(c: Cmd, id: string, startDate?: string) {
  const n = await noticeRow(c.db, id);
  if (n.status !== 'draft') throw new AppError(400, 'GOV_NOTICE_NOT_DRAFT', { title: n.title });
  const start = startDate ?? c.today;
  if (start < c.today) throw fieldError('startDate', 'GOV_NOTICE_START_PAST');
  const end = noticeEnd(start, n.period_rule as PeriodRule, n.period_length);
  await c.db
    .updateTable('gov_public_notice')
    .set({ status: 'published', start_date: start, end_date: end, published_at: c.now.toISOString(), published_by: c.userId, updated_at: c.now.toISOString() })
    .where('gov_public_notice.id', '=', id)
    .execute();
  return { startDate: start, endDate: end };
}

/** An objection is received only while the notice is up: from its first to its last day. */
export async function addObjection(
  c: Cmd,
  keyring: Keyring,
  noticeId: string,
  input: { name: string; phone?: string | null; address?: string | null; content: string },
  channel: 'public_link' | 'desk',
) {
  const n = await noticeRow(c.db, noticeId);
  if (noticePhase(n, c.today) !== 'open') throw new AppError(400, 'GOV_NOTICE_NOT_OPEN', { title: n.title, start: n.start_date ?? '—', end: n.end_date ?? '—' });
  const id = uuidv7();
  await c.db
    .insertInto('gov_notice_objection', [
      {
        id,
        notice_id: n.id,
        name: input.name,
        ...sealPhone(input.phone, keyring),
        address: input.address ?? null,
        content: input.content,
        channel,
        received_at: c.now.toISOString(),
        answer: null,
        answered_by: null,
        answered_at: null,
      },
    ])
    .execute();
  return { id };
}

export async function answerObjection(c: Cmd, noticeId: string, objectionId: string, answer: string) {
  const n = await noticeRow(c.db, noticeId);
  if (n.status === 'closed') throw new AppError(400, 'GOV_NOTICE_CLOSED', { title: n.title });
  const o = await c.db.selectFrom('gov_notice_objection').selectAll().where('gov_notice_objection.id', '=', objectionId).where('gov_notice_objection.notice_id', '=', n.id).executeTakeFirst();
  if (!o) throw notFound();
  await c.db.updateTable('gov_notice_objection').set({ answer, answered_by: c.userId, answered_at: c.now.toISOString() }).where('gov_notice_objection.id', '=', o.id).execute();
  return { before: { answer: o.answer }, after: { answer } };
}

/** Closes a notice whose period is over; the outcome follows from its objections, all of which must be answered. */
export async function closeNotice(c: Cmd, id: string): Promise<{ outcome: 'no_objection' | 'objections_handled' }> {
  const n = await noticeRow(c.db, id);
  const phase = noticePhase(n, c.today);
  if (phase === 'closed') throw new AppError(400, 'GOV_NOTICE_CLOSED', { title: n.title });
  if (phase !== 'expired') throw new AppError(400, 'GOV_NOTICE_NOT_ENDED', { title: n.title, end: n.end_date ?? '—' });
  const objections = await c.db.selectFrom('gov_notice_objection').select(['gov_notice_objection.answer']).where('gov_notice_objection.notice_id', '=', n.id).execute();
  const unanswered = objections.filter((o) => o.answer === null).length;
  if (unanswered) throw new AppError(400, 'GOV_OBJECTIONS_UNANSWERED', { title: n.title, n: unanswered });
  const outcome = objections.length ? ('objections_handled' as const) : ('no_objection' as const);
  await c.db.updateTable('gov_public_notice').set({ status: 'closed', outcome, closed_at: c.now.toISOString(), updated_at: c.now.toISOString() }).where('gov_public_notice.id', '=', n.id).execute();
  return { outcome };
}
