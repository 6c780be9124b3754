import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLinli, type Linli } from '../../core/server';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type Client, type TestLinli } from '../../core/testing';
import { encrypt, keyFilePath, keyIdOf, loadOrCreateKeyring } from './lib/pii';
import { idCheckDigit } from './lib/id-number';
import { rotateDataKey } from './rotate';

const ID_NUMBER = (() => {
  const first17 = '11010819491231002';
  return first17 + idCheckDigit(first17);
})();

const open: { close(): Promise<void> }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function emptyDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-keys-'));
  dirs.push(d);
  return d;
}

interface Setup {
  l: TestLinli;
  sec: Client;
  base: string;
  residentId: string;
}

/** A Linli with one resident whose ID number and phone are sealed. */
async function withResident(): Promise<Setup> {
  const l = await createTestLinli();
  open.push(l);
  const sd = await makeSubDistrict(l);
  const community = await makeCommunity(l, sd.id);
  const base = `/api/v1/communities/${community.id}`;
  const sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: community.id })).username);
  const place = async (url: string, body: Record<string, unknown>) => ((await sec.send('POST', `${base}/registry/${url}`, body)).json() as { id: string }).id;
  const dwellingId = await place('dwellings', { compoundId: await place('compounds', { name: '怡丽北园' }), room: '101' });
  const res = await sec.send('POST', `${base}/residents`, { dwellingId, name: '张秀英', idNumber: ID_NUMBER, phone: '13812345678' });
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return { l, sec, base, residentId: res.json().id };
}

/**
 * Linli started again on the same database, with the data keys (or none) of another data directory;
 * the audit log's key comes along, as it does in a backup.
 */
async function startOn(l: TestLinli, dataDir: string): Promise<Linli> {
  const config = { ...l.config, dataDir };
  const auditKey = path.join(l.config.dataDir, 'keys', 'audit.key');
  if (fs.existsSync(auditKey)) {
    fs.mkdirSync(path.join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
    fs.copyFileSync(auditKey, path.join(dataDir, 'keys', 'audit.key'));
  }
  if (!config.databaseUrl) await l.services.db.sqlite!.backup(path.join(dataDir, 'linli.sqlite'));
  const linli = await createLinli(config, { pgSchema: l.services.db.pgSchema, clock: l.clock });
  open.push(linli);
  return linli;
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('Linli started');
}

async function sealedIdNumber(l: Linli, residentId: string): Promise<string> {
  const row = await l.services.db.kysely.selectFrom('resident').select('id_number_enc').where('id', '=', residentId).executeTakeFirstOrThrow();
  return row.id_number_enc!;
}

function writeKeyFile(dataDir: string, file: { current: string; keys: Record<string, Buffer>; index: Buffer }) {
  fs.mkdirSync(path.dirname(keyFilePath(dataDir)), { recursive: true, mode: 0o700 });
  const keys = Object.fromEntries(Object.entries(file.keys).map(([id, k]) => [id, k.toString('base64')]));
  fs.writeFileSync(keyFilePath(dataDir), JSON.stringify({ current: file.current, keys, index: file.index.toString('base64') }), { mode: 0o600 });
}

describe('starting on data the keys cannot open', () => {
  it('refuses when the key file is missing, naming the key and where the file should be, and makes no new key', async () => {
    const { l, residentId } = await withResident();
    const keyId = (await sealedIdNumber(l, residentId)).split(':')[1];
    const restored = emptyDir();
    const err = await refusal(startOn(l, restored));
    expect(err.code).toBe('KEY_FILE_MISSING');
    expect(err.message).toContain(keyId);
    expect(err.message).toContain(keyFilePath(restored));
    expect(err.message).toContain('密钥文件');
    expect(err.message).toContain('LINLI_KEY');
    expect(err.message).toMatch(/restore/i);
    expect(fs.existsSync(keyFilePath(restored))).toBe(false);
  });

  it('refuses a key file of another installation, naming the key the data needs and the file it looked in', async () => {
    const { l, residentId } = await withResident();
    const keyId = (await sealedIdNumber(l, residentId)).split(':')[1];
    const restored = emptyDir();
    const other = emptyDir();
    loadOrCreateKeyring(other, {});
    fs.mkdirSync(path.join(restored, 'keys'), { mode: 0o700 });
    fs.copyFileSync(keyFilePath(other), keyFilePath(restored));
    const err = await refusal(startOn(l, restored));
    expect(err.code).toBe('KEY_NOT_IN_KEYRING');
    expect(err.message).toContain(keyId);
    expect(err.message).toContain(keyFilePath(restored));
  });

  it('refuses when phones of party members living elsewhere are sealed, even with no resident registered', async () => {
    const l = await createTestLinli();
    open.push(l);
    const community = await makeCommunity(l, (await makeSubDistrict(l)).id);
    const sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: community.id })).username);
    const res = await sec.send('POST', `/api/v1/communities/${community.id}/party/members`, { kind: 'registered', name: '李桂兰', phone: '13912345678' });
    expect(res.statusCode).toBe(200);
    expect(await l.services.db.kysely.selectFrom('resident').select('id').executeTakeFirst()).toBeUndefined();
    const err = await refusal(startOn(l, emptyDir()));
    expect(err.code).toBe('KEY_FILE_MISSING');
  });
});

describe('data of an older Linli, sealed under k1', () => {
  /** The resident's values as an older Linli wrote them: under a key called k1, with no list of the keys in use. */
  async function asOlderLinli(s: Setup, k1: Buffer) {
    const key = { id: 'k1', key: k1 };
    await s.l.services.db.kysely.updateTable('resident').set({ id_number_enc: encrypt(ID_NUMBER, key), phone_enc: encrypt('13812345678', key) }).execute();
    await s.l.services.db.kysely.deleteFrom('data_key').execute();
  }

  it('still starts with its key file and reads the ID number back in full', async () => {
    const s = await withResident();
    const k1 = crypto.randomBytes(32);
    const index = Buffer.from(JSON.parse(fs.readFileSync(keyFilePath(s.l.config.dataDir), 'utf8')).index, 'base64');
    await asOlderLinli(s, k1);
    const dir = emptyDir();
    writeKeyFile(dir, { current: 'k1', keys: { k1 }, index });
    const again = await startOn(s.l, dir);
    const sec = await signIn(again, (await makeUser(again, 'secretary', { communityId: s.base.split('/')[4] })).username);
    const res = await sec.send('POST', `${s.base}/residents/${s.residentId}/reveal`, { field: 'idNumber' });
    expect(res.json().value).toBe(ID_NUMBER);
  });

  it('refuses a key file whose k1 is another key (one made by an older Linli on a restored directory), naming k1', async () => {
    const s = await withResident();
    await asOlderLinli(s, crypto.randomBytes(32));
    const dir = emptyDir();
    writeKeyFile(dir, { current: 'k1', keys: { k1: crypto.randomBytes(32) }, index: crypto.randomBytes(32) });
    const err = await refusal(startOn(s.l, dir));
    expect(err.code).toBe('KEY_DOES_NOT_OPEN');
    expect(err.message).toContain('k1');
    expect(err.message).toContain(keyFilePath(dir));
  });

  it('rotates to a key named by its fingerprint, never an id in the data, and every sealed value reads the same', async () => {
    const s = await withResident();
    const k1 = crypto.randomBytes(32);
    const index = Buffer.from(JSON.parse(fs.readFileSync(keyFilePath(s.l.config.dataDir), 'utf8')).index, 'base64');
    await asOlderLinli(s, k1);
    const communityId = s.base.split('/')[4];
    const dir = emptyDir();
    writeKeyFile(dir, { current: 'k1', keys: { k1 }, index });
    const again = await startOn(s.l, dir);
    const sec = await signIn(again, (await makeUser(again, 'secretary', { communityId })).username);
    const member = await sec.send('POST', `${s.base}/party/members`, { kind: 'registered', name: '李桂兰', phone: '13912345678' });
    expect(member.statusCode).toBe(200);

    const out = await rotateDataKey(again.services.db, again.services.config, again.services.modules);
    const saved = JSON.parse(fs.readFileSync(keyFilePath(dir), 'utf8')) as { current: string; keys: Record<string, string> };
    const fresh = saved.current;
    expect(fresh).toBe(keyIdOf(Buffer.from(saved.keys[fresh], 'base64')));
    expect(fresh).not.toBe('k1');
    expect(out).toContain(fresh);
    expect((await sealedIdNumber(again, s.residentId)).split(':')[1]).toBe(fresh);
    const phone = await again.services.db.kysely.selectFrom('party_member').select('phone_enc').where('id', '=', member.json().id).executeTakeFirstOrThrow();
    expect(phone.phone_enc!.split(':')[1]).toBe(fresh);

    // a Linli started afterwards uses the new key and still reads everything
    await again.close();
    open.splice(open.indexOf(again), 1);
    const after = await createLinli({ ...again.services.config }, { pgSchema: s.l.services.db.pgSchema, clock: s.l.clock });
    open.push(after);
    const sec2 = await signIn(after, (await makeUser(after, 'secretary', { communityId })).username);
    expect((await sec2.send('POST', `${s.base}/residents/${s.residentId}/reveal`, { field: 'idNumber' })).json().value).toBe(ID_NUMBER);
    const members = (await sec2.get(`${s.base}/party/members`)).json();
    expect(JSON.stringify(members)).toContain('139****5678');

    // nothing is sealed under k1 any more: a key file without it starts, and k1 leaves the list of keys in use
    await after.close();
    open.splice(open.indexOf(after), 1);
    delete (saved.keys as Record<string, string | undefined>).k1;
    fs.writeFileSync(keyFilePath(dir), JSON.stringify(saved));
    const without = await createLinli({ ...again.services.config }, { pgSchema: s.l.services.db.pgSchema, clock: s.l.clock });
    open.push(without);
    expect((await without.services.db.kysely.selectFrom('data_key').select('id').execute()).map((r) => r.id)).toEqual([fresh]);
  });
});
