/** `POST /api/v1/ingest`: anonymous usage events from stations (station token, JSON, gzip ok). */
import type { FastifyPluginAsync } from 'fastify';
import { MAX_INGEST_BODY_BYTES } from '../../protocol/ingest.ts';
import type { CentralContext } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import { createRateLimiter } from '../infrastructure/rate-limiter.ts';
import { allowAnyOrigin, stationPreflight } from '../infrastructure/station-cors.ts';
import { gunzipBody } from './gzip-body.ts';
import { createIngestService } from './ingest-service.ts';

export const ingestRoutes: FastifyPluginAsync<CentralContext> = async (app, ctx) => {
  const service = createIngestService({
    storage: ctx.storage,
    clock: ctx.clock,
    retentionDays: ctx.config.retentionDays,
  });
  const limiter = createRateLimiter({ max: ctx.config.ingestRequestsPerMinute, windowMs: 60_000, clock: ctx.clock });

  stationPreflight(app, '/api/v1/ingest', 'POST');
  app.post(
    '/api/v1/ingest',
    {
      bodyLimit: MAX_INGEST_BODY_BYTES,
      // Auth and rate limit run before the body is read, so refused requests cost little.
      onRequest: [
        allowAnyOrigin,
        ctx.auth.requireStation,
        async (request, reply) => {
          const decision = limiter.take(request.station!.id);
          if (!decision.allowed) {
            reply.header('retry-after', String(decision.retryAfterSeconds));
            await sendError(
              reply,
              429,
              'rate_limited',
              `Too many uploads from this station; retry after ${decision.retryAfterSeconds} s.`,
            );
          }
        },
      ],
      preParsing: gunzipBody,
    },
    async (request, reply) => {
      const outcome = await service.ingest(request.station!.id, request.body);
      if (!outcome.ok) return sendError(reply, 400, 'bad_batch', outcome.reason);
      return outcome.reply;
    },
  );
};
