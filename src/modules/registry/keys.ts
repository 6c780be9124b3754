import { sql, type Kysely } from 'kysely';
import type { Db } from '../../core/db';
import type { Database } from '../../core/db/schema';
import { ConsoleError } from '../../core/errors';
import type { LinliModule, SealedColumns, StartContext } from '../../core/module';
import { createKeyFile, decrypt, keyFilePath, loadKeyring, PiiError, type Keyring, type LoadedKeyring } from './lib/pii';
import { useKeyring } from './pii';
import './tables';

/**
 * The start-up check of the data key: Linli refuses to start on sealed values no key of its keyring
 * opens, and never makes a new key beside data sealed under a lost one (a data directory restored
 * from a copy of the database alone). Cheap, so it runs on every start: the ids come from the short
 * `data_key` list, and one row per sealed table is opened to prove the key is the right one. Only a
 * database sealed before the list existed is read through, once.
 */

const PREFIX = 'v1:';
const header = (keyId: string) => `${PREFIX}${keyId}:`;

/** The key id a stored value names, or null for a value that is not `v1:<keyId>:…`. */
function keyIdIn(value: string): string | null {
  if (!value.startsWith(PREFIX)) return null;
  const end = value.indexOf(':', PREFIX.length);
  return end > PREFIX.length ? value.slice(PREFIX.length, end) : null;
}

async function tableNames(db: Db): Promise<Set<string>> {
  const rows =
    db.dialect === 'postgres'
      ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db.kysely)).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db.kysely)).rows;
  return new Set(rows.map((r) => r.name));
}

/** The sealed columns the modules declare, in the tables this database has (a backup of an older schema lacks some). */
export async function sealedColumns(db: Db, modules: LinliModule[]): Promise<{ columns: SealedColumns[]; hasList: boolean }> {
  const tables = await tableNames(db);
  return { columns: modules.flatMap((m) => m.sealed ?? []).filter((s) => tables.has(s.table)), hasList: tables.has('data_key') };
}

interface Sealed {
  table: string;
  column: string;
  value: string;
  keyId: string;
}

const isSealed = (column: string) => sql`substr(${sql.ref(column)}, 1, ${sql.lit(PREFIX.length)}) = ${PREFIX}`;
const anyOf = (columns: string[]) => sql.join(columns.map(isSealed), sql` or `);

/** The sealed values of one row of each table: the first row holding any (stops at once on a table that has them). */
async function firstSealed(k: Kysely<Database>, sealed: SealedColumns[]): Promise<Sealed[]> {
  const out: Sealed[] = [];
  for (const t of sealed) {
    const { rows } = await sql<Record<string, string | null>>`select ${sql.join(t.columns.map((c) => sql.ref(c)))} from ${sql.table(t.table)} where ${anyOf(t.columns)} limit 1`.execute(k);
    for (const column of t.columns) {
      const value = rows[0]?.[column];
      const keyId = value ? keyIdIn(value) : null;
      if (value && keyId) out.push({ table: t.table, column, value, keyId });
    }
  }
  return out;
}

/** A value sealed under `keyId` anywhere, or null; reads every row when there is none. */
async function sealedUnder(k: Kysely<Database>, sealed: SealedColumns[], keyId: string): Promise<Sealed | null> {
  const h = header(keyId);
  for (const t of sealed) {
    for (const column of t.columns) {
      const col = sql.ref(column);
      const { rows } = await sql<{ v: string }>`select ${col} as v from ${sql.table(t.table)} where substr(${col}, 1, ${sql.lit(h.length)}) = ${h} limit 1`.execute(k);
      if (rows[0]) return { table: t.table, column, value: rows[0].v, keyId };
    }
  }
  return null;
}

/**
 * Every key id in the sealed columns, reading every row: for a database sealed before Linli kept
 * `data_key`. One pass per table, and one more per key id found.
 */
async function keyIdsInData(k: Kysely<Database>, sealed: SealedColumns[]): Promise<string[]> {
  const found: string[] = [];
  for (const t of sealed) {
    for (;;) {
      const beyond = (column: string) => {
        const col = sql.ref(column);
        const other = found.map((id) => sql`substr(${col}, 1, ${sql.lit(header(id).length)}) <> ${header(id)}`);
        return sql`(${sql.join([isSealed(column), ...other], sql` and `)})`;
      };
      const { rows } = await sql<Record<string, string | null>>`select ${sql.join(t.columns.map((c) => sql.ref(c)))} from ${sql.table(t.table)} where ${sql.join(
        t.columns.map(beyond),
        sql` or `,
      )} limit 1`.execute(k);
      if (!rows[0]) break;
      const ids = t.columns.map((c) => keyIdIn(rows[0][c] ?? '')).filter((id): id is string => id !== null && !found.includes(id));
      // a value matched above always names a key not yet found; guard against looping on anything else
      if (ids.length === 0) break;
      found.push(...ids);
    }
  }
  return [...new Set(found)];
}

/** The ids recorded in `data_key` (empty for a database sealed before Linli kept the list). */
export async function recordedKeyIds(db: Db): Promise<string[]> {
  return (await db.kysely.selectFrom('data_key').select('id').execute()).map((r) => r.id);
}

/** Records that values may be sealed under these keys (`data_key`); inside the caller's transaction when given one. */
export async function recordKeyIds(k: Kysely<Database>, ids: Iterable<string>, at: Date): Promise<void> {
  for (const id of ids) {
    await k
      .insertInto('data_key')
      .values({ id, recorded_at: at.toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

function loadOrRefuse(dataDir: string): LoadedKeyring | null {
  try {
    return loadKeyring(dataDir, process.env);
  } catch (e) {
    if (!(e instanceof PiiError)) throw e;
    throw new ConsoleError('KEY_FILE_INVALID', { where: process.env.LINLI_KEY?.trim() ? 'LINLI_KEY' : keyFilePath(dataDir), detail: e.message });
  }
}

/** The module's `checkStart`: see the comment at the top. */
export async function checkDataKeys({ db, config, modules }: StartContext): Promise<void> {
  const k = db.kysely;
  const { columns, hasList } = await sealedColumns(db, modules);
  const listed = hasList ? await recordedKeyIds(db) : [];
  let recorded = listed;
  const seen = await firstSealed(k, columns);
  const loaded = loadOrRefuse(config.dataDir);

  let keyring: Keyring;
  let where: string;
  if (loaded) {
    ({ keyring, where } = loaded);
  } else {
    if (seen.length > 0) {
      const ids = [...new Set([...seen.map((s) => s.keyId), ...recorded])];
      throw new ConsoleError('KEY_FILE_MISSING', { ids: ids.join(', '), path: keyFilePath(config.dataDir) });
    }
    keyring = createKeyFile(config.dataDir, new Set(recorded));
    where = keyFilePath(config.dataDir);
  }

  // a database sealed before Linli kept the list: read it through, once
  if (hasList && recorded.length === 0 && seen.length > 0) recorded = await keyIdsInData(k, columns);

  const missing: string[] = [];
  for (const id of new Set([...recorded, ...seen.map((s) => s.keyId)])) {
    if (keyring.keys.has(id)) continue;
    if (seen.some((s) => s.keyId === id) || (await sealedUnder(k, columns, id))) missing.push(id);
    // nothing is sealed under it any more (re-encrypted, or the records removed): forget it
    else if (hasList) await k.deleteFrom('data_key').where('id', '=', id).execute();
  }
  if (missing.length > 0) {
    throw new ConsoleError('KEY_NOT_IN_KEYRING', { ids: missing.join(', '), where, have: [...keyring.keys.keys()].join(', ') });
  }

  // A key called by a fingerprint is the key its id names; an older Linli's k1 is proved by opening a value.
  for (const s of seen) {
    try {
      decrypt(s.value, keyring);
    } catch (e) {
      // (a value that is not well-formed is that value's problem, not the key's)
      if (e instanceof PiiError && e.code === 'PII_TAMPERED') throw new ConsoleError('KEY_DOES_NOT_OPEN', { id: s.keyId, where, column: `${s.table}.${s.column}` });
    }
  }

  if (hasList) {
    const fresh = new Set([...recorded, ...seen.map((s) => s.keyId), keyring.current.id].filter((id) => !listed.includes(id)));
    await recordKeyIds(k, fresh, new Date());
  }
  useKeyring(config.dataDir, keyring);
}
