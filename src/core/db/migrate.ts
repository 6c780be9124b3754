import { sql, type Kysely } from 'kysely';
import type { Db, Dialect } from './index';
import type { LinliModule } from '../module';

/**
 * A migration of the core or a module. Names start with a date and a sequence
 * (`20261125_01_core`), so migrations of all modules sort in the order they were written.
 */
export interface LinliMigration {
  name: string;
  // Migrations see the database untyped: they run against whatever shape the earlier ones left.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

export function collectMigrations(modules: LinliModule[]): LinliMigration[] {
  const all = modules.flatMap((m) => m.migrations ?? []);
  const seen = new Set<string>();
  for (const m of all) {
    if (seen.has(m.name)) throw new Error(`Duplicate migration name ${m.name}`);
    seen.add(m.name);
  }
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Runs the migrations not yet recorded in `linli_migration`, in name order, all in one transaction:
 * a failure leaves the database as it was. On PostgreSQL an advisory lock on the schema keeps two
 * instances starting at once from running them twice.
 *
 * The bookkeeping is plain SQL on this schema's own table. (A general-purpose migrator first lists
 * every column of every schema in the catalog to see whether its table exists; with many schemas in
 * one database that is slow, and it fails outright when another schema is dropped meanwhile.)
 */
export async function migrate(db: Db, modules: LinliModule[]): Promise<string[]> {
  const list = collectMigrations(modules);
  return db.kysely.transaction().execute(async (trx) => {
    if (db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(current_schema()))`.execute(trx);
    await sql`create table if not exists linli_migration (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(trx);
    const done = new Set((await sql<{ name: string }>`select name from linli_migration`.execute(trx)).rows.map((r) => r.name));
    const ran: string[] = [];
    for (const m of list) {
      if (done.has(m.name)) continue;
      await m.up(trx, db.dialect);
      await sql`insert into linli_migration (name, timestamp) values (${m.name}, ${new Date().toISOString()})`.execute(trx);
      ran.push(m.name);
    }
    return ran;
  });
}
