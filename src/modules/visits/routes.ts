import { checkPeriod, isoDate } from '../../core/http/period';
import { z } from 'zod';
import { AppError, fieldError, notFound } from '../../core/errors';
import { communityRoute, type CommunityCtx, type RouteSchemas } from '../../core/http/route';
import { chinaDate, keyringFor } from '../registry';
import { deleteFile, loadFile, readUpload, storeFile } from '../../core/files/store';
import { PHOTO_MAX_MB, assign, createPlan, deleteVisit, recordVisit, type Cmd } from './commands';
import { exportLedger, exportPlan } from './export';
import { ledger, listPlans, loadPlan, visiblePlan, visitsSection } from './queries';
import {
  AssigneeSchema,
  AssignInput,
  Created,
  LedgerQuery,
  LedgerSchema,
  type LedgerFilter,
  PlanDetailSchema,
  PlanInput,
  PlanListQuery,
  PlanSchema,
  PlanUpdateInput,
  VisitInput,
} from './schema';

const C = z.object({ communityId: z.string() });
const CId = C.extend({ id: z.string() });
const tags = ['visits'];
const P = '/communities/:communityId/visits';
const date = isoDate;
const ReportSchema = z.object({
  title: z.object({ zh: z.string(), en: z.string() }),
  figures: z.array(z.object({ key: z.string(), label: z.object({ zh: z.string(), en: z.string() }), value: z.union([z.number(), z.string(), z.null()]), unit: z.object({ zh: z.string(), en: z.string() }).optional(), link: z.string().optional() })),
  highlights: z.array(z.object({ key: z.string(), text: z.object({ zh: z.string(), en: z.string() }), date: z.string().optional(), link: z.string().optional() })).optional(),
});
/** who may be sent on a visit: the community's secretary, staff and building leaders */
const ASSIGNABLE_ROLES = ['secretary', 'staff', 'building_leader'] as const;

async function assignable<S extends RouteSchemas>(ctx: CommunityCtx<S>) {
  const out: { id: string; name: string; role: string }[] = [];
  for (const role of ASSIGNABLE_ROLES) {
    for (const u of await ctx.communityUsers(role)) if (!out.some((x) => x.id === u.id)) out.push({ id: u.id, name: u.displayName, role });
  }
  return out;
}
const keyring = <S extends RouteSchemas>(ctx: CommunityCtx<S>) => keyringFor(ctx.services.config.dataDir);
/** whether the viewer sees plans drawn from lists built on a sensitive tag, as they see those lists */
const seesSensitive = <S extends RouteSchemas>(ctx: CommunityCtx<S>) => ctx.permissions.has('registry.sensitive');
const cmd = <S extends RouteSchemas>(ctx: CommunityCtx<S>): Cmd => ({
  db: ctx.db,
  userId: ctx.actor.userId,
  now: ctx.now,
  today: chinaDate(ctx.now),
  keyring: keyring(ctx),
  sensitive: seesSensitive(ctx),
  audit: (e) => ctx.audit(e),
  assignable: () => assignable(ctx),
});

/** The ledger's filter, checked: real days, the period's end not before its start, and a year or a period given. */
function checkLedger(q: LedgerFilter): LedgerFilter {
  checkPeriod(q);
  if (!q.year && !q.from && !q.to) throw fieldError('year', 'FIELD_REQUIRED');
  return q;
}

export const routes = [
  communityRoute({
    method: 'GET',
    url: `${P}/plans`,
    summary: '走访计划 Visit plans with their progress',
    tags,
    permission: 'visits.read',
    schema: { params: C, querystring: PlanListQuery, response: z.array(PlanSchema) },
    handler: async (ctx) => listPlans(ctx.db, ctx.query, seesSensitive(ctx)),
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/plans`,
    summary: '新建走访计划 A plan for an occasion over a saved list of the registry; everyone on the list today is to be visited',
    tags,
    permission: 'visits.manage',
    action: 'visits.create-plan',
    schema: { params: C, body: PlanInput, response: Created },
    handler: async (ctx) => ({ id: await createPlan(cmd(ctx), ctx.body) }),
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/plans/:id`,
    summary: '走访计划详情 A plan with everyone to visit, who goes, and the visits made',
    tags,
    permission: 'visits.read',
    schema: { params: CId, response: PlanDetailSchema },
    handler: async (ctx) => loadPlan(ctx.db, keyring(ctx), ctx.params.id, seesSensitive(ctx)),
  }),
  communityRoute({
    method: 'PATCH',
    url: `${P}/plans/:id`,
    summary: '修改走访计划 Correct a plan’s title, dates or standard',
    tags,
    permission: 'visits.manage',
    action: 'visits.update-plan',
    schema: { params: CId, body: PlanUpdateInput, response: PlanDetailSchema },
    handler: async (ctx) => {
      const before = await loadPlan(ctx.db, keyring(ctx), ctx.params.id, seesSensitive(ctx));
      const b = ctx.body;
      const from = b.plannedFrom ?? before.plannedFrom;
      const to = b.plannedTo ?? before.plannedTo;
      if (to < from) throw new AppError(400, 'VALIDATION_FAILED', {}, { plannedTo: { code: 'VISITS_DATES_ORDER' } });
      await ctx.db
        .updateTable('visit_plan')
        .set({
          ...(b.occasion !== undefined ? { occasion: b.occasion } : {}),
          ...(b.year !== undefined ? { year: b.year } : {}),
          ...(b.title !== undefined ? { title: b.title } : {}),
          planned_from: from,
          planned_to: to,
          ...(b.money !== undefined ? { money: b.money } : {}),
          ...(b.gifts !== undefined ? { gifts: b.gifts } : {}),
          ...(b.notes !== undefined ? { notes: b.notes } : {}),
          updated_at: ctx.now.toISOString(),
        })
        .where('visit_plan.id', '=', ctx.params.id)
        .execute();
      const { targets: _t, progress: _p, ...was } = before;
      await ctx.audit({ action: 'visits.update-plan', entityType: 'visit_plan', entityId: ctx.params.id, before: was, after: b });
      return loadPlan(ctx.db, keyring(ctx), ctx.params.id, seesSensitive(ctx));
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/plans/:id/export.xlsx`,
    summary: '导出走访名单 A plan’s people, who goes and what was given, as Excel',
    tags,
    permission: 'visits.read',
    schema: { params: CId },
    handler: async (ctx) => exportPlan(await loadPlan(ctx.db, keyring(ctx), ctx.params.id, seesSensitive(ctx)), ctx.lang, ctx.community.name),
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/plans/:id/assign`,
    summary: '分配走访人 Give people of a plan to a staff member or to anyone by name',
    tags,
    permission: 'visits.manage',
    action: 'visits.assign',
    schema: { params: CId, body: AssignInput, response: PlanDetailSchema },
    handler: async (ctx) => {
      await assign(cmd(ctx), ctx.params.id, ctx.body);
      return loadPlan(ctx.db, keyring(ctx), ctx.params.id, seesSensitive(ctx));
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/plans/:id/targets/:targetId/visit`,
    summary: '登记走访 Record (or correct) the visit made to someone on a plan',
    tags,
    permission: 'visits.manage',
    action: 'visits.record-visit',
    schema: { params: CId.extend({ targetId: z.string() }), body: VisitInput, response: Created },
    handler: async (ctx) => ({ id: await recordVisit(cmd(ctx), ctx.params.id, ctx.params.targetId, ctx.body) }),
  }),
  communityRoute({
    method: 'DELETE',
    url: `${P}/records/:id`,
    summary: '删除走访记录 Remove a visit recorded in error (and its photo)',
    tags,
    permission: 'visits.manage',
    action: 'visits.delete-visit',
    schema: { params: CId },
    handler: async (ctx) => deleteVisit(cmd(ctx), ctx.params.id),
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/records/:id/photo`,
    summary: '上传走访照片 Attach a photo (JPEG, PNG or WebP, up to 10 MB) to a visit; kept with the community’s files',
    tags,
    permission: 'visits.manage',
    action: 'visits.photo',
    upload: true,
    schema: { params: CId, response: Created },
    handler: async (ctx) => {
      const r = await ctx.db.selectFrom('visit_record').select(['visit_record.id', 'visit_record.plan_id', 'visit_record.photo_file']).where('visit_record.id', '=', ctx.params.id).executeTakeFirst();
      if (!r) throw notFound();
      await visiblePlan(ctx.db, r.plan_id, seesSensitive(ctx));
      // checked by extension and by its first bytes, as every upload is (a renamed program is refused)
      const file = await readUpload(await ctx.req.file(), { maxMb: PHOTO_MAX_MB, images: true });
      // in the database with the community's other files: every instance serves it, a backup holds it
      const stored = await storeFile(ctx.db, file, { module: 'visits', createdBy: ctx.actor.userId, now: ctx.now });
      const bytes = file.data.length;
      await ctx.db.updateTable('visit_record').set({ photo_file: stored.id, photo_type: file.contentType, updated_at: ctx.now.toISOString() }).where('visit_record.id', '=', r.id).execute();
      if (r.photo_file) await deleteFile(ctx.db, r.photo_file);
      await ctx.audit({ action: 'visits.photo', entityType: 'visit_record', entityId: r.id, after: { filename: file.filename, bytes } });
      return { id: r.id };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/records/:id/photo`,
    summary: '走访照片 The photo of a visit',
    tags,
    permission: 'visits.read',
    schema: { params: CId },
    handler: async (ctx) => {
      const r = await ctx.db.selectFrom('visit_record').select(['visit_record.plan_id', 'visit_record.photo_file', 'visit_record.photo_type']).where('visit_record.id', '=', ctx.params.id).executeTakeFirst();
      if (!r?.photo_file) throw notFound();
      await visiblePlan(ctx.db, r.plan_id, seesSensitive(ctx));
      const file = await loadFile(ctx.db, r.photo_file);
      if (!file) throw notFound();
      return file;
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/assignees`,
    summary: '可分配的走访人 Staff of the community who can be sent on visits',
    tags,
    permission: 'visits.read',
    schema: { params: C, response: z.array(AssigneeSchema) },
    handler: async (ctx) => assignable(ctx),
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/ledger`,
    summary:
      '走访慰问台账 The visits for an occasion’s plans of a year (every occasion when none is named), or made within a period (from/to, both days included, by the visit’s date), with totals; a year or a period is required',
    tags,
    permission: 'visits.read',
    schema: { params: C, querystring: LedgerQuery, response: LedgerSchema },
    handler: async (ctx) => ledger(ctx.db, checkLedger(ctx.query), seesSensitive(ctx)),
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/ledger/export.xlsx`,
    summary: '导出走访慰问台账 The ledger (same occasion, year or period) as Excel, with a total row and a signature column',
    tags,
    permission: 'visits.read',
    schema: { params: C, querystring: LedgerQuery },
    handler: async (ctx) => exportLedger(await ledger(ctx.db, checkLedger(ctx.query), seesSensitive(ctx)), ctx.lang, ctx.community.name),
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/report`,
    summary: '工作汇报 The visits figures of the work report over a period (the two years ending today by default)',
    tags,
    permission: 'visits.read',
    schema: { params: C, querystring: z.object({ from: date.optional(), to: date.optional() }), response: ReportSchema },
    handler: async (ctx) => {
      const t = chinaDate(ctx.now);
      return visitsSection(ctx.db, ctx.query.from ?? `${Number(t.slice(0, 4)) - 2}${t.slice(4)}`, ctx.query.to ?? t, seesSensitive(ctx));
    },
  }),
];
