import type { FastifyInstance } from 'fastify';
import type { Message } from './i18n';
import type { Role } from './access/roles';
import type { LinliMigration } from './db/migrate';
import type { AnyRoute } from './http/route';
import type { Db } from './db';
import type { Config } from './config';
import type { Services } from './services';

/** A permission a module declares, and the roles that hold it. */
export interface PermissionDef {
  label: Message;
  roles: Role[];
}

/** Who is reading a row of the audit log, as a module's `redactAudit` is told. */
export interface AuditViewer {
  /** the viewer's permissions where the row was written: in its community, else through their system and sub-district grants */
  permissions: ReadonlySet<string>;
}

/** What a module's report section is asked for: one community, a period of whole days (inclusive ISO dates). */
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
  /** extra Fastify set-up a module needs beyond its routes (rare): hooks, housekeeping at start-up */
  register?(app: FastifyInstance, services: Services): Promise<void>;
  /** demo records for the seed communities, run by `linli seed-demo` after the core's */
  seedDemo?(ctx: DemoContext): Promise<void>;
  /** commands this module adds to the `linli` CLI (e.g. the registry's `rotate-key`) */
  commands?: CliCommand[];
  /**
   * a row's before or after value as this viewer may see it on the audit page and in its export, with
   * what they may not see taken out (the registry: sensitive care tags without registry.sensitive).
   * Called for every row, whichever module wrote it; returns the value unchanged when nothing is hidden.
   * The stored row and its hash are never touched.
   */
  redactAudit?(value: unknown, viewer: AuditViewer): unknown;
  /** this module's chapter of the work report */
  reportSection?(ctx: ReportSectionContext): Promise<ReportSection>;
  /**
   * columns holding values sealed with the data key (`seal()` in the registry: `v1:<keyId>:…`), in
   * tables keyed by `(community_id, id)`: the start-up check and `linli rotate-key` go through them
   */
  sealed?: SealedColumns[];
  /**
   * run once the schema is up to date, before the server answers or a command touches the data;
   * throws a `ConsoleError` to refuse to start (the registry: its keys must open the sealed data)
   */
  checkStart?(ctx: StartContext): Promise<void>;
}

export interface SealedColumns {
  table: string;
  columns: string[];
}

export interface StartContext {
  db: Db;
  config: Config;
  modules: LinliModule[];
}

/** One figure of a module's chapter: computed from records, never typed. */
export interface ReportFigure {
  /** stable within the module (`pledges_fulfilled`); the report keeps figures by `<module>.<key>` */
  key: string;
  label: Message;
  value: number | string | null;
  unit?: Message;
  /**
   * the web page listing the records behind this number, relative to the community
   * (`party/pledges?year=2026`); the dashboard's charts drill down to it
   */
  link?: string;
}

/** A notable record the module's rules pick for the report (a resolution, a project, an honour). */
export interface ReportHighlight {
  key: string;
  /** one sentence, Chinese first, fit to stand in the report as written; the editor may reword it */
  text: Message;
  date?: string;
  link?: string;
}

export interface ReportSection {
  title: Message;
  figures: ReportFigure[];
  highlights?: ReportHighlight[];
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
  /** `modules`: every module, as the CLI runs them (a command reaching into other modules' declarations needs them) */
  run(ctx: { db: Db; config: Config; modules?: LinliModule[]; args: string[]; options: Record<string, string | boolean | undefined> }): Promise<string>;
}
