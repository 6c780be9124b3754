import { z } from 'zod';
import { scopedDb } from '../../core/access';
import { hit } from '../../core/auth/rate-limit';
import { AppError, notFound } from '../../core/errors';
import { publicRoute } from '../../core/http/route';
import { chinaDate, keyringFor } from '../registry';
import { addObjection, createProposal, type Cmd } from './commands';
import { listNotices, noticePhase } from './queries';
import { Created, PublicBoardSchema, PublicObjectionInput, PublicProposalInput, PublicNoticeSchema, TrackingSchema, type PublicNotice } from './schema';
import type { Kysely } from 'kysely';
import type { Database } from '../../core/db/schema';
import './tables';

/**
 * The community's public notice board: the one place strangers reach its self-governance records.
 * Reached by a random token the community publishes (and can replace or switch off). It shows the
 * notices that are up or recently closed, with objections and answers but never who objected; it
 * takes objections during a notice's period and proposals from residents, each limited per address.
 */

const tags = ['governance'];
/** objections and proposals a visitor may send per hour from one address */
export const PUBLIC_POSTS_PER_HOUR = 5;
/** how long a closed notice stays readable on the public board */
const KEEP_CLOSED_DAYS = 90;
const Token = z.object({ token: z.string().max(64) });

async function openBoard(raw: Kysely<Database>, token: string) {
  // found through the token's own unique index
  const b = await raw
    .selectFrom('gov_settings')
    .innerJoin('community', 'community.id', 'gov_settings.community_id')
    .select(['gov_settings.community_id', 'gov_settings.board_enabled', 'gov_settings.seal_name', 'community.name as communityName', 'community.sub_district_id'])
    .where('gov_settings.board_token', '=', token)
    .executeTakeFirst();
  if (!b || b.board_enabled !== 1) throw notFound();
  return { ...b, db: scopedDb(raw, b.community_id) };
}

async function publicNotice(db: ReturnType<typeof scopedDb>, id: string, today: string): Promise<PublicNotice | null> {
  const n = await db
    .selectFrom('gov_public_notice')
    .leftJoin('gov_resolution', (j) => j.onRef('gov_resolution.community_id', '=', 'gov_public_notice.community_id').onRef('gov_resolution.id', '=', 'gov_public_notice.resolution_id'))
    .selectAll('gov_public_notice')
    .select('gov_resolution.number as resolutionNumber')
    .where('gov_public_notice.id', '=', id)
    .where('gov_public_notice.status', '!=', 'draft')
    .executeTakeFirst();
  if (!n || !n.start_date || !n.end_date) return null;
  const phase = noticePhase(n, today);
  // not before its first day; a closed one only for a while
  if (phase === 'scheduled') return null;
  const objections = await db
    .selectFrom('gov_notice_objection')
    .select(['gov_notice_objection.id', 'gov_notice_objection.content', 'gov_notice_objection.received_at', 'gov_notice_objection.answer'])
    .where('gov_notice_objection.notice_id', '=', n.id)
    .orderBy('gov_notice_objection.received_at')
    .execute();
  return {
    id: n.id,
    kind: n.kind as PublicNotice['kind'],
    title: n.title,
    body: n.body,
    resolutionNumber: n.resolutionNumber,
    startDate: n.start_date,
    endDate: n.end_date,
    periodRule: n.period_rule as PublicNotice['periodRule'],
    periodLength: n.period_length,
    phase,
    outcome: n.outcome as PublicNotice['outcome'],
    sealName: n.seal_name,
    objections: objections.map((o) => ({ id: o.id, content: o.content, receivedAt: o.received_at, answer: o.answer })),
  };
}

const publicCmd = (board: Awaited<ReturnType<typeof openBoard>>, now: Date): Cmd => ({
  db: board.db,
  now,
  today: chinaDate(now),
  userId: null,
  community: { id: board.community_id, name: board.communityName },
});

export const publicRoutes = [
  publicRoute({
    method: 'GET',
    url: '/public/notice-boards/:token',
    summary: '公示栏 The community’s public notice board: notices up now and closed in the last 90 days, with answered objections (no names)',
    tags,
    schema: { params: Token, response: PublicBoardSchema },
    async handler(ctx) {
      const board = await openBoard(ctx.db, ctx.params.token);
      const today = chinaDate(ctx.now);
      const since = new Date(ctx.now.getTime() - KEEP_CLOSED_DAYS * 86_400_000).toISOString();
      const open = await listNotices(board.db, today, { phase: 'open', page: 1, pageSize: 50 });
      const expired = await listNotices(board.db, today, { phase: 'expired', page: 1, pageSize: 50 });
      const closed = await listNotices(board.db, today, { phase: 'closed', page: 1, pageSize: 50 });
      const notices: PublicNotice[] = [];
      for (const n of [...open.items, ...expired.items, ...closed.items.filter((c) => (c.closedAt ?? '') >= since)]) {
        const p = await publicNotice(board.db, n.id, today);
        if (p) notices.push(p);
      }
      return { community: board.communityName, sealName: board.seal_name, today, notices };
    },
  }),
  publicRoute({
    method: 'GET',
    url: '/public/notice-boards/:token/notices/:id',
    summary: '公示 One notice as it hangs on the board, with objections and answers (no names)',
    tags,
    schema: { params: Token.extend({ id: z.string().max(64) }), response: PublicNoticeSchema },
    async handler(ctx) {
      const board = await openBoard(ctx.db, ctx.params.token);
      const n = await publicNotice(board.db, ctx.params.id, chinaDate(ctx.now));
      if (!n) throw notFound();
      return n;
    },
  }),
  publicRoute({
    method: 'POST',
    url: '/public/notice-boards/:token/notices/:id/objections',
    summary: '提出异议 Object to a notice during its period; name and a way to reach you are asked so the committee can answer. Limited per address',
    tags,
    schema: { params: Token.extend({ id: z.string().max(64) }), body: PublicObjectionInput, response: Created },
    async handler(ctx) {
      const board = await openBoard(ctx.db, ctx.params.token);
      // counted in the request's transaction: a refused hit rolls back, so the count stays at the limit
      const hits = await hit(ctx.db, `gov-public:${ctx.req.ip}`, ctx.now, 3600);
      if (hits > PUBLIC_POSTS_PER_HOUR) throw new AppError(429, 'RATE_LIMITED');
      const out = await addObjection(publicCmd(board, ctx.now), keyringFor(ctx.services.config.dataDir), ctx.params.id, ctx.body, 'public_link');
      await ctx.audit({
        action: 'governance.public-objection',
        entityType: 'gov_notice_objection',
        entityId: out.id,
        communityId: board.community_id,
        subDistrictId: board.sub_district_id,
        after: { noticeId: ctx.params.id, name: ctx.body.name, content: ctx.body.content, phone: ctx.body.phone ?? null },
      });
      return out;
    },
  }),
  publicRoute({
    method: 'POST',
    url: '/public/notice-boards/:token/proposals',
    summary: '居民提议 A resident brings a matter to the assembly; answers the code to look up its state. Limited per address',
    tags,
    schema: { params: Token, body: PublicProposalInput, response: z.object({ trackingCode: z.string() }) },
    async handler(ctx) {
      const board = await openBoard(ctx.db, ctx.params.token);
      const hits = await hit(ctx.db, `gov-public:${ctx.req.ip}`, ctx.now, 3600);
      if (hits > PUBLIC_POSTS_PER_HOUR) throw new AppError(429, 'RATE_LIMITED');
      const b = ctx.body;
      const out = await createProposal(
        publicCmd(board, ctx.now),
        { title: b.title, background: b.background, source: 'resident', submitterName: b.name, phone: b.phone, address: b.address, channel: 'self', submit: true },
        keyringFor(ctx.services.config.dataDir),
      );
      await ctx.audit({
        action: 'governance.public-proposal',
        entityType: 'gov_proposal',
        entityId: out.id,
        communityId: board.community_id,
        subDistrictId: board.sub_district_id,
        after: { title: b.title, name: b.name, address: b.address ?? null, phone: b.phone ?? null },
      });
      return { trackingCode: out.trackingCode };
    },
  }),
  publicRoute({
    method: 'GET',
    url: '/public/notice-boards/:token/proposals/:code',
    summary: '查询议题进度 A proposal’s state by the code its submitter was given',
    tags,
    schema: { params: Token.extend({ code: z.string().trim().toUpperCase().max(16) }), response: TrackingSchema },
    async handler(ctx) {
      const board = await openBoard(ctx.db, ctx.params.token);
      const p = await board.db
        .selectFrom('gov_proposal')
        .leftJoin('gov_meeting', (j) => j.onRef('gov_meeting.community_id', '=', 'gov_proposal.community_id').onRef('gov_meeting.id', '=', 'gov_proposal.meeting_id'))
        .leftJoin('gov_resolution', (j) => j.onRef('gov_resolution.community_id', '=', 'gov_proposal.community_id').onRef('gov_resolution.proposal_id', '=', 'gov_proposal.id'))
        .select(['gov_proposal.tracking_code', 'gov_proposal.title', 'gov_proposal.state', 'gov_proposal.created_at', 'gov_meeting.title as meetingTitle', 'gov_meeting.date as meetingDate', 'gov_resolution.number as resolutionNumber'])
        .where('gov_proposal.tracking_code', '=', ctx.params.code)
        .executeTakeFirst();
      if (!p) throw notFound();
      return {
        trackingCode: p.tracking_code,
        title: p.title,
        state: p.state as 'submitted',
        submittedAt: p.created_at,
        meetingTitle: p.meetingTitle,
        meetingDate: p.meetingDate,
        resolutionNumber: p.resolutionNumber,
      };
    },
  }),
];
