import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allModules, createLinli, type Linli } from '../server';
import { openDb } from '../db';
import { migrate } from '../db/migrate';
import { createTestLinli, makeCommunity, makeSubDistrict, makeUser, signIn, type TestLinli } from '../testing';
import { idCheckDigit } from '../../modules/registry/lib/id-number';

const ID_NUMBER = (() => {
  const first17 = '11010819520304002';
  return first17 + idCheckDigit(first17);
})();

let l: TestLinli;
let base: string;
let communityId: string;
let residentId: string;
const dirs: string[] = [];
/** folders kept for the whole file */
const kept: string[] = [];
const started: Linli[] = [];

beforeAll(async () => {
  l = await createTestLinli();
  const community = await makeCommunity(l, (await makeSubDistrict(l)).id);
  communityId = community.id;
  base = `/api/v1/communities/${community.id}`;
  const sec = await signIn(l, (await makeUser(l, 'secretary', { communityId })).username);
  const place = async (url: string, body: Record<string, unknown>) => ((await sec.send('POST', `${base}/registry/${url}`, body)).json() as { id: string }).id;
  const dwellingId = await place('dwellings', { compoundId: await place('compounds', { name: '怡丽北园' }), room: '101' });
  const res = await sec.send('POST', `${base}/residents`, { dwellingId, name: '王淑芬', idNumber: ID_NUMBER, phone: '13611112222' });
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  residentId = res.json().id;
});
afterEach(async () => {
  for (const x of started.splice(0)) await x.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
afterAll(async () => {
  await l.close();
  for (const d of kept) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-backup-'));
  dirs.push(d);
  return d;
}

/** The DATABASE_URL the command line needs to reach this test's database (its own schema on PostgreSQL). */
function databaseUrl(): string {
  const url = l.config.databaseUrl;
  if (!url) return '';
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${l.services.db.pgSchema}`)}`;
}

/** Runs `linli …` as the secretary's IT helper would, on a data directory. */
function linli(dataDir: string, args: string[], env: Record<string, string> = {}): { out: string; err: string; code: number | null } {
  const { LINLI_KEY: _unset, ...rest } = process.env;
  const res = spawnSync(process.execPath, [path.resolve('bin/linli.mjs'), ...args], {
    env: { ...rest, LINLI_DATA_DIR: dataDir, DATABASE_URL: databaseUrl(), LOG_LEVEL: 'silent', LINLI_DEMO: '0', PORT: '0', HOST: '127.0.0.1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
  return { out: res.stdout, err: res.stderr, code: res.status };
}

async function startOn(dataDir: string): Promise<Linli> {
  const linli = await createLinli({ ...l.config, dataDir }, { pgSchema: l.services.db.pgSchema, clock: l.clock });
  started.push(linli);
  return linli;
}

async function revealedIdNumber(linli: Linli): Promise<string> {
  const sec = await signIn(linli, (await makeUser(linli, 'secretary', { communityId })).username);
  const res = await sec.send('POST', `${base}/residents/${residentId}/reveal`, { field: 'idNumber' });
  expect(res.statusCode).toBe(200);
  return res.json().value;
}

const mode = (p: string) => fs.statSync(p).mode & 0o777;
const keyFile = (dataDir: string) => path.join(dataDir, 'keys', 'linli.key');

describe('linli backup and linli restore', () => {
  /** one backup, restored once, as the IT helper would: the tests below look at it from several sides */
  let file: string;
  let restored: string;
  let backedUp: ReturnType<typeof linli>;
  let restoredOut: ReturnType<typeof linli>;
  let auditKey: Buffer;
  beforeAll(() => {
    const keep = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-backup-'));
    kept.push(keep);
    // the audit log's key, kept beside the data key since the first start: the backup takes the whole folder
    auditKey = fs.readFileSync(path.join(l.config.dataDir, 'keys', 'audit.key'));
    file = path.join(keep, 'usb', 'linli-2026-12-08.tar');
    backedUp = linli(l.config.dataDir, ['backup', file]);
    restored = path.join(keep, 'data');
    restoredOut = linli(restored, ['restore', file]);
  });

  it('restore a backup into an empty data directory with one command, and Linli started on it shows the ID number in full', async () => {
    expect(backedUp.err).toBe('');
    expect(backedUp.code).toBe(0);
    expect(restoredOut.err).toBe('');
    expect(restoredOut.code).toBe(0);
    expect(fs.readFileSync(keyFile(restored))).toEqual(fs.readFileSync(keyFile(l.config.dataDir)));
    expect(await revealedIdNumber(await startOn(restored))).toBe(ID_NUMBER);
  });

  it('takes every file of the keys folder, not only the data key', () => {
    expect(fs.readFileSync(path.join(restored, 'keys', 'audit.key'))).toEqual(auditKey);
  });

  it('keeps the backup, the key file and the database readable by their owner only', async () => {
    if (process.platform === 'win32') return;
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    for (const dir of [l.config.dataDir, restored]) {
      expect(mode(path.join(dir, 'keys'))).toBe(0o700);
      expect(mode(keyFile(dir))).toBe(0o600);
      expect(mode(path.join(dir, 'keys', 'audit.key'))).toBe(0o600);
    }
    if (l.config.databaseUrl) return;
    const again = await startOn(restored);
    await revealedIdNumber(again);
    for (const dir of [l.config.dataDir, restored]) {
      for (const f of ['linli.sqlite', 'linli.sqlite-wal', 'linli.sqlite-shm']) {
        const p = path.join(dir, f);
        expect(fs.existsSync(p), p).toBe(true);
        expect(mode(p), p).toBe(0o600);
      }
    }
  });

  it('refuses to restore over a data directory that already holds a database or keys, and changes nothing', () => {
    const before = fs.readFileSync(keyFile(l.config.dataDir));
    const r = linli(l.config.dataDir, ['restore', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(l.config.dataDir);
    expect(r.err).toContain('空的数据目录');
    expect(fs.readFileSync(keyFile(l.config.dataDir))).toEqual(before);
  });

  it('on PostgreSQL, saves the keys and prints the pg_dump command beside where they are', () => {
    if (!l.config.databaseUrl) return;
    expect(backedUp.out).toContain('pg_dump --format=custom');
    expect(backedUp.out).toContain(path.join(path.dirname(file), 'linli-2026-12-08.pgdump'));
    expect(backedUp.out).toContain(file);
    expect(restoredOut.out).toContain('pg_restore');
  });

  it('a data directory restored without its key refuses to start, naming the key and where it looked', async () => {
    if (l.config.databaseUrl) return; // the PostgreSQL side: keys.test.ts starts on the same schema without the key
    const keyId = (await l.services.db.kysely.selectFrom('resident').select('id_number_enc').where('id', '=', residentId).executeTakeFirstOrThrow()).id_number_enc!.split(':')[1];
    // what `linli backup` used to write: the SQLite file alone
    const restored = tempDir();
    await l.services.db.sqlite!.backup(path.join(restored, 'linli.sqlite'));
    const s = linli(restored, ['serve']);
    expect(s.code).toBe(1);
    expect(s.err).toContain(keyId);
    expect(s.err).toContain(keyFile(restored));
    expect(s.err).toContain('密钥');
    expect(fs.existsSync(keyFile(restored))).toBe(false);
  });

  it('refuses a file that is not a Linli backup', () => {
    const file = path.join(tempDir(), 'not-a-backup.tar');
    fs.writeFileSync(file, 'hello');
    const restored = tempDir();
    const r = linli(restored, ['restore', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('备份');
    expect(fs.readdirSync(restored)).toEqual([]);
  });

  it('with LINLI_KEY, refuses to finish until the key is saved beside the backup (--key-out, owner only) or left out knowingly', async () => {
    const key = crypto.randomBytes(32).toString('base64');
    const dir = tempDir();
    const file = path.join(dir, 'env.tar');
    // a data directory whose keys come from LINLI_KEY: this test's database is sealed under another key, so use an empty one
    const fresh = path.join(dir, 'data');
    if (l.config.databaseUrl) return; // the refusal is the same; the PostgreSQL schema here holds data under the file's key
    const db = openDb({ ...l.config, dataDir: fresh });
    await migrate(db, allModules());
    await db.close();
    const refused = linli(fresh, ['backup', file], { LINLI_KEY: key });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('LINLI_KEY');
    expect(refused.err).toContain('--key-out');
    expect(fs.existsSync(file)).toBe(false);

    const keyOut = path.join(dir, 'env.key');
    const ok = linli(fresh, ['backup', file, '--key-out', keyOut], { LINLI_KEY: key });
    expect(ok.code).toBe(0);
    expect(fs.readFileSync(keyOut, 'utf8')).toContain(key);
    if (process.platform !== 'win32') expect(mode(keyOut)).toBe(0o600);
    expect(linli(fresh, ['backup', path.join(dir, 'env2.tar'), '--without-key'], { LINLI_KEY: key }).code).toBe(0);
  });
});
