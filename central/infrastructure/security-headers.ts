/**
 * Security headers on every reply, set in two small hooks rather than with `@fastify/helmet`:
 * helmet is not installed here, package.json is being changed by other work at the same time, and
 * central needs only these few fixed headers (a test pins each one).
 *
 * - CSP: only central's own scripts, styles (inline styles allowed: React and HDS set `style=`),
 *   images and connections; no plugins; `frame-ancestors 'none'` so neither app can be framed
 *   (clickjacking the claim or resolve buttons).
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY`
 *   (older browsers), `Cross-Origin-Opener-Policy: same-origin`.
 * - HSTS when the request came over TLS (directly, or per a trusted proxy's `X-Forwarded-Proto`).
 * - `Cache-Control: no-store` on the API and on the app shells (HTML): a shared or back-button
 *   cache must not keep a logged-in person's data or an old shell; hashed assets keep theirs.
 *
 * Set on request (not on send), so hijacked replies (the live streams) carry them too.
 */
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HSTS = 'max-age=31536000; includeSubDomains';

/** Adds the headers to every reply of `app` (register on the root instance, before routes). */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    // @fastify/static sets its own Cache-Control (public) on index.html: the shell must not be cached.
    if (request.url.startsWith('/api/') || type.startsWith('text/html')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
