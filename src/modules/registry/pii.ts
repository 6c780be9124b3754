import { blindIndex, decrypt, encrypt, keyFilePath, loadKeyring, maskIdNumber, maskPhone, PiiError, type Keyring } from './lib/pii';

/** One keyring per data directory: the one the start-up check (`keys.ts`) found or made. */
const keyrings = new Map<string, Keyring>();

export function keyringFor(dataDir: string): Keyring {
  let k = keyrings.get(dataDir);
  if (!k) {
    // read again after a rotation; never made here, where nobody has looked whether the data needs a lost key
    const loaded = loadKeyring(dataDir, process.env);
    if (!loaded) throw new PiiError('PII_NO_KEY', `no key file at ${keyFilePath(dataDir)} and LINLI_KEY is unset: start Linli first, its start-up check makes one for a new installation`);
    k = loaded.keyring;
    keyrings.set(dataDir, k);
  }
  return k;
}

/** The keyring the start-up check settled on for this data directory. */
export function useKeyring(dataDir: string, keyring: Keyring): void {
  keyrings.set(dataDir, keyring);
}

/** Forgets the cached keyring (after `linli rotate-key`). */
export function forgetKeyring(dataDir: string): void {
  keyrings.delete(dataDir);
}

/** What the database stores for an ID number or phone: ciphertext, blind index, and the tail for tail search. */
export interface SealedValue {
  enc: string;
  hash: string;
  tail: string;
}

/** `indexed` is the form compared for equality (an ID number as is, a phone by its digits). */
export function seal(value: string, keyring: Keyring, indexed = value): SealedValue {
  return { enc: encrypt(value, keyring.current), hash: blindIndex(indexed, keyring.indexKey), tail: indexed.slice(-4).toUpperCase() };
}

export function open(enc: string | null, keyring: Keyring): string | null {
  return enc ? decrypt(enc, keyring) : null;
}

export function maskedId(enc: string | null, keyring: Keyring): string | null {
  const v = open(enc, keyring);
  return v ? maskIdNumber(v) : null;
}

export function maskedPhone(enc: string | null, keyring: Keyring): string | null {
  const v = open(enc, keyring);
  return v ? (/^1\d{10}$/.test(v) ? maskPhone(v) : maskLandline(v)) : null;
}

/** 010-8888 2088 → 010-****2088: keep the area code and the last four. */
function maskLandline(v: string): string {
  const digits = v.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(v.length);
  const m = /^(0\d{2,3})[- ]?/.exec(v);
  return `${m ? m[1] + '-' : ''}****${digits.slice(-4)}`;
}

export { blindIndex };

/** Phones are compared by their digits only ("138 1234 5678" = "13812345678"). */
export function phoneDigits(v: string): string {
  return v.normalize('NFKC').replace(/\D/g, '');
}
