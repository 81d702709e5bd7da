/**
 * Station-to-central wire format for usage metrics: `POST /api/v1/ingest`.
 *
 * The envelope is validated as a whole; each event inside is validated on its own with
 * `parseUsageEvent`, so one bad event is reported in `rejected` and does not sink its batch.
 */
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { uuidSchema } from './events.ts';

// The error shape is shared by every route; kept importable from here for existing callers.
export { apiErrorSchema, type ApiError } from './api.ts';

/** Most events one batch may carry; the station splits larger backlogs. */
export const MAX_EVENTS_PER_BATCH = 500;
/** Largest accepted request body (after gunzip), in bytes. */
export const MAX_INGEST_BODY_BYTES = 512 * 1024;

export const ingestBatchSchema = lazySchema(() =>
  z
    .object({
      batchId: uuidSchema,
      /** Raw events; validated one by one so that a bad one is rejected alone. */
      events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH),
    })
    .strict(),
);
export type IngestBatch = z.infer<typeof ingestBatchSchema>;

export const ingestReplySchema = lazySchema(() =>
  z.object({
    accepted: z.number().int().min(0),
    duplicates: z.number().int().min(0),
    rejected: z.array(z.object({ id: z.string().nullable(), reason: z.string() })),
  }),
);
/** Central's answer to a batch: how many were stored, how many it had already, and why others were refused. */
export type IngestReply = z.infer<typeof ingestReplySchema>;
