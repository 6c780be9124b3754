import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { keysDir, type Config } from '../config';
import { sqlitePath, type Db } from '../db';
import { ConsoleError } from '../errors';
import { defineMessages } from '../i18n';
import { sha256File, TarError, TarReader, TarWriter } from './tar';

/**
 * A backup is one tar file holding what a restore needs: the database (SQLite; on PostgreSQL
 * `pg_dump` makes its own file) and the whole `keys/` folder — the data key without which every ID
 * number and phone in the database is noise, and any other key kept there. First comes
 * `linli-backup.json`, which lists the files with their SHA-256, so a restore notices a damaged copy.
 */

export const MANIFEST = 'linli-backup.json';
const DATABASE = 'linli.sqlite';
const KEYS = 'keys';

export interface BackupManifest {
  format: 'linli-backup';
  version: 1;
  createdAt: string;
  database: 'sqlite' | 'postgres';
  /** the data key came from LINLI_KEY and is not in the backup */
  keyInEnv: boolean;
  files: { name: string; size: number; sha256: string }[];
}

defineMessages({
  BACKUP_KEY_IN_ENV: {
    zh: '数据密钥来自 LINLI_KEY，不在数据目录里，备份不会包含它；没有它，备份中的身份证号和电话无法读出。请加 --key-out 文件名，把密钥另存在备份旁边（妥善保管）；或者确认它已另行保管后加 --without-key。',
    en: 'The data key comes from LINLI_KEY, not from the data directory, so the backup would not hold it; without it the ID numbers and phones in the backup cannot be read. Add --key-out FILE to save the key beside the backup (keep it safe), or --without-key once you are sure it is kept elsewhere.',
  },
  BACKUP_NO_DATABASE: { zh: '{path} 没有数据库，没有可备份的内容', en: 'There is no database at {path}: nothing to back up' },
  BACKUP_NOT_LINLI: { zh: '{file} 不是 Linli 的备份（{detail}）', en: '{file} is not a Linli backup ({detail})' },
  BACKUP_DAMAGED: { zh: '备份 {file} 已损坏：{name} 与备份时不一致，没有恢复任何内容', en: 'The backup {file} is damaged: {name} differs from what was backed up. Nothing was restored' },
  BACKUP_WRONG_DATABASE: {
    zh: '备份 {file} 是 {database} 数据库的备份，而此处配置的是 {configured}（DATABASE_URL）。没有恢复任何内容',
    en: 'The backup {file} is of a {database} database, but {configured} is configured here (DATABASE_URL). Nothing was restored',
  },
  BACKUP_DATA_DIR_IN_USE: {
    zh: '数据目录 {dir} 中已有 {what}。恢复只写入空的数据目录：请换一个目录（LINLI_DATA_DIR），或先把现有内容移走',
    en: 'The data directory {dir} already holds {what}. A restore writes only into an empty data directory: choose another (LINLI_DATA_DIR) or move the present one aside first',
  },
});

/** The files of `keys/`, as archive names (`keys/linli.key`), folders first; key files being written (`.tmp`) left out. */
function keyEntries(dataDir: string): { name: string; type: 'file' | 'dir'; source: string }[] {
  const root = keysDir(dataDir);
  if (!fs.existsSync(root)) return [];
  const out: { name: string; type: 'file' | 'dir'; source: string }[] = [{ name: KEYS, type: 'dir', source: root }];
  const walk = (dir: string, name: string) => {
    for (const d of fs.readdirSync(dir).sort()) {
      const source = path.join(dir, d);
      const st = fs.statSync(source);
      if (st.isDirectory()) {
        out.push({ name: `${name}/${d}`, type: 'dir', source });
        walk(source, `${name}/${d}`);
      } else if (st.isFile() && !d.endsWith('.tmp')) out.push({ name: `${name}/${d}`, type: 'file', source });
    }
  };
  walk(root, KEYS);
  return out;
}

/**
 * Writes the backup to `file`: the database copied online (SQLite's backup API, while Linli runs)
 * and `keys/`, into a temporary file beside it renamed into place at the end, so a half-written
 * backup never stands under the name. The file is its owner's only, and so is any folder made for it.
 */
export async function writeBackup(db: Db, config: Config, file: string, opts: { keyInEnv: boolean; now: Date }): Promise<BackupManifest> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}-`));
  try {
    const files: { name: string; source: string }[] = [];
    if (db.sqlite) {
      const copy = path.join(staging, DATABASE);
      await db.sqlite.backup(copy);
      fs.chmodSync(copy, 0o600);
      files.push({ name: DATABASE, source: copy });
    }
    const keys = keyEntries(config.dataDir);
    for (const k of keys) if (k.type === 'file') files.push({ name: k.name, source: k.source });
    const manifest: BackupManifest = {
      format: 'linli-backup',
      version: 1,
      createdAt: opts.now.toISOString(),
      database: db.dialect,
      keyInEnv: opts.keyInEnv,
      files: [],
    };
    for (const f of files) manifest.files.push({ name: f.name, size: fs.statSync(f.source).size, sha256: await sha256File(f.source) });

    const tmp = path.join(staging, 'backup.tar');
    const tar = await TarWriter.create(tmp);
    try {
      await tar.bytes(MANIFEST, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), opts.now);
      if (db.sqlite) await tar.file(DATABASE, files[0].source, opts.now);
      for (const k of keys) {
        if (k.type === 'dir') await tar.dir(k.name, opts.now);
        else await tar.file(k.name, k.source, opts.now);
      }
      await tar.finish();
    } catch (e) {
      await tar.abandon();
      throw e;
    }
    fs.renameSync(tmp, target);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Saves LINLI_KEY beside a backup, as a line an environment file or a shell takes (`LINLI_KEY=…`), owner only. */
export function writeKeyOut(file: string, key: string): string {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const tmp = `${target}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, `LINLI_KEY=${key}\n`, { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, target);
  return target;
}

/** `keys/linli.key`, `keys/x/y`: names a restore writes; anything else in an archive is refused. */
const SAFE_NAME = /^keys(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/;

async function readManifest(tar: TarReader, file: string): Promise<BackupManifest> {
  const entry = tar.entries.find((e) => e.name === MANIFEST && e.type === 'file');
  if (!entry || entry.size > 1 << 20) throw new ConsoleError('BACKUP_NOT_LINLI', { file, detail: `no ${MANIFEST}` });
  let m: BackupManifest;
  try {
    m = JSON.parse((await tar.read(entry)).toString('utf8')) as BackupManifest;
  } catch {
    throw new ConsoleError('BACKUP_NOT_LINLI', { file, detail: `${MANIFEST} is not JSON` });
  }
  if (m.format !== 'linli-backup' || m.version !== 1 || !Array.isArray(m.files)) throw new ConsoleError('BACKUP_NOT_LINLI', { file, detail: `unknown ${MANIFEST}` });
  for (const e of tar.entries) {
    if (e.name === MANIFEST) continue;
    if (e.name === DATABASE ? m.database !== 'sqlite' || e.type !== 'file' : !SAFE_NAME.test(e.name)) {
      throw new ConsoleError('BACKUP_NOT_LINLI', { file, detail: `unexpected entry ${e.name}` });
    }
  }
  for (const f of m.files) {
    if (!tar.entries.some((e) => e.name === f.name && e.type === 'file')) throw new ConsoleError('BACKUP_DAMAGED', { file, name: f.name });
  }
  return m;
}

function dirHolds(dir: string): boolean {
  return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
}

/**
 * Restores a backup into an empty data directory (`config.dataDir`, made when missing): checks every
 * file against the manifest in a folder of its own, moves the database and `keys/` into place, then
 * runs `verify` on the result (Linli's start-up check: the keys must open the data). On any refusal
 * the data directory is left as it was.
 */
export async function restoreBackup(config: Config, file: string, verify: (config: Config) => Promise<void>): Promise<BackupManifest> {
  const source = path.resolve(file);
  let tar: TarReader;
  try {
    tar = await TarReader.open(source);
  } catch (e) {
    if (e instanceof TarError) throw new ConsoleError('BACKUP_NOT_LINLI', { file: source, detail: e.message });
    throw e;
  }
  try {
    const manifest = await readManifest(tar, source);
    const configured = config.databaseUrl ? 'postgres' : 'sqlite';
    if (manifest.database !== configured) throw new ConsoleError('BACKUP_WRONG_DATABASE', { file: source, database: manifest.database, configured });

    const dir = config.dataDir;
    const dbFile = sqlitePath(config);
    const keys = keysDir(dir);
    // (a write-ahead log left without its database would be played into the restored one)
    for (const f of [dbFile, `${dbFile}-wal`]) if (configured === 'sqlite' && fs.existsSync(f)) throw new ConsoleError('BACKUP_DATA_DIR_IN_USE', { dir, what: path.basename(f) });
    if (dirHolds(keys)) throw new ConsoleError('BACKUP_DATA_DIR_IN_USE', { dir, what: `${KEYS}/` });

    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const staging = fs.mkdtempSync(path.join(dir, '.restore-'));
    const moved: string[] = [];
    try {
      for (const e of tar.entries) {
        if (e.name === MANIFEST) continue;
        const dest = path.join(staging, ...e.name.split('/'));
        if (e.type === 'dir') {
          fs.mkdirSync(dest, { recursive: true, mode: 0o700 });
          continue;
        }
        const listed = manifest.files.find((f) => f.name === e.name);
        fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
        if (!listed || listed.size !== e.size || fs.existsSync(dest) || (await tar.extract(e, dest)) !== listed.sha256) {
          throw new ConsoleError('BACKUP_DAMAGED', { file: source, name: e.name });
        }
      }
      // (a folder rename keeps the mode it was made with: the owner's only)
      if (fs.existsSync(keys)) fs.rmdirSync(keys);
      if (fs.existsSync(path.join(staging, KEYS))) {
        fs.renameSync(path.join(staging, KEYS), keys);
        moved.push(keys);
      }
      if (manifest.database === 'sqlite') {
        fs.renameSync(path.join(staging, DATABASE), dbFile);
        moved.push(dbFile);
      }
      await verify(config);
      return manifest;
    } catch (e) {
      for (const m of moved) fs.rmSync(m, { recursive: true, force: true });
      for (const side of ['-wal', '-shm']) if (moved.includes(dbFile)) fs.rmSync(dbFile + side, { force: true });
      throw e;
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    await tar.close();
  }
}
