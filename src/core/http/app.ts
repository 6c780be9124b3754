import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { findVisibleCommunity, scopedDb, type Actor, type CommunityRef } from '../access';
import { appendAudit, type AuditEntry, type AuditOrigin } from '../audit/log';
import { resolveSession, SESSION_COOKIE } from '../auth/session';
import type { Database } from '../db/schema';
import { ping } from '../db';
import { AppError, fieldError, type ErrorBody } from '../errors';
import { pickLang, translate, type Lang } from '../i18n';
import type { Services } from '../services';
import { FileResponse, type AnyRoute } from './route';
import { securityHeaders } from './headers';
import { metricsAccess, metricsRegistry, observeRequest } from './metrics';
import { nulField, zodIssuesToFields } from './validation';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    actor: Actor | null;
    /** set once an audit row for this request is written */
    audited: boolean;
    /** the community a community route acts in, once access to it is checked */
    community: CommunityRef | null;
    permissions: Set<string>;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const API_PREFIX = '/api/v1';

/** Every route of the running app with the permission it declares (the route-permission test reads this). */
export interface RouteInfo {
  method: string;
  url: string;
  access: AnyRoute['access'];
  permission: string | null;
}

export function auditOrigin(req: FastifyRequest, now: Date): AuditOrigin {
  return {
    at: now.toISOString(),
    actorUserId: req.actor?.userId ?? null,
    actorUsername: req.actor?.username ?? null,
    ip: req.ip ?? null,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: String(req.id),
  };
}

/**
 * Origin check for changes (CSRF), on top of the SameSite=Strict cookie: scheme, host and port of
 * `Origin` must be the request's own. Fastify takes those from X-Forwarded-Proto/-Host only when
 * LINLI_TRUST_PROXY says a proxy stands in front.
 */
function originAllowed(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin) {
    try {
      // through URL both sides drop a default port (http://host:80 is http://host)
      return new URL(origin).origin === new URL(`${req.protocol}://${req.host}`).origin;
    } catch {
      return false;
    }
  }
  // No Origin: a non-browser client (scripts, curl), unless the browser says it came from elsewhere.
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

export async function buildApp(services: Services, routes: AnyRoute[]): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    // unique across instances (a random prefix per process) without a random draw per request
    genReqId: requestIds(),
    bodyLimit: 20 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);

  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('actor', null);
  app.decorateRequest('audited', false);
  app.decorateRequest('community', null);
  app.decorateRequest('permissions', null as unknown as Set<string>);

  // Hooks on every request are callback-style: no promise per request on the hot path.
  app.addHook('onRequest', (req, _reply, done) => {
    req.lang = pickLang(req.cookies.linli_lang, req.headers['accept-language']);
    if (MUTATING.has(req.method) && req.url.startsWith('/api/') && !originAllowed(req)) {
      done(new AppError(403, 'CSRF_REJECTED'));
      return;
    }
    done();
  });
  app.addHook('onSend', securityHeaders);
  app.addHook('onResponse', (req, reply, done) => {
    observeRequest(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  app.setErrorHandler(async (err: unknown, req, reply) => {
    let appErr: AppError;
    if (err instanceof AppError) appErr = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      appErr = new AppError(400, 'VALIDATION_FAILED', {}, zodIssuesToFields(err.validation, validated(req, err)));
    } else if (isStatusError(err) && err.statusCode < 500) {
      appErr = new AppError(err.statusCode, err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED');
    } else {
      req.log.error({ err }, 'unhandled error');
      appErr = new AppError(500, 'INTERNAL');
    }
    if (MUTATING.has(req.method) && req.url.startsWith('/api/') && !req.audited) {
      await auditRefusal(services, req, appErr).catch((e: unknown) => req.log.error({ err: e }, 'audit write failed'));
    }
    req.log.info({ code: appErr.code, status: appErr.status }, 'request refused');
    return reply.code(appErr.status).send(appErr.toBody(req.lang));
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Linli 邻里 API', version: '1', description: '社区居委会与街道工作台 — the workbench of a residents\' committee and its sub-district' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ping(services.db);
      return { status: 'ok', database: services.db.dialect };
    } catch {
      return reply.code(503).send({ status: 'error', database: services.db.dialect });
    }
  });
  const mayScrape = metricsAccess(config);
  const metricsGate = (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => done(mayScrape(req) ? undefined : new AppError(403, 'FORBIDDEN'));
  app.get('/metrics', { schema: { hide: true }, onRequest: metricsGate }, async (_req, reply) => {
    reply.header('content-type', metricsRegistry.contentType);
    return metricsRegistry.metrics();
  });

  const table: RouteInfo[] = [];
  for (const route of routes.filter((r) => !r.upload)) mountRoute(app, services, route);
  // Upload routes get the multipart parser in a context of their own: its hooks then run on
  // uploads only, not on every request.
  await app.register(async (uploads) => {
    await uploads.register(fastifyMultipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1 } });
    for (const route of routes.filter((r) => r.upload)) mountRoute(uploads, services, route);
  });
  for (const route of routes) {
    table.push({ method: route.method, url: API_PREFIX + route.url, access: route.access, permission: route.permission ?? null });
  }
  app.decorate('linliRoutes', table);

  const webDir = config.webDir;
  const hasWeb = webDir !== null && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false });
  }
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      return reply.code(404).send(new AppError(404, 'NOT_FOUND').toBody(req.lang));
    }
    // The web app routes in the browser: every other GET gets its page.
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    linliRoutes: RouteInfo[];
  }
}

/** What a failed validation looked at: the body, the query or the path's parameters. */
function validated(req: FastifyRequest, err: { validationContext?: string }): unknown {
  if (err.validationContext === 'body') return req.body;
  if (err.validationContext === 'querystring') return req.query;
  if (err.validationContext === 'params') return req.params;
  return undefined;
}

function isStatusError(err: unknown): err is { statusCode: number } {
  return typeof err === 'object' && err !== null && typeof (err as { statusCode?: unknown }).statusCode === 'number';
}

async function auditRefusal(services: Services, req: FastifyRequest, err: AppError): Promise<void> {
  const outcome = err.status === 401 || err.status === 403 || err.status === 404 ? 'denied' : 'failed';
  const now = services.clock.now();
  await services.db.kysely.transaction().execute((tx) =>
    appendAudit(tx, services.db, auditOrigin(req, now), [
      {
        action: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
        communityId: req.community?.id ?? null,
        subDistrictId: req.community?.subDistrictId ?? null,
        entityId: null,
        after: { code: err.code },
        outcome,
      },
    ]),
  );
  req.audited = true;
}

/**
 * Mounts one declared route as the pipeline every request walks:
 * validate (zod, by Fastify) → authenticate → authorize → scope → handler in a transaction → audit → present.
 */
function mountRoute(app: FastifyInstance, services: Services, route: AnyRoute): void {
  const { db, access, config } = services;
  if ((route.access === 'global' || route.access === 'community') && !route.permission) {
    throw new Error(`Route ${route.method} ${route.url} declares no permission`);
  }
  if (route.permission && !access.has(route.permission)) {
    throw new Error(`Route ${route.method} ${route.url} needs unknown permission ${route.permission}`);
  }
  if (route.access === 'community' && !route.url.includes(':communityId')) {
    throw new Error(`Community route ${route.url} has no :communityId`);
  }
  const mutating = MUTATING.has(route.method);
  const withTx = mutating && route.transaction !== false;

  app.route({
    method: route.method,
    url: API_PREFIX + route.url,
    schema: {
      summary: route.summary,
      tags: route.tags,
      description: route.permission ? `权限 permission: \`${route.permission}\`` : `access: ${route.access}`,
      ...(route.access !== 'public' ? { security: [{ session: [] }] } : {}),
      ...(route.schema.params ? { params: route.schema.params } : {}),
      ...(route.schema.querystring ? { querystring: route.schema.querystring } : {}),
      ...(route.schema.body ? { body: route.schema.body } : {}),
      ...(route.schema.response ? { response: { 200: route.schema.response } } : {}),
    },
    // Authenticate and authorize before the body is even validated: strangers learn nothing of the schema.
    onRequest: async (req: FastifyRequest) => {
      const now = services.clock.now();
      const session = await resolveSession(db.kysely, req.cookies[SESSION_COOKIE], now, {
        idleMinutes: config.sessionIdleMinutes,
        absoluteHours: config.sessionAbsoluteHours,
      }, db.sqlite);
      const actor = 'actor' in session ? session.actor : null;
      req.actor = actor;
      if (route.access !== 'public') {
        if (!actor) throw new AppError(401, 'problem' in session ? session.problem : 'AUTH_REQUIRED');
        if (actor.mustChangePassword && !route.allowDuringPasswordChange) throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED');
      }
      // before the path's ids reach a query: PostgreSQL refuses U+0000 in text with an error of its own
      refuseNul(req.params);
      refuseNul(req.query);
      if (route.upload) refuseNulInUploads(req);
      let permissions = new Set<string>();
      if (route.access === 'community') {
        const id = (req.params as { communityId: string }).communityId;
        const community = await findVisibleCommunity(db.kysely, actor!, id);
        if (!community) throw new AppError(404, 'NOT_FOUND');
        req.community = community;
        permissions = access.inCommunity(actor!, community);
      } else if (route.access === 'global') {
        permissions = access.anywhere(actor!);
      }
      req.permissions = permissions;
      if (route.permission && !permissions.has(route.permission)) throw new AppError(403, 'FORBIDDEN');
    },
    preValidation: (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
      const field = nulField(req.body);
      done(field === null ? undefined : fieldError(field, 'FIELD_NUL'));
    },
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const now = services.clock.now();
      const { actor, community, permissions } = req;
      const action = route.action ?? route.permission ?? `${route.method} ${route.url}`;
      const origin = () => auditOrigin(req, now);
      const run = async (k: Kysely<Database>) => {
        const pending: AuditEntry[] = [];
        const audit = async (e: AuditEntry) => {
          const entry = { ...e, communityId: e.communityId ?? community?.id ?? null, subDistrictId: e.subDistrictId ?? community?.subDistrictId ?? null };
          if (withTx) pending.push(entry);
          else {
            await db.kysely.transaction().execute((tx) => appendAudit(tx, db, origin(), [entry]));
            req.audited = true;
          }
        };
        const ctx = {
          req,
          reply,
          lang: req.lang,
          now,
          params: req.params,
          query: req.query,
          body: req.body,
          services,
          moduleDb: { ...db, kysely: k },
          actor,
          community,
          permissions,
          audit,
          db: community ? scopedDb(k, community.id) : k,
          communityUsers: (role: string) =>
            k
              .selectFrom('app_user')
              .innerJoin('user_grant', 'user_grant.user_id', 'app_user.id')
              .select(['app_user.id', 'app_user.username', 'app_user.display_name as displayName'])
              .where('user_grant.community_id', '=', community?.id ?? '')
              .where('user_grant.role', '=', role)
              .where('app_user.disabled', '=', 0)
              .orderBy('app_user.username')
              .execute(),
        };
        const result = await route.handler(ctx as never);
        if (withTx) {
          if (pending.length === 0) pending.push({ action, communityId: community?.id ?? null, subDistrictId: community?.subDistrictId ?? null, after: req.params });
          await appendAudit(k, db, origin(), pending);
          req.audited = true;
        }
        return result;
      };
      const result = withTx ? await db.kysely.transaction().execute(run) : await run(db.kysely);

      if (result instanceof FileResponse) {
        const ascii = result.filename.replace(/[^\x20-\x7e]/g, '_');
        return reply
          .header('content-type', result.contentType)
          .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(result.filename)}`)
          .send(result.body);
      }
      if (result === undefined) return reply.code(204).send();
      return result;
    },
  });
}

function refuseNul(value: unknown): void {
  const field = nulField(value);
  if (field !== null) throw fieldError(field, 'FIELD_NUL');
}

/**
 * An upload's file is bytes, any bytes; its name and the form's other fields are text, held to the
 * same rule as a JSON body's. Checked as the handler reads the upload (`ctx.req.file()`).
 */
function refuseNulInUploads(req: FastifyRequest): void {
  const file = req.file.bind(req);
  req.file = async (options) => {
    const part = await file(options);
    if (part) {
      if (part.filename.includes('\u0000')) throw fieldError(part.fieldname, 'FIELD_NUL');
      for (const f of Object.values(part.fields).flat()) {
        if (f?.type === 'field' && typeof f.value === 'string' && f.value.includes('\u0000')) throw fieldError(f.fieldname, 'FIELD_NUL');
      }
    }
    return part;
  };
}

function requestIds(): () => string {
  const prefix = crypto.randomBytes(6).toString('hex');
  let n = 0;
  return () => `${prefix}-${(++n).toString(36)}`;
}

export function errorBody(code: string, lang: Lang): ErrorBody {
  return { error: { code, message: translate(code, lang) } };
}
