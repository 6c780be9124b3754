import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Config } from '../config';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** the SQLite handle, for online backup; null on PostgreSQL */
  sqlite: SQLite.Database | null;
  /** the PostgreSQL schema in use when not the default */
  pgSchema?: string;
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
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', sqlite: null, pgSchema: opts.pgSchema, close: () => kysely.destroy() };
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const handle = new SQLite(sqlitePath(config));
  handle.pragma('journal_mode = WAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('synchronous = NORMAL');
  // 64 MB of page cache: a roster import's transaction otherwise spills to the WAL as it goes
  handle.pragma('cache_size = -65536');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(handle) }) });
  return { kysely, dialect: 'sqlite', sqlite: handle, close: () => kysely.destroy() };
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
