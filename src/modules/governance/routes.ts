import { checkPeriod } from '../../core/http/period';
import crypto from 'node:crypto';
import { z } from 'zod';
import type { ScopedDb } from '../../core/access';
import { fieldError, notFound } from '../../core/errors';
import { communityRoute, type CommunityCtx, type RouteSchemas } from '../../core/http/route';
import { loadFile, readUpload, storeFile } from '../../core/files/store';
import { uuidv7 } from '../../core/ids';
import { chinaDate, keyringFor, maskedPhone } from '../registry';
import {
  addObjection,
  addRepresentative,
  addToAgenda,
  answerObjection,
  closeNotice,
  createNotice,
  createProposal,
  decide,
  endTerm,
  ensureSettings,
  publishNotice,
  recordVotes,
  removeFromAgenda,
  sealPhone,
  setAttendance,
  submitProposal,
  updateNotice,
  updateProposal,
  type Cmd,
} from './commands';
import { exportNotices, exportPartners, exportProposals, exportRepresentatives } from './export';
import {
  allProposals,
  governanceFigures,
  listGroups,
  listJointMeetings,
  listMeetings,
  listNotices,
  listPartners,
  listProposals,
  listRepresentatives,
  listResolutions,
  loadNotice,
  loadProposal,
  loadSettings,
  meetingDetail,
  noticeDetail,
  proposalTally,
} from './queries';
import {
  AgendaInput,
  AnswerInput,
  AttendanceInput,
  BoardInput,
  CommentInput,
  Created,
  DecideInput,
  EndTermInput,
  FileSchema,
  GroupInput,
  GroupMeetingInput,
  GroupMemberInput,
  GroupSchema,
  JointMeetingInput,
  JointMeetingQuery,
  JointMeetingSchema,
  MeetingDetailSchema,
  MeetingInput,
  MeetingQuery,
  MeetingSchema,
  MinutesInput,
  NoticeDetailSchema,
  NoticeInput,
  NoticePage,
  NoticeQuery,
  ObjectionInput,
  PartnerInput,
  PartnerQuery,
  PartnerSchema,
  PeriodQuery,
  PlanInput,
  ProposalDetailSchema,
  ProposalInput,
  ProposalPage,
  ProposalQuery,
  ProposalUpdateInput,
  PublishInput,
  QuorumSchema,
  ReportSchema,
  RepresentativeInput,
  RepresentativeQuery,
  RepresentativeSchema,
  ResolutionSchema,
  ResourceInput,
  SettingsInput,
  SettingsSchema,
  TallySchema,
} from './schema';
import { publicRoutes } from './public';

const C = z.object({ communityId: z.string() });
const CId = C.extend({ id: z.string() });
const tags = ['governance'];
const P = '/communities/:communityId/governance';
/** the largest attachment kept with a proposal or agreement, in MB */
export const MAX_FILE_MB = 10;

const keyring = <S extends RouteSchemas>(ctx: CommunityCtx<S>) => keyringFor(ctx.services.config.dataDir);
export const cmd = <S extends RouteSchemas>(ctx: CommunityCtx<S>): Cmd => ({
  db: ctx.db,
  now: ctx.now,
  today: chinaDate(ctx.now),
  userId: ctx.actor.userId,
  community: { id: ctx.community.id, name: ctx.community.name },
});
const settingsOf = <S extends RouteSchemas>(ctx: CommunityCtx<S>) => loadSettings(ctx.db, ctx.community.name);

async function proposalDetail<S extends RouteSchemas>(ctx: CommunityCtx<S>, id: string) {
  const p = await loadProposal(ctx.db, id);
  if (!p) throw notFound();
  const settings = await settingsOf(ctx);
  const comments = await ctx.db
    .selectFrom('gov_proposal_comment')
    .select(['gov_proposal_comment.id', 'gov_proposal_comment.author', 'gov_proposal_comment.body', 'gov_proposal_comment.created_at'])
    .where('gov_proposal_comment.proposal_id', '=', id)
    .orderBy('gov_proposal_comment.created_at')
    .execute();
  const files = await filesOf(ctx.db, id);
  const notices = p.resolutionId
    ? (await ctx.db.selectFrom('gov_public_notice').select('gov_public_notice.id').where('gov_public_notice.resolution_id', '=', p.resolutionId).execute())
    : [];
  const today = chinaDate(ctx.now);
  const noticeRows = [];
  for (const n of notices) {
    const x = await loadNotice(ctx.db, n.id, today);
    if (x) noticeRows.push({ id: x.id, title: x.title, phase: x.phase });
  }
  // the proposal's own trail, read from the audit log of this community
  const history = await ctx.services.db.kysely
    .selectFrom('audit_log')
    .select(['at', 'action'])
    .where('community_id', '=', ctx.community.id)
    .where('entity_id', '=', id)
    .orderBy('seq')
    .limit(50)
    .execute()
    .catch(() => []);
  const who = await ctx.db
    .selectFrom('gov_proposal')
    .leftJoin('app_user', 'app_user.id', 'gov_proposal.recorded_by')
    .select(['gov_proposal.submitter_address', 'gov_proposal.phone_enc', 'app_user.display_name as recordedBy'])
    .where('gov_proposal.id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    ...p,
    submitterAddress: who.submitter_address,
    submitterPhoneMasked: maskedPhone(who.phone_enc, keyring(ctx)),
    recordedBy: who.recordedBy,
    comments: comments.map((c) => ({ id: c.id, author: c.author, body: c.body, createdAt: c.created_at })),
    files,
    tally: await proposalTally(ctx.db, p, settings.quorumPercent, p.id),
    resolutionId: p.resolutionId,
    notices: noticeRows,
    history: history.map((h) => ({ at: String(h.at), action: String(h.action) })),
  };
}

async function filesOf(db: ScopedDb, proposalId: string) {
  const rows = await db
    .selectFrom('gov_proposal_file')
    .innerJoin('stored_file', (j) => j.onRef('stored_file.community_id', '=', 'gov_proposal_file.community_id').onRef('stored_file.id', '=', 'gov_proposal_file.file_id'))
    .select(['stored_file.id', 'stored_file.filename', 'stored_file.size', 'stored_file.created_at'])
    .where('gov_proposal_file.proposal_id', '=', proposalId)
    .orderBy('stored_file.created_at')
    .execute();
  return rows.map((f) => ({ id: f.id, filename: f.filename, size: Number(f.size), createdAt: f.created_at }));
}

async function saveFile<S extends RouteSchemas>(ctx: CommunityCtx<S>) {
  const file = await readUpload(await ctx.req.file(), { maxMb: MAX_FILE_MB });
  return storeFile(ctx.db, file, { module: 'governance', createdBy: ctx.actor.userId, now: ctx.now });
}

const PartnerFileParams = C.extend({ id: z.string(), fileId: z.string() });

/** The window of the partners page: a period, or a whole year (this year by default). */
function partnerWindow<S extends RouteSchemas>(ctx: CommunityCtx<S>, q: { year?: number; from?: string; to?: string }) {
  checkPeriod(q);
  const year = q.year ?? Number((q.to ?? chinaDate(ctx.now)).slice(0, 4));
  return { year, from: q.from ?? (q.to ? '0000-01-01' : `${year}-01-01`), to: q.to ?? (q.from ? '9999-12-31' : `${year}-12-31`) };
}

export const routes = [
  // ---------------- settings and the public board ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/settings`,
    summary: '自治设置 Quorum rule, resolution numbering, seal line, default notice period, the public board',
    tags,
    permission: 'governance.read',
    schema: { params: C, response: SettingsSchema },
    handler: (ctx) => settingsOf(ctx),
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/settings`,
    summary: '修改自治设置 Set the quorum percentage (more than it must be present), resolution prefix, seal line and notice days',
    tags,
    permission: 'governance.publish',
    schema: { params: C, body: SettingsInput, response: SettingsSchema },
    async handler(ctx) {
      const before = await ensureSettings(cmd(ctx));
      await ctx.db
        .updateTable('gov_settings')
        .set({ quorum_percent: ctx.body.quorumPercent, resolution_prefix: ctx.body.resolutionPrefix, seal_name: ctx.body.sealName, notice_days: ctx.body.noticeDays, updated_at: ctx.now.toISOString() })
        .execute();
      await ctx.audit({ action: 'governance.settings', entityType: 'gov_settings', entityId: ctx.community.id, before, after: ctx.body });
      return settingsOf(ctx);
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/board`,
    summary: '公开公示栏 Publish or withdraw the public notice board (newToken: a fresh link; the old one stops working)',
    tags,
    permission: 'governance.publish',
    schema: { params: C, body: BoardInput, response: SettingsSchema },
    async handler(ctx) {
      const before = await ensureSettings(cmd(ctx));
      const token = !before.boardToken || ctx.body.newToken ? crypto.randomBytes(18).toString('base64url') : before.boardToken;
      await ctx.db.updateTable('gov_settings').set({ board_enabled: ctx.body.enabled ? 1 : 0, board_token: token, updated_at: ctx.now.toISOString() }).execute();
      await ctx.audit({
        action: 'governance.board',
        entityType: 'gov_settings',
        entityId: ctx.community.id,
        before: { enabled: before.boardEnabled },
        after: { enabled: ctx.body.enabled, newToken: token !== before.boardToken },
      });
      return settingsOf(ctx);
    },
  }),

  // ---------------- representatives ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/representatives`,
    summary: '居民代表 Representatives by building (in office today; all=1 adds past terms), phones masked',
    tags,
    permission: 'governance.read',
    schema: { params: C, querystring: RepresentativeQuery, response: z.array(RepresentativeSchema) },
    handler: (ctx) => listRepresentatives(ctx.db, keyring(ctx), chinaDate(ctx.now), { all: ctx.query.all === '1' }),
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/representatives/export.xlsx`,
    summary: '导出居民代表名单 Representatives (every term) as Excel',
    tags,
    permission: 'governance.read',
    schema: { params: C },
    async handler(ctx) {
      const rows = await listRepresentatives(ctx.db, keyring(ctx), chinaDate(ctx.now), { all: true });
      return exportRepresentatives(rows, ctx.lang, ctx.community.name);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/representatives`,
    summary: '推选居民代表 A registry resident becomes a representative of the building they live in, for a term',
    tags,
    permission: 'governance.manage',
    schema: { params: C, body: RepresentativeInput, response: Created },
    async handler(ctx) {
      const r = await addRepresentative(cmd(ctx), ctx.body);
      await ctx.audit({ action: 'governance.add-representative', entityType: 'gov_representative', entityId: r.id, after: { ...ctx.body, name: r.name } });
      return { id: r.id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/representatives/:id/end-term`,
    summary: '代表任期结束 End a representative’s term (moved away, stepped down, term over)',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: EndTermInput, response: Created },
    async handler(ctx) {
      const change = await endTerm(cmd(ctx), ctx.params.id, ctx.body.termEnd);
      await ctx.audit({ action: 'governance.end-term', entityType: 'gov_representative', entityId: ctx.params.id, ...change });
      return { id: ctx.params.id };
    },
  }),

  // ---------------- meetings ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/meetings`,
    summary: '居民代表大会会议 Assembly meetings, newest first, with quorum and agenda counts; status=held|planned, and from/to: dated within the period (both days included)',
    tags,
    permission: 'governance.read',
    schema: { params: C, querystring: MeetingQuery, response: z.object({ items: z.array(MeetingSchema), total: z.number(), page: z.number(), pageSize: z.number() }) },
    async handler(ctx) {
      checkPeriod(ctx.query);
      const s = await settingsOf(ctx);
      const { page, pageSize, ...filter } = ctx.query;
      const out = await listMeetings(ctx.db, s.quorumPercent, page, pageSize, filter);
      return { ...out, page: ctx.query.page, pageSize: ctx.query.pageSize };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/meetings`,
    summary: '安排会议 Call an assembly meeting',
    tags,
    permission: 'governance.manage',
    schema: { params: C, body: MeetingInput, response: Created },
    async handler(ctx) {
      const id = uuidv7();
      const at = ctx.now.toISOString();
      await ctx.db
        .insertInto('gov_meeting', [
          { id, title: ctx.body.title, date: ctx.body.date, place: ctx.body.place ?? null, status: 'planned', chair: ctx.body.chair ?? null, recorder: ctx.body.recorder ?? null, minutes: null, created_at: at, updated_at: at },
        ])
        .execute();
      await ctx.audit({ action: 'governance.add-meeting', entityType: 'gov_meeting', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/meetings/:id`,
    summary: '会议 A meeting: seats and attendance with the quorum, the agenda with each matter’s votes and computed result, minutes',
    tags,
    permission: 'governance.read',
    schema: { params: CId, response: MeetingDetailSchema },
    async handler(ctx) {
      const m = await meetingDetail(ctx.db, ctx.params.id, ctx.community.name, await settingsOf(ctx));
      if (!m) throw notFound();
      return m;
    },
  }),
  communityRoute({
    method: 'PATCH',
    url: `${P}/meetings/:id`,
    summary: '会议信息和纪要 Change a meeting’s details or write its minutes',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: MinutesInput, response: Created },
    async handler(ctx) {
      const m = await ctx.db.selectFrom('gov_meeting').selectAll().where('gov_meeting.id', '=', ctx.params.id).executeTakeFirst();
      if (!m) throw notFound();
      const b = ctx.body;
      if (b.date && b.date !== m.date) {
        const marked = await ctx.db.selectFrom('gov_attendance').select('gov_attendance.meeting_id').where('gov_attendance.meeting_id', '=', m.id).executeTakeFirst();
        if (marked) throw fieldError('date', 'GOV_MEETING_DATE_LOCKED');
      }
      await ctx.db
        .updateTable('gov_meeting')
        .set({
          ...(b.title !== undefined ? { title: b.title } : {}),
          ...(b.date !== undefined ? { date: b.date } : {}),
          ...(b.place !== undefined ? { place: b.place } : {}),
          ...(b.chair !== undefined ? { chair: b.chair } : {}),
          ...(b.recorder !== undefined ? { recorder: b.recorder } : {}),
          ...(b.minutes !== undefined ? { minutes: b.minutes } : {}),
          updated_at: ctx.now.toISOString(),
        })
        .where('gov_meeting.id', '=', m.id)
        .execute();
      await ctx.audit({ action: 'governance.update-meeting', entityType: 'gov_meeting', entityId: m.id, before: { title: m.title, date: m.date, minutes: m.minutes }, after: b });
      return { id: m.id };
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/meetings/:id/attendance`,
    summary: '签到 Mark representatives present or absent; only representatives in office that day have a seat. Answers the computed quorum',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: AttendanceInput, response: QuorumSchema },
    async handler(ctx) {
      const q = await setAttendance(cmd(ctx), ctx.params.id, ctx.body.marks);
      await ctx.audit({ action: 'governance.attendance', entityType: 'gov_meeting', entityId: ctx.params.id, after: { marks: ctx.body.marks.length, present: q.present, quorum: q.met } });
      return q;
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/meetings/:id/agenda`,
    summary: '列入议程 Put a submitted (or earlier deferred) proposal on the meeting’s agenda',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: AgendaInput, response: Created },
    async handler(ctx) {
      const change = await addToAgenda(cmd(ctx), ctx.params.id, ctx.body.proposalId);
      await ctx.audit({ action: 'governance.agenda-add', entityType: 'gov_proposal', entityId: ctx.body.proposalId, ...change });
      return { id: ctx.body.proposalId };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/meetings/:id/agenda/:proposalId/remove`,
    summary: '撤出议程 Take an undecided proposal off the agenda (its votes at this meeting are dropped)',
    tags,
    permission: 'governance.manage',
    schema: { params: CId.extend({ proposalId: z.string() }), response: Created },
    async handler(ctx) {
      const change = await removeFromAgenda(cmd(ctx), ctx.params.id, ctx.params.proposalId);
      await ctx.audit({ action: 'governance.agenda-remove', entityType: 'gov_proposal', entityId: ctx.params.proposalId, ...change });
      return { id: ctx.params.proposalId };
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/meetings/:id/proposals/:proposalId/votes`,
    summary: '登记表决 Record each present representative’s vote (for / against / abstain; null clears). Answers the computed tally',
    tags,
    permission: 'governance.manage',
    schema: { params: CId.extend({ proposalId: z.string() }), body: z.object({ votes: z.array(z.object({ representativeId: z.string(), choice: z.enum(['for', 'against', 'abstain']).nullable() })).max(500) }), response: TallySchema },
    async handler(ctx) {
      const t = await recordVotes(cmd(ctx), ctx.params.id, ctx.params.proposalId, ctx.body.votes);
      await ctx.audit({ action: 'governance.votes', entityType: 'gov_proposal', entityId: ctx.params.proposalId, after: { meetingId: ctx.params.id, for: t.for, against: t.against, abstain: t.abstain } });
      return t;
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/meetings/:id/proposals/:proposalId/decide`,
    summary: '宣布结果 Count the votes (quorum required; a major matter needs two-thirds of those present) — or defer — and, when passed, number the resolution',
    tags,
    permission: 'governance.manage',
    schema: {
      params: CId.extend({ proposalId: z.string() }),
      body: DecideInput,
      response: z.object({ state: z.enum(['passed', 'rejected', 'deferred']), tally: TallySchema.nullable(), resolution: z.object({ id: z.string(), number: z.string() }).nullable() }),
    },
    async handler(ctx) {
      const out = await decide(cmd(ctx), ctx.params.id, ctx.params.proposalId, ctx.body);
      await ctx.audit({ action: 'governance.decide', entityType: 'gov_proposal', entityId: ctx.params.proposalId, after: { meetingId: ctx.params.id, state: out.state, resolution: out.resolution?.number ?? null } });
      return out;
    },
  }),

  // ---------------- proposals ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/proposals`,
    summary:
      '议题 Proposals, newest change first, filtered by state, words, source or channel, with the count in each state. from/to: a period (both days included) applied to the day submitted (by=submitted, the default; drafts left out) or decided (by=decided)',
    tags,
    permission: 'governance.read',
    schema: { params: C, querystring: ProposalQuery, response: ProposalPage },
    async handler(ctx) {
      checkPeriod(ctx.query);
      const out = await listProposals(ctx.db, ctx.query);
      return { ...out, page: ctx.query.page, pageSize: ctx.query.pageSize };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/proposals/export.xlsx`,
    summary: '导出议题及表决结果 The proposals the list shows (same filters and period), with state, meeting, votes and resolution number, as Excel',
    tags,
    permission: 'governance.read',
    schema: { params: C, querystring: ProposalQuery },
    async handler(ctx) {
      checkPeriod(ctx.query);
      const s = await settingsOf(ctx);
      const rows = [];
      for (const p of await allProposals(ctx.db, ctx.query)) rows.push({ ...p, tally: await proposalTally(ctx.db, p, s.quorumPercent, p.id) });
      return exportProposals(rows, ctx.lang, ctx.community.name, ctx.query);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/proposals`,
    summary: '提交议题 Enter a proposal: staff’s own, or for a resident (assisted: recorded as entered on their behalf); submit=false keeps a draft',
    tags,
    permission: 'governance.manage',
    schema: { params: C, body: ProposalInput, response: z.object({ id: z.string(), trackingCode: z.string() }) },
    async handler(ctx) {
      const { assisted, submit, ...fields } = ctx.body;
      const channel = assisted ? 'assisted' : 'staff';
      const out = await createProposal(cmd(ctx), { ...fields, channel, submit: submit ?? true }, keyring(ctx));
      await ctx.audit({ action: assisted ? 'governance.proposal-assisted' : 'governance.add-proposal', entityType: 'gov_proposal', entityId: out.id, after: { ...fields, channel } });
      return out;
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/proposals/:id`,
    summary: '议题详情 A proposal with its remarks, attachments, tally, resolution and notices',
    tags,
    permission: 'governance.read',
    schema: { params: CId, response: ProposalDetailSchema },
    handler: (ctx) => proposalDetail(ctx, ctx.params.id),
  }),
  communityRoute({
    method: 'PATCH',
    url: `${P}/proposals/:id`,
    summary: '修改议题 Change a draft or submitted proposal (not once it is on an agenda)',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: ProposalUpdateInput, response: Created },
    async handler(ctx) {
      const change = await updateProposal(cmd(ctx), ctx.params.id, ctx.body);
      await ctx.audit({ action: 'governance.update-proposal', entityType: 'gov_proposal', entityId: ctx.params.id, ...change });
      return { id: ctx.params.id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/proposals/:id/submit`,
    summary: '提交草稿 Submit a draft proposal',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, response: Created },
    async handler(ctx) {
      await submitProposal(cmd(ctx), ctx.params.id);
      await ctx.audit({ action: 'governance.submit-proposal', entityType: 'gov_proposal', entityId: ctx.params.id, before: { state: 'draft' }, after: { state: 'submitted' } });
      return { id: ctx.params.id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/proposals/:id/comments`,
    summary: '审议意见 Record a remark made on the proposal during deliberation',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: CommentInput, response: Created },
    async handler(ctx) {
      const p = await loadProposal(ctx.db, ctx.params.id);
      if (!p) throw notFound();
      const id = uuidv7();
      await ctx.db
        .insertInto('gov_proposal_comment', [{ id, proposal_id: p.id, author: ctx.body.author, body: ctx.body.body, created_by: ctx.actor.userId, created_at: ctx.now.toISOString() }])
        .execute();
      await ctx.audit({ action: 'governance.comment', entityType: 'gov_proposal', entityId: p.id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/proposals/:id/files`,
    summary: '上传附件 Attach a file (plan, quote, photo; up to 10 MB) to a proposal',
    tags,
    permission: 'governance.manage',
    upload: true,
    schema: { params: CId, response: FileSchema },
    async handler(ctx) {
      const p = await loadProposal(ctx.db, ctx.params.id);
      if (!p) throw notFound();
      const f = await saveFile(ctx);
      await ctx.db.insertInto('gov_proposal_file', [{ proposal_id: p.id, file_id: f.id }]).execute();
      await ctx.audit({ action: 'governance.attach', entityType: 'gov_proposal', entityId: p.id, after: { filename: f.filename, size: f.size } });
      return { ...f, createdAt: ctx.now.toISOString() };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/proposals/:id/files/:fileId`,
    summary: '下载附件 Download a proposal’s attachment',
    tags,
    permission: 'governance.read',
    schema: { params: CId.extend({ fileId: z.string() }) },
    async handler(ctx) {
      const link = await ctx.db
        .selectFrom('gov_proposal_file')
        .select('gov_proposal_file.file_id')
        .where('gov_proposal_file.proposal_id', '=', ctx.params.id)
        .where('gov_proposal_file.file_id', '=', ctx.params.fileId)
        .executeTakeFirst();
      const f = link ? await loadFile(ctx.db, link.file_id) : null;
      if (!f) throw notFound();
      return f;
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/resolutions`,
    summary: '决议 Resolutions, newest first, with their tally and whether they have been noticed',
    tags,
    permission: 'governance.read',
    schema: { params: C, response: z.array(ResolutionSchema) },
    async handler(ctx) {
      return listResolutions(ctx.db, (await settingsOf(ctx)).quorumPercent);
    },
  }),

  // ---------------- public notices ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/notices`,
    summary:
      '公示 Notices, newest first, by phase (draft, scheduled, open, expired, closed) with objection counts; from/to: put up (first day) within the period, both days included; outcome; resolution=1: of a resolution; objections=1: with objections',
    tags,
    permission: 'governance.read',
    schema: { params: C, querystring: NoticeQuery, response: NoticePage },
    async handler(ctx) {
      checkPeriod(ctx.query);
      const out = await listNotices(ctx.db, chinaDate(ctx.now), ctx.query);
      return { ...out, page: ctx.query.page, pageSize: ctx.query.pageSize };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/notices/export.xlsx`,
    summary: '导出公示 The notices the list shows (same filters and period) with their period, outcome and objections, as Excel',
    tags,
    permission: 'governance.read',
    schema: { params: C, querystring: NoticeQuery },
    async handler(ctx) {
      checkPeriod(ctx.query);
      const today = chinaDate(ctx.now);
      const { items } = await listNotices(ctx.db, today, { ...ctx.query, page: 1, pageSize: 100_000 });
      const objections = await ctx.db.selectFrom('gov_notice_objection').select(['gov_notice_objection.notice_id', 'gov_notice_objection.content', 'gov_notice_objection.answer']).orderBy('gov_notice_objection.received_at').execute();
      return exportNotices(items, objections, ctx.lang, ctx.community.name, ctx.query);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/notices`,
    summary: '起草公示 Draft a notice (a resolution, project, budget, honour or list): 7 calendar days by default, or the 20-working-day rule',
    tags,
    permission: 'governance.manage',
    schema: { params: C, body: NoticeInput, response: Created },
    async handler(ctx) {
      const out = await createNotice(cmd(ctx), ctx.body);
      await ctx.audit({ action: 'governance.add-notice', entityType: 'gov_public_notice', entityId: out.id, after: ctx.body });
      return out;
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/notices/:id`,
    summary: '公示详情 A notice with its objections (phones masked) and answers',
    tags,
    permission: 'governance.read',
    schema: { params: CId, response: NoticeDetailSchema },
    async handler(ctx) {
      const n = await noticeDetail(ctx.db, ctx.params.id, chinaDate(ctx.now), ctx.community.name, keyring(ctx));
      if (!n) throw notFound();
      return n;
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/notices/:id`,
    summary: '修改公示草稿 Change a notice before it is published',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: NoticeInput, response: Created },
    async handler(ctx) {
      const change = await updateNotice(cmd(ctx), ctx.params.id, ctx.body);
      await ctx.audit({ action: 'governance.update-notice', entityType: 'gov_public_notice', entityId: ctx.params.id, ...change });
      return { id: ctx.params.id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/notices/:id/publish`,
    summary: '发布公示 Put a notice up from today (or a later day); its last day is computed from its rule',
    tags,
    permission: 'governance.publish',
    schema: { params: CId, body: PublishInput, response: z.object({ startDate: z.string(), endDate: z.string() }) },
    async handler(ctx) {
      const out = await publishNotice(cmd(ctx), ctx.params.id, ctx.body.startDate);
      await ctx.audit({ action: 'governance.publish-notice', entityType: 'gov_public_notice', entityId: ctx.params.id, before: { status: 'draft' }, after: { status: 'published', ...out } });
      return out;
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/notices/:id/objections`,
    summary: '登记异议 Record an objection brought to the desk or by phone while the notice is up',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: ObjectionInput, response: Created },
    async handler(ctx) {
      const out = await addObjection(cmd(ctx), keyring(ctx), ctx.params.id, ctx.body, 'desk');
      await ctx.audit({ action: 'governance.objection', entityType: 'gov_notice_objection', entityId: out.id, after: { noticeId: ctx.params.id, name: ctx.body.name, content: ctx.body.content, phone: ctx.body.phone ?? null } });
      return out;
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/notices/:id/objections/:objectionId/answer`,
    summary: '答复异议 Answer an objection; the answer shows on the public notice',
    tags,
    permission: 'governance.manage',
    schema: { params: CId.extend({ objectionId: z.string() }), body: AnswerInput, response: Created },
    async handler(ctx) {
      const change = await answerObjection(cmd(ctx), ctx.params.id, ctx.params.objectionId, ctx.body.answer);
      await ctx.audit({ action: 'governance.answer-objection', entityType: 'gov_notice_objection', entityId: ctx.params.objectionId, ...change });
      return { id: ctx.params.objectionId };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/notices/:id/close`,
    summary: '结束公示 Close a notice whose period is over: 无异议, or 有异议已处理 once every objection is answered',
    tags,
    permission: 'governance.publish',
    schema: { params: CId, response: z.object({ outcome: z.enum(['no_objection', 'objections_handled']) }) },
    async handler(ctx) {
      const out = await closeNotice(cmd(ctx), ctx.params.id);
      await ctx.audit({ action: 'governance.close-notice', entityType: 'gov_public_notice', entityId: ctx.params.id, before: { status: 'published' }, after: { status: 'closed', ...out } });
      return out;
    },
  }),

  // ---------------- self-governance groups ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/groups`,
    summary: '自治组织 Self-governance groups, owners’ assembly preparation groups and each compound’s trinity, with members and meetings',
    tags,
    permission: 'governance.read',
    schema: { params: C, response: z.array(GroupSchema) },
    handler: (ctx) => listGroups(ctx.db, keyring(ctx)),
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/groups`,
    summary: '成立自治组织 Set up a self-governance group, a preparation group or a compound’s trinity',
    tags,
    permission: 'governance.manage',
    schema: { params: C, body: GroupInput, response: Created },
    async handler(ctx) {
      if (ctx.body.compoundId) {
        const c = await ctx.db.selectFrom('compound').select('compound.id').where('compound.id', '=', ctx.body.compoundId).executeTakeFirst();
        if (!c) throw fieldError('compoundId', 'GOV_COMPOUND_UNKNOWN');
      } else if (ctx.body.kind === 'trinity') throw fieldError('compoundId', 'FIELD_REQUIRED');
      const taken = await ctx.db.selectFrom('gov_group').select('gov_group.id').where('gov_group.name', '=', ctx.body.name).executeTakeFirst();
      if (taken) throw fieldError('name', 'GOV_NAME_TAKEN', { name: ctx.body.name });
      const id = uuidv7();
      await ctx.db
        .insertInto('gov_group', [
          { id, kind: ctx.body.kind, name: ctx.body.name, compound_id: ctx.body.compoundId ?? null, purpose: ctx.body.purpose ?? null, founded_on: ctx.body.foundedOn ?? null, created_at: ctx.now.toISOString() },
        ])
        .execute();
      await ctx.audit({ action: 'governance.add-group', entityType: 'gov_group', entityId: id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/groups/:id/members`,
    summary: '组织成员 Add a member (and the side they stand for) to a group',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: GroupMemberInput, response: Created },
    async handler(ctx) {
      const g = await ctx.db.selectFrom('gov_group').select('gov_group.id').where('gov_group.id', '=', ctx.params.id).executeTakeFirst();
      if (!g) throw notFound();
      if (ctx.body.residentId) {
        const r = await ctx.db.selectFrom('resident').select('resident.id').where('resident.id', '=', ctx.body.residentId).executeTakeFirst();
        if (!r) throw fieldError('residentId', 'GOV_RESIDENT_UNKNOWN');
      }
      const id = uuidv7();
      await ctx.db
        .insertInto('gov_group_member', [
          { id, group_id: g.id, name: ctx.body.name, role: ctx.body.role, organisation: ctx.body.organisation ?? null, resident_id: ctx.body.residentId ?? null, ...sealPhone(ctx.body.phone, keyring(ctx)), sort: 99 },
        ])
        .execute();
      await ctx.audit({ action: 'governance.add-group-member', entityType: 'gov_group', entityId: g.id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/groups/:id/meetings`,
    summary: '组织活动 Record a meeting of a group and what it decided',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: GroupMeetingInput, response: Created },
    async handler(ctx) {
      const g = await ctx.db.selectFrom('gov_group').select('gov_group.id').where('gov_group.id', '=', ctx.params.id).executeTakeFirst();
      if (!g) throw notFound();
      const id = uuidv7();
      await ctx.db
        .insertInto('gov_group_meeting', [{ id, group_id: g.id, date: ctx.body.date, topic: ctx.body.topic, decisions: ctx.body.decisions ?? null, created_at: ctx.now.toISOString() }])
        .execute();
      await ctx.audit({ action: 'governance.add-group-meeting', entityType: 'gov_group', entityId: g.id, after: ctx.body });
      return { id };
    },
  }),

  // ---------------- partner units ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/partners`,
    summary:
      '共建单位 Partner units with their liaison, agreement, the year’s plan, what they shared that year and joint meetings attended; from/to: what they shared and the meetings within the period (both days included) instead of a year',
    tags,
    permission: 'governance.read',
    schema: { params: C, querystring: PartnerQuery, response: z.array(PartnerSchema) },
    handler: (ctx) => listPartners(ctx.db, keyring(ctx), partnerWindow(ctx, ctx.query)),
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/partners/export.xlsx`,
    summary: '导出共建单位 Partner units and their contributions of a year or a period, as Excel',
    tags,
    permission: 'governance.read',
    schema: { params: C, querystring: PartnerQuery },
    async handler(ctx) {
      const w = partnerWindow(ctx, ctx.query);
      return exportPartners(await listPartners(ctx.db, keyring(ctx), w), ctx.lang, ctx.community.name, ctx.query.from || ctx.query.to ? w : { year: w.year });
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/partners`,
    summary: '新增共建单位 Add a partner unit with its liaison and agreement term',
    tags,
    permission: 'governance.manage',
    schema: { params: C, body: PartnerInput, response: Created },
    async handler(ctx) {
      const b = ctx.body;
      const taken = await ctx.db.selectFrom('gov_partner_unit').select('gov_partner_unit.id').where('gov_partner_unit.name', '=', b.name).executeTakeFirst();
      if (taken) throw fieldError('name', 'GOV_NAME_TAKEN', { name: b.name });
      if (b.agreementStart && b.agreementEnd && b.agreementEnd < b.agreementStart) throw fieldError('agreementEnd', 'GOV_TERM_ORDER');
      const id = uuidv7();
      const at = ctx.now.toISOString();
      const phone = sealPhone(b.liaisonPhone, keyring(ctx));
      await ctx.db
        .insertInto('gov_partner_unit', [
          {
            id,
            name: b.name,
            kind: b.kind,
            liaison_name: b.liaisonName,
            liaison_title: b.liaisonTitle ?? null,
            liaison_phone_enc: phone.phone_enc,
            liaison_phone_hash: phone.phone_hash,
            liaison_phone_tail: phone.phone_tail,
            joined_on: b.joinedOn,
            agreement_start: b.agreementStart ?? null,
            agreement_end: b.agreementEnd ?? null,
            agreement_file_id: null,
            left_on: b.leftOn ?? null,
            created_at: at,
            updated_at: at,
          },
        ])
        .execute();
      await ctx.audit({ action: 'governance.add-partner', entityType: 'gov_partner_unit', entityId: id, after: b });
      return { id };
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/partners/:id`,
    summary: '修改共建单位 Change a unit’s liaison, agreement term, or record that it left',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: PartnerInput, response: Created },
    async handler(ctx) {
      const u = await ctx.db.selectFrom('gov_partner_unit').selectAll().where('gov_partner_unit.id', '=', ctx.params.id).executeTakeFirst();
      if (!u) throw notFound();
      const b = ctx.body;
      const taken = await ctx.db.selectFrom('gov_partner_unit').select('gov_partner_unit.id').where('gov_partner_unit.name', '=', b.name).where('gov_partner_unit.id', '!=', u.id).executeTakeFirst();
      if (taken) throw fieldError('name', 'GOV_NAME_TAKEN', { name: b.name });
      // what is left out stays as it was (the liaison's phone, never shown in full, among it); null clears
      const agreementStart = b.agreementStart !== undefined ? b.agreementStart : u.agreement_start;
      const agreementEnd = b.agreementEnd !== undefined ? b.agreementEnd : u.agreement_end;
      if (agreementStart && agreementEnd && agreementEnd < agreementStart) throw fieldError('agreementEnd', 'GOV_TERM_ORDER');
      const phone = b.liaisonPhone !== undefined ? sealPhone(b.liaisonPhone, keyring(ctx)) : null;
      await ctx.db
        .updateTable('gov_partner_unit')
        .set({
          name: b.name,
          kind: b.kind,
          liaison_name: b.liaisonName,
          ...(b.liaisonTitle !== undefined ? { liaison_title: b.liaisonTitle } : {}),
          ...(phone ? { liaison_phone_enc: phone.phone_enc, liaison_phone_hash: phone.phone_hash, liaison_phone_tail: phone.phone_tail } : {}),
          joined_on: b.joinedOn,
          agreement_start: agreementStart,
          agreement_end: agreementEnd,
          ...(b.leftOn !== undefined ? { left_on: b.leftOn } : {}),
          updated_at: ctx.now.toISOString(),
        })
        .where('gov_partner_unit.id', '=', u.id)
        .execute();
      await ctx.audit({ action: 'governance.update-partner', entityType: 'gov_partner_unit', entityId: u.id, before: { name: u.name, liaison: u.liaison_name, leftOn: u.left_on }, after: b });
      return { id: u.id };
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/partners/:id/plan`,
    summary: '年度工作计划 Set a unit’s work plan for a year',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: PlanInput, response: Created },
    async handler(ctx) {
      const u = await ctx.db.selectFrom('gov_partner_unit').select('gov_partner_unit.id').where('gov_partner_unit.id', '=', ctx.params.id).executeTakeFirst();
      if (!u) throw notFound();
      const old = await ctx.db.selectFrom('gov_partner_plan').selectAll().where('gov_partner_plan.unit_id', '=', u.id).where('gov_partner_plan.year', '=', ctx.body.year).executeTakeFirst();
      if (old) await ctx.db.updateTable('gov_partner_plan').set({ content: ctx.body.content }).where('gov_partner_plan.id', '=', old.id).execute();
      else await ctx.db.insertInto('gov_partner_plan', [{ id: uuidv7(), unit_id: u.id, year: ctx.body.year, content: ctx.body.content, created_at: ctx.now.toISOString() }]).execute();
      await ctx.audit({ action: 'governance.partner-plan', entityType: 'gov_partner_unit', entityId: u.id, before: old ? { content: old.content } : null, after: ctx.body });
      return { id: u.id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/partners/:id/resources`,
    summary: '共享资源 Record what a unit shared: a room, volunteers, money, materials',
    tags,
    permission: 'governance.manage',
    schema: { params: CId, body: ResourceInput, response: Created },
    async handler(ctx) {
      const u = await ctx.db.selectFrom('gov_partner_unit').select('gov_partner_unit.id').where('gov_partner_unit.id', '=', ctx.params.id).executeTakeFirst();
      if (!u) throw notFound();
      const id = uuidv7();
      await ctx.db
        .insertInto('gov_partner_resource', [{ id, unit_id: u.id, kind: ctx.body.kind, description: ctx.body.description, amount: ctx.body.amount ?? null, date: ctx.body.date, created_at: ctx.now.toISOString() }])
        .execute();
      await ctx.audit({ action: 'governance.partner-resource', entityType: 'gov_partner_unit', entityId: u.id, after: ctx.body });
      return { id };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/partners/:id/agreement`,
    summary: '上传共建协议 Upload the signed co-building agreement (replaces the earlier file)',
    tags,
    permission: 'governance.manage',
    upload: true,
    schema: { params: CId, response: FileSchema },
    async handler(ctx) {
      const u = await ctx.db.selectFrom('gov_partner_unit').select(['gov_partner_unit.id', 'gov_partner_unit.agreement_file_id']).where('gov_partner_unit.id', '=', ctx.params.id).executeTakeFirst();
      if (!u) throw notFound();
      const f = await saveFile(ctx);
      await ctx.db.updateTable('gov_partner_unit').set({ agreement_file_id: f.id, updated_at: ctx.now.toISOString() }).where('gov_partner_unit.id', '=', u.id).execute();
      await ctx.audit({ action: 'governance.partner-agreement', entityType: 'gov_partner_unit', entityId: u.id, before: { fileId: u.agreement_file_id }, after: { filename: f.filename, size: f.size } });
      return { ...f, createdAt: ctx.now.toISOString() };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/partners/:id/files/:fileId`,
    summary: '下载共建协议 Download a unit’s agreement',
    tags,
    permission: 'governance.read',
    schema: { params: PartnerFileParams },
    async handler(ctx) {
      const u = await ctx.db.selectFrom('gov_partner_unit').select('gov_partner_unit.agreement_file_id').where('gov_partner_unit.id', '=', ctx.params.id).executeTakeFirst();
      const f = u && u.agreement_file_id === ctx.params.fileId ? await loadFile(ctx.db, ctx.params.fileId) : null;
      if (!f) throw notFound();
      return f;
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/joint-meetings`,
    summary: '共建联席会议 Joint meetings of the partner units, newest first, with who came and what was decided; from/to: dated within the period (both days included)',
    tags,
    permission: 'governance.read',
    schema: { params: C, querystring: JointMeetingQuery, response: z.array(JointMeetingSchema) },
    handler: async (ctx) => {
      checkPeriod(ctx.query);
      return listJointMeetings(ctx.db, ctx.query);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/joint-meetings`,
    summary: '记录联席会议 Record a joint meeting; the units must be this community’s',
    tags,
    permission: 'governance.manage',
    schema: { params: C, body: JointMeetingInput, response: Created },
    async handler(ctx) {
      const ids = [...new Set(ctx.body.unitIds)];
      const known = ids.length ? await ctx.db.selectFrom('gov_partner_unit').select('gov_partner_unit.id').where('gov_partner_unit.id', 'in', ids).execute() : [];
      const knownIds = new Set(known.map((k) => k.id));
      const bad = ctx.body.unitIds.findIndex((u) => !knownIds.has(u));
      if (bad >= 0) throw fieldError(`unitIds.${bad}`, 'GOV_UNIT_UNKNOWN');
      const id = uuidv7();
      await ctx.db
        .insertInto('gov_joint_meeting', [{ id, date: ctx.body.date, place: ctx.body.place ?? null, topic: ctx.body.topic, decisions: ctx.body.decisions ?? null, created_at: ctx.now.toISOString() }])
        .execute();
      if (ids.length) await ctx.db.insertInto('gov_joint_meeting_unit', ids.map((u) => ({ meeting_id: id, unit_id: u }))).execute();
      await ctx.audit({ action: 'governance.add-joint-meeting', entityType: 'gov_joint_meeting', entityId: id, after: ctx.body });
      return { id };
    },
  }),

  // ---------------- the work report ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/report`,
    summary: '工作汇报·居民自治 The self-governance figures and notable resolutions of a period, computed from the records',
    tags,
    permission: 'governance.read',
    schema: { params: C, querystring: PeriodQuery, response: ReportSchema },
    handler: (ctx) => governanceFigures(ctx.db, ctx.query.from, ctx.query.to),
  }),

  ...publicRoutes,
];
