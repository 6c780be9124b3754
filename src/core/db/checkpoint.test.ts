import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { openDb, sqlitePath } from './index';

/**
 * The embedded database's write-ahead log is copied into the database file by a thread of its
 * own, not inside the commit of a large transaction (a roster import) while the server waits.
 */

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function fresh() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-wal-'));
  dirs.push(dir);
  const config = loadConfig({}, { dataDir: dir, databaseUrl: null });
  return { config, file: sqlitePath(config) };
}

const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);

/** about 12 MB in one transaction, as a large import writes */
function writeMuch(handle: NonNullable<ReturnType<typeof openDb>['sqlite']>) {
  handle.exec('create table roster (id integer primary key, note text not null)');
  const insert = handle.prepare('insert into roster (note) values (?)');
  handle.transaction(() => {
    for (let i = 0; i < 12_000; i++) insert.run(`${i}:${'居'.repeat(330)}`);
  })();
}

describe('checkpoints of the embedded database', () => {
  it('a large commit leaves the log for the checkpoint thread, which copies it within seconds', async () => {
    const { config, file } = fresh();
    const db = openDb(config);
    try {
      writeMuch(db.sqlite!);
      // committed: all of it in the log, none yet in the database file
      expect(size(`${file}-wal`)).toBeGreaterThan(12_000 * 990);
      expect(size(file)).toBeLessThan(1024 * 1024);
      // the thread looks once a second
      const until = Date.now() + 10_000;
      while (size(file) < 12_000 * 990 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(size(file)).toBeGreaterThan(12_000 * 990);
      expect(db.sqlite!.prepare('select count(*) as n from roster').get()).toEqual({ n: 12_000 });
      // nothing left to copy
      const again = await db.checkpoint!();
      expect(again.log).toBe(again.checkpointed);
    } finally {
      await db.close();
    }
  });

  it('closing copies what is left and removes the log; everything is there when opened again', async () => {
    const { config, file } = fresh();
    const db = openDb(config);
    writeMuch(db.sqlite!);
    await db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = openDb(config);
    try {
      expect(reopened.sqlite!.prepare('select count(*) as n from roster').get()).toEqual({ n: 12_000 });
    } finally {
      await reopened.close();
    }
  });

  it('two connections to one file share the thread; it ends with the last', async () => {
    const { config } = fresh();
    const a = openDb(config);
    const b = openDb(config);
    writeMuch(a.sqlite!);
    const r = await b.checkpoint!();
    expect(r.log).toBeGreaterThan(0);
    expect(r.checkpointed).toBe(r.log);
    await a.close();
    // b's checkpoints still run
    b.sqlite!.exec(`insert into roster (note) values ('${'户'.repeat(2000)}')`);
    const after = await b.checkpoint!();
    expect(after.checkpointed).toBe(after.log);
    await b.close();
  });
});
