import type { FastifyInstance } from 'fastify';
import type { Message } from './i18n';
import type { Role } from './access/roles';
import type { LinliMigration } from './db/migrate';
import type { AnyRoute } from './http/route';
import type { Db } from './db';
import type { Config } from './config';

/** A permission a module declares, and the roles that hold it. */
export interface PermissionDef {
  label: Message;
  roles: Role[];
}

/** A table a module offers for Excel export (rows already scoped and masked by the module). */
export interface ReportSectionContext {
  db: Db;
  communityId: string;
  from: string;
  to: string;
}

/**
 * What a module tells the core about itself. The core knows modules only through this:
 * adding a module is a folder plus one line in `src/modules/index.ts`.
 */
export interface LinliModule {
  name: string;
  label: Message;
  migrations?: LinliMigration[];
  permissions?: Record<string, PermissionDef>;
  routes?: AnyRoute[];
  /** extra Fastify set-up a module needs beyond its routes (rare) */
  register?(app: FastifyInstance): Promise<void>;
  /** demo records for the seed communities, run by `linli seed-demo` after the core's */
  seedDemo?(ctx: DemoContext): Promise<void>;
  /** commands this module adds to the `linli` CLI (e.g. the registry's `rotate-key`) */
  commands?: CliCommand[];
  /** this module's chapter of the work report */
  reportSection?(ctx: ReportSectionContext): Promise<ReportSection>;
}

export interface ReportSection {
  title: Message;
  figures: { key: string; label: Message; value: number | string | null; unit?: Message }[];
}

export interface DemoContext {
  db: Db;
  config: Config;
  /** the demo communities by their short key (`yili`, `chunhui`) */
  communities: Record<string, { id: string; subDistrictId: string; name: string }>;
  /** the fixed "today" of the seed; records span the two years before it */
  today: Date;
  /** a deterministic random source */
  random: () => number;
}

/** A `linli` sub-command a module contributes; `run` gets an open, migrated database. */
export interface CliCommand {
  /** e.g. `import <file>` */
  name: string;
  description: string;
  options?: { flags: string; description: string }[];
  run(ctx: { db: Db; config: Config; args: string[]; options: Record<string, string | boolean | undefined> }): Promise<string>;
}
