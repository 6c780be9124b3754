import net from 'node:net';
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
  /**
   * address ranges (`10.0.0.0/8`, `::1/128`) served /metrics without a token; when neither this nor a
   * token is configured, the machine itself only
   */
  metricsAllow: string[];
  /** a bearer token that opens /metrics from any address */
  metricsToken: string | null;
  /** base64 of 32 bytes: the key the audit log is chained with; null = `<dataDir>/keys/audit.key` */
  auditKey: string | null;
  /** with `auditKey`: the first row of the log it chains (a log older than the key begins in plain SHA-256) */
  auditKeyFrom: number | null;
  logLevel: string;
  /** non-blank rows a roster import reads at most; a longer roster is refused before the rest is read */
  importMaxRows: number;
  /**
   * megabytes of data an import reads at most: an .xlsx's parts as they inflate (a zip bomb is
   * refused once this much has come out of it), a CSV's size
   */
  importMaxUncompressedMb: number;
}

/**
 * An import's limits by default: the 100,000-row benchmark roster fits twice over, and 300 MB holds
 * 200,000 rows of a 30-column roster as Excel and WPS write it (about 1.2 KB a row).
 */
export const IMPORT_LIMIT_DEFAULTS = { maxRows: 200_000, maxUncompressedMb: 300 } as const;

function int(v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`Invalid number in environment: ${v}`);
  return n;
}

function positiveInt(name: string, v: string | undefined, dflt: number): number {
  const n = int(v, dflt);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0 (got ${v})`);
  return n;
}

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

/** The machine itself: /metrics when nothing else is configured. */
const LOOPBACK = ['127.0.0.0/8', '::1/128'];

/** `10.0.0.0/8, 192.168.7.20, fd00::/8` → ranges with their prefix; a bare address is a range of one. */
function cidrList(name: string, v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [addr, prefix, ...rest] = entry.split('/');
      const family = net.isIP(addr);
      const max = family === 6 ? 128 : 32;
      const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
      if (!family || rest.length || !(bits >= 0 && bits <= max)) throw new Error(`Invalid ${name} entry: ${entry} (an address or a range such as 10.0.0.0/8)`);
      return `${addr}/${bits}`;
    });
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
    // a token alone means every scrape shows it, from the machine itself too
    metricsAllow: env.LINLI_METRICS_ALLOW ? cidrList('LINLI_METRICS_ALLOW', env.LINLI_METRICS_ALLOW) : env.LINLI_METRICS_TOKEN ? [] : LOOPBACK,
    metricsToken: env.LINLI_METRICS_TOKEN ? env.LINLI_METRICS_TOKEN : null,
    auditKey: env.LINLI_AUDIT_KEY ? env.LINLI_AUDIT_KEY : null,
    auditKeyFrom: env.LINLI_AUDIT_KEY_FROM ? int(env.LINLI_AUDIT_KEY_FROM, 1) : null,
    logLevel: env.LOG_LEVEL ?? 'info',
    importMaxRows: positiveInt('LINLI_IMPORT_MAX_ROWS', env.LINLI_IMPORT_MAX_ROWS, IMPORT_LIMIT_DEFAULTS.maxRows),
    importMaxUncompressedMb: positiveInt('LINLI_IMPORT_MAX_UNCOMPRESSED_MB', env.LINLI_IMPORT_MAX_UNCOMPRESSED_MB, IMPORT_LIMIT_DEFAULTS.maxUncompressedMb),
    ...overrides,
  };
}

/**
 * `<dataDir>/keys`: the keys Linli keeps outside the database (the data key that seals ID numbers
 * and phones, and any other). A backup takes the whole folder; it is the owner's only (0700).
 */
export function keysDir(dataDir: string): string {
  return path.join(dataDir, 'keys');
}
