import crypto from 'node:crypto';

/**
 * A time-ordered UUID (version 7: 48 bits of milliseconds, then random). Rows written together get
 * neighbouring keys, so a bulk write appends to the primary-key index instead of scattering over it.
 */
let lastMs = 0;
let seq = 0;
const POOL = 16 * 1024;
let pool = crypto.randomBytes(POOL);
let at = 0;
/** Random bytes drawn from a pool: one system call per thousand draws, not one per draw. */
export function randomBytesPooled(n: number): Buffer {
  if (n > POOL) return crypto.randomBytes(n);
  if (at + n > POOL) {
    pool = crypto.randomBytes(POOL);
    at = 0;
  }
  const b = Buffer.from(pool.subarray(at, at + n));
  at += n;
  return b;
}
const random16 = () => randomBytesPooled(16);

export function uuidv7(): string {
  const b = random16();
  let ms = Date.now();
  // within one millisecond, count up in the next 12 bits so ids stay ordered
  if (ms <= lastMs) {
    ms = lastMs;
    seq = (seq + 1) & 0xfff;
    if (seq === 0) ms = ++lastMs;
  } else seq = b.readUInt16BE(6) & 0x7ff;
  lastMs = ms;
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
