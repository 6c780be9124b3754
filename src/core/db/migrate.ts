import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
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

export async function migrate(db: Db, modules: LinliModule[]): Promise<string[]> {
  const list = collectMigrations(modules);
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const m of list) out[m.name] = { up: (k) => m.up(k, db.dialect) };
      return out;
    },
  };
  const migrator = new Migrator({
    db: db.kysely,
    provider,
    allowUnorderedMigrations: true,
    migrationTableName: 'linli_migration',
    migrationLockTableName: 'linli_migration_lock',
    ...(db.pgSchema ? { migrationTableSchema: db.pgSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
