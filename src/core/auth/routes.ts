import { z } from 'zod';
import { AccessControl, homeScope, visibleCommunities, type Actor } from '../access';
import { AppError, fieldError } from '../errors';
import { publicRoute, signedInRoute } from '../http/route';
import type { Services } from '../services';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { clearFailures, isLocked, recordFailure } from './lockout';
import { hit } from './rate-limit';
import { createSession, endSession, endUserSessions, loadGrants, SESSION_COOKIE } from './session';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export const GrantSchema = z.object({
  role: z.string(),
  subDistrictId: z.string().nullable(),
  communityId: z.string().nullable(),
});

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  permissions: z.array(z.string()),
  communities: z.array(
    z.object({ id: z.string(), name: z.string(), subDistrictId: z.string(), subDistrictName: z.string(), permissions: z.array(z.string()) }),
  ),
  grants: z.array(GrantSchema),
});
export type Me = z.infer<typeof MeSchema>;

export async function describeMe(db: Kysely<Database>, access: AccessControl, actor: Actor): Promise<Me> {
  const communities = await visibleCommunities(db, actor);
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    mustChangePassword: actor.mustChangePassword,
    permissions: [...access.anywhere(actor)].sort(),
    communities: communities.map((c) => ({ ...c, permissions: [...access.inCommunity(actor, c)].sort() })),
    grants: actor.grants,
  };
}

function setSessionCookie(services: Services, reply: { setCookie: (n: string, v: string, o: object) => unknown }, token: string, https: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    // Secure whenever the request came over TLS (directly, or through a trusted proxy), or when configured
    secure: services.config.secureCookies || https,
    maxAge: services.config.sessionAbsoluteHours * 3600,
  });
}

const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

export const authRoutes = [
  publicRoute({
    method: 'POST',
    url: '/auth/login',
    summary: '登录 Sign in with username and password; sets the session cookie',
    tags: ['auth'],
    action: 'auth.login',
    transaction: false,
    schema: { body: LoginBody, response: z.object({ user: MeSchema }) },
    async handler({ body, db, now, req, reply, services, audit }) {
      const { config, access } = services;
      const username = body.username.trim().toLowerCase();
      const attempts = await hit(db, `login:${req.ip}`, now, config.loginRateWindowSeconds);
      if (attempts > config.loginRateLimit) {
        await audit({ action: 'auth.login', entityType: 'user', entityId: null, after: { username, reason: 'rate-limited' }, outcome: 'denied' });
        throw new AppError(429, 'RATE_LIMITED');
      }
      const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
      const home = user ? homeScope(await loadGrants(db, user.id)) : {};
      const from = { username, ip: req.ip };
      const locked = await isLocked(db, from, now);
      // the password is checked whatever the case, so the time taken tells nothing either
      const ok = await verifyPassword(body.password, user?.password_hash ?? (await dummyPasswordHash()));
      // unknown name, wrong password, locked: one answer, so the sign-in page tells nobody who has an account
      if (locked) {
        await audit({ action: 'auth.login', entityType: 'user', entityId: user?.id ?? null, after: { username, reason: 'locked' }, outcome: 'denied', ...home });
        throw new AppError(401, 'AUTH_INVALID');
      }
      if (!user || !ok) {
        const lock = await recordFailure(db, from, now, { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes });
        const reason = user ? 'wrong-password' : 'unknown-user';
        await audit({ action: 'auth.login', entityType: 'user', entityId: user?.id ?? null, after: { username, reason, locked: lock }, outcome: 'failed', ...home });
        throw new AppError(401, 'AUTH_INVALID');
      }
      if (user.disabled) {
        await audit({ action: 'auth.login', entityType: 'user', entityId: user.id, after: { username, reason: 'disabled' }, outcome: 'denied', ...home });
        throw new AppError(403, 'AUTH_DISABLED');
      }
      await clearFailures(db, from);
      await db.updateTable('app_user').set({ last_login_at: now.toISOString() }).where('id', '=', user.id).execute();
      const session = await createSession(db, user.id, now, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      const actor: Actor = {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        mustChangePassword: user.must_change_password === 1,
        grants: await loadGrants(db, user.id),
        sessionId: session.id,
      };
      req.actor = actor;
      await audit({ action: 'auth.login', entityType: 'user', entityId: user.id, after: { username }, ...homeScope(actor.grants) });
      setSessionCookie(services, reply, session.token, req.protocol === 'https');
      return { user: await describeMe(db, access, actor) };
    },
  }),

  signedInRoute({
    method: 'POST',
    url: '/auth/logout',
    summary: '退出登录 Sign out: ends this session',
    tags: ['auth'],
    action: 'auth.logout',
    allowDuringPasswordChange: true,
    schema: {},
    async handler({ actor, db, now, reply, audit }) {
      await endSession(db, actor.sessionId, now);
      await audit({ action: 'auth.logout', entityType: 'user', entityId: actor.userId, ...homeScope(actor.grants) });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  }),

  signedInRoute({
    method: 'GET',
    url: '/auth/me',
    summary: '当前用户 The signed-in user, their communities and permissions',
    tags: ['auth'],
    allowDuringPasswordChange: true,
    schema: { response: MeSchema },
    async handler({ actor, db, services }) {
      return describeMe(db, services.access, actor);
    },
  }),

  signedInRoute({
    method: 'POST',
    url: '/auth/change-password',
    summary: '修改密码 Change my password (required at first sign-in of an account an administrator created)',
    tags: ['auth'],
    action: 'auth.change-password',
    allowDuringPasswordChange: true,
    schema: { body: z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1).max(256) }) },
    async handler({ actor, body, db, now, audit }) {
      const user = await db.selectFrom('app_user').select(['password_hash', 'username']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
      if (!(await verifyPassword(body.currentPassword, user.password_hash))) throw fieldError('currentPassword', 'PASSWORD_WRONG_CURRENT');
      if (body.currentPassword === body.newPassword) throw fieldError('newPassword', 'PASSWORD_SAME');
      const problem = passwordProblem(body.newPassword, user.username);
      if (problem) throw fieldError('newPassword', problem.code, problem.params);
      await db
        .updateTable('app_user')
        .set({ password_hash: await hashPassword(body.newPassword), must_change_password: 0, updated_at: now.toISOString() })
        .where('id', '=', actor.userId)
        .execute();
      // other devices signed in with the old password are signed out
      await endUserSessions(db, actor.userId, now, actor.sessionId);
      await audit({ action: 'auth.change-password', entityType: 'user', entityId: actor.userId, ...homeScope(actor.grants) });
    },
  }),
];
