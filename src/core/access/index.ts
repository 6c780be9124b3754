import { sql } from 'kysely';
import type { DeleteQueryBuilder, DeleteResult, Insertable, Kysely, SelectQueryBuilder, UpdateQueryBuilder, UpdateResult } from 'kysely';

// Kysely's own name for "nothing selected yet"
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type Empty = {};
import type { Database } from '../db/schema';
import type { PermissionDef } from '../module';
import { roleDef, type Role } from './roles';

export interface Grant {
  role: Role;
  subDistrictId: string | null;
  communityId: string | null;
}

/** The signed-in user a request acts for. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  grants: Grant[];
  sessionId: string;
}

export interface CommunityRef {
  id: string;
  subDistrictId: string;
  name: string;
  subDistrictName: string;
}

/** Whether a grant reaches a community: held on it, on its sub-district, or system-wide. */
export function grantCovers(grant: Grant, community: { id: string; subDistrictId: string }): boolean {
  const scope = roleDef(grant.role)?.scopes ?? [];
  if (grant.communityId) return grant.communityId === community.id;
  if (grant.subDistrictId) return grant.subDistrictId === community.subDistrictId;
  return scope.includes('system');
}

/** Where a user belongs, for filing their audit rows: their first community, else their sub-district. */
export function homeScope(grants: Grant[]): { communityId: string | null; subDistrictId: string | null } {
  const g = grants.find((x) => x.communityId) ?? grants.find((x) => x.subDistrictId);
  return { communityId: g?.communityId ?? null, subDistrictId: g?.subDistrictId ?? null };
}

export function isSystem(actor: Actor): boolean {
  return actor.grants.some((g) => !g.communityId && !g.subDistrictId && roleDef(g.role)?.scopes.includes('system'));
}

/**
 * Who may do what, assembled once from the permissions every module declares.
 * Deny by default: a permission no role is given is held by nobody.
 */
export class AccessControl {
  private readonly byRole = new Map<Role, Set<string>>();
  readonly permissions: Record<string, PermissionDef>;

  constructor(defs: Record<string, PermissionDef>) {
    this.permissions = defs;
    for (const [perm, def] of Object.entries(defs)) {
      for (const role of def.roles) {
        if (!this.byRole.has(role)) this.byRole.set(role, new Set());
        this.byRole.get(role)!.add(perm);
      }
    }
  }

  has(perm: string): boolean {
    return perm in this.permissions;
  }

  rolePermissions(role: Role): Set<string> {
    return this.byRole.get(role) ?? new Set();
  }

  /** The permissions an actor holds in one community. */
  inCommunity(actor: Actor, community: { id: string; subDistrictId: string }): Set<string> {
    const out = new Set<string>();
    for (const g of actor.grants) {
      if (!grantCovers(g, community)) continue;
      for (const p of this.rolePermissions(g.role)) out.add(p);
    }
    return out;
  }

  /** The permissions an actor holds anywhere (used by routes that are not about one community). */
  anywhere(actor: Actor): Set<string> {
    const out = new Set<string>();
    for (const g of actor.grants) for (const p of this.rolePermissions(g.role)) out.add(p);
    return out;
  }

  /** Named rule: may this actor do `perm` in this community? */
  authorize(actor: Actor, perm: string, community: { id: string; subDistrictId: string }): boolean {
    return this.inCommunity(actor, community).has(perm);
  }
}

/** The communities an actor can see: held directly, through a sub-district, or all for the system admin. */
export async function visibleCommunities(db: Kysely<Database>, actor: Actor): Promise<CommunityRef[]> {
  let q = db
    .selectFrom('community')
    .innerJoin('sub_district', 'sub_district.id', 'community.sub_district_id')
    .select([
      'community.id as id',
      'community.name as name',
      'community.sub_district_id as subDistrictId',
      'sub_district.name as subDistrictName',
    ])
    .orderBy('sub_district.name')
    .orderBy('community.name');
  if (!isSystem(actor)) {
    const cIds = actor.grants.flatMap((g) => (g.communityId ? [g.communityId] : []));
    const sIds = actor.grants.flatMap((g) => (g.subDistrictId && !g.communityId ? [g.subDistrictId] : []));
    if (cIds.length === 0 && sIds.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        ...(cIds.length ? [eb('community.id', 'in', cIds)] : []),
        ...(sIds.length ? [eb('community.sub_district_id', 'in', sIds)] : []),
      ]),
    );
  }
  return q.execute();
}

/** Loads a community the actor may see, or null (callers answer 404, never 403, so ids don't leak). */
export async function findVisibleCommunity(
  db: Kysely<Database>,
  actor: Actor,
  communityId: string,
): Promise<CommunityRef | null> {
  const row = await communityById(db, communityId);
  if (!row) return null;
  if (!actor.grants.some((g) => grantCovers(g, row))) return null;
  return row;
}

/**
 * Communities by id, remembered for a minute. Only reference data lives here — which sub-district
 * a community belongs to never changes, and a renamed community shows its new name within a
 * minute on every instance. Sessions and permissions are always read from the database.
 */
const communityCache = new Map<string, { ref: CommunityRef; until: number }>();
const COMMUNITY_TTL_MS = 60_000;

async function communityById(db: Kysely<Database>, communityId: string): Promise<CommunityRef | null> {
  const hit = communityCache.get(communityId);
  if (hit && hit.until > Date.now()) return hit.ref;
  const ref = await db
    .selectFrom('community')
    .innerJoin('sub_district', 'sub_district.id', 'community.sub_district_id')
    .select(['community.id as id', 'community.name as name', 'community.sub_district_id as subDistrictId', 'sub_district.name as subDistrictName'])
    .where('community.id', '=', communityId)
    .executeTakeFirst();
  if (!ref) return null;
  if (communityCache.size > 10_000) communityCache.clear();
  communityCache.set(communityId, { ref, until: Date.now() + COMMUNITY_TTL_MS });
  return ref;
}

/** Community-owned tables: every one carries `community_id`. */
export type CommunityTable = {
  [T in keyof Database]: Database[T] extends { community_id: string } ? T : never;
}[keyof Database];

/**
 * The only door a module's route has to community-owned tables: every statement it builds is
 * already limited to the request's community, and every row it inserts is stamped with it.
 * Scoping lives here, once, instead of in each query.
 */
export function scopedDb(db: Kysely<Database>, scope: string | string[], opts: { bulk?: BulkInsert | null } = {}) {
  const communityId = typeof scope === 'string' ? scope : null;
  // several communities: a sub-district's read-only view across them
  const inCommunity = (table: string) =>
    communityId !== null
      ? sql<boolean>`${sql.ref(`${table}.community_id`)} = ${communityId}`
      : scope.length
        ? sql<boolean>`${sql.ref(`${table}.community_id`)} in (${sql.join(scope as string[])})`
        : sql<boolean>`1 = 0`;
  return {
    /** the community written to; null when reading across several */
    communityId,
    selectFrom<T extends CommunityTable>(table: T): SelectQueryBuilder<Database, T, Empty> {
      const qb = db.selectFrom(table as CommunityTable) as unknown as SelectQueryBuilder<Database, T, Empty>;
      return qb.where(inCommunity(table));
    },
    updateTable<T extends CommunityTable>(table: T): UpdateQueryBuilder<Database, T, T, UpdateResult> {
      const qb = db.updateTable(table as CommunityTable) as unknown as UpdateQueryBuilder<Database, T, T, UpdateResult>;
      return qb.where(inCommunity(table));
    },
    deleteFrom<T extends CommunityTable>(table: T): DeleteQueryBuilder<Database, T, DeleteResult> {
      const qb = db.deleteFrom(table as CommunityTable) as unknown as DeleteQueryBuilder<Database, T, DeleteResult>;
      return qb.where(inCommunity(table));
    },
    /**
     * Inserts many rows stamped with the community: through prepared statements on SQLite (much
     * faster than building one huge statement), multi-row statements elsewhere.
     */
    async insertMany<T extends CommunityTable>(table: T, rows: Omit<Insertable<Database[T]>, 'community_id'>[]): Promise<void> {
      if (communityId === null) throw new Error('scopedDb over several communities is read-only');
      if (rows.length === 0) return;
      const stamped = rows.map((r) => ({ ...r, community_id: communityId }));
      if (opts.bulk) return opts.bulk(table, stamped);
      const size = Math.max(1, Math.floor(30_000 / Object.keys(stamped[0]).length));
      for (let i = 0; i < stamped.length; i += size) {
        await db.insertInto(table).values(stamped.slice(i, i + size) as unknown as Insertable<Database[T]>[]).execute();
      }
    },
    /** inserts rows stamped with the request's community, whatever `community_id` they carried */
    insertInto<T extends CommunityTable>(table: T, rows: Omit<Insertable<Database[T]>, 'community_id'>[]) {
      if (communityId === null) throw new Error('scopedDb over several communities is read-only');
      const stamped = rows.map((r) => ({ ...r, community_id: communityId }) as unknown as Insertable<Database[T]>);
      return db.insertInto(table).values(stamped);
    },
  };
}

export type ScopedDb = ReturnType<typeof scopedDb>;

/** Writes rows to a table in bulk (see `sqliteBulkInsert` in core/db). */
export type BulkInsert = (table: string, rows: Record<string, unknown>[]) => Promise<void>;
