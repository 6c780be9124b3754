import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { openDb, sqlitePath } from './index';

/**
 * The embedded database holds every resident's record (ID numbers and phones sealed, but names,
 * addresses, care tags in clear): its file, write-ahead log and shared memory are readable by the
 * account Linli runs as and nobody else on the machine.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-files-'));
  dirs.push(dir);
  return dir;
}

/** `600`, `644` … as `ls -l` would put it */
const mode = (f: string) => (fs.statSync(f).mode & 0o777).toString(8);

function writeSomething(db: ReturnType<typeof openDb>): void {
  db.sqlite!.exec('create table if not exists note (id integer primary key, text text not null)');
  db.sqlite!.prepare('insert into note (text) values (?)').run('三号楼二单元');
}

describe('the embedded database files', () => {
  it('are created readable by their owner only, in a data directory only the owner may enter', async () => {
    const dataDir = path.join(tmp(), 'data');
    const config = loadConfig({}, { dataDir, databaseUrl: null });
    const db = openDb(config);
    try {
      writeSomething(db);
      const file = sqlitePath(config);
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      expect(fs.existsSync(`${file}-shm`)).toBe(true);
      expect({ dir: mode(dataDir), db: mode(file), wal: mode(`${file}-wal`), shm: mode(`${file}-shm`) }).toEqual({ dir: '700', db: '600', wal: '600', shm: '600' });
    } finally {
      await db.close();
    }
  });

  it('of an older installation, readable by everyone, are closed to others when Linli opens them', async () => {
    const dataDir = tmp();
    const config = loadConfig({}, { dataDir, databaseUrl: null });
    const file = sqlitePath(config);
    const first = openDb(config);
    writeSomething(first);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.chmodSync(f, 0o644);
    const again = openDb(config);
    try {
      writeSomething(again);
      expect({ db: mode(file), wal: mode(`${file}-wal`), shm: mode(`${file}-shm`) }).toEqual({ db: '600', wal: '600', shm: '600' });
      expect(again.sqlite!.prepare('select count(*) as n from note').get()).toEqual({ n: 2 });
    } finally {
      await again.close();
      await first.close();
    }
  });
});
