import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * 登录锁定 — failed sign-ins are counted per account name AND client address. Five wrong passwords
 * from one address lock that name for that address only, so a stranger guessing at the secretary's
 * account cannot keep her out at her own desk. Unknown names are counted the same way as real ones:
 * the answer never tells whether an account exists.
 */
export interface SignInFrom {
  /** the account name as typed (trimmed, lower case) */
  username: string;
  ip: string;
}

export interface LockPolicy {
  maxFailures: number;
  lockMinutes: number;
}

const later = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

/** Whether this name is locked for this address now. Rows that no longer matter are dropped on the way. */
export async function isLocked(db: Kysely<Database>, who: SignInFrom, now: Date): Promise<boolean> {
  const at = now.toISOString();
  await db.deleteFrom('login_lock').where('expires_at', '<=', at).execute();
  const row = await db.selectFrom('login_lock').select('locked_until').where('username', '=', who.username).where('ip', '=', who.ip).executeTakeFirst();
  return !!row?.locked_until && row.locked_until > at;
}

/**
 * Counts one failure; the failures of a name from an address add up while each follows the last
 * within the lock period. Returns whether this failure locked the name for the address.
 */
export async function recordFailure(db: Kysely<Database>, who: SignInFrom, now: Date, policy: LockPolicy): Promise<boolean> {
  const expires = later(now, policy.lockMinutes);
  await db
    .insertInto('login_lock')
    .values({ username: who.username, ip: who.ip, failures: 1, locked_until: null, expires_at: expires })
    .onConflict((oc) => oc.columns(['username', 'ip']).doUpdateSet({ failures: sql`login_lock.failures + 1`, expires_at: expires }))
    .execute();
  const row = await db.selectFrom('login_lock').select('failures').where('username', '=', who.username).where('ip', '=', who.ip).executeTakeFirstOrThrow();
  if (row.failures < policy.maxFailures) return false;
  await db
    .updateTable('login_lock')
    .set({ failures: 0, locked_until: expires, expires_at: expires })
    .where('username', '=', who.username)
    .where('ip', '=', who.ip)
    .execute();
  return true;
}

/** A successful sign-in from an address starts that address's count again. */
export async function clearFailures(db: Kysely<Database>, who: SignInFrom): Promise<void> {
  await db.deleteFrom('login_lock').where('username', '=', who.username).where('ip', '=', who.ip).execute();
}

/** An administrator's new password lifts every lock on the name, from every address. */
export async function liftLocks(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('login_lock').where('username', '=', username).execute();
}
