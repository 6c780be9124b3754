import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  blindIndex,
  decrypt,
  encrypt,
  createKeyFile,
  keyFilePath,
  keyIdOf,
  loadOrCreateKeyring,
  maskIdNumber,
  maskPhone,
  PiiError,
  reencrypt,
  rotateKey,
  type Keyring,
} from './pii';

const dirs: string[] = [];
function tempDataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-pii-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function makeKeyring(id = 'k1'): Keyring {
  const key = crypto.randomBytes(32);
  return { current: { id, key }, keys: new Map([[id, key]]), indexKey: crypto.randomBytes(32) };
}

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof PiiError ? e.code : 'other';
  }
  return 'none';
}

const idNumber = '11010519491231002X';

describe('encrypt and decrypt', () => {
  it('gives back the ID number or phone that was stored', () => {
    const ring = makeKeyring();
    for (const plain of [idNumber, '13812345678', '', '张三 · 备注']) {
      expect(decrypt(encrypt(plain, ring.current), ring)).toBe(plain);
    }
  });

  it('stores the value as v1:<keyId>:<iv>:<tag>:<ciphertext> with nothing readable in it', () => {
    const ring = makeKeyring();
    const stored = encrypt(idNumber, ring.current);
    const [v, keyId, iv, tag] = stored.split(':');
    expect([v, keyId]).toEqual(['v1', 'k1']);
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(stored).not.toContain('19491231');
  });

  it('encrypts the same number differently each time, so equal values cannot be spotted', () => {
    const ring = makeKeyring();
    expect(encrypt(idNumber, ring.current)).not.toBe(encrypt(idNumber, ring.current));
  });

  it('refuses a value whose ciphertext was tampered with', () => {
    const ring = makeKeyring();
    const parts = encrypt(idNumber, ring.current).split(':');
    const ct = Buffer.from(parts[4], 'base64');
    ct[0] ^= 1;
    parts[4] = ct.toString('base64');
    expect(errorCode(() => decrypt(parts.join(':'), ring))).toBe('PII_TAMPERED');
  });

  it('refuses a value relabelled with another key id', () => {
    const ring = makeKeyring();
    const k2 = crypto.randomBytes(32);
    const both: Keyring = { ...ring, keys: new Map([...ring.keys, ['k2', k2]]) };
    const stored = encrypt(idNumber, ring.current).replace(/^v1:k1:/, 'v1:k2:');
    expect(errorCode(() => decrypt(stored, both))).toBe('PII_TAMPERED');
  });

  it('says which is wrong: an unknown key or text that was never encrypted', () => {
    const ring = makeKeyring();
    expect(errorCode(() => decrypt(encrypt(idNumber, makeKeyring('k9').current), ring))).toBe('PII_UNKNOWN_KEY');
    expect(errorCode(() => decrypt(idNumber, ring))).toBe('PII_FORMAT');
  });
});

describe('blindIndex', () => {
  it('is the same for the same ID number however it was typed', () => {
    const { indexKey } = makeKeyring();
    const a = blindIndex(idNumber, indexKey);
    expect(blindIndex(idNumber, indexKey)).toBe(a);
    expect(blindIndex('11010519491231002x', indexKey)).toBe(a);
    expect(blindIndex(' 110105 19491231 002X', indexKey)).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs for different values and under a different index key', () => {
    const { indexKey } = makeKeyring();
    expect(blindIndex('13812345678', indexKey)).not.toBe(blindIndex('13812345679', indexKey));
    expect(blindIndex(idNumber, indexKey)).not.toBe(blindIndex(idNumber, makeKeyring().indexKey));
  });
});

describe('key file', () => {
  it('is created on first start with mode 0600 and reused on the next', () => {
    const dir = tempDataDir();
    const first = loadOrCreateKeyring(dir, {});
    const file = keyFilePath(dir);
    expect(file).toBe(path.join(dir, 'keys', 'linli.key'));
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { current: string; keys: Record<string, string>; index: string };
    expect(saved.current).toBe(first.current.id);
    expect(Buffer.from(saved.keys[saved.current], 'base64')).toHaveLength(32);

    const second = loadOrCreateKeyring(dir, {});
    expect(second.current.id).toBe(first.current.id);
    expect(second.current.key.equals(first.current.key)).toBe(true);
    expect(second.indexKey.equals(first.indexKey)).toBe(true);
    expect(decrypt(encrypt(idNumber, first.current), second)).toBe(idNumber);
  });

  it('takes the key from LINLI_KEY without writing a file', () => {
    const dir = tempDataDir();
    const key = crypto.randomBytes(32);
    const ring = loadOrCreateKeyring(dir, { LINLI_KEY: key.toString('base64') });
    expect(ring.current.key.equals(key)).toBe(true);
    expect(ring.indexKey.equals(key)).toBe(false);
    expect(fs.existsSync(keyFilePath(dir))).toBe(false);
    const again = loadOrCreateKeyring(dir, { LINLI_KEY: key.toString('base64') });
    expect(decrypt(encrypt(idNumber, ring.current), again)).toBe(idNumber);
  });

  it('names each new key by its fingerprint, so two installations never share an id', () => {
    const a = loadOrCreateKeyring(tempDataDir(), {});
    const b = loadOrCreateKeyring(tempDataDir(), {});
    expect(a.current.id).not.toBe(b.current.id);
    for (const ring of [a, b]) {
      expect(ring.current.id).toBe(crypto.createHash('sha256').update(ring.current.key).digest('hex').slice(0, 12));
      expect(ring.current.id).toBe(keyIdOf(ring.current.key));
    }
  });

  it('never names a new key with an id the data already uses', () => {
    const dir = tempDataDir();
    const taken = crypto.randomBytes(32);
    const fresh = crypto.randomBytes(32);
    const offered = [taken, fresh];
    const ring = createKeyFile(dir, new Set(['k1', keyIdOf(taken)]), () => offered.shift()!);
    expect(ring.current.id).toBe(keyIdOf(fresh));
    expect(loadOrCreateKeyring(dir, {}).current.id).toBe(keyIdOf(fresh));
  });

  it('refuses a key file whose key does not match the fingerprint it is filed under', () => {
    const dir = tempDataDir();
    loadOrCreateKeyring(dir, {});
    const file = JSON.parse(fs.readFileSync(keyFilePath(dir), 'utf8')) as { current: string; keys: Record<string, string> };
    file.keys[file.current] = crypto.randomBytes(32).toString('base64');
    fs.writeFileSync(keyFilePath(dir), JSON.stringify(file));
    expect(errorCode(() => loadOrCreateKeyring(dir, {}))).toBe('PII_KEY_INVALID');
  });

  it('still reads a key file of an older Linli, whose key is called k1', () => {
    const dir = tempDataDir();
    const k1 = crypto.randomBytes(32);
    fs.mkdirSync(path.dirname(keyFilePath(dir)), { recursive: true });
    fs.writeFileSync(keyFilePath(dir), JSON.stringify({ current: 'k1', keys: { k1: k1.toString('base64') }, index: crypto.randomBytes(32).toString('base64') }));
    const ring = loadOrCreateKeyring(dir, {});
    expect(ring.current.id).toBe('k1');
    expect(decrypt(encrypt(idNumber, { id: 'k1', key: k1 }), ring)).toBe(idNumber);
  });

  it('refuses a LINLI_KEY that is not 32 bytes', () => {
    expect(errorCode(() => loadOrCreateKeyring(tempDataDir(), { LINLI_KEY: 'c2hvcnQ=' }))).toBe('PII_KEY_INVALID');
  });
});

describe('key rotation', () => {
  it('still reads values written under the old key, and re-encrypts them under the new one', () => {
    const dir = tempDataDir();
    const before = loadOrCreateKeyring(dir, {});
    const old = encrypt(idNumber, before.current);

    const after = rotateKey(dir, new Set([before.current.id]));
    expect(after.current.id).not.toBe(before.current.id);
    expect(after.current.id).toBe(keyIdOf(after.current.key));
    expect(decrypt(old, after)).toBe(idNumber);
    expect(loadOrCreateKeyring(dir, {}).current.id).toBe(after.current.id);

    const moved = reencrypt(old, after);
    expect(moved.split(':')[1]).toBe(after.current.id);
    expect(decrypt(moved, after)).toBe(idNumber);
    expect(reencrypt(moved, after)).toBe(moved);
  });

  it('keeps the blind index key, so lookups keep working', () => {
    const dir = tempDataDir();
    const before = loadOrCreateKeyring(dir, {});
    const after = rotateKey(dir, new Set());
    expect(blindIndex(idNumber, after.indexKey)).toBe(blindIndex(idNumber, before.indexKey));
    if (process.platform !== 'win32') expect(fs.statSync(keyFilePath(dir)).mode & 0o777).toBe(0o600);
  });
});

describe('masking', () => {
  it('shows only the region and last four digits of an ID number, and the ends of a phone', () => {
    expect(maskIdNumber('110105194912310021')).toBe('110105********0021');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
