import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestLinli, type TestLinli } from '../testing';
import { PREPARED } from './index';
import type { Database } from './schema';

let l: TestLinli;
beforeAll(async () => {
  l = await createTestLinli();
});
afterAll(() => l.close());

/** The plan mode and parallel workers a statement ran under, read inside it; `marked` adds PREPARED. */
async function modeOf(db: Kysely<Database>, marked: boolean): Promise<string> {
  const r = await sql<{ m: string }>`select ${marked ? PREPARED : sql``} current_setting('plan_cache_mode') || ' ' || current_setting('max_parallel_workers_per_gather') as m
    where ${1}::int = 1`.execute(db);
  return r.rows[0].m;
}

async function defaults(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ m: string }>`select string_agg(reset_val, ' ' order by name desc) as m from pg_settings
    where name in (${'plan_cache_mode'}, ${'max_parallel_workers_per_gather'})`.execute(db);
  return r.rows[0].m;
}

const PREPARED_MODE = 'force_generic_plan 0';

describe('statements marked PREPARED', () => {
  it('return what the same statement returns unmarked', async () => {
    const q = (marked: boolean) =>
      sql<{ n: number }>`select ${marked ? PREPARED : sql``} count(*) as n from community where name <> ${'none'}`.execute(l.services.db.kysely);
    expect(Number((await q(true)).rows[0].n)).toBe(Number((await q(false)).rows[0].n));
  });

  it('on PostgreSQL run prepared on their generic plan without parallel workers, while every other statement keeps the defaults', async (ctx) => {
    ctx.skip(l.services.db.dialect !== 'postgres', 'plan settings exist only on PostgreSQL');
    await l.services.db.kysely.connection().execute(async (c) => {
      const dflt = await defaults(c);
      expect(dflt).not.toBe(PREPARED_MODE);
      expect(await modeOf(c, true)).toBe(PREPARED_MODE);
      expect(await modeOf(c, false)).toBe(dflt);
      expect(await modeOf(c, true)).toBe(PREPARED_MODE);
      const prepared = await sql<{ generic: number; custom: number }>`select generic_plans as generic, custom_plans as custom
        from pg_prepared_statements where statement like ${'%/* prepared */ current_setting(%'}`.execute(c);
      expect(prepared.rows).toHaveLength(1);
      expect(Number(prepared.rows[0].generic)).toBe(2);
      expect(Number(prepared.rows[0].custom)).toBe(0);
    });
  });

  it('on PostgreSQL leave the defaults in place after a rollback undoes the switch', async (ctx) => {
    ctx.skip(l.services.db.dialect !== 'postgres', 'plan settings exist only on PostgreSQL');
    await l.services.db.kysely.connection().execute(async (c) => {
      const dflt = await defaults(c);
      expect(dflt).not.toBe(PREPARED_MODE);
      expect(await modeOf(c, false)).toBe(dflt);
      await sql`begin`.execute(c);
      expect(await modeOf(c, true)).toBe(PREPARED_MODE);
      await sql`rollback`.execute(c);
      // the rollback took the SET back; a marked statement switches again, an unmarked one needs nothing
      expect(await modeOf(c, true)).toBe(PREPARED_MODE);
      await sql`begin`.execute(c);
      expect(await modeOf(c, false)).toBe(dflt);
      await sql`rollback`.execute(c);
      // the rollback took the RESET back: the session is under the prepared settings again, so the next unmarked statement resets them
      expect(await modeOf(c, false)).toBe(dflt);
    });
  });
});
