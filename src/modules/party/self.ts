import crypto from 'node:crypto';
import { z } from 'zod';
import { AppError, fieldError, notFound } from '../../core/errors';
import { communityRoute } from '../../core/http/route';
import { hashPassword, passwordProblem } from '../../core/auth/password';
import { endUserSessions } from '../../core/auth/session';
import { insertUser } from '../../core/users/commands';
import { defineMessages } from '../../core/i18n';
import { deleteFile, loadFile, readUpload, storeFile } from '../../core/files/store';
import type { ScopedDb } from '../../core/access';
import { chinaDate } from '../registry';
import { loadPledges } from './queries';
import { FeedbackSchema, HideFeedbackInput, MemberSelfSchema, MEMBER_KINDS, MEMBER_STATUSES } from './schema';

defineMessages({
  PARTY_NOT_LINKED: {
    zh: '您的账号还没有关联党员档案，请联系社区党支部',
    en: 'Your account is not linked to a member record yet; ask the branch',
  },
  PARTY_ACCOUNT_EXISTS: { zh: '这位党员已经有账号：{username}', en: 'This member already has an account: {username}' },
  PARTY_MEMBER_LEFT: { zh: '这位党员已转出，不能再开账号', en: 'This member has left the branch' },
});

const C = z.object({ communityId: z.string() });
const CId = C.extend({ id: z.string() });
const tags = ['party'];
const P = '/communities/:communityId/party';

const AccountSchema = z.object({ username: z.string(), disabled: z.boolean(), lastLoginAt: z.string().nullable() }).nullable();
const AccountInput = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{3,32}$/, 'username'),
  /** unset: a random initial password, shown once */
  password: z.string().min(1).max(200).optional(),
});

/** A readable initial password the office can write on a slip for an elderly member: no 0/O, 1/l. */
function initialPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(10);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('').replace(/^(.{5})/, '$1-');
}

async function memberOf(db: ScopedDb, userId: string) {
  const m = await db
    .selectFrom('party_member')
    .leftJoin('party_group', (j) => j.onRef('party_group.community_id', '=', 'party_member.community_id').onRef('party_group.id', '=', 'party_member.group_id'))
    .select(['party_member.id', 'party_member.name', 'party_member.kind', 'party_member.status', 'party_member.joined_date', 'party_member.left_date', 'party_group.name as groupName'])
    .where('party_member.user_id', '=', userId)
    .executeTakeFirst();
  if (!m) throw new AppError(404, 'PARTY_NOT_LINKED');
  return m;
}

async function accountOf(db: ScopedDb, memberId: string) {
  const m = await db.selectFrom('party_member').select(['party_member.id', 'party_member.user_id', 'party_member.name', 'party_member.left_date']).where('party_member.id', '=', memberId).executeTakeFirst();
  if (!m) throw notFound();
  return m;
}

/**
 * What a member sees of themselves, signed in on their phone (role 居民/党员本人): their pledges with
 * progress and residents' feedback, their attendance by year, the newsletter copies brought to them.
 */
export const selfRoutes = [
  communityRoute({
    method: 'GET',
    url: `${P}/me`,
    summary: '我的党员档案 The signed-in member’s own pledges, attendance and newsletter copies',
    tags,
    permission: 'party.self',
    schema: { params: C, response: MemberSelfSchema },
    async handler(ctx) {
      const m = await memberOf(ctx.db, ctx.actor.userId);
      const pledges = await loadPledges(ctx.db, { memberId: m.id });
      const attendance = await ctx.db
        .selectFrom('party_attendance')
        .innerJoin('party_activity', (j) => j.onRef('party_activity.community_id', '=', 'party_attendance.community_id').onRef('party_activity.id', '=', 'party_attendance.activity_id'))
        .select(['party_activity.id', 'party_activity.date', 'party_activity.topic', 'party_activity.kind', 'party_attendance.present', 'party_attendance.reason'])
        .where('party_attendance.member_id', '=', m.id)
        .orderBy('party_activity.date', 'desc')
        .execute();
      const byYear = new Map<number, { year: number; sessions: number; present: number }>();
      for (const a of attendance) {
        const y = Number(a.date.slice(0, 4));
        const t = byYear.get(y) ?? { year: y, sessions: 0, present: 0 };
        t.sessions++;
        if (a.present === 1) t.present++;
        byYear.set(y, t);
      }
      const feedback = pledges.length
        ? await ctx.db
            .selectFrom('pledge_feedback')
            .select(['pledge_feedback.id', 'pledge_feedback.pledge_id', 'pledge_feedback.comment', 'pledge_feedback.rating', 'pledge_feedback.answer', 'pledge_feedback.created_at'])
            .where(
              'pledge_feedback.pledge_id',
              'in',
              pledges.map((p) => p.id),
            )
            // what residents see on the board is what the member sees
            .where('pledge_feedback.hidden_at', 'is', null)
            .orderBy('pledge_feedback.created_at', 'desc')
            .execute()
        : [];
      const copies = await ctx.db
        .selectFrom('newsletter_delivery')
        .innerJoin('newsletter_issue', (j) => j.onRef('newsletter_issue.community_id', '=', 'newsletter_delivery.community_id').onRef('newsletter_issue.id', '=', 'newsletter_delivery.issue_id'))
        .select(['newsletter_issue.id', 'newsletter_issue.number', 'newsletter_issue.title', 'newsletter_issue.date', 'newsletter_issue.file_id', 'newsletter_delivery.delivered_at', 'newsletter_delivery.confirmed'])
        .where('newsletter_delivery.member_id', '=', m.id)
        .orderBy('newsletter_issue.date', 'desc')
        .execute();
      const honours = await ctx.db.selectFrom('party_honour').select(['party_honour.title', 'party_honour.date']).where('party_honour.member_id', '=', m.id).orderBy('party_honour.date', 'desc').execute();
      const models = await ctx.db.selectFrom('model_member').select(['model_member.year', 'model_member.deeds']).where('model_member.member_id', '=', m.id).orderBy('model_member.year', 'desc').execute();
      return {
        name: m.name,
        groupName: m.groupName,
        kind: m.kind as (typeof MEMBER_KINDS)[number],
        status: m.status as (typeof MEMBER_STATUSES)[number],
        joinedDate: m.joined_date,
        today: chinaDate(ctx.now),
        pledges: pledges.map((p) => ({
          ...p,
          feedback: feedback.filter((f) => f.pledge_id === p.id).map((f) => ({ id: f.id, comment: f.comment, rating: f.rating, answer: f.answer, createdAt: f.created_at })),
        })),
        attendance: attendance.map((a) => ({ activityId: a.id, date: a.date, topic: a.topic, kind: a.kind, present: a.present === 1, reason: a.reason })),
        attendanceByYear: [...byYear.values()].sort((a, b) => b.year - a.year),
        newsletters: copies.map((c) => ({ issueId: c.id, number: c.number, title: c.title, date: c.date, deliveredAt: c.delivered_at, confirmed: c.confirmed === 1, hasFile: c.file_id !== null })),
        honours: [...honours, ...models.map((x) => ({ title: `${x.year}年度“七一”优秀党员`, date: `${x.year}-07-01` }))].sort((a, b) => b.date.localeCompare(a.date)),
      };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/me/newsletters/:id/file`,
    summary: '我的简报 A newsletter issue brought to the signed-in member, as printed',
    tags,
    permission: 'party.self',
    schema: { params: CId },
    async handler(ctx) {
      const m = await memberOf(ctx.db, ctx.actor.userId);
      const copy = await ctx.db
        .selectFrom('newsletter_delivery')
        .innerJoin('newsletter_issue', (j) => j.onRef('newsletter_issue.community_id', '=', 'newsletter_delivery.community_id').onRef('newsletter_issue.id', '=', 'newsletter_delivery.issue_id'))
        .select('newsletter_issue.file_id')
        .where('newsletter_delivery.member_id', '=', m.id)
        .where('newsletter_issue.id', '=', ctx.params.id)
        .executeTakeFirst();
      const file = copy?.file_id ? await loadFile(ctx.db, copy.file_id) : null;
      if (!file) throw notFound();
      return file;
    },
  }),

  // ---------------- members' accounts ----------------
  communityRoute({
    method: 'GET',
    url: `${P}/members/:id/account`,
    summary: '党员账号 The member’s own account, if the office has made one',
    tags,
    permission: 'party.manage',
    schema: { params: CId, response: AccountSchema },
    async handler(ctx) {
      const m = await accountOf(ctx.db, ctx.params.id);
      if (!m.user_id) return null;
      const u = await ctx.moduleDb.kysely.selectFrom('app_user').select(['username', 'disabled', 'last_login_at']).where('id', '=', m.user_id).executeTakeFirst();
      return u ? { username: u.username, disabled: u.disabled === 1, lastLoginAt: u.last_login_at } : null;
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/members/:id/account`,
    summary: '开通党员账号 Make the member an account to see their own pledges and attendance; the initial password is shown once and must be changed at first sign-in',
    tags,
    permission: 'party.manage',
    action: 'party.member-account',
    schema: { params: CId, body: AccountInput, response: z.object({ username: z.string(), initialPassword: z.string() }) },
    async handler(ctx) {
      const m = await accountOf(ctx.db, ctx.params.id);
      if (m.left_date) throw new AppError(409, 'PARTY_MEMBER_LEFT');
      const users = ctx.moduleDb.kysely;
      if (m.user_id) {
        const u = await users.selectFrom('app_user').select(['username', 'disabled']).where('id', '=', m.user_id).executeTakeFirst();
        if (u && u.disabled === 0) throw new AppError(409, 'PARTY_ACCOUNT_EXISTS', { username: u.username });
      }
      const password = ctx.body.password ?? initialPassword();
      const problem = passwordProblem(password, ctx.body.username);
      if (problem) throw fieldError('password', problem.code, problem.params);
      const taken = await users.selectFrom('app_user').select('id').where('username', '=', ctx.body.username).executeTakeFirst();
      if (taken) throw new AppError(409, 'CONFLICT', {}, { username: { code: 'USERNAME_TAKEN' } });
      const userId = await insertUser(
        users,
        {
          username: ctx.body.username,
          displayName: m.name,
          passwordHash: await hashPassword(password),
          mustChangePassword: true,
          grants: [{ role: 'resident', subDistrictId: null, communityId: ctx.community.id }],
        },
        ctx.now,
      );
      await ctx.db.updateTable('party_member').set({ user_id: userId, updated_at: ctx.now.toISOString() }).where('party_member.id', '=', m.id).execute();
      await ctx.audit({ action: 'party.member-account', entityType: 'party_member', entityId: m.id, before: { userId: m.user_id }, after: { username: ctx.body.username, userId } });
      return { username: ctx.body.username, initialPassword: password };
    },
  }),
  communityRoute({
    method: 'DELETE',
    url: `${P}/members/:id/account`,
    summary: '停用党员账号 Close the member’s account: it is disabled and signed out everywhere; records stay',
    tags,
    permission: 'party.manage',
    action: 'party.member-account-close',
    schema: { params: CId },
    async handler(ctx) {
      const m = await accountOf(ctx.db, ctx.params.id);
      if (!m.user_id) throw notFound();
      const users = ctx.moduleDb.kysely;
      await users.updateTable('app_user').set({ disabled: 1, updated_at: ctx.now.toISOString() }).where('id', '=', m.user_id).execute();
      await endUserSessions(users, m.user_id, ctx.now);
      await ctx.db.updateTable('party_member').set({ user_id: null, updated_at: ctx.now.toISOString() }).where('party_member.id', '=', m.id).execute();
      await ctx.audit({ action: 'party.member-account-close', entityType: 'party_member', entityId: m.id, before: { userId: m.user_id }, after: { userId: null } });
    },
  }),

  // ---------------- the public board: spam ----------------
  communityRoute({
    method: 'POST',
    url: `${P}/feedback/:id/hide`,
    summary: '隐藏 / 恢复监督意见 Hide feedback from the public board (spam, abuse) or show it again; it is kept either way',
    tags,
    permission: 'party.manage',
    schema: { params: CId, body: HideFeedbackInput, response: FeedbackSchema },
    async handler(ctx) {
      const f = await ctx.db.selectFrom('pledge_feedback').selectAll().where('pledge_feedback.id', '=', ctx.params.id).executeTakeFirst();
      if (!f) throw notFound();
      if (ctx.body.hidden && !ctx.body.reason) throw fieldError('reason', 'FIELD_REQUIRED');
      const set = ctx.body.hidden
        ? { hidden_at: ctx.now.toISOString(), hidden_by: ctx.actor.userId, hidden_reason: ctx.body.reason ?? null }
        : { hidden_at: null, hidden_by: null, hidden_reason: null };
      await ctx.db.updateTable('pledge_feedback').set(set).where('pledge_feedback.id', '=', f.id).execute();
      await ctx.audit({
        action: ctx.body.hidden ? 'party.feedback-hide' : 'party.feedback-show',
        entityType: 'pledge_feedback',
        entityId: f.id,
        before: { hidden: f.hidden_at !== null, reason: f.hidden_reason },
        after: { hidden: ctx.body.hidden, reason: ctx.body.reason ?? null },
      });
      const p = f.pledge_id ? await ctx.db.selectFrom('pledge').select('pledge.title').where('pledge.id', '=', f.pledge_id).executeTakeFirst() : null;
      return {
        id: f.id,
        pledgeId: f.pledge_id,
        pledgeTitle: p?.title ?? null,
        comment: f.comment,
        rating: f.rating,
        answer: f.answer,
        answeredAt: f.answered_at,
        createdAt: f.created_at,
        hidden: ctx.body.hidden,
        hiddenReason: ctx.body.hidden ? (ctx.body.reason ?? null) : null,
      };
    },
  }),

  // ---------------- newsletter files ----------------
  communityRoute({
    method: 'POST',
    url: `${P}/newsletters/:id/file`,
    summary: '上传简报文件 Attach the issue as printed (PDF, Word, WPS or a picture, up to 20 MB); replaces an earlier file',
    tags,
    permission: 'party.manage',
    action: 'party.newsletter-file',
    upload: true,
    schema: { params: CId, response: z.object({ filename: z.string(), size: z.number() }) },
    async handler(ctx) {
      const issue = await ctx.db.selectFrom('newsletter_issue').select(['newsletter_issue.id', 'newsletter_issue.file_id']).where('newsletter_issue.id', '=', ctx.params.id).executeTakeFirst();
      if (!issue) throw notFound();
      const upload = await readUpload(await ctx.req.file());
      const stored = await storeFile(ctx.db, upload, { module: 'party', createdBy: ctx.actor.userId, now: ctx.now });
      await ctx.db.updateTable('newsletter_issue').set({ file_id: stored.id }).where('newsletter_issue.id', '=', issue.id).execute();
      if (issue.file_id) await deleteFile(ctx.db, issue.file_id);
      await ctx.audit({ action: 'party.newsletter-file', entityType: 'newsletter_issue', entityId: issue.id, before: { fileId: issue.file_id }, after: { filename: stored.filename, size: stored.size } });
      return { filename: stored.filename, size: stored.size };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/newsletters/:id/file`,
    summary: '下载简报文件 The issue as printed',
    tags,
    permission: 'party.read',
    schema: { params: CId },
    async handler(ctx) {
      const issue = await ctx.db.selectFrom('newsletter_issue').select('newsletter_issue.file_id').where('newsletter_issue.id', '=', ctx.params.id).executeTakeFirst();
      const file = issue?.file_id ? await loadFile(ctx.db, issue.file_id) : null;
      if (!file) throw notFound();
      return file;
    },
  }),
];
