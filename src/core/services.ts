import type { Config } from './config';
import type { Db } from './db';
import type { AccessControl } from './access';
import type { LinliModule } from './module';

/** The clock, replaceable in tests that need time to pass (idle timeouts, lockouts). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What the core hands every route: built once per server instance. */
export interface Services {
  config: Config;
  db: Db;
  access: AccessControl;
  clock: Clock;
  modules: LinliModule[];
}
