import { getLang } from './i18n-store.ts';

/** An error answered by the server: `{ error: { code, message, fields? } }`. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Redirect = (to: string) => void;

// The router registers its navigate() here; until it does, fall back to a full page load.
let redirect: Redirect = (to) => window.location.assign(to);

export function setApiRedirect(fn: Redirect): void {
  redirect = fn;
}

/** The current location, to come back to after signing in. */
function here(): string {
  return window.location.pathname + window.location.search;
}

/** `/login?next=…` unless we are already on a sign-in page. */
export function loginPath(next: string = here()): string {
  if (next.startsWith('/login') || next.startsWith('/change-password') || next === '/') return '/login';
  return `/login?next=${encodeURIComponent(next)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toFields(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, msg] of Object.entries(v)) {
    if (typeof msg === 'string') out[k] = msg;
    else if (Array.isArray(msg) && typeof msg[0] === 'string') out[k] = msg[0];
  }
  return out;
}

async function readError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (proxy error page, empty body): fall through to a generic message
  }
  const err = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = err && typeof err.code === 'string' ? err.code : `HTTP_${res.status}`;
  const message =
    err && typeof err.message === 'string'
      ? err.message
      : getLang() === 'en'
        ? `The server could not handle the request (${res.status}).`
        : `服务器暂时无法处理请求（${res.status}），请稍后再试。`;
  return new ApiError(res.status, code, message, err ? toFields(err.fields) : {});
}

/**
 * Calls the JSON API under /api/v1 (pass paths starting with `/api/`).
 * Throws ApiError on any non-2xx answer; sends the user away when the session is gone
 * or the password must be changed first. A FormData body (a file upload) is sent as multipart.
 */
export async function api<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getLang(),
  };
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    });
  } catch {
    const msg = getLang() === 'en' ? 'Cannot reach the server. Check the network.' : '无法连接服务器，请检查网络后再试。';
    throw new ApiError(0, 'NETWORK', msg);
  }

  if (!res.ok) {
    const error = await readError(res);
    if (error.status === 401 && error.code === 'AUTH_REQUIRED') redirect(loginPath());
    if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') redirect('/change-password');
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Builds `path?k=v&…`, leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
