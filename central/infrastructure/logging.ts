/**
 * Central's log settings for fastify's own logger (pino): one JSON object per line on stdout, for
 * journald or a log shipper. Privacy (docs/privacy.md): request logging stays off (app.ts), and
 * should a request or reply ever be logged it shows only the method, the route pattern and the
 * status: never the client's address, the URL (ids, `?lastEventId`) or a header (tokens, cookies).
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** pino options for `Fastify({ logger })`. */
export function centralLoggerOptions(level: LogLevel): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, route: request.routeOptions.url ?? 'unmatched' }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
    // Belt and braces for anything that logs a raw header object.
    redact: {
      paths: ['*.headers.authorization', '*.headers.cookie', 'headers.authorization', 'headers.cookie'],
      remove: true,
    },
  };
}
