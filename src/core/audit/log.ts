import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, AuditLogTable } from '../db/schema';
import type { Dialect } from '../db';

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

/** The hash of a row covers every column and the previous row's hash, so any edit breaks the chain. */
export function rowHash(row: Row): string {
  const canonical = JSON.stringify([
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
  return crypto.createHash('sha256').update(canonical).digest('hex');
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
  dialect: Dialect,
  origin: AuditOrigin,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7411)`.execute(db);
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
    const hash = rowHash(row);
    await db.insertInto('audit_log').values({ ...row, hash }).execute();
    prev = hash;
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** the first row found altered, or the sequence number where a row is missing */
  problem?: { seq: number; kind: 'altered' | 'missing' | 'broken-link' };
}

/** Walks the chain in order and reports the first row that was altered, removed or re-linked. */
export async function verifyAudit(db: Kysely<Database>): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
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
      if (r.seq !== expectedSeq) return { ok: false, checked, problem: { seq: expectedSeq, kind: 'missing' } };
      if (r.prev_hash !== prev) return { ok: false, checked, problem: { seq: r.seq, kind: 'broken-link' } };
      const { hash, ...rest } = r;
      if (rowHash(rest) !== hash) return { ok: false, checked, problem: { seq: r.seq, kind: 'altered' } };
      prev = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < pageSize) return { ok: true, checked };
  }
}
