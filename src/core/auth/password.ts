import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { COMMON_PASSWORDS } from './common-passwords';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// N=2^15, r=8, p=1: about 50 ms on the reference machine, 32 MiB of memory.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64), so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return crypto.timingSafeEqual(key, expected);
}

/** A hash to compare against when the username does not exist, so timing does not tell. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(12).toString('hex'));
  return dummyHash;
}

export const MIN_PASSWORD_LENGTH = 10;

/** Checks a new password against the policy; returns the message code of the first rule it breaks. */
export function passwordProblem(password: string, username: string): { code: string; params?: Record<string, number> } | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return { code: 'PASSWORD_TOO_SHORT', params: { min: MIN_PASSWORD_LENGTH } };
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase() || lower.includes(username.toLowerCase()) && username.length >= 4)
    return { code: 'PASSWORD_IS_USERNAME' };
  if (COMMON_PASSWORDS.has(lower)) return { code: 'PASSWORD_COMMON' };
  // one repeated character or a plain run of digits/letters is as good as common
  if (/^(.)\1+$/.test(password) || '01234567890123456789'.includes(password) || 'abcdefghijklmnopqrstuvwxyz'.includes(lower))
    return { code: 'PASSWORD_COMMON' };
  return null;
}
