import path from 'node:path';

/** Runtime configuration, read once from the environment (documented in README.md). */
export interface Config {
  port: number;
  host: string;
  /** unset = embedded SQLite under dataDir */
  databaseUrl: string | null;
  dataDir: string;
  demo: boolean;
  /** minutes of inactivity before a session ends */
  sessionIdleMinutes: number;
  /** hours after sign-in when a session ends regardless of activity */
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** login attempts allowed per client address per window */
  loginRateLimit: number;
  loginRateWindowSeconds: number;
  /** set when Linli sits behind TLS: the session cookie is then marked Secure */
  secureCookies: boolean;
  /** trust X-Forwarded-For from a reverse proxy */
  trustProxy: boolean;
  /** where the built web app lives; null = do not serve it */
  webDir: string | null;
  /**
   * the address residents reach Linli at (`https://linli.example.org`), for links the office publishes
   * (the pledge board's); unset = the address the request came in on
   */
  publicUrl: string | null;
  logLevel: string;
}

function int(v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`Invalid number in environment: ${v}`);
  return n;
}

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.LINLI_DATA_DIR ?? './data');
  return {
    port: int(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL ? env.DATABASE_URL : null,
    dataDir,
    demo: bool(env.LINLI_DEMO, false),
    sessionIdleMinutes: int(env.LINLI_SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: int(env.LINLI_SESSION_ABSOLUTE_HOURS, 12),
    loginMaxFailures: int(env.LINLI_LOGIN_MAX_FAILURES, 5),
    loginLockMinutes: int(env.LINLI_LOGIN_LOCK_MINUTES, 15),
    loginRateLimit: int(env.LINLI_LOGIN_RATE_LIMIT, 20),
    loginRateWindowSeconds: int(env.LINLI_LOGIN_RATE_WINDOW_SECONDS, 300),
    secureCookies: bool(env.LINLI_SECURE_COOKIES, false),
    trustProxy: bool(env.LINLI_TRUST_PROXY, false),
    webDir: path.resolve('dist/web'),
    publicUrl: env.LINLI_PUBLIC_URL ? env.LINLI_PUBLIC_URL.replace(/\/+$/, '') : null,
    logLevel: env.LOG_LEVEL ?? 'info',
    ...overrides,
  };
}
