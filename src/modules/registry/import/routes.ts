import fs from 'node:fs';
import { z } from 'zod';
import { AppError, notFound } from '../../../core/errors';
import { translate } from '../../../core/i18n';
import { communityRoute, FileResponse, type CommunityCtx, type RouteSchemas } from '../../../core/http/route';
import { registryView } from '../view';
import { importRoster } from './apply';
import { liveProgress, loadDryRun, previewOf, rejectedWorkbook, resultOf, runImportJob, saveDryRun, saveUpload } from './jobs';
import type { RosterMapping } from './types';
import { ImportPreviewSchema, JobSchema, Mapping } from './schema';
import '../tables';

const C = z.object({ communityId: z.string() });
const CId = C.extend({ id: z.string() });
const tags = ['registry'];
const PreviewBody = z.object({ mapping: Mapping.optional(), headerRow: z.number().int().min(1).optional(), createPlaces: z.boolean().default(false) });

async function loadJob<S extends RouteSchemas>(ctx: CommunityCtx<S>, id: string) {
  const job = await ctx.db.selectFrom('import_job').selectAll().where('import_job.id', '=', id).executeTakeFirst();
  if (!job || !fs.existsSync(job.path)) throw notFound();
  return job;
}

/** A dry run over the saved file: every row checked against the file and the registry, nothing written. */
async function dryRun<S extends RouteSchemas>(ctx: CommunityCtx<S>, job: { id: string; path: string; filename: string }, opts: { mapping?: RosterMapping; headerRow?: number; createPlaces: boolean }) {
  const v = await registryView(ctx);
  const o = await importRoster(v, { path: job.path }, job.filename, {
    ...opts,
    onDuplicate: 'skip',
    dryRun: true,
    today: ctx.now,
    actorUserId: ctx.actor.userId,
    communityName: ctx.community.name,
  });
  saveDryRun(job.path, o);
  await ctx.db
    .updateTable('import_job')
    .set({ status: 'previewed', mapping_json: JSON.stringify(o.mapping), header_row: o.headerRow, progress_total: o.rows, options_json: JSON.stringify({ createPlaces: opts.createPlaces }), updated_at: ctx.now.toISOString() })
    .where('import_job.id', '=', job.id)
    .execute();
  return { id: job.id, filename: job.filename, createPlaces: opts.createPlaces, ...previewOf(o), sample: o.sample as unknown as Record<string, unknown>[] };
}

export const importRoutes = [
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/registry/imports',
    summary: '导入花名册（预检）Upload a roster (.xlsx or .csv, UTF-8 or GBK) and get its dry run: every row’s errors, nothing written',
    tags,
    permission: 'registry.import',
    action: 'registry.import-upload',
    // the dry run only reads; no transaction holds the database while a large file is checked
    transaction: false,
    upload: true,
    schema: { params: C, response: ImportPreviewSchema },
    async handler(ctx) {
      const file = await ctx.req.file();
      if (!file) throw new AppError(400, 'VALIDATION_FAILED', {}, { file: { code: 'FIELD_REQUIRED' } });
      const saved = await saveUpload(ctx.services.config.dataDir, ctx.community.id, file.filename, file.file);
      if (file.file.truncated) throw new AppError(413, 'ROSTER_TOO_LARGE');
      const at = ctx.now.toISOString();
      await ctx.db
        .insertInto('import_job', [
          { id: saved.id, filename: file.filename, path: saved.path, status: 'previewed', mapping_json: null, header_row: null, options_json: null, progress_done: 0, progress_total: 0, result_json: null, error: null, created_by: ctx.actor.userId, created_at: at, updated_at: at },
        ])
        .execute();
      await ctx.audit({ action: 'registry.import-upload', entityType: 'import_job', entityId: saved.id, after: { filename: file.filename } });
      return dryRun(ctx, { id: saved.id, path: saved.path, filename: file.filename }, { createPlaces: false });
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/registry/imports/:id/preview',
    summary: '重新预检 Dry-run again with a corrected column mapping or with new places confirmed',
    tags,
    permission: 'registry.import',
    action: 'registry.import-preview',
    transaction: false,
    schema: { params: CId, body: PreviewBody, response: ImportPreviewSchema },
    async handler(ctx) {
      const job = await loadJob(ctx, ctx.params.id);
      if (job.status === 'running') throw new AppError(409, 'IMPORT_RUNNING');
      const out = await dryRun(ctx, job, ctx.body);
      await ctx.audit({ action: 'registry.import-preview', entityType: 'import_job', entityId: job.id, after: { mapping: ctx.body.mapping ?? null, createPlaces: ctx.body.createPlaces } });
      return out;
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/registry/imports/:id/commit',
    summary: '确认导入 Import the previewed roster in one transaction (progress at GET …/imports/:id)',
    tags,
    permission: 'registry.import',
    action: 'registry.import-commit',
    transaction: false,
    schema: { params: CId, body: PreviewBody.extend({ onDuplicate: z.enum(['update', 'skip']).default('skip') }), response: z.object({ id: z.string(), status: z.string() }) },
    async handler(ctx) {
      const job = await loadJob(ctx, ctx.params.id);
      if (job.status === 'running') throw new AppError(409, 'IMPORT_RUNNING');
      const mapping = ctx.body.mapping ?? (job.mapping_json ? (JSON.parse(job.mapping_json) as RosterMapping) : undefined);
      await ctx.audit({ action: 'registry.import-commit', entityType: 'import_job', entityId: job.id, after: { createPlaces: ctx.body.createPlaces, onDuplicate: ctx.body.onDuplicate } });
      const started = runImportJob(
        ctx.services,
        { id: job.id, communityId: ctx.community.id, path: job.path, filename: job.filename, communityName: ctx.community.name, subDistrictId: ctx.community.subDistrictId, total: job.progress_total },
        { mapping, headerRow: ctx.body.headerRow ?? job.header_row ?? undefined, createPlaces: ctx.body.createPlaces, onDuplicate: ctx.body.onDuplicate, actorUserId: ctx.actor.userId },
        { userId: ctx.actor.userId, username: ctx.actor.username, ip: ctx.req.ip },
      );
      // scripts and tests may wait for the end; the browser polls the job instead
      if (ctx.req.headers['x-linli-wait'] === '1') await started;
      else void started;
      const after = await ctx.db.selectFrom('import_job').select('import_job.status').where('import_job.id', '=', job.id).executeTakeFirstOrThrow();
      return { id: job.id, status: after.status };
    },
  }),
  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/registry/imports/:id',
    summary: '导入进度 The progress and result of an import',
    tags,
    permission: 'registry.import',
    schema: { params: CId, response: JobSchema },
    async handler(ctx) {
      const job = await loadJob(ctx, ctx.params.id);
      const live = liveProgress(job.id);
      // a job still "running" an hour on, and not in this process, died with its server: its
      // transaction rolled back, so the registry is as it was
      if (job.status === 'running' && !live && ctx.now.getTime() - Date.parse(job.updated_at) > 3_600_000) {
        job.status = 'failed';
        job.error = translate('IMPORT_INTERRUPTED', ctx.lang);
      }
      return {
        id: job.id,
        status: job.status as 'previewed' | 'running' | 'done' | 'failed',
        progress: live ?? { done: job.progress_done, total: job.progress_total },
        result: job.result_json ? (JSON.parse(job.result_json) as ReturnType<typeof resultOf>) : null,
        error: job.error,
      };
    },
  }),
  communityRoute({
    method: 'GET',
    url: '/communities/:communityId/registry/imports/:id/rejected.xlsx',
    summary: '下载错误行 The rows the dry run rejected, as they were, with the reasons in the first column',
    tags,
    permission: 'registry.import',
    schema: { params: CId },
    async handler(ctx) {
      const job = await loadJob(ctx, ctx.params.id);
      const dry = loadDryRun(job.path);
      if (!dry) throw notFound();
      const buf = await rejectedWorkbook(job.path, job.filename, job.mapping_json ? (JSON.parse(job.mapping_json) as RosterMapping) : undefined, job.header_row ?? undefined, dry);
      const base = job.filename.replace(/\.[^.]+$/, '');
      return new FileResponse(buf, `${base}-未导入的行.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    },
  }),
];
