/**
 * Cross-origin access for station routes. Stations authenticate with a Bearer token, never a
 * cookie, so any origin may call them: the browser preview runs a station in a page on another
 * port. Never use this for cookie-authenticated (staff) routes.
 */
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';

/** Sets the CORS response header; put it first in a station route's `onRequest` list so even 401/429 carry it. */
export const allowAnyOrigin: onRequestAsyncHookHandler = async (_request, reply) => {
  reply.header('access-control-allow-origin', '*');
  reply.header('access-control-expose-headers', 'retry-after, content-type');
};

/** Answers the preflight for one station route. */
export function stationPreflight(app: FastifyInstance, url: string, methods: string): void {
  // CORS plumbing, not API: hidden from the OpenAPI document.
  app.options(url, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', methods)
      .header('access-control-allow-headers', 'authorization, content-type, content-encoding')
      .header('access-control-max-age', '600')
      .code(204)
      .send(),
  );
}
