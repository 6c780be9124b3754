import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor, CommunityRef, ScopedDb } from '../access';
import type { Role } from '../access/roles';
import type { AuditEntry } from '../audit/log';
import type { Database } from '../db/schema';
import type { Db } from '../db';
import type { Lang } from '../i18n';
import type { Services } from '../services';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSchemas {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** the 200 response; omit for 204 or file responses */
  response?: z.ZodType;
}

type In<S, K extends keyof RouteSchemas> = S extends { [P in K]: infer Z } ? (Z extends z.ZodType ? z.infer<Z> : never) : undefined;
type Out<S> = S extends { response: infer Z } ? (Z extends z.ZodType ? z.input<Z> : never) : void | FileResponse;

/** A file the browser downloads (Excel exports, Word reports). */
export class FileResponse {
  constructor(
    readonly body: Buffer,
    readonly filename: string,
    readonly contentType: string,
  ) {}
}

export interface BaseCtx<S extends RouteSchemas> {
  req: FastifyRequest;
  reply: FastifyReply;
  lang: Lang;
  now: Date;
  params: In<S, 'params'>;
  query: In<S, 'querystring'>;
  body: In<S, 'body'>;
  services: Services;
  /**
   * the request's database in the shape cross-module calls take (a module's `reportSection`): inside the
   * request's transaction when the route changes data, so it never waits on a second connection. Not
   * scoped: pass it only to calls that are themselves limited to the request's community.
   */
  moduleDb: Db;
  /** records what this request changed; written in the same transaction as the change */
  audit(entry: AuditEntry): Promise<void>;
}

export interface PublicCtx<S extends RouteSchemas> extends BaseCtx<S> {
  actor: Actor | null;
  /** the database (inside the request's transaction when the route changes data) */
  db: Kysely<Database>;
}

export interface SignedInCtx<S extends RouteSchemas> extends BaseCtx<S> {
  actor: Actor;
  db: Kysely<Database>;
}

export interface GlobalCtx<S extends RouteSchemas> extends SignedInCtx<S> {
  /** the permissions the actor holds anywhere */
  permissions: Set<string>;
}

export interface CommunityCtx<S extends RouteSchemas> extends BaseCtx<S> {
  actor: Actor;
  community: CommunityRef;
  /** the permissions the actor holds in this community */
  permissions: Set<string>;
  /** community-owned tables, already limited to this community */
  db: ScopedDb;
  /** the community's active users holding a role here (e.g. its building leaders), read in the request's transaction */
  communityUsers(role: Role): Promise<{ id: string; username: string; displayName: string }[]>;
}

interface Common<S extends RouteSchemas> {
  method: Method;
  /** path under /api/v1 */
  url: string;
  summary: string;
  tags?: string[];
  schema: S;
  /** the audit action for changes (defaults to the permission, or method and path) */
  action?: string;
  /** the handler manages its own writes (no wrapping transaction); used by sign-in */
  transaction?: false;
  /** reachable while the user still has to change the password */
  allowDuringPasswordChange?: boolean;
  /** takes a multipart file upload (`ctx.req.file()`) */
  upload?: true;
}

/** Open to anyone, signed in or not. */
export interface PublicRoute<S extends RouteSchemas> extends Common<S> {
  access: 'public';
  handler(ctx: PublicCtx<S>): Promise<Out<S>>;
}
/** Any signed-in user, about themselves (who am I, change my password, sign out). */
export interface SignedInRoute<S extends RouteSchemas> extends Common<S> {
  access: 'signedIn';
  handler(ctx: SignedInCtx<S>): Promise<Out<S>>;
}
/** Not about one community; the permission must be held somewhere, the handler narrows by scope. */
export interface GlobalRoute<S extends RouteSchemas> extends Common<S> {
  access: 'global';
  permission: string;
  handler(ctx: GlobalCtx<S>): Promise<Out<S>>;
}
/** About one community: the url holds `:communityId`; unseen communities answer 404. */
export interface CommunityRoute<S extends RouteSchemas> extends Common<S> {
  access: 'community';
  permission: string;
  handler(ctx: CommunityCtx<S>): Promise<Out<S>>;
}

/** A route with its types erased, as the core keeps it. */
export interface AnyRoute extends Omit<Common<RouteSchemas>, 'schema'> {
  access: 'public' | 'signedIn' | 'global' | 'community';
  permission?: string;
  schema: RouteSchemas;
  handler(ctx: never): Promise<unknown>;
}

const erase = (r: object) => r as AnyRoute;
export const publicRoute = <S extends RouteSchemas>(r: Omit<PublicRoute<S>, 'access'>): AnyRoute => erase({ ...r, access: 'public' });
export const signedInRoute = <S extends RouteSchemas>(r: Omit<SignedInRoute<S>, 'access'>): AnyRoute => erase({ ...r, access: 'signedIn' });
export const globalRoute = <S extends RouteSchemas>(r: Omit<GlobalRoute<S>, 'access'>): AnyRoute => erase({ ...r, access: 'global' });
export const communityRoute = <S extends RouteSchemas>(r: Omit<CommunityRoute<S>, 'access'>): AnyRoute => erase({ ...r, access: 'community' });
