import crypto from 'node:crypto';
import { z } from 'zod';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { homeScope, isSystem, visibleCommunities, type Actor, type Grant } from '../access';
import { roleDef, ROLE_NAMES, type Role } from '../access/roles';
import { hashPassword, passwordProblem } from '../auth/password';
import { liftLocks } from '../auth/lockout';
import { endUserSessions, loadGrants } from '../auth/session';
import { GrantSchema } from '../auth/routes';
import type { Database } from '../db/schema';
import { AppError, fieldError, notFound } from '../errors';
import { xlsxFile } from '../files/xlsx';
import { globalRoute } from '../http/route';
import { insertUser } from './commands';

/** A role over a scope; a scope left out is none (a system grant names neither). */
const GrantIn = z.object({
  role: z.enum(ROLE_NAMES),
  subDistrictId: z.string().nullable().optional(),
  communityId: z.string().nullable().optional(),
});
const grantOf = (g: z.infer<typeof GrantIn>): Grant => ({ role: g.role, subDistrictId: g.subDistrictId ?? null, communityId: g.communityId ?? null });

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  grants: z.array(GrantSchema),
  activeSessions: z.number(),
});
export type UserOut = z.infer<typeof UserSchema>;

/** The scopes an administrator may hand out roles in. */
interface ManageScope {
  system: boolean;
  subDistricts: Set<string>;
  /** communities the actor manages, with their sub-district */
  communities: Map<string, string>;
}

async function manageScope(db: Kysely<Database>, actor: Actor): Promise<ManageScope> {
  const scope: ManageScope = { system: isSystem(actor), subDistricts: new Set(), communities: new Map() };
  for (const g of actor.grants) {
    if (g.role === 'subdistrict_admin' && g.subDistrictId) scope.subDistricts.add(g.subDistrictId);
  }
  const all = await visibleCommunities(db, actor);
  for (const c of all) {
    const isSecretaryHere = actor.grants.some((g) => g.role === 'secretary' && g.communityId === c.id);
    if (scope.system || scope.subDistricts.has(c.subDistrictId) || isSecretaryHere) scope.communities.set(c.id, c.subDistrictId);
  }
  return scope;
}

/** Named rule: may the actor hand out this grant? A secretary staffs their own community only. */
export function canAssign(scope: ManageScope, grant: Grant): boolean {
  if (scope.system) return true;
  const def = roleDef(grant.role);
  if (!def || grant.role === 'system_admin') return false;
  if (grant.communityId) {
    const sd = scope.communities.get(grant.communityId);
    if (sd === undefined) return false;
    if (scope.subDistricts.has(sd)) return def.scopes.includes('community');
    return ['staff', 'building_leader', 'auditor', 'resident'].includes(grant.role);
  }
  if (grant.subDistrictId) return scope.subDistricts.has(grant.subDistrictId) && def.scopes.includes('subDistrict');
  return false;
}

function checkGrantShape(g: Grant, i: number): void {
  const def = roleDef(g.role)!;
  const kind = g.communityId ? 'community' : g.subDistrictId ? 'subDistrict' : 'system';
  if (!def.scopes.includes(kind)) throw fieldError(`grants.${i}`, 'FIELD_INVALID');
}

/**
 * A community grant names its community's own sub-district, or none: a grant pairing a community with
 * another sub-district would be read as a grant over that sub-district where only the sub-district counts
 * (its audit rows). Checked after `canAssign`, so a community out of reach still answers 403.
 */
async function checkGrantPlaces(db: Kysely<Database>, grants: Grant[]): Promise<void> {
  const ids = grants.flatMap((g) => (g.communityId ? [g.communityId] : []));
  if (ids.length === 0) return;
  const rows = await db.selectFrom('community').select(['id', 'sub_district_id']).where('id', 'in', ids).execute();
  const subDistrictOf = new Map(rows.map((c) => [c.id, c.sub_district_id]));
  grants.forEach((g, i) => {
    if (!g.communityId) return;
    const sd = subDistrictOf.get(g.communityId);
    if (sd === undefined) throw fieldError(`grants.${i}.communityId`, 'FIELD_INVALID');
    if (g.subDistrictId !== null && g.subDistrictId !== sd) throw fieldError(`grants.${i}.subDistrictId`, 'GRANT_OTHER_SUB_DISTRICT');
  });
}

async function toUserOut(db: Kysely<Database>, ids: string[]): Promise<UserOut[]> {
  if (ids.length === 0) return [];
  const users = await db.selectFrom('app_user').selectAll().where('id', 'in', ids).orderBy('username').execute();
  const grants = await db.selectFrom('user_grant').selectAll().where('user_id', 'in', ids).execute();
  const sessions = await db
    .selectFrom('session')
    .select(['user_id', db.fn.countAll<number>().as('n')])
    .where('user_id', 'in', ids)
    .where('ended_at', 'is', null)
    .groupBy('user_id')
    .execute();
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    disabled: u.disabled === 1,
    mustChangePassword: u.must_change_password === 1,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
    grants: grants
      .filter((g) => g.user_id === u.id)
      .map((g) => ({ role: g.role, subDistrictId: g.sub_district_id, communityId: g.community_id })),
    activeSessions: Number(sessions.find((s) => s.user_id === u.id)?.n ?? 0),
  }));
}

/** Users the actor may manage: for a system admin all, otherwise those holding a role inside the actor's scope. */
function manageableUsers(db: Kysely<Database>, scope: ManageScope, q: string | undefined) {
  let query = db.selectFrom('app_user').select('app_user.id');
  if (!scope.system) {
    const cIds = [...scope.communities.keys()];
    const sIds = [...scope.subDistricts];
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_grant')
          .select('user_grant.id')
          .whereRef('user_grant.user_id', '=', 'app_user.id')
          .where((e) =>
            e.or([
              ...(cIds.length ? [e('user_grant.community_id', 'in', cIds)] : []),
              ...(sIds.length ? [e('user_grant.sub_district_id', 'in', sIds)] : []),
              sql<boolean>`1 = 0`,
            ]),
          ),
      ),
    );
  }
  if (q) {
    const like = `%${q.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb('app_user.username', 'like', like), eb('app_user.display_name', 'like', `%${q}%`)]));
  }
  return query;
}

async function loadManageable(db: Kysely<Database>, scope: ManageScope, id: string) {
  const row = await manageableUsers(db, scope, undefined).where('app_user.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const user = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const grants = await loadGrants(db, id);
  // a user who also holds roles outside the actor's scope is changed only by someone who covers them all
  if (!scope.system && !grants.every((g) => canAssign(scope, g))) throw new AppError(403, 'FORBIDDEN');
  return { user, grants };
}

const ListQuery = z.object({
  q: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,32}$/, 'username');

export const userRoutes = [
  globalRoute({
    method: 'GET',
    url: '/users',
    summary: '用户列表 Users the caller may manage',
    tags: ['users'],
    permission: 'users.manage',
    schema: { querystring: ListQuery, response: z.object({ items: z.array(UserSchema), total: z.number(), page: z.number(), pageSize: z.number() }) },
    async handler({ actor, db, query }) {
      const scope = await manageScope(db, actor);
      const base = manageableUsers(db, scope, query.q);
      const total = await db.selectFrom(base.as('u')).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const ids = await base.orderBy('app_user.username').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
      return { items: await toUserOut(db, ids.map((r) => r.id)), total: Number(total.n), page: query.page, pageSize: query.pageSize };
    },
  }),

  globalRoute({
    method: 'GET',
    url: '/users/export.xlsx',
    summary: '导出用户 Export the users list to Excel',
    tags: ['users'],
    permission: 'users.manage',
    schema: { querystring: z.object({ q: z.string().max(64).optional() }) },
    async handler({ actor, db, query, lang }) {
      const scope = await manageScope(db, actor);
      const ids = await manageableUsers(db, scope, query.q).orderBy('app_user.username').execute();
      const users = await toUserOut(db, ids.map((r) => r.id));
      const names = new Map((await db.selectFrom('community').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
      const sds = new Map((await db.selectFrom('sub_district').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
      return xlsxFile({
        filename: lang === 'en' ? 'users.xlsx' : '用户列表.xlsx',
        sheet: { zh: '用户', en: 'Users' },
        lang,
        rows: users,
        columns: [
          { header: { zh: '用户名', en: 'Username' }, value: (u) => u.username },
          { header: { zh: '姓名', en: 'Name' }, value: (u) => u.displayName },
          {
            header: { zh: '角色', en: 'Roles' },
            width: 40,
            value: (u) =>
              u.grants
                .map((g) => {
                  const label = roleDef(g.role)?.label;
                  const where = g.communityId ? names.get(g.communityId) : g.subDistrictId ? sds.get(g.subDistrictId) : '';
                  return `${lang === 'en' ? label?.en : label?.zh}${where ? `（${where}）` : ''}`;
                })
                .join('；'),
          },
          { header: { zh: '状态', en: 'Status' }, value: (u) => (u.disabled ? (lang === 'en' ? 'Disabled' : '已停用') : lang === 'en' ? 'Active' : '正常') },
          { header: { zh: '最近登录', en: 'Last sign-in' }, width: 22, value: (u) => u.lastLoginAt },
          { header: { zh: '创建时间', en: 'Created' }, width: 22, value: (u) => u.createdAt },
        ],
      });
    },
  }),

  globalRoute({
    method: 'POST',
    url: '/users',
    summary: '新建用户 Create a user; they must change the password at first sign-in',
    tags: ['users'],
    permission: 'users.manage',
    action: 'users.create',
    schema: {
      body: z.object({
        username: Username,
        displayName: z.string().trim().min(1).max(40),
        password: z.string().min(1).max(256),
        grants: z.array(GrantIn).min(1),
      }),
      response: UserSchema,
    },
    async handler({ actor, db, body, now, audit }) {
      const scope = await manageScope(db, actor);
      const grants = body.grants.map(grantOf);
      grants.forEach(checkGrantShape);
      if (!grants.every((g) => canAssign(scope, g))) throw new AppError(403, 'FORBIDDEN');
      await checkGrantPlaces(db, grants);
      const problem = passwordProblem(body.password, body.username);
      if (problem) throw fieldError('password', problem.code, problem.params);
      const exists = await db.selectFrom('app_user').select('id').where('username', '=', body.username).executeTakeFirst();
      if (exists) throw new AppError(409, 'CONFLICT', {}, { username: { code: 'USERNAME_TAKEN' } });
      const id = await insertUser(
        db,
        { username: body.username, displayName: body.displayName, passwordHash: await hashPassword(body.password), mustChangePassword: true, grants },
        now,
      );
      const [out] = await toUserOut(db, [id]);
      await audit({ action: 'users.create', entityType: 'user', entityId: id, after: out, ...homeScope(grants) });
      return out;
    },
  }),

  globalRoute({
    method: 'PATCH',
    url: '/users/:id',
    summary: '修改用户 Rename, disable/enable, or change the roles of a user',
    tags: ['users'],
    permission: 'users.manage',
    action: 'users.update',
    schema: {
      params: z.object({ id: z.string() }),
      body: z.object({
        displayName: z.string().trim().min(1).max(40).optional(),
        disabled: z.boolean().optional(),
        grants: z.array(GrantIn).min(1).optional(),
      }),
      response: UserSchema,
    },
    async handler({ actor, db, body, params, now, audit }) {
      const scope = await manageScope(db, actor);
      await loadManageable(db, scope, params.id);
      const [before] = await toUserOut(db, [params.id]);
      if (params.id === actor.userId && body.disabled) throw new AppError(400, 'VALIDATION_FAILED', {}, { disabled: { code: 'FIELD_INVALID' } });
      await db
        .updateTable('app_user')
        .set({
          ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
          ...(body.disabled !== undefined ? { disabled: body.disabled ? 1 : 0 } : {}),
          updated_at: now.toISOString(),
        })
        .where('id', '=', params.id)
        .execute();
      if (body.grants) {
        // the grants sent replace the user's grants as a whole
        const grants = body.grants.map(grantOf);
        grants.forEach(checkGrantShape);
        if (!grants.every((g) => canAssign(scope, g))) throw new AppError(403, 'FORBIDDEN');
        await checkGrantPlaces(db, grants);
        await db.deleteFrom('user_grant').where('user_id', '=', params.id).execute();
        await db
          .insertInto('user_grant')
          .values(grants.map((g) => ({ id: crypto.randomUUID(), user_id: params.id, role: g.role, sub_district_id: g.subDistrictId, community_id: g.communityId })))
          .execute();
      }
      // a disabled user is signed out everywhere at once
      if (body.disabled) await endUserSessions(db, params.id, now);
      const [after] = await toUserOut(db, [params.id]);
      await audit({ action: 'users.update', entityType: 'user', entityId: params.id, before, after, ...homeScope(after.grants as Grant[]) });
      return after;
    },
  }),

  globalRoute({
    method: 'POST',
    url: '/users/:id/reset-password',
    summary: '重置密码 Set a new initial password; the user must change it at next sign-in',
    tags: ['users'],
    permission: 'users.manage',
    action: 'users.reset-password',
    schema: { params: z.object({ id: z.string() }), body: z.object({ password: z.string().min(1).max(256) }) },
    async handler({ actor, db, body, params, now, audit }) {
      const scope = await manageScope(db, actor);
      const { user, grants } = await loadManageable(db, scope, params.id);
      const problem = passwordProblem(body.password, user.username);
      if (problem) throw fieldError('password', problem.code, problem.params);
      await db
        .updateTable('app_user')
        .set({ password_hash: await hashPassword(body.password), must_change_password: 1, updated_at: now.toISOString() })
        .where('id', '=', params.id)
        .execute();
      await liftLocks(db, user.username);
      await endUserSessions(db, params.id, now);
      await audit({ action: 'users.reset-password', entityType: 'user', entityId: params.id, ...homeScope(grants) });
    },
  }),

  globalRoute({
    method: 'DELETE',
    url: '/users/:id/sessions',
    summary: '强制下线 End every session of a user',
    tags: ['users'],
    permission: 'users.manage',
    action: 'users.end-sessions',
    schema: { params: z.object({ id: z.string() }), response: z.object({ ended: z.number() }) },
    async handler({ actor, db, params, now, audit }) {
      const scope = await manageScope(db, actor);
      const { grants } = await loadManageable(db, scope, params.id);
      const ended = await endUserSessions(db, params.id, now);
      await audit({ action: 'users.end-sessions', entityType: 'user', entityId: params.id, after: { ended }, ...homeScope(grants) });
      return { ended };
    },
  }),
];

export type { Role };
