import { checkPeriod, isoDate } from '../../core/http/period';
import { z } from 'zod';
import { communityRoute, type CommunityCtx, type RouteSchemas } from '../../core/http/route';
import { chinaDate } from '../registry';
import { certifyHousehold, closeCase, recordAction, registerCase, resolveHousehold, type Cmd } from './commands';
import { exportCases, exportZeroHouseholds } from './export';
import { employmentSection, followupsDue, listCases, loadCase, summary, zeroBoard } from './queries';
import {
  ActionInput,
  CaseDetailSchema,
  CaseInput,
  CaseListQuery,
  CasePage,
  CaseUpdateInput,
  CertifyInput,
  CloseInput,
  Created,
  FollowupRowSchema,
  ResolveInput,
  SummarySchema,
  ZeroBoardQuery,
  ZeroBoardSchema,
} from './schema';

const C = z.object({ communityId: z.string() });
const CId = C.extend({ id: z.string() });
const tags = ['employment'];
const P = '/communities/:communityId/employment';
const date = isoDate;
const OptionalPeriod = z.object({ from: date.optional(), to: date.optional() });
const ReportSchema = z.object({
  title: z.object({ zh: z.string(), en: z.string() }),
  figures: z.array(z.object({ key: z.string(), label: z.object({ zh: z.string(), en: z.string() }), value: z.union([z.number(), z.string(), z.null()]), unit: z.object({ zh: z.string(), en: z.string() }).optional(), link: z.string().optional() })),
  highlights: z.array(z.object({ key: z.string(), text: z.object({ zh: z.string(), en: z.string() }), date: z.string().optional(), link: z.string().optional() })).optional(),
});

const today = <S extends RouteSchemas>(ctx: CommunityCtx<S>) => chinaDate(ctx.now);
const cmd = <S extends RouteSchemas>(ctx: CommunityCtx<S>): Cmd => ({ db: ctx.db, userId: ctx.actor.userId, now: ctx.now, today: today(ctx), audit: (e) => ctx.audit(e) });
/** The period a summary covers when none is given: the two years ending today (the work report's "二年来"). */
const period = (t: string, q: { from?: string; to?: string }) => ({ from: q.from ?? `${Number(t.slice(0, 4)) - 2}${t.slice(4)}`, to: q.to ?? t });

/** The case list's two periods: registered (from/to) and placed (placedFrom/placedTo). */
const checkCaseFilters = <Q extends Record<string, unknown>>(q: Q) => checkPeriod(checkPeriod(q), ['placedFrom', 'placedTo']);

export const routes = [
  communityRoute({
    method: 'GET',
    url: `${P}/summary`,
    summary: '再就业概况 Open cases, placements over the period (two years by default), zero-employment households, follow-ups due',
    tags,
    permission: 'employment.read',
    schema: { params: C, querystring: OptionalPeriod, response: SummarySchema },
    handler: async (ctx) => {
      const t = today(ctx);
      const p = period(t, checkPeriod(ctx.query));
      return summary(ctx.db, t, p.from, p.to);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/cases`,
    summary:
      '帮扶对象 Re-employment cases, filtered and paged: status, zero-employment households, name; from/to: registered within the period; placedFrom/placedTo: placed within it (both days included); placedKind',
    tags,
    permission: 'employment.read',
    schema: { params: C, querystring: CaseListQuery, response: CasePage },
    handler: async (ctx) => ({ ...(await listCases(ctx.db, today(ctx), checkCaseFilters(ctx.query))), page: ctx.query.page, pageSize: ctx.query.pageSize }),
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/cases/export.xlsx`,
    summary: '导出帮扶台账 The filtered cases (same filters and periods as the list) as Excel',
    tags,
    permission: 'employment.read',
    schema: { params: C, querystring: CaseListQuery },
    handler: async (ctx) => exportCases((await listCases(ctx.db, today(ctx), checkCaseFilters(ctx.query), { all: true })).items, ctx.lang, ctx.community.name),
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/cases`,
    summary: '失业登记 Register an unemployed resident who wants work (sets the registry’s status; certifies a zero-employment household)',
    tags,
    permission: 'employment.manage',
    action: 'employment.register-case',
    schema: { params: C, body: CaseInput, response: Created },
    handler: async (ctx) => ({ id: await registerCase(cmd(ctx), ctx.body) }),
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/cases/:id`,
    summary: '帮扶档案 A case with its steps, follow-ups and the household’s zero-employment record',
    tags,
    permission: 'employment.read',
    schema: { params: CId, response: CaseDetailSchema },
    handler: async (ctx) => loadCase(ctx.db, today(ctx), ctx.params.id),
  }),
  communityRoute({
    method: 'PATCH',
    url: `${P}/cases/:id`,
    summary: '修改登记信息 Correct skills, wishes, barriers, notes or the registration date',
    tags,
    permission: 'employment.manage',
    action: 'employment.update-case',
    schema: { params: CId, body: CaseUpdateInput, response: CaseDetailSchema },
    handler: async (ctx) => {
      const before = await loadCase(ctx.db, today(ctx), ctx.params.id);
      const b = ctx.body;
      const set: Record<string, string | null> = { updated_at: ctx.now.toISOString() };
      if (b.registeredOn !== undefined) set.registered_on = b.registeredOn;
      if (b.skills !== undefined) set.skills = b.skills;
      if (b.wishes !== undefined) set.wishes = b.wishes;
      if (b.barriers !== undefined) set.barriers = b.barriers;
      if (b.notes !== undefined) set.notes = b.notes;
      await ctx.db.updateTable('employment_case').set(set).where('employment_case.id', '=', ctx.params.id).execute();
      await ctx.audit({
        action: 'employment.update-case',
        entityType: 'employment_case',
        entityId: ctx.params.id,
        before: { registeredOn: before.registeredOn, skills: before.skills, wishes: before.wishes, barriers: before.barriers, notes: before.notes },
        after: b,
      });
      return loadCase(ctx.db, today(ctx), ctx.params.id);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/cases/:id/actions`,
    summary: '记录帮扶 Add a training, referral, interview, placement (closes the case, updates the registry) or follow-up',
    tags,
    permission: 'employment.manage',
    action: 'employment.action',
    schema: { params: CId, body: ActionInput, response: CaseDetailSchema },
    handler: async (ctx) => {
      await recordAction(cmd(ctx), ctx.params.id, ctx.body);
      return loadCase(ctx.db, today(ctx), ctx.params.id);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/cases/:id/close`,
    summary: '结案 Close a case without a placement',
    tags,
    permission: 'employment.manage',
    action: 'employment.close-case',
    schema: { params: CId, body: CloseInput, response: CaseDetailSchema },
    handler: async (ctx) => {
      await closeCase(cmd(ctx), ctx.params.id, ctx.body);
      return loadCase(ctx.db, today(ctx), ctx.params.id);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/followups`,
    summary: '回访到期 Follow-ups (1 and 3 months after a placement) due by a date (today + 14 days by default)',
    tags,
    permission: 'employment.read',
    schema: { params: C, querystring: z.object({ until: date.optional() }), response: z.array(FollowupRowSchema) },
    handler: async (ctx) => {
      const t = today(ctx);
      const until = ctx.query.until ?? new Date(Date.parse(`${t}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
      return followupsDue(ctx.db, t, until);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/zero-households`,
    summary:
      '零就业家庭 Households the registry computes as zero-employment, their countdowns, and those cleared; from/to: only the certified households identified within the period (by=identified, the default) or cleared within it (by=cleared), both days included',
    tags,
    permission: 'employment.read',
    schema: { params: C, querystring: ZeroBoardQuery, response: ZeroBoardSchema },
    handler: async (ctx) => zeroBoard(ctx.db, today(ctx), checkPeriod(ctx.query)),
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/zero-households/export.xlsx`,
    summary: '导出零就业家庭台账 Current and cleared zero-employment households (or a period’s, as the board) as Excel',
    tags,
    permission: 'employment.read',
    schema: { params: C, querystring: ZeroBoardQuery },
    handler: async (ctx) => {
      const b = await zeroBoard(ctx.db, today(ctx), checkPeriod(ctx.query));
      return exportZeroHouseholds([...b.current, ...b.cleared], ctx.lang, ctx.community.name);
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/zero-households`,
    summary: '认定零就业家庭 Certify a household the registry computes as zero-employment; its countdown starts',
    tags,
    permission: 'employment.manage',
    action: 'employment.certify-zero',
    schema: { params: C, body: CertifyInput.extend({ householdId: z.string() }), response: Created },
    handler: async (ctx) => ({ id: await certifyHousehold(cmd(ctx), ctx.body.householdId, ctx.body.identifiedOn, ctx.body.note ?? null) }),
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/zero-households/:id/resolve`,
    summary: '确认消除 Confirm a certified household is no longer zero-employment after a registry change',
    tags,
    permission: 'employment.manage',
    action: 'employment.clear-zero',
    schema: { params: CId, body: ResolveInput },
    handler: async (ctx) => resolveHousehold(cmd(ctx), ctx.params.id, ctx.body),
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/report`,
    summary: '工作汇报 The re-employment figures of the work report over a period',
    tags,
    permission: 'employment.read',
    schema: { params: C, querystring: OptionalPeriod, response: ReportSchema },
    handler: async (ctx) => {
      const p = period(today(ctx), checkPeriod(ctx.query));
      return employmentSection(ctx.db, p.from, p.to);
    },
  }),
];
