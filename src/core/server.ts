import type { FastifyInstance } from 'fastify';
import { coreModule } from './core-module';
import { AccessControl } from './access';
import { chainKey } from './audit/log';
import type { Config } from './config';
import { openDb, type Db, type OpenDbOptions } from './db';
import { migrate } from './db/migrate';
import { buildApp } from './http/app';
import type { LinliModule, PermissionDef } from './module';
import { systemClock, type Clock, type Services } from './services';
import { modules as programmeModules } from '../modules';

/** The core first, then every programme module. */
export function allModules(): LinliModule[] {
  return [coreModule, ...programmeModules];
}

export function buildAccess(modules: LinliModule[]): AccessControl {
  const defs: Record<string, PermissionDef> = {};
  for (const m of modules) {
    for (const [perm, def] of Object.entries(m.permissions ?? {})) {
      if (defs[perm]) throw new Error(`Permission ${perm} declared twice`);
      defs[perm] = def;
    }
  }
  return new AccessControl(defs);
}

export interface Linli {
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

/**
 * Each module's start-up check, once the schema is up to date: the server and every command that
 * touches the data run it first, so none works on data it cannot read (or makes a key that hides
 * a lost one).
 */
export async function checkStart(db: Db, config: Config, modules: LinliModule[]): Promise<void> {
  for (const m of modules) if (m.checkStart) await m.checkStart({ db, config, modules });
}

/** Opens the database, brings it up to date, checks it can be read, and assembles the server. Does not listen. */
export async function createLinli(config: Config, opts: OpenDbOptions & { clock?: Clock; db?: Db } = {}): Promise<Linli> {
  const modules = allModules();
  const db = opts.db ?? openDb(config, opts);
  try {
    await migrate(db, modules);
    await checkStart(db, config, modules);
    // the audit key is created on first start, so a backup taken from then on carries it
    await chainKey(db.kysely, db.auditKey);
  } catch (e) {
    if (!opts.db) await db.close();
    throw e;
  }
  const services: Services = { config, db, access: buildAccess(modules), clock: opts.clock ?? systemClock, modules };
  const app = await buildApp(services, modules.flatMap((m) => m.routes ?? []));
  for (const m of modules) if (m.register) await m.register(app, services);
  await app.ready();
  return {
    app,
    services,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
