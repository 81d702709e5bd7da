/**
 * What every central API route shares: the one error shape, the small acknowledgements, and where
 * the OpenAPI document is served. Central's routes declare these as their reply schemas, so the
 * validation, the TypeScript types and the published API document come from the same zod schema.
 */
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';

/** Where central serves its OpenAPI 3 document (every route, generated from the route schemas). */
export const OPENAPI_PATH = '/api/v1/openapi.json';

/**
 * Body of every 4xx/5xx answer from central, framework errors included (validation, unknown
 * route, too-long URL or headers): a machine code and a short sentence a person can act on.
 * Never echoes the request back.
 */
export const apiErrorSchema = lazySchema(() =>
  z.object({
    /** Machine code, e.g. `bad_request`, `unauthenticated`, `rate_limited`, `not_found`. */
    error: z.string(),
    message: z.string(),
  }),
);
export type ApiError = z.infer<typeof apiErrorSchema>;

/** `{ ok: true }`: an acknowledgement with nothing else to say (health, logout, heartbeat). */
export const okReplySchema = lazySchema(() => z.object({ ok: z.literal(true) }).strict());
export type OkReply = z.infer<typeof okReplySchema>;
