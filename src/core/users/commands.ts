import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Grant } from '../access';
import type { Database } from '../db/schema';

/**
 * Creates a user with their role grants. Takes a hash, not a password: callers check the password
 * policy first (the users page and the CLI) or share one hash (the demo accounts).
 */
export async function insertUser(
  db: Kysely<Database>,
  u: { username: string; displayName: string; passwordHash: string; mustChangePassword: boolean; grants: Grant[] },
  now: Date,
): Promise<string> {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  await db
    .insertInto('app_user')
    .values({
      id,
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      must_change_password: u.mustChangePassword ? 1 : 0,
      disabled: 0,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (u.grants.length) {
    await db
      .insertInto('user_grant')
      .values(u.grants.map((g) => ({ id: crypto.randomUUID(), user_id: id, role: g.role, sub_district_id: g.subDistrictId, community_id: g.communityId })))
      .execute();
  }
  return id;
}
