/** One error shape for every 4xx/5xx answer (`ApiError` in protocol/ingest.ts). */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ApiError } from '../../protocol/ingest.ts';

/** Sends `{error, message}` with a status. */
export function sendError(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  const body: ApiError = { error, message };
  return reply.code(status).send(body);
}

/**
 * Bad input never becomes a 500: fastify's own 4xx (bad JSON, too large, wrong content type) keep
 * their status with a readable message; anything else is logged and answered without internals.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
      return sendError(reply, status, code, error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(
      reply,
      500,
      'internal',
      'Central could not handle the request; nothing was changed. Try again later.',
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
  );
}
