import crypto from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Actor, Grant } from '../access';
import type { Role } from '../access/roles';

export const SESSION_COOKIE = 'linli_session';

export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; id: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const id = tokenHash(token);
  const at = now.toISOString();
  await db
    .insertInto('session')
    .values({ id, user_id: userId, created_at: at, last_seen_at: at, ip: meta.ip, user_agent: meta.userAgent?.slice(0, 300) ?? null, ended_at: null })
    .execute();
  return { token, id };
}

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

function sessionQuery(db: Kysely<Database>, id: string) {
  // one statement: the session, its user and all their grants (one row per grant)
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .leftJoin('user_grant', 'user_grant.user_id', 'app_user.id')
    .select([
      'session.id as sessionId',
      'session.created_at as createdAt',
      'session.last_seen_at as lastSeenAt',
      'session.ended_at as endedAt',
      'app_user.id as userId',
      'app_user.username as username',
      'app_user.display_name as displayName',
      'app_user.must_change_password as mustChange',
      'app_user.disabled as disabled',
      'user_grant.role as role',
      'user_grant.sub_district_id as grantSubDistrictId',
      'user_grant.community_id as grantCommunityId',
    ])
    .where('session.id', '=', id);
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['execute']>>[number];

// Every request runs this lookup; its SQL is built once per database, not once per request.
const sessionSqlByDb = new WeakMap<Kysely<Database>, string>();
function sessionSql(db: Kysely<Database>): string {
  let text = sessionSqlByDb.get(db);
  if (!text) {
    text = sessionQuery(db, '').compile().sql;
    sessionSqlByDb.set(db, text);
  }
  return text;
}

// On SQLite the lookup goes straight to the prepared statement: it runs on every request, and
// Kysely's connection hand-off costs as much as the query itself there.
const statements = new WeakMap<SQLite.Database, SQLite.Statement>();
function sqliteStatement(handle: SQLite.Database, text: string): SQLite.Statement {
  let stmt = statements.get(handle);
  if (!stmt) {
    stmt = handle.prepare(text);
    statements.set(handle, stmt);
  }
  return stmt;
}

export type SessionLookup = { actor: Actor } | { problem: 'AUTH_REQUIRED' | 'SESSION_EXPIRED' };

export async function loadGrants(db: Kysely<Database>, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('user_grant')
    .select(['role', 'sub_district_id', 'community_id'])
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ role: r.role as Role, subDistrictId: r.sub_district_id, communityId: r.community_id }));
}

/**
 * Resolves a cookie token to the acting user. Sessions live in the database (not in memory) so any
 * server instance can answer; an idle or too-old session is ended on the spot.
 */
export async function resolveSession(
  db: Kysely<Database>,
  token: string | undefined,
  now: Date,
  policy: SessionPolicy,
  sqliteHandle: SQLite.Database | null = null,
): Promise<SessionLookup> {
  if (!token) return { problem: 'AUTH_REQUIRED' };
  const id = tokenHash(token);
  const rows = sqliteHandle ? (sqliteStatement(sqliteHandle, sessionSql(db)).all(id) as SessionRow[]) : (await db.executeQuery<SessionRow>(CompiledQuery.raw(sessionSql(db), [id]))).rows;
  const row = rows[0];
  if (!row || row.endedAt) return { problem: 'AUTH_REQUIRED' };
  const t = now.getTime();
  const idleExpired = t - Date.parse(row.lastSeenAt) > policy.idleMinutes * 60_000;
  const absoluteExpired = t - Date.parse(row.createdAt) > policy.absoluteHours * 3_600_000;
  if (idleExpired || absoluteExpired || row.disabled) {
    await db.updateTable('session').set({ ended_at: now.toISOString() }).where('id', '=', id).execute();
    return { problem: row.disabled ? 'AUTH_REQUIRED' : 'SESSION_EXPIRED' };
  }
  // Touch at most once a minute: enough for the idle timeout, few writes.
  if (t - Date.parse(row.lastSeenAt) > 60_000) {
    await db.updateTable('session').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return {
    actor: {
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      mustChangePassword: row.mustChange === 1,
      grants: rows.flatMap((r) => (r.role ? [{ role: r.role as Role, subDistrictId: r.grantSubDistrictId, communityId: r.grantCommunityId }] : [])),
      sessionId: row.sessionId,
    },
  };
}

export async function endSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ ended_at: now.toISOString() }).where('id', '=', sessionId).execute();
}

export async function endUserSessions(db: Kysely<Database>, userId: string, now: Date, exceptSessionId?: string): Promise<number> {
  let q = db.updateTable('session').set({ ended_at: now.toISOString() }).where('user_id', '=', userId).where('ended_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
