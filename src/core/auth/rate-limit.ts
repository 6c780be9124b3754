import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Counts hits per key in fixed windows, in the database so that every server instance shares the
 * count. Returns the count including this hit.
 */
export async function hit(db: Kysely<Database>, key: string, now: Date, windowSeconds: number): Promise<number> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
  await db
    .insertInto('rate_limit')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limit.count + 1` }))
    .execute();
  const row = await db
    .selectFrom('rate_limit')
    .select('count')
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirstOrThrow();
  // old windows are of no use; dropping them here keeps the table small without a timer
  await db.deleteFrom('rate_limit').where('window_start', '<', new Date(now.getTime() - 2 * windowMs).toISOString()).execute();
  return row.count;
}
