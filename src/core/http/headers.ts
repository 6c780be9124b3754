import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * What the browser may do with anything Linli sends. The built web app is one module script and one
 * stylesheet of its own (no inline script, nothing from elsewhere); antd writes its styles into
 * `<style>` elements at run time, hence inline styles; upload previews and the favicon are
 * `data:`/`blob:` images. The API docs page (swagger-ui) lives within the same policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  // the public boards (/board/…, /gov/…) take residents' feedback: nobody may frame them to trick a click
  "frame-ancestors 'none'",
].join('; ');

const HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Not `no-referrer`: a browser then sends `Origin: null` with a POST, which the CSRF check refuses.
  // `same-origin` keeps a board's token (in its address) from reaching any other site.
  'referrer-policy': 'same-origin',
};

/** onSend hook: every answer — API, error, download, the web app's files — leaves with the headers above. */
export function securityHeaders(_req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void): void {
  reply.headers(HEADERS);
  done(null, payload);
}
