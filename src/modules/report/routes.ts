import { z } from 'zod';
import { AppError, notFound } from '../../core/errors';
import { communityRoute, FileResponse, globalRoute, type CommunityCtx, type RouteSchemas } from '../../core/http/route';
import { chinaDate } from '../registry';
import { composeReport, draftNarrative, figureSeries, keyFigures, yearPeriod } from './compose';
import { reportDocx, rollupDocx } from './docx';
import { rollupXlsx } from './export';
import { checkPeriod, createReport, defaultTitle, draftForChange, getReport, listReports, saveRefresh, saveWords, sign } from './queries';
import { compareCommunities, composeRollup, rollupSubDistricts, subDistrictScope, subDistrictSeries } from './rollup';
import {
  CompareQuery,
  CompareSchema,
  CompositionSchema,
  CreateReportBody,
  DashboardQuery,
  DashboardSchema,
  NarrativeSchema,
  PeriodQuery,
  RollupSchema,
  SaveReportBody,
  SeriesQuery,
  SeriesSchema,
  WorkReportPageSchema,
  WorkReportSchema,
  type WorkReport,
} from './schema';

const tags = ['report'];
const C = z.object({ communityId: z.string() });
const R = z.object({ communityId: z.string(), reportId: z.string() });
const SD = z.object({ subDistrictId: z.string() });
const P = '/communities/:communityId';
const Page = z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) });

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const deps = <S extends RouteSchemas>(ctx: Pick<CommunityCtx<S>, 'moduleDb' | 'services'>) => ({ db: ctx.moduleDb, modules: ctx.services.modules });
const community = <S extends RouteSchemas>(ctx: CommunityCtx<S>) => ({ id: ctx.community.id, name: ctx.community.name, subDistrictName: ctx.community.subDistrictName });
/** what the audit keeps of a report: the words and the status, not the whole figures snapshot */
const auditView = (r: WorkReport) => ({ title: r.title, from: r.from, to: r.to, status: r.status, narrative: r.narrative, highlightEdits: r.highlightEdits, refreshedAt: r.refreshedAt, signedByName: r.signedByName, signedAt: r.signedAt });
const fileName = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

export const routes = [
  communityRoute({
    method: 'GET',
    url: `${P}/reports`,
    summary: '工作汇报列表 The community’s stored work reports, newest period first',
    tags,
    permission: 'report.read',
    schema: { params: C, querystring: Page, response: WorkReportPageSchema },
    async handler(ctx) {
      return { ...(await listReports(ctx.db, ctx.query.page, ctx.query.pageSize)), page: ctx.query.page, pageSize: ctx.query.pageSize };
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/reports`,
    summary: '起草工作汇报 Draft a report for a period: figures from the records, words drafted from them',
    tags,
    permission: 'report.write',
    schema: { params: C, body: CreateReportBody, response: WorkReportSchema },
    async handler(ctx) {
      checkPeriod(ctx.body.from, ctx.body.to);
      const composition = await composeReport(deps(ctx), community(ctx), ctx.body.from, ctx.body.to, ctx.now);
      const r = await createReport(ctx.db, { title: ctx.body.title ?? defaultTitle(ctx.community.name), composition, actor: { userId: ctx.actor.userId, displayName: ctx.actor.displayName }, now: ctx.now });
      await ctx.audit({ action: 'report.create', entityType: 'work_report', entityId: r.id, after: auditView(r) });
      return r;
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/reports/:reportId`,
    summary: '工作汇报 One report: figures snapshot, words, signature',
    tags,
    permission: 'report.read',
    schema: { params: R, response: WorkReportSchema },
    async handler(ctx) {
      return getReport(ctx.db, ctx.params.reportId);
    },
  }),
  communityRoute({
    method: 'PUT',
    url: `${P}/reports/:reportId`,
    summary: '修改汇报文字 Save the title, the narrative and the notable records’ wording of a draft',
    tags,
    permission: 'report.write',
    schema: { params: R, body: SaveReportBody, response: WorkReportSchema },
    async handler(ctx) {
      const before = await draftForChange(ctx.db, ctx.params.reportId);
      await saveWords(ctx.db, before.id, ctx.body, ctx.now);
      const after = await getReport(ctx.db, before.id);
      await ctx.audit({ action: 'report.edit', entityType: 'work_report', entityId: before.id, before: auditView(before), after: auditView(after) });
      return after;
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/reports/:reportId/refresh`,
    summary: '刷新数据 Recompute a draft’s figures from the records; the words stay',
    tags,
    permission: 'report.write',
    schema: { params: R, response: WorkReportSchema },
    async handler(ctx) {
      const before = await draftForChange(ctx.db, ctx.params.reportId);
      const composition = await composeReport(deps(ctx), community(ctx), before.from, before.to, ctx.now);
      await saveRefresh(ctx.db, before, composition, ctx.now);
      const after = await getReport(ctx.db, before.id);
      await ctx.audit({ action: 'report.refresh', entityType: 'work_report', entityId: before.id, before: { refreshedAt: before.refreshedAt }, after: { refreshedAt: after.refreshedAt } });
      return after;
    },
  }),
  communityRoute({
    method: 'POST',
    url: `${P}/reports/:reportId/sign`,
    summary: '签发 Sign a draft: its words and figures are frozen from now on, with who signed and when',
    tags,
    permission: 'report.sign',
    schema: { params: R, response: WorkReportSchema },
    async handler(ctx) {
      const before = await draftForChange(ctx.db, ctx.params.reportId);
      await sign(ctx.db, before.id, { userId: ctx.actor.userId, displayName: ctx.actor.displayName }, ctx.now);
      const after = await getReport(ctx.db, before.id);
      await ctx.audit({ action: 'report.sign', entityType: 'work_report', entityId: before.id, before: auditView(before), after: auditView(after) });
      return after;
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/reports/:reportId/report.docx`,
    summary: '导出 Word The report as a .docx document (宋体/仿宋 body, 黑体 headings, page numbers)',
    tags,
    permission: 'report.read',
    schema: { params: R },
    async handler(ctx) {
      const r = await getReport(ctx.db, ctx.params.reportId);
      const buf = await reportDocx({ title: r.title, composition: r.composition, narrative: r.narrative, highlightEdits: r.highlightEdits, signed: r.status === 'signed' ? { name: r.signedByName, at: r.signedAt } : null });
      return new FileResponse(buf, `${fileName(r.title)}（${r.from}至${r.to}）.docx`, DOCX);
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/report/live`,
    summary: '汇报预览 The report’s figures for any period, computed now, with the draft words (nothing stored)',
    tags,
    permission: 'report.read',
    schema: { params: C, querystring: PeriodQuery, response: z.object({ composition: CompositionSchema, narrative: NarrativeSchema }) },
    async handler(ctx) {
      checkPeriod(ctx.query.from, ctx.query.to);
      const composition = await composeReport(deps(ctx), community(ctx), ctx.query.from, ctx.query.to, ctx.now);
      return { composition, narrative: draftNarrative(composition) };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/report/dashboard`,
    summary: '数据看板 The key figures of a year (to today), each with the page of its records',
    tags,
    permission: 'report.read',
    schema: { params: C, querystring: DashboardQuery, response: DashboardSchema },
    async handler(ctx) {
      const [from, to] = yearPeriod(ctx.query.year, chinaDate(ctx.now));
      const c = await composeReport(deps(ctx), community(ctx), from, to, ctx.now);
      return { year: ctx.query.year, from, to, figures: keyFigures(c).map(({ id, chapter, ...f }) => ({ ...f, key: id, chapter })) };
    },
  }),
  communityRoute({
    method: 'GET',
    url: `${P}/report/series`,
    summary: '图表数据 One figure by month (this year and last) and by year, for the dashboard’s charts',
    tags,
    permission: 'report.read',
    schema: { params: C, querystring: SeriesQuery, response: SeriesSchema },
    async handler(ctx) {
      const s = await figureSeries(deps(ctx), ctx.community.id, ctx.query.figure, ctx.query.year, chinaDate(ctx.now));
      if (!s) throw new AppError(404, 'REPORT_FIGURE_UNKNOWN', { figure: ctx.query.figure });
      return s;
    },
  }),

  globalRoute({
    method: 'GET',
    url: '/report/sub-districts',
    summary: '可汇总的街道 The sub-districts whose roll-up the caller may read',
    tags,
    permission: 'report.rollup',
    schema: { response: z.array(z.object({ id: z.string(), name: z.string() })) },
    async handler(ctx) {
      return rollupSubDistricts(ctx.db, ctx.actor);
    },
  }),
  globalRoute({
    method: 'GET',
    url: '/sub-districts/:subDistrictId/report',
    summary: '街道汇总 Every community of the sub-district for a period: comparison table and each community’s chapters',
    tags,
    permission: 'report.rollup',
    schema: { params: SD, querystring: PeriodQuery, response: RollupSchema },
    async handler(ctx) {
      checkPeriod(ctx.query.from, ctx.query.to);
      const sd = await subDistrictScope(ctx.db, ctx.services.access, ctx.actor, ctx.params.subDistrictId);
      return composeRollup(deps(ctx), sd, ctx.query.from, ctx.query.to, ctx.now);
    },
  }),
  globalRoute({
    method: 'GET',
    url: '/sub-districts/:subDistrictId/report.docx',
    summary: '导出街道汇总 The roll-up as a .docx document',
    tags,
    permission: 'report.rollup',
    schema: { params: SD, querystring: PeriodQuery },
    async handler(ctx) {
      checkPeriod(ctx.query.from, ctx.query.to);
      const sd = await subDistrictScope(ctx.db, ctx.services.access, ctx.actor, ctx.params.subDistrictId);
      const r = await composeRollup(deps(ctx), sd, ctx.query.from, ctx.query.to, ctx.now);
      return new FileResponse(await rollupDocx(r), `${fileName(sd.name)}社区工作汇总（${r.from}至${r.to}）.docx`, DOCX);
    },
  }),
  globalRoute({
    method: 'GET',
    url: '/sub-districts/:subDistrictId/report.xlsx',
    summary: '导出对比表 The roll-up’s comparison table as Excel',
    tags,
    permission: 'report.rollup',
    schema: { params: SD, querystring: PeriodQuery },
    async handler(ctx) {
      checkPeriod(ctx.query.from, ctx.query.to);
      const sd = await subDistrictScope(ctx.db, ctx.services.access, ctx.actor, ctx.params.subDistrictId);
      return rollupXlsx(await composeRollup(deps(ctx), sd, ctx.query.from, ctx.query.to, ctx.now), ctx.lang);
    },
  }),
  globalRoute({
    method: 'GET',
    url: '/sub-districts/:subDistrictId/report/compare',
    summary: '社区对比 One figure, community against community, this year and last (or one month against the same month last year)',
    tags,
    permission: 'report.rollup',
    schema: { params: SD, querystring: CompareQuery, response: CompareSchema },
    async handler(ctx) {
      const sd = await subDistrictScope(ctx.db, ctx.services.access, ctx.actor, ctx.params.subDistrictId);
      const r = await compareCommunities(deps(ctx), sd.communities, ctx.query.figure, ctx.query.year, chinaDate(ctx.now), ctx.query.month);
      if (!r) throw notFound();
      return r;
    },
  }),
  globalRoute({
    method: 'GET',
    url: '/sub-districts/:subDistrictId/report/series',
    summary: '街道图表数据 One figure summed over the sub-district’s communities, by month (this year and last) and by year',
    tags,
    permission: 'report.rollup',
    schema: { params: SD, querystring: SeriesQuery, response: SeriesSchema },
    async handler(ctx) {
      const sd = await subDistrictScope(ctx.db, ctx.services.access, ctx.actor, ctx.params.subDistrictId);
      const s = await subDistrictSeries(deps(ctx), sd.communities, ctx.query.figure, ctx.query.year, chinaDate(ctx.now));
      if (!s) throw new AppError(404, 'REPORT_FIGURE_UNKNOWN', { figure: ctx.query.figure });
      return s;
    },
  }),
];
