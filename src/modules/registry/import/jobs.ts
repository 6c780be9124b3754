import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { scopedDb } from '../../../core/access';
import { appendAudit } from '../../../core/audit/log';
import { openDb, sqliteBulkInsert, type Db } from '../../../core/db';
import { AppError } from '../../../core/errors';
import { translate } from '../../../core/i18n';
import type { Services } from '../../../core/services';
import { decrypt, encrypt, type Keyring } from '../lib/pii';
import { keyringFor } from '../pii';
import type { RegistryView } from '../queries';
import { chinaDate } from '../view';
import { importRoster, type ImportOptions, type ImportOutcome } from './apply';
import { rosterLimits, type RosterLimits } from './limits';
import { PLACE_MESSAGES } from './messages';
import { parseRoster } from './parse';
import { rejectedRowsXlsx } from './rejected';
import type { RosterMapping, RowIssue } from './types';
import '../tables';

/**
 * Issues a dry run keeps and shows: the first thousand, with the total beside them. A file with
 * errors on every row kept all of them, about 40 times the file's size.
 */
export const MAX_KEPT_ISSUES = 1000;

/**
 * An upload is kept while it is being checked and imported, never longer than this after its last
 * use: committing or abandoning it deletes it at once, and what a closed browser tab leaves is
 * swept (sweepImports).
 */
export const UPLOAD_MAX_AGE_MS = 24 * 3_600_000;

export function importDir(dataDir: string, communityId: string): string {
  return path.join(dataDir, 'imports', communityId);
}

const dryRunPath = (upload: string) => `${upload}.dryrun.json`;
/** the rows an import did not take, sealed (kept for the result page's download after the upload is gone) */
const rejectedPath = (upload: string) => `${upload}.rejected`;

/** Deletes an upload and what was kept beside it. */
export function removeUpload(upload: string): void {
  for (const p of [upload, dryRunPath(upload), rejectedPath(upload)]) fs.rmSync(p, { force: true });
}

/** Marks an upload as used now, so the sweep counts its day from here. */
export function touchUpload(upload: string): void {
  const now = new Date();
  for (const p of [upload, dryRunPath(upload)]) if (fs.existsSync(p)) fs.utimesSync(p, now, now);
}

/**
 * Deletes every file under `<data>/imports` last used more than a day ago, except those of imports
 * running in this process. Ages are the file system's (file times against the system clock).
 * Run at start-up, every hour and before each upload; returns how many files went.
 */
export async function sweepImports(dataDir: string, now = Date.now()): Promise<number> {
  const root = path.join(dataDir, 'imports');
  let removed = 0;
  const sweep = async (dir: string, depth: number): Promise<void> => {
    let names: fs.Dirent[];
    try {
      names = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return; // no imports yet, or gone meanwhile
    }
    for (const d of names) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) {
        if (depth < 2) await sweep(p, depth + 1);
        continue;
      }
      if ([...running.keys()].some((id) => d.name.startsWith(id))) continue;
      try {
        if (now - (await fs.promises.stat(p)).mtimeMs <= UPLOAD_MAX_AGE_MS) continue;
        await fs.promises.rm(p, { force: true });
        removed++;
      } catch {
        // removed by another sweep (another instance sharing the folder)
      }
    }
  };
  await sweep(root, 0);
  return removed;
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
    issues: o.issues.slice(0, MAX_KEPT_ISSUES),
    issuesTotal: o.issues.length,
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
  opts: Omit<ImportOptions, 'dryRun' | 'today' | 'communityName' | 'limits'>,
  actor: { userId: string; username: string; ip: string | null },
): Promise<void> {
  const main = services.db.kysely;
  const now = services.clock.now();
  // the dry run before this counted the rows
  const total = job.total;
  running.set(job.id, { done: 0, total });
  touchUpload(job.path);
  const limits = rosterLimits(services.config);
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
      const o = await importRoster(v, { path: job.path }, job.filename, { ...opts, dryRun: false, today: now, communityName: job.communityName, sqlite: db.sqlite, limits }, async (done) => {
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
    if (outcome.errors > 0) {
      try {
        const rows = await rejectedWorkbook(job.path, job.filename, opts.mapping, opts.headerRow, keptRecord(outcome, Infinity), limits);
        sealRejected(job.path, rows, keyringFor(services.config.dataDir));
      } catch {
        // the people are imported; only the download of the rows left out is missing
      }
    }
    await main
      .updateTable('import_job')
      .set({ status: 'done', progress_done: outcome.rows, result_json: JSON.stringify(resultOf(outcome)), updated_at: services.clock.now().toISOString() })
      .where('community_id', '=', job.communityId)
      .where('id', '=', job.id)
      .execute();
  } catch (e) {
    const message = e instanceof AppError ? translate(e.code, 'zh-CN', e.params) : e instanceof Error ? e.message : String(e);
    await main
      .updateTable('import_job')
      .set({ status: 'failed', error: message.slice(0, 500), updated_at: services.clock.now().toISOString() })
      .where('community_id', '=', job.communityId)
      .where('id', '=', job.id)
      .execute();
  } finally {
    running.delete(job.id);
    if (own) await own.close();
    // imported or not, the roster in clear goes (the rows left out stay sealed for a day)
    fs.rmSync(job.path, { force: true });
    fs.rmSync(dryRunPath(job.path), { force: true });
  }
}

/** The rows a dry run rejected, as they were, with the reasons in the first column. */
export async function rejectedWorkbook(file: string, filename: string, mapping: RosterMapping | undefined, headerRow: number | undefined, dryRun: DryRunRecord, limits: RosterLimits): Promise<Buffer> {
  const rejected = new Set(dryRun.rejectedRows);
  const issuesByRow = new Map<number, RowIssue[]>();
  for (const i of dryRun.issues) issuesByRow.set(i.row, [...(issuesByRow.get(i.row) ?? []), i]);
  const placeOf = new Map<number, PlaceCode>();
  for (const [code, rows] of Object.entries(dryRun.placeRows ?? {}) as [PlaceCode, number[]][]) for (const r of rows) placeOf.set(r, code);
  const parse = parseRoster({ path: file }, filename, { mapping, headerRow, limits });
  const rows: { row: number; cells: unknown[]; issues: RowIssue[] }[] = [];
  for await (const r of parse) {
    if (!rejected.has(r.row)) continue;
    // past the issues kept: the file's own issues again, and the place problem by its code
    const place = placeOf.get(r.row);
    const issues = issuesByRow.get(r.row) ?? (place ? [...r.issues, { row: r.row, column: null, field: null, code: place, message: PLACE_MESSAGES[place], severity: 'error' as const }] : r.issues);
    rows.push({ row: r.row, cells: r.cells, issues });
  }
  return rejectedRowsXlsx(parse.summary.headers, rows);
}

type PlaceCode = keyof typeof PLACE_MESSAGES;
const isPlaceCode = (code: string): code is PlaceCode => code in PLACE_MESSAGES;

/**
 * What a dry run found, kept beside the upload until it is imported or abandoned: the rows it
 * would leave out, the first issues (numbers masked, as apply.ts gives them), and for the rows past
 * those their place problem, which only the registry knows (the file's own issues are read again).
 */
export interface DryRunRecord {
  rejectedRows: number[];
  issues: RowIssue[];
  issuesTotal: number;
  placeRows: Partial<Record<PlaceCode, number[]>>;
}

function keptRecord(o: ImportOutcome, max: number): DryRunRecord {
  const placeRows: DryRunRecord['placeRows'] = {};
  for (let k = max; k < o.issues.length; k++) {
    const i = o.issues[k];
    if (isPlaceCode(i.code)) (placeRows[i.code] ??= []).push(i.row);
  }
  return { rejectedRows: o.rejectedRows, issues: o.issues.slice(0, max), issuesTotal: o.issues.length, placeRows };
}

export function saveDryRun(uploadPath: string, o: ImportOutcome): void {
  fs.writeFileSync(dryRunPath(uploadPath), JSON.stringify(keptRecord(o, MAX_KEPT_ISSUES)), { mode: 0o600 });
}

export function loadDryRun(uploadPath: string): DryRunRecord | null {
  const p = dryRunPath(uploadPath);
  return fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, 'utf8')) as DryRunRecord) : null;
}

/** The rejected-rows workbook of a finished import, sealed under the data key like ID numbers. */
function sealRejected(uploadPath: string, workbook: Buffer, keyring: Keyring): void {
  fs.writeFileSync(rejectedPath(uploadPath), encrypt(workbook.toString('base64'), keyring.current), { mode: 0o600 });
}

export function loadRejected(uploadPath: string, keyring: Keyring): Buffer | null {
  const p = rejectedPath(uploadPath);
  return fs.existsSync(p) ? Buffer.from(decrypt(fs.readFileSync(p, 'utf8'), keyring), 'base64') : null;
}
