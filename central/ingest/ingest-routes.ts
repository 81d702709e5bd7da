/** `POST /api/v1/ingest`: anonymous usage events from stations (station token, JSON, gzip ok). */
import { apiErrorSchema } from '../../protocol/api.ts';
import { ingestBatchSchema, ingestReplySchema, MAX_INGEST_BODY_BYTES } from '../../protocol/ingest.ts';
import type { CentralPlugin } from '../context.ts';
import { STATION_AUTH } from '../infrastructure/openapi.ts';
import { routeRateLimit } from '../infrastructure/rate-limit.ts';
import { allowAnyOrigin, stationPreflight } from '../infrastructure/station-cors.ts';
import { gunzipBody } from './gzip-body.ts';
import { createIngestService } from './ingest-service.ts';

export const ingestRoutes: CentralPlugin = async (app, ctx) => {
  const service = createIngestService({
    storage: ctx.storage,
    clock: ctx.clock,
    retentionDays: ctx.config.retentionDays,
  });

  stationPreflight(app, '/api/v1/ingest', 'POST');
  app.post(
    '/api/v1/ingest',
    {
      schema: {
        summary: 'Upload a batch of usage events (gzip allowed)',
        description:
          'The envelope is validated as a whole (400 bad_batch); each event on its own, so a bad event is listed in `rejected` and the rest are stored.',
        tags: ['ingest'],
        security: STATION_AUTH,
        body: ingestBatchSchema,
        response: {
          200: ingestReplySchema,
          400: apiErrorSchema,
          401: apiErrorSchema,
          413: apiErrorSchema,
          415: apiErrorSchema,
          429: apiErrorSchema,
        },
      },
      bodyLimit: MAX_INGEST_BODY_BYTES,
      config: {
        validationErrorCode: 'bad_batch',
        // After the token check (the key is the station), before the body is read: refused
        // uploads cost little.
        rateLimit: routeRateLimit({
          max: ctx.config.ingestRequestsPerMinute,
          windowMs: 60_000,
          hook: 'onRequest',
          key: (request) => request.station!.id,
          message: (seconds) => `Too many uploads from this station; retry after ${seconds} s.`,
        }),
      },
      // Auth runs before the body is read, so refused requests cost little.
      onRequest: [allowAnyOrigin, ctx.auth.requireStation],
      preParsing: gunzipBody,
    },
    async (request) => service.ingest(request.station!.id, request.body),
  );
};
