import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { scopedDb } from '../../../core/access';
import { appendAudit } from '../../../core/audit/log';
import { openDb, sqliteBulkInsert, type Db } from '../../../core/db';
import type { Services } from '../../../core/services';
import { keyringFor } from '../pii';
import type { RegistryView } from '../queries';
import { chinaDate } from '../view';
import { importRoster, type ImportOptions, type ImportOutcome } from './apply';
import { parseRoster } from './parse';
import { rejectedRowsXlsx } from './rejected';
import type { RosterMapping } from './types';
import '../tables';

export const MAX_PREVIEW_ISSUES = 500;

export function importDir(dataDir: string, communityId: string): string {
  return path.join(dataDir, 'imports', communityId);
}

/** Saves an uploaded roster under the data directory, streaming (a large file never sits in memory). */
export async function saveUpload(dataDir: string, communityId: string, filename: string, stream: Readable): Promise<{ id: string; path: string }> {
  const id = crypto.randomUUID();
  const dir = importDir(dataDir, communityId);
  fs.mkdirSync(dir, { recursive: true });
  const ext = path.extname(filename).toLowerCase().replace(/[^.a-z0-9]/g, '') || '.bin';
  const file = path.join(dir, `${id}${ext}`);
  await pipeline(stream, fs.createWriteStream(file, { mode: 0o600 }));
  return { id, path: file };
}

export function previewOf(o: ImportOutcome) {
  return {
    headers: o.headers,
    headerRow: o.headerRow,
    mapping: o.mapping,
    unmappedHeaders: o.unmappedHeaders,
    rows: o.rows,
    valid: o.valid,
    errors: o.errors,
    warnings: o.warnings,
    duplicatesInRegistry: o.duplicatesInRegistry,
    newPlaces: o.newPlaces,
    issues: o.issues.slice(0, MAX_PREVIEW_ISSUES),
    sample: o.sample,
  };
}

export function resultOf(o: ImportOutcome) {
  return { rows: o.rows, imported: o.imported, updated: o.updated, skipped: o.skipped, errors: o.errors };
}

/**
 * Progress of imports running in this process. On PostgreSQL it is also written to the job row as it
 * goes (another connection than the import's), so every instance sees it; on SQLite the import's
 * transaction holds the only write lock, so the job row is written when it ends.
 */
const running = new Map<string, { done: number; total: number }>();

export function liveProgress(jobId: string): { done: number; total: number } | undefined {
  return running.get(jobId);
}

/**
 * Runs an import in one transaction. On SQLite it uses a connection of its own, so the server keeps
 * answering reads (WAL) while a large roster is written; on PostgreSQL a pooled connection.
 */
export async function runImportJob(
  services: Services,
  job: { id: string; communityId: string; path: string; filename: string; communityName: string; subDistrictId: string; total: number },
  opts: Omit<ImportOptions, 'dryRun' | 'today' | 'communityName'>,
  actor: { userId: string; username: string; ip: string | null },
): Promise<void> {
  const main = services.db.kysely;
  const now = services.clock.now();
  // the dry run before this counted the rows
  const total = job.total;
  running.set(job.id, { done: 0, total });
  await main.updateTable('import_job').set({ status: 'running', progress_total: total, progress_done: 0, updated_at: now.toISOString() }).where('community_id', '=', job.communityId).where('id', '=', job.id).execute();
  let own: Db | null = null;
  try {
    const db = services.db.dialect === 'sqlite' ? (own = openDb(services.config)) : services.db;
    const outcome = await db.kysely.transaction().execute(async (tx) => {
      const v: RegistryView = {
        db: scopedDb(tx, job.communityId, { bulk: sqliteBulkInsert(db) }),
        keyring: keyringFor(services.config.dataDir),
        today: chinaDate(now),
        buildingIds: null,
        sensitive: true,
      };
      const o = await importRoster(v, { path: job.path }, job.filename, { ...opts, dryRun: false, today: now, communityName: job.communityName, sqlite: db.sqlite }, async (done) => {
        running.set(job.id, { done, total });
        if (services.db.dialect === 'postgres') {
          await main.updateTable('import_job').set({ progress_done: done }).where('community_id', '=', job.communityId).where('id', '=', job.id).execute();
        }
      });
      await appendAudit(tx, db, { at: now.toISOString(), actorUserId: actor.userId, actorUsername: actor.username, ip: actor.ip, userAgent: null, requestId: null }, [
        { action: 'registry.import', entityType: 'import_job', entityId: job.id, communityId: job.communityId, subDistrictId: job.subDistrictId, after: { filename: job.filename, ...resultOf(o) } },
      ]);
      return o;
    });
    await main
      .updateTable('import_job')
      .set({ status: 'done', progress_done: outcome.rows, result_json: JSON.stringify(resultOf(outcome)), updated_at: services.clock.now().toISOString() })
      .where('community_id', '=', job.communityId)
      .where('id', '=', job.id)
      .execute();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await main
      .updateTable('import_job')
      .set({ status: 'failed', error: message.slice(0, 500), updated_at: services.clock.now().toISOString() })
      .where('community_id', '=', job.communityId)
      .where('id', '=', job.id)
      .execute();
  } finally {
    running.delete(job.id);
    if (own) await own.close();
  }
}

/** The rows a dry run rejected, as they were, with the reasons in the first column. */
export async function rejectedWorkbook(file: string, filename: string, mapping: RosterMapping | undefined, headerRow: number | undefined, dryRun: DryRunRecord): Promise<Buffer> {
  const rejected = new Set(dryRun.rejectedRows);
  const issuesByRow = new Map<number, ImportOutcome['issues']>();
  for (const i of dryRun.issues) issuesByRow.set(i.row, [...(issuesByRow.get(i.row) ?? []), i]);
  const parse = parseRoster({ path: file }, filename, { mapping, headerRow });
  const rows: { row: number; cells: unknown[]; issues: ImportOutcome['issues'] }[] = [];
  for await (const r of parse) if (rejected.has(r.row)) rows.push({ row: r.row, cells: r.cells, issues: issuesByRow.get(r.row) ?? r.issues });
  return rejectedRowsXlsx(parse.summary.headers, rows);
}

/** What a dry run found, kept beside the upload (it can be large: every issue of every row). */
export interface DryRunRecord {
  rejectedRows: number[];
  issues: ImportOutcome['issues'];
}

export function saveDryRun(uploadPath: string, o: ImportOutcome): void {
  const rec: DryRunRecord = { rejectedRows: o.rejectedRows, issues: o.issues };
  fs.writeFileSync(`${uploadPath}.dryrun.json`, JSON.stringify(rec), { mode: 0o600 });
}

export function loadDryRun(uploadPath: string): DryRunRecord | null {
  const p = `${uploadPath}.dryrun.json`;
  return fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, 'utf8')) as DryRunRecord) : null;
}
