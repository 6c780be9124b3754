import fs from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../core/errors';
import { translate } from '../../../core/i18n';
import { communityRoute, FileResponse, type CommunityCtx, type RouteSchemas } from '../../../core/http/route';
import { keyringFor } from '../pii';
import { registryView } from '../view';
import { importRoster } from './apply';
import { liveProgress, loadDryRun, loadRejected, previewOf, rejectedWorkbook, removeUpload, resultOf, runImportJob, saveDryRun, saveUpload, sweepImports, touchUpload } from './jobs';
import { rosterLimits } from './limits';
import type { RosterMapping } from './types';
import { ImportPreviewSchema, JobSchema, Mapping } from './schema';
import '../tables';

const C = z.object({ communityId: z.string() });
const CId = C.extend({ id: z.string() });
const tags = ['registry'];
const PreviewBody = z.object({ mapping: Mapping.optional(), headerRow: z.number().int().min(1).optional(), createPlaces: z.boolean().default(false) });

/** A job "running" this long without a word, and not in this process, died with its server. */
const STALE_MS = 3_600_000;

type Job = { id: string; path: string; filename: string; status: string; updated_at: string; mapping_json: string | null; header_row: number | null; progress_total: number; progress_done: number; result_json: string | null; error: string | null };

async function loadJob<S extends RouteSchemas>(ctx: CommunityCtx<S>, id: string): Promise<Job> {
  const job = await ctx.db.selectFrom('import_job').selectAll().where('import_job.id', '=', id).executeTakeFirst();
  if (!job) throw new AppError(404, 'NOT_FOUND');
  return job;
}

/** The job, with its upload still there: imported, abandoned and day-old uploads are gone. */
async function loadUpload<S extends RouteSchemas>(ctx: CommunityCtx<S>, id: string): Promise<Job> {
  const job = await loadJob(ctx, id);
  if (!fs.existsSync(job.path)) throw new AppError(404, 'IMPORT_FILE_GONE');
  return job;
}

const isRunning = (job: Job, now: Date) => job.status === 'running' && (liveProgress(job.id) !== undefined || now.getTime() - Date.parse(job.updated_at) <= STALE_MS);

/** A dry run over the saved file: every row checked against the file and the registry, nothing written. */
async function dryRun<S extends RouteSchemas>(ctx: CommunityCtx<S>, upload: { path: string; filename: string }, opts: { mapping?: RosterMapping; headerRow?: number; createPlaces: boolean }) {
  const v = await registryView(ctx);
  touchUpload(upload.path);
  const o = await importRoster(v, { path: upload.path }, upload.filename, {
    ...opts,
    onDuplicate: 'skip',
    dryRun: true,
    today: ctx.now,
    actorUserId: ctx.actor.userId,
    communityName: ctx.community.name,
    limits: rosterLimits(ctx.services.config),
  });
  saveDryRun(upload.path, o);
  return o;
}

const jobColumns = (o: Awaited<ReturnType<typeof dryRun>>, createPlaces: boolean, at: string) => ({
  status: 'previewed',
  mapping_json: JSON.stringify(o.mapping),
  header_row: o.headerRow,
  progress_total: o.rows,
  options_json: JSON.stringify({ createPlaces }),
  updated_at: at,
});

const present = (id: string, filename: string, createPlaces: boolean, o: Awaited<ReturnType<typeof dryRun>>) => ({
  id,
  filename,
  createPlaces,
  ...previewOf(o),
  sample: o.sample as unknown as Record<string, unknown>[],
});

export const importRoutes = [
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/registry/imports',
    summary: '导入花名册（预检）Upload a roster (.xlsx or .csv, UTF-8 or GBK) and get its dry run: every row’s errors, nothing written. The upload is kept until it is imported or abandoned, a day at most',
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
      await sweepImports(ctx.services.config.dataDir);
      const saved = await saveUpload(ctx.services.config.dataDir, ctx.community.id, file.filename, file.file);
      try {
        if (file.file.truncated) throw new AppError(413, 'ROSTER_TOO_LARGE');
        const o = await dryRun(ctx, { path: saved.path, filename: file.filename }, { createPlaces: false });
        const at = ctx.now.toISOString();
        await ctx.db
          .insertInto('import_job', [
            { id: saved.id, filename: file.filename, path: saved.path, ...jobColumns(o, false, at), progress_done: 0, result_json: null, error: null, created_by: ctx.actor.userId, created_at: at },
          ])
          .execute();
        await ctx.audit({ action: 'registry.import-upload', entityType: 'import_job', entityId: saved.id, after: { filename: file.filename } });
        return present(saved.id, file.filename, false, o);
      } catch (e) {
        // a file refused is not kept
        removeUpload(saved.path);
        throw e;
      }
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
      const job = await loadUpload(ctx, ctx.params.id);
      if (isRunning(job, ctx.now)) throw new AppError(409, 'IMPORT_RUNNING');
      const o = await dryRun(ctx, job, ctx.body);
      await ctx.db.updateTable('import_job').set(jobColumns(o, ctx.body.createPlaces, ctx.now.toISOString())).where('import_job.id', '=', job.id).execute();
      await ctx.audit({ action: 'registry.import-preview', entityType: 'import_job', entityId: job.id, after: { mapping: ctx.body.mapping ?? null, createPlaces: ctx.body.createPlaces } });
      return present(job.id, job.filename, ctx.body.createPlaces, o);
    },
  }),
  communityRoute({
    method: 'POST',
    url: '/communities/:communityId/registry/imports/:id/commit',
    summary: '确认导入 Import the previewed roster in one transaction (progress at GET …/imports/:id); the upload is deleted when it ends',
    tags,
    permission: 'registry.import',
    action: 'registry.import-commit',
    transaction: false,
    schema: { params: CId, body: PreviewBody.extend({ onDuplicate: z.enum(['update', 'skip']).default('skip') }), response: z.object({ id: z.string(), status: z.string() }) },
    async handler(ctx) {
      const job = await loadUpload(ctx, ctx.params.id);
      if (isRunning(job, ctx.now)) throw new AppError(409, 'IMPORT_RUNNING');
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
    method: 'DELETE',
    url: '/communities/:communityId/registry/imports/:id',
    summary: '放弃导入 Abandon an upload: the file, its dry run and the rows left out are deleted (not while it is being imported)',
    tags,
    permission: 'registry.import',
    action: 'registry.import-abandon',
    schema: { params: CId },
    async handler(ctx) {
      const job = await loadJob(ctx, ctx.params.id);
      if (isRunning(job, ctx.now)) throw new AppError(409, 'IMPORT_RUNNING');
      await ctx.db.deleteFrom('import_job').where('import_job.id', '=', job.id).execute();
      removeUpload(job.path);
      await ctx.audit({ action: 'registry.import-abandon', entityType: 'import_job', entityId: job.id, before: { filename: job.filename, status: job.status } });
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
      if (job.status === 'running' && !isRunning(job, ctx.now)) {
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
    summary: '下载错误行 The rows the dry run (or, once imported, the import) left out, as they were, with the reasons in the first column',
    tags,
    permission: 'registry.import',
    schema: { params: CId },
    async handler(ctx) {
      const job = await loadJob(ctx, ctx.params.id);
      const base = job.filename.replace(/\.[^.]+$/, '');
      const file = (buf: Buffer) => new FileResponse(buf, `${base}-未导入的行.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      // once imported, the upload is gone and the rows it left out are kept sealed
      const sealed = loadRejected(job.path, keyringFor(ctx.services.config.dataDir));
      if (sealed) return file(sealed);
      const dry = fs.existsSync(job.path) ? loadDryRun(job.path) : null;
      if (!dry) throw new AppError(404, 'IMPORT_FILE_GONE');
      return file(await rejectedWorkbook(job.path, job.filename, job.mapping_json ? (JSON.parse(job.mapping_json) as RosterMapping) : undefined, job.header_row ?? undefined, dry, rosterLimits(ctx.services.config)));
    },
  }),
];
