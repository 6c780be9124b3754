import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { keysDir } from '../../../core/config';
import { randomBytesPooled } from '../../../core/ids';

// Masking already lives with the audit log; one implementation so the log and the pages agree.
export { maskIdNumber, maskPhone } from '../../../core/mask';

/** A data-encryption key and the id written beside every value it encrypts. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * The current key encrypts; older keys stay so that rows written before a rotation can still be
 * read while they are re-encrypted. The index key never rotates, or every blind index would break.
 */
export interface Keyring {
  current: DataKey;
  keys: ReadonlyMap<string, Buffer>;
  indexKey: Buffer;
}

export type PiiErrorCode = 'PII_FORMAT' | 'PII_UNKNOWN_KEY' | 'PII_TAMPERED' | 'PII_KEY_INVALID' | 'PII_NO_KEY';

export class PiiError extends Error {
  constructor(
    readonly code: PiiErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'PiiError';
  }
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const KEY_ID = /^[A-Za-z0-9_-]+$/;

/** The authenticated header of each key's values, as bytes (built once per key, not per value). */
const headers = new Map<string, { text: string; aad: Buffer }>();
function headerOf(keyId: string) {
  let h = headers.get(keyId);
  if (!h) {
    const text = `${VERSION}:${keyId}`;
    h = { text, aad: Buffer.from(text) };
    headers.set(keyId, h);
  }
  return h;
}

/**
 * AES-256-GCM with a fresh random IV, as `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64). The
 * `v1:<keyId>` header is authenticated too, so a value cannot be relabelled to another key.
 */
export function encrypt(plain: string, key: DataKey): string {
  const iv = randomBytesPooled(IV_BYTES);
  const header = headerOf(key.id);
  const cipher = crypto.createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(header.aad);
  const head = cipher.update(plain, 'utf8');
  const rest = cipher.final();
  const ct = rest.length ? Buffer.concat([head, rest]) : head;
  return `${header.text}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
}

function parseStored(stored: string): { keyId: string; iv: Buffer; tag: Buffer; ct: Buffer } {
  const parts = stored.split(':');
  if (parts.length !== 5 || parts[0] !== VERSION || !KEY_ID.test(parts[1])) {
    throw new PiiError('PII_FORMAT', 'not a v1 encrypted value');
  }
  const [, keyId, iv, tag, ct] = parts;
  return {
    keyId,
    iv: Buffer.from(iv, 'base64'),
    tag: Buffer.from(tag, 'base64'),
    ct: Buffer.from(ct, 'base64'),
  };
}

export function decrypt(stored: string, keyring: Keyring): string {
  const { keyId, iv, tag, ct } = parseStored(stored);
  const key = keyring.keys.get(keyId);
  if (!key) throw new PiiError('PII_UNKNOWN_KEY', `no key ${keyId} in the keyring`);
  if (iv.length !== IV_BYTES || tag.length !== 16) throw new PiiError('PII_FORMAT', 'bad IV or tag length');
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(`${VERSION}:${keyId}`));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch {
    throw new PiiError('PII_TAMPERED', 'the value does not authenticate');
  }
}

/** The value under the current key; the same string when it already is, so rotation jobs skip it. */
export function reencrypt(stored: string, keyring: Keyring): string {
  if (parseStored(stored).keyId === keyring.current.id) return stored;
  return encrypt(decrypt(stored, keyring), keyring.current);
}

const ASCII = /^[\x20-\x7e]*$/;

/**
 * HMAC-SHA-256 (RFC 2104) through one-shot hashes: the key's inner and outer pads are worked out
 * once per key, and the message is written into a reused buffer. The same value as
 * `createHmac('sha256', key)`, at about half the cost per value (an import computes two per person).
 */
const BLOCK = 64;
const pads = new WeakMap<Buffer, { inner: Buffer; outer: Buffer }>();
function hmacSha256Hex(key: Buffer, message: string): string {
  let p = pads.get(key);
  if (!p) {
    const k = key.length > BLOCK ? crypto.createHash('sha256').update(key).digest() : key;
    const inner = Buffer.alloc(BLOCK + 1024);
    const outer = Buffer.alloc(BLOCK + 32);
    for (let i = 0; i < BLOCK; i++) {
      inner[i] = (k[i] ?? 0) ^ 0x36;
      outer[i] = (k[i] ?? 0) ^ 0x5c;
    }
    p = { inner, outer };
    pads.set(key, p);
  }
  // a UTF-16 unit takes at most 3 bytes in UTF-8; longer messages (never an ID number or phone) take the long way
  if (message.length * 3 > p.inner.length - BLOCK) return crypto.createHmac('sha256', key).update(message, 'utf8').digest('hex');
  const n = p.inner.write(message, BLOCK, 'utf8');
  crypto.hash('sha256', p.inner.subarray(0, BLOCK + n), 'buffer').copy(p.outer, BLOCK);
  return crypto.hash('sha256', p.outer, 'hex');
}

/**
 * HMAC-SHA-256 of the normalized value, hex: lookups and duplicate checks compare these and
 * never decrypt. Normalizing here means "110105 1949…x" and "110105…X" collide as they should.
 */
export function blindIndex(value: string, indexKey: Buffer): string {
  // ID numbers and phones are nearly always plain ASCII, which is its own NFKC form
  const normalized = (ASCII.test(value) ? value : value.normalize('NFKC')).replace(/[\s-]/g, '').toUpperCase();
  return hmacSha256Hex(indexKey, normalized);
}

interface KeyFile {
  current: string;
  keys: Record<string, string>;
  index: string;
}

export function keyFilePath(dataDir: string): string {
  return path.join(keysDir(dataDir), 'linli.key');
}

function decodeKey(b64: string, what: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== KEY_BYTES) throw new PiiError('PII_KEY_INVALID', `${what} must be ${KEY_BYTES} bytes in base64`);
  return key;
}

/**
 * A key's id: the first 12 hex digits of its SHA-256. Two keys never share an id, so a value names
 * the one key that opens it, and a key made on a restored data directory cannot pass for the lost
 * one. (An older Linli called its keys k1, k2 …; those ids stay readable.)
 */
export function keyIdOf(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 12);
}

const FINGERPRINT = /^[0-9a-f]{12}$/;

/** True when the id itself proves which key it names (a fingerprint, or LINLI_KEY's env id). */
export function isFingerprintId(id: string): boolean {
  return FINGERPRINT.test(id) || ENV_ID.test(id);
}

function keyringFromFile(file: KeyFile, where: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const [id, b64] of Object.entries(file.keys ?? {})) {
    if (!KEY_ID.test(id)) throw new PiiError('PII_KEY_INVALID', `bad key id ${id} in ${where}`);
    const key = decodeKey(b64, `key ${id} in ${where}`);
    // an edited or mixed-up file would otherwise seal new values under an id that belongs to another key
    if (FINGERPRINT.test(id) && keyIdOf(key) !== id) throw new PiiError('PII_KEY_INVALID', `key ${id} in ${where} is not the key that id names`);
    keys.set(id, key);
  }
  const current = keys.get(file.current);
  if (!current) throw new PiiError('PII_KEY_INVALID', `the current key ${file.current} is missing from ${where}`);
  return { current: { id: file.current, key: current }, keys, indexKey: decodeKey(file.index, `index key in ${where}`) };
}

/** Owner only, file and folder: the file holds the key to every resident's ID number. */
function tighten(p: string, mode: number): void {
  if (process.platform !== 'win32' && (fs.statSync(p).mode & 0o077) !== 0) fs.chmodSync(p, mode);
}

function readKeyFile(p: string): KeyFile {
  // tighten a file someone copied with looser permissions
  tighten(path.dirname(p), 0o700);
  tighten(p, 0o600);
  try {
    return JSON.parse(fs.readFileSync(p, 'utf8')) as KeyFile;
  } catch (e) {
    throw new PiiError('PII_KEY_INVALID', `${p} is not a key file (${(e as Error).message})`);
  }
}

/** Write-then-rename, so a crash never leaves half a key file and with it unreadable data. */
function writeKeyFile(p: string, file: KeyFile): void {
  const tmp = `${p}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, p);
}

const randomKey = () => crypto.randomBytes(KEY_BYTES);

/** A new key whose id is none of `taken` (ids the data or the key file already use). */
function newKey(taken: ReadonlySet<string>, make: () => Buffer): { id: string; key: Buffer } {
  for (;;) {
    const key = make();
    const id = keyIdOf(key);
    if (!taken.has(id)) return { id, key };
  }
}

const ENV_ID = /^env[0-9a-f]{8}$/;

/** Where the keyring came from, for messages: the key file's path, or `LINLI_KEY`. */
export interface LoadedKeyring {
  keyring: Keyring;
  where: string;
  /** true when it came from the key file (false: LINLI_KEY) */
  fromFile: boolean;
}

/**
 * The keyring for this installation, or null when there is none yet. `LINLI_KEY` (base64, 32 bytes)
 * wins, for deployments that keep secrets out of the data directory; its index key is derived from
 * it, so with `LINLI_KEY` a rotation also means recomputing the blind indexes. Otherwise
 * `<dataDir>/keys/linli.key`. Never creates one: whether a new key is safe depends on the data
 * (`keys.ts` decides at start-up).
 */
export function loadKeyring(dataDir: string, env: NodeJS.ProcessEnv): LoadedKeyring | null {
  const fromEnv = env.LINLI_KEY?.trim();
  if (fromEnv) {
    const key = decodeKey(fromEnv, 'LINLI_KEY');
    const id = 'env' + crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
    const indexKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'linli blind index', KEY_BYTES));
    return { keyring: { current: { id, key }, keys: new Map([[id, key]]), indexKey }, where: 'LINLI_KEY', fromFile: false };
  }
  const p = keyFilePath(dataDir);
  if (!fs.existsSync(p)) return null;
  return { keyring: keyringFromFile(readKeyFile(p), p), where: p, fromFile: true };
}

/**
 * Creates the key file of a new installation, with a key whose id is none of `taken`. When two
 * processes start together, one creates the file and the other reads it ('wx'), instead of each
 * encrypting with a key the other never sees.
 */
export function createKeyFile(dataDir: string, taken: ReadonlySet<string>, make: () => Buffer = randomKey): Keyring {
  const p = keyFilePath(dataDir);
  fs.mkdirSync(path.dirname(p), { recursive: true, mode: 0o700 });
  tighten(path.dirname(p), 0o700);
  const { id, key } = newKey(taken, make);
  const file: KeyFile = { current: id, keys: { [id]: key.toString('base64') }, index: randomKey().toString('base64') };
  try {
    fs.writeFileSync(p, JSON.stringify(file, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return keyringFromFile(readKeyFile(p), p);
  }
  return keyringFromFile(file, p);
}

/** The keyring, made on first use when there is none: for tests and tools working on a fresh data directory. */
export function loadOrCreateKeyring(dataDir: string, env: NodeJS.ProcessEnv): Keyring {
  return loadKeyring(dataDir, env)?.keyring ?? createKeyFile(dataDir, new Set());
}

/**
 * Adds a new current key to the key file and returns the keyring with it. Old keys stay, so the
 * server keeps reading old rows while a job passes each through `reencrypt`. The new id is none of
 * `taken` (the ids found in the data) nor of the file's keys.
 */
export function rotateKey(dataDir: string, taken: ReadonlySet<string>): Keyring {
  const p = keyFilePath(dataDir);
  const file = readKeyFile(p);
  keyringFromFile(file, p); // refuse to rotate a broken file
  const { id, key } = newKey(new Set([...taken, ...Object.keys(file.keys)]), randomKey);
  const next: KeyFile = { current: id, keys: { ...file.keys, [id]: key.toString('base64') }, index: file.index };
  writeKeyFile(p, next);
  return keyringFromFile(next, p);
}
