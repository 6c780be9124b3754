import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config';
import { createLinli, type Linli } from '../server';
import { seedDemo } from '../demo';
import { hashPassword } from '../auth/password';
import { insertUser } from '../users/commands';
import type { Role } from '../access/roles';
import type { LinliModule } from '../module';
import type { Clock } from '../services';

/**
 * A clock tests move by hand: stopped at a fixed moment (the default, 2026-11-25 10:00 in Beijing), or
 * running with the real time shifted by some days (`TestClock.running(365)`: a year from now), as the
 * browser journeys use it so that the demo is seeded and served on one clock.
 */
export class TestClock implements Clock {
  private readonly shiftMs: number | null;
  constructor(
    private t = Date.parse('2026-11-25T02:00:00Z'),
    opts: { runningShiftMs?: number } = {},
  ) {
    this.shiftMs = opts.runningShiftMs ?? null;
  }
  static running(shiftDays = 0): TestClock {
    return new TestClock(0, { runningShiftMs: shiftDays * 86_400_000 });
  }
  now(): Date {
    return new Date(this.shiftMs === null ? this.t : Date.now() + this.shiftMs + this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  advanceMinutes(m: number): void {
    this.advance(m * 60_000);
  }
}

export interface TestLinli extends Linli {
  clock: TestClock;
  config: Config;
}

/**
 * A fresh Linli for one test file: its own SQLite file in a temp folder, or, when DATABASE_URL is set
 * (npm run test:pg), its own PostgreSQL schema, dropped at close.
 */
export async function createTestLinli(opts: { demo?: boolean; config?: Partial<Config>; clock?: TestClock } = {}): Promise<TestLinli> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-test-'));
  const config = loadConfig(
    { ...process.env, LINLI_DATA_DIR: dataDir },
    { logLevel: 'silent', webDir: null, demo: false, ...opts.config },
  );
  const clock = opts.clock ?? new TestClock();
  let pgSchema: string | undefined;
  if (config.databaseUrl) {
    pgSchema = `t_${crypto.randomBytes(6).toString('hex')}`;
    const c = new pg.Client({ connectionString: config.databaseUrl });
    await c.connect();
    await c.query(`create schema ${pgSchema}`);
    await c.end();
  }
  const linli = await createLinli(config, { clock, pgSchema });
  if (opts.demo) await seedDemo(linli.services.db, config, linli.services.modules, clock.now());
  return {
    ...linli,
    clock,
    config,
    async close() {
      await linli.close();
      if (pgSchema) {
        const c = new pg.Client({ connectionString: config.databaseUrl! });
        await c.connect();
        await c.query(`drop schema ${pgSchema} cascade`);
        await c.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const TEST_PASSWORD = 'Correct-Horse-42';

/** Factories: the smallest real records a test needs. */
export async function makeSubDistrict(l: Linli, name = `街道${crypto.randomBytes(3).toString('hex')}`) {
  const id = crypto.randomUUID();
  await l.services.db.kysely
    .insertInto('sub_district')
    .values({ id, name, district: '海淀区', city: '北京市', province: '北京市', created_at: new Date().toISOString() })
    .execute();
  return { id, name };
}

export async function makeCommunity(l: Linli, subDistrictId: string, name = `社区${crypto.randomBytes(3).toString('hex')}`) {
  const id = crypto.randomUUID();
  await l.services.db.kysely.insertInto('community').values({ id, sub_district_id: subDistrictId, name, created_at: new Date().toISOString() }).execute();
  return { id, subDistrictId, name };
}

export async function makeUser(
  l: Linli,
  role: Role,
  scope: { subDistrictId?: string; communityId?: string } = {},
  opts: { username?: string; password?: string; mustChangePassword?: boolean } = {},
) {
  const username = opts.username ?? `${role}_${crypto.randomBytes(3).toString('hex')}`;
  const id = await insertUser(
    l.services.db.kysely,
    {
      username,
      displayName: username,
      passwordHash: await hashPassword(opts.password ?? TEST_PASSWORD),
      mustChangePassword: opts.mustChangePassword ?? false,
      grants: [{ role, subDistrictId: scope.subDistrictId ?? null, communityId: scope.communityId ?? null }],
    },
    new Date(),
  );
  return { id, username, password: opts.password ?? TEST_PASSWORD };
}

export interface Client {
  cookie: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** A browser-like client: keeps the session cookie and sends a same-origin Origin header on changes. */
export function client(l: Linli, cookie = ''): Client {
  const c: Client = {
    cookie,
    get: (url, headers = {}) => l.app.inject({ method: 'GET', url, headers: { cookie: c.cookie, ...headers } }),
    send: async (method, url, body, headers = {}) => {
      const res = await l.app.inject({
        method,
        url,
        headers: { cookie: c.cookie, origin: 'http://localhost', host: 'localhost', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      const set = res.cookies.find((x) => x.name === 'linli_session');
      if (set) c.cookie = set.value ? `linli_session=${set.value}` : '';
      return res;
    },
  };
  return c;
}

export async function signIn(l: Linli, username: string, password = TEST_PASSWORD): Promise<Client> {
  const c = client(l);
  const res = await c.send('POST', '/api/v1/auth/login', { username, password });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  return c;
}

/** Sends a file as the browser's upload form does (one `file` field), with the client's session. */
export function upload(l: Linli, c: Client, url: string, filename: string, data: Buffer): Promise<LightMyRequestResponse> {
  const boundary = `----linli${crypto.randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return l.app.inject({ method: 'POST', url, payload, headers: { cookie: c.cookie, origin: 'http://localhost', host: 'localhost', 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

/**
 * The fields of a record (as the API answers it) that differ between two reads, `updatedAt` aside:
 * what an edit actually changed. An edit of one field should answer `[that field]`.
 */
export function changedFields(before: object, after: object, ignore: string[] = ['updatedAt']): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !ignore.includes(k));
  return keys.filter((k) => !isDeepStrictEqual(a[k], b[k])).sort();
}

/** The answer's JSON when it is a 200, else an error naming the status and body: a set-up step that must succeed. */
export async function ok<T = { id: string } & Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** A community of a new sub-district with its secretary signed in: the usual start of a module's test. */
export async function communityWithSecretary(l: Linli) {
  const sd = await makeSubDistrict(l);
  const community = await makeCommunity(l, sd.id);
  const sec = await signIn(l, (await makeUser(l, 'secretary', { communityId: community.id })).username);
  return { community, base: `/api/v1/communities/${community.id}`, sec };
}

/** A module's report figures for a period, by key, as the work report composes them. */
export async function sectionFigures(l: Linli, module: LinliModule, communityId: string, from: string, to: string): Promise<Record<string, number | string | null>> {
  const s = await module.reportSection!({ db: l.services.db, communityId, from, to });
  return Object.fromEntries(s.figures.map((f) => [f.key, f.value]));
}
