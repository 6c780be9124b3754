import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type PostgresPoolClient } from 'kysely';
import type { Config } from '../config';
import { AuditKeySource } from '../audit/key';
import { checkpointerFor, type CheckpointResult } from './checkpoint';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** the SQLite handle, for online backup; null on PostgreSQL */
  sqlite: SQLite.Database | null;
  /** the PostgreSQL schema in use when not the default */
  pgSchema?: string;
  /** the key this installation chains its audit log with (`LINLI_AUDIT_KEY` or `<dataDir>/keys/audit.key`) */
  auditKey: AuditKeySource;
  /** SQLite: checkpoints the write-ahead log now (otherwise a thread does, once a second) */
  checkpoint?: () => Promise<CheckpointResult>;
  close(): Promise<void>;
}

// PostgreSQL returns int8/numeric as strings; Linli only stores values that fit a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function sqlitePath(config: Config): string {
  return path.join(config.dataDir, 'linli.sqlite');
}

export interface OpenDbOptions {
  /** PostgreSQL schema to use (tests give each file its own) */
  pgSchema?: string;
}

export function openDb(config: Config, opts: OpenDbOptions = {}): Db {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    return { kysely, dialect: 'postgres', sqlite: null, pgSchema: opts.pgSchema, auditKey: new AuditKeySource(config), close: () => kysely.destroy() };
  }
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const file = sqlitePath(config);
  ownerOnly(file);
  const handle = new SQLite(file);
  // 8 KB pages for a new database (an existing one keeps its own): shallower indexes, and a
  // roster import of 100,000 residents about 6% faster than on SQLite's default 4 KB
  handle.pragma('page_size = 8192');
  handle.pragma('journal_mode = WAL');
  // SQLite gives a log it creates later the database file's mode; these two may predate that
  ownerOnly(`${file}-wal`);
  ownerOnly(`${file}-shm`);
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('synchronous = NORMAL');
  // 32 MB of page cache. More only spares a roster import of 100,000 residents some spilling to the
  // WAL as it goes, no time measurably, and costs the import's memory (64 MB: 40 MB more at its peak).
  handle.pragma('cache_size = -32768');
  // checkpoints run on a thread of their own (checkpoint.ts), not inside a large commit; a log
  // grown by a large transaction is cut back to 64 MB when it starts over
  handle.pragma('wal_autocheckpoint = 0');
  handle.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  const checkpoints = checkpointerFor(file, () => {
    if (handle.open) handle.pragma('wal_autocheckpoint = 1000');
  });
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(handle) }) });
  return {
    kysely,
    dialect: 'sqlite',
    sqlite: handle,
    auditKey: new AuditKeySource(config),
    checkpoint: () => checkpoints.now(),
    close: async () => {
      await checkpoints.release();
      await kysely.destroy();
      // (Kysely closes the handle only if it ever used it)
      if (handle.open) handle.close();
    },
  };
}

/**
 * Names, addresses and care tags are stored in clear: the database file is its owner's only (0600),
 * created so before SQLite opens it, since SQLite gives its WAL and shared-memory files the mode of
 * the database file; a file (or WAL) an older Linli left readable by everyone is tightened. An
 * existing file is never opened here: closing any descriptor of a SQLite file drops the POSIX locks
 * every connection of this process holds on it (an import's own connection, a checkpoint thread's).
 * A file owned by another account (someone else's copy opened to read) is left as it is.
 */
function ownerOnly(file: string): void {
  if (process.platform === 'win32') return;
  try {
    // an empty file is a new SQLite database
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EPERM') throw e;
    }
  }
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}

/** Column types that differ between the two databases. */
export function colTypes(dialect: Dialect) {
  return {
    float: dialect === 'postgres' ? ('double precision' as const) : ('real' as const),
    blob: dialect === 'postgres' ? ('bytea' as const) : ('blob' as const),
  };
}

/**
 * Kysely prepares every statement anew; preparing costs more than running a short query on SQLite.
 * Statements are reused by SQL text (bounded), except one still being iterated by a stream.
 */
function cachingStatements(handle: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => handle.close(),
    prepare(sqlText: string) {
      const hit = cache.get(sqlText);
      if (hit && !hit.busy) return hit;
      const stmt = handle.prepare(sqlText);
      if (!hit) {
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

/**
 * Marks a statement PostgreSQL should prepare once per connection and run on its generic plan,
 * without parallel workers, instead of planning it anew on every request: `query.modifyFront(PREPARED)`.
 * For the short statements behind a page that run on every request and whose best plan does not
 * depend on the values bound (a search driven by an index): planning such a join takes longer than
 * running it, and starting parallel workers longer still. Nothing changes on SQLite, where every
 * statement is kept prepared anyway (`cachingStatements`).
 */
export const PREPARED_MARK = '/* prepared */';
export const PREPARED = sql.raw(PREPARED_MARK);

/** The session settings marked statements run under, and how other statements get the server's defaults back. */
export const PREPARED_SETTINGS = {
  on: 'set plan_cache_mode = force_generic_plan; set max_parallel_workers_per_gather = 0',
  off: 'reset plan_cache_mode; reset max_parallel_workers_per_gather',
};

/** prepared statements kept per connection; statements beyond these run unprepared */
const MAX_PREPARED = 50;

/**
 * The pool Kysely draws PostgreSQL connections from. Statements carrying PREPARED_MARK run as
 * named (prepared) statements under PREPARED_SETTINGS; every other statement with parameters runs
 * under the server's defaults, as before. The settings are switched only when the kind of statement
 * changes on a connection, so marked statements run back to back cost no extra round trip. A
 * rollback undoes a switch made inside the transaction, so afterwards the settings count as unknown.
 */
function preparingPool(pool: pg.Pool) {
  const wrappers = new WeakMap<pg.PoolClient, ReturnType<typeof wrap>>();
  const wrap = (client: pg.PoolClient) => {
    /** statement names prepared on this connection */
    const prepared = new Set<string>();
    let settings: 'default' | 'prepared' | 'unknown' = 'default';
    const switchTo = async (want: 'default' | 'prepared') => {
      if (settings === want) return;
      await client.query(want === 'prepared' ? PREPARED_SETTINGS.on : PREPARED_SETTINGS.off);
      settings = want;
    };
    return {
      // Kysely passes SQL with its parameters, or a cursor for streams
      query(text: string | pg.Submittable, values?: readonly unknown[]) {
        if (typeof text !== 'string') {
          if (settings !== 'default') {
            // queued ahead of the cursor on the same connection
            void client.query(PREPARED_SETTINGS.off).catch(() => undefined);
            settings = 'default';
          }
          return client.query(text);
        }
        return (async () => {
          if (/^\s*rollback\b/i.test(text)) {
            const res = await client.query(text);
            settings = 'unknown';
            return res;
          }
          const name = text.includes(PREPARED_MARK) ? statementName(text) : null;
          if (name && (prepared.has(name) || prepared.size < MAX_PREPARED)) {
            await switchTo('prepared');
            const res = await client.query({ name, text, values: values as unknown[] });
            prepared.add(name);
            return res;
          }
          if (values?.length) await switchTo('default');
          return client.query(text, values as unknown[]);
        })();
      },
      release: (destroy?: boolean) => client.release(destroy),
    };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrappers.get(client);
      if (!w) wrappers.set(client, (w = wrap(client)));
      return w as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

function statementName(text: string): string {
  return 'linli_' + crypto.createHash('sha1').update(text).digest('hex').slice(0, 24);
}

/**
 * Bulk inserts on SQLite: one prepared single-row statement per table and column set, run for each
 * row. Runs on the same handle as the Kysely instance, so inside its open transaction.
 */
export function sqliteBulkInsert(db: Db): ((table: string, rows: Record<string, unknown>[]) => Promise<void>) | null {
  const handle = db.sqlite;
  if (!handle) return null;
  const statements = new Map<string, SQLite.Statement>();
  return async (table, rows) => {
    if (rows.length === 0) return;
    const cols = Object.keys(rows[0]);
    const key = `${table}(${cols.join(',')})`;
    let stmt = statements.get(key);
    if (!stmt) {
      if (!/^[a-z_]+$/.test(table) || !cols.every((c) => /^[a-z_0-9]+$/.test(c))) throw new Error(`bad bulk insert into ${key}`);
      stmt = handle.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => '@' + c).join(', ')})`);
      statements.set(key, stmt);
    }
    for (const r of rows) stmt.run(r);
  };
}
