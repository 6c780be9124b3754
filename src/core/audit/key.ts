import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';

const KEY_BYTES = 32;

/**
 * The key the audit log is chained with (HMAC-SHA-256). It lives outside the database, so whoever
 * can write to the database can still alter a row but cannot compute the hashes that would hide it.
 */
export interface AuditKey {
  key: Buffer;
  /** where it came from, for messages: the key file's path or `LINLI_AUDIT_KEY` */
  source: string;
  /**
   * the first row of the log chained with the key; the rows before it were written, with plain
   * SHA-256, before the key existed. Kept with the key, not in the database, so a history
   * re-chained in plain SHA-256 cannot pretend to predate the key.
   */
  from: number;
}

interface KeyFile {
  key: string;
  from: number;
}

export function auditKeyPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'audit.key');
}

function decode(b64: string, where: string): Buffer {
  const key = Buffer.from(b64.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${where}: the audit key must be ${KEY_BYTES} bytes in base64`);
  return key;
}

function fromRow(v: unknown, where: string): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new Error(`${where}: the first keyed row must be a whole number ≥ 1, not ${String(v)}`);
  return n;
}

/** The audit key of this installation, or null when there is none yet. Never creates one. */
export function readAuditKey(config: Pick<Config, 'dataDir' | 'auditKey' | 'auditKeyFrom'>): AuditKey | null {
  if (config.auditKey) {
    const from = config.auditKeyFrom === null ? 1 : fromRow(config.auditKeyFrom, 'LINLI_AUDIT_KEY_FROM');
    return { key: decode(config.auditKey, 'LINLI_AUDIT_KEY'), source: 'LINLI_AUDIT_KEY', from };
  }
  const p = auditKeyPath(config.dataDir);
  let text: string;
  try {
    text = fs.readFileSync(p, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  // a copy brought over with looser permissions is tightened: whoever reads it can re-chain the log
  if ((fs.statSync(p).mode & 0o077) !== 0) fs.chmodSync(p, 0o600);
  const file = JSON.parse(text) as Partial<KeyFile>;
  return { key: decode(String(file.key ?? ''), p), source: p, from: fromRow(file.from, p) };
}

/**
 * Creates the key file (0600, in a 0700 `keys/` directory), recording `from`, the next row of the
 * log. When another process created it first, that one is read instead, so instances sharing a
 * data directory never chain with two keys.
 */
export function createAuditKey(config: Pick<Config, 'dataDir' | 'auditKey' | 'auditKeyFrom'>, from: number): AuditKey {
  const p = auditKeyPath(config.dataDir);
  fs.mkdirSync(path.dirname(p), { recursive: true, mode: 0o700 });
  const file: KeyFile = { key: crypto.randomBytes(KEY_BYTES).toString('base64'), from };
  try {
    fs.writeFileSync(p, JSON.stringify(file, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readAuditKey({ ...config, auditKey: null })!;
  }
  return { key: decode(file.key, p), source: p, from };
}

/** The audit key of one database: read once, then kept. */
export class AuditKeySource {
  private cached: AuditKey | null = null;

  constructor(private readonly config: Pick<Config, 'dataDir' | 'auditKey' | 'auditKeyFrom'>) {}

  /** where the key is, or would be created, for messages */
  get location(): string {
    return this.config.auditKey ? 'LINLI_AUDIT_KEY' : auditKeyPath(this.config.dataDir);
  }

  read(): AuditKey | null {
    this.cached ??= readAuditKey(this.config);
    return this.cached;
  }

  create(from: number): AuditKey {
    this.cached = this.read() ?? createAuditKey(this.config, from);
    return this.cached;
  }
}
