import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, AuditLogTable } from '../db/schema';
import type { Dialect } from '../db';
import type { AuditKey, AuditKeySource } from './key';

/** One thing that happened, as a module or the core reports it. */
export interface AuditEntry {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  communityId?: string | null;
  subDistrictId?: string | null;
  before?: unknown;
  after?: unknown;
  outcome?: 'ok' | 'denied' | 'failed';
}

/** Who did it and from where; filled in by the core from the request. */
export interface AuditOrigin {
  at: string;
  actorUserId: string | null;
  actorUsername: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

import { maskIdNumber, maskPhone } from '../mask';

export { maskIdNumber, maskPhone };

const SECRET_KEY = /password|secret|token/i;
const ID_KEY = /^(id_?number|idNumber|id_card|idCard)$/i;
const PHONE_KEY = /phone|mobile/i;

/** Personal data never reaches the audit log in clear: secrets are dropped, ID numbers and phones masked. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(k)) out[k] = '[redacted]';
      else if (typeof v === 'string' && ID_KEY.test(k)) out[k] = maskIdNumber(v);
      else if (typeof v === 'string' && PHONE_KEY.test(k)) out[k] = maskPhone(v);
      else out[k] = redact(v);
    }
    return out;
  }
  return value;
}

type Row = Omit<AuditLogTable, 'hash'>;

function canonical(row: Row): string {
  return JSON.stringify([
    row.seq,
    row.at,
    row.actor_user_id,
    row.actor_username,
    row.ip,
    row.user_agent,
    row.action,
    row.entity_type,
    row.entity_id,
    row.community_id,
    row.sub_district_id,
    row.before_json,
    row.after_json,
    row.outcome,
    row.request_id,
    row.prev_hash,
  ]);
}

/**
 * The hash of a row written before the log had a key: SHA-256 over every column and the previous
 * row's hash, so any edit breaks the chain — unless whoever edits computes the hashes again.
 */
export function rowHash(row: Row): string {
  return crypto.createHash('sha256').update(canonical(row)).digest('hex');
}

/** The hash of a row since: HMAC-SHA-256 with the audit key, which the database does not hold. */
export function keyedRowHash(row: Row, key: Buffer): string {
  return crypto.createHmac('sha256', key).update(canonical(row)).digest('hex');
}

/** What appending needs of the database: its dialect and its audit key (a `Db` is one). */
export interface AuditChain {
  dialect: Dialect;
  auditKey: AuditKeySource;
}

/**
 * The key new rows are chained with. The first time (a new log, or one an older Linli wrote), it is
 * created, recording the next row as the first keyed one. Not when the newest row is already keyed:
 * then this instance lacks the key the others chain with, and a key of its own would fork the log.
 */
export async function chainKey(db: Kysely<Database>, source: AuditKeySource): Promise<AuditKey> {
  const existing = source.read();
  if (existing) return existing;
  const last = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (last) {
    const { hash, ...rest } = last;
    if (rowHash(rest) !== hash) {
      throw new Error(
        `The audit log's newest row (${last.seq}) is chained with a key this instance does not have: ` +
          `set LINLI_AUDIT_KEY, or copy ${source.location} from the instance that created it.`,
      );
    }
  }
  return source.create((last?.seq ?? 0) + 1);
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(redact(v));
}

/**
 * Appends rows to the chain. Call inside the transaction of the change it records, so the change
 * and its audit row commit together. On PostgreSQL an advisory lock orders concurrent writers
 * (two server instances included); SQLite has one writer at a time anyway.
 */
export async function appendAudit(
  db: Kysely<Database>,
  chain: AuditChain,
  origin: AuditOrigin,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  if (chain.dialect === 'postgres') await sql`select pg_advisory_xact_lock(7411)`.execute(db);
  const key = chain.auditKey.read() ?? (await chainKey(db, chain.auditKey));
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS_HASH;
  for (const e of entries) {
    seq += 1;
    const row: Row = {
      seq,
      at: origin.at,
      actor_user_id: origin.actorUserId,
      actor_username: origin.actorUsername,
      ip: origin.ip,
      user_agent: origin.userAgent ? origin.userAgent.slice(0, 300) : null,
      action: e.action,
      entity_type: e.entityType ?? null,
      entity_id: e.entityId ?? null,
      community_id: e.communityId ?? null,
      sub_district_id: e.subDistrictId ?? null,
      before_json: json(e.before),
      after_json: json(e.after),
      outcome: e.outcome ?? 'ok',
      request_id: origin.requestId,
      prev_hash: prev,
    };
    const hash = keyedRowHash(row, key.key);
    await db.insertInto('audit_log').values({ ...row, hash }).execute();
    prev = hash;
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** the first row found chained with the key (HMAC-SHA-256); null when none is */
  keyedFrom: number | null;
  /**
   * the first row found altered, removed or re-linked, or `unkeyed`: a plain SHA-256 row where the
   * log is keyed, written or re-chained by someone without the key
   */
  problem?: { seq: number; kind: 'altered' | 'missing' | 'broken-link' | 'unkeyed' };
}

/**
 * Walks the chain in order and reports the first row that was altered, removed or re-linked. With
 * the key, every row from `key.from` on (and after the first keyed row) must be keyed: a history
 * rewritten and re-chained in plain SHA-256 is found at its first rewritten row. Without it, only
 * rows written before the key can be checked.
 */
export async function verifyAudit(db: Kysely<Database>, key: AuditKey | null): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  let keyedFrom: number | null = null;
  const pageSize = 5000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      const fail = (seq: number, kind: NonNullable<VerifyResult['problem']>['kind']): VerifyResult => ({ ok: false, checked, keyedFrom, problem: { seq, kind } });
      if (r.seq !== expectedSeq) return fail(expectedSeq, 'missing');
      if (r.prev_hash !== prev) return fail(r.seq, 'broken-link');
      const { hash, ...rest } = r;
      const mustBeKeyed = key !== null && (r.seq >= key.from || keyedFrom !== null);
      if (key && mustBeKeyed) {
        if (keyedRowHash(rest, key.key) !== hash) return fail(r.seq, rowHash(rest) === hash ? 'unkeyed' : 'altered');
        keyedFrom ??= r.seq;
      } else if (rowHash(rest) !== hash) {
        // a keyed row before `from` can only come from whoever holds the key
        if (!key || keyedRowHash(rest, key.key) !== hash) return fail(r.seq, 'altered');
        keyedFrom = r.seq;
      }
      prev = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < pageSize) return { ok: true, checked, keyedFrom };
  }
}
