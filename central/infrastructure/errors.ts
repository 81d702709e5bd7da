/**
 * One error shape for every 4xx/5xx answer (`ApiError` in protocol/api.ts), including the ones the
 * framework produces before a route runs: schema validation, unknown routes, malformed or too-long
 * URLs, oversized headers. None of them echoes the request back (a 10 kB path stays on the client).
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../../protocol/api.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Error code for this route's schema-validation failures (default `bad_request`). */
    validationErrorCode?: string;
  }
}

/** Sends `{error, message}` with a status. */
export function sendError(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  const body: ApiError = { error, message };
  return reply.code(status).send(body);
}

/** Longest piece of a request (path, field value) an error message may quote. */
const MAX_QUOTE = 80;
const quote = (text: string, max = MAX_QUOTE) => (text.length > max ? `${text.slice(0, max)}…` : text);

const CODES_BY_STATUS: Record<number, string> = {
  404: 'not_found',
  413: 'body_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
};

/**
 * Schema issues as one line, the same wording as `formatIssues` in protocol/events.ts:
 * `serviceId: must be a short id…; unknown field(s): pageUrl`.
 */
function validationMessage(error: FastifyError): string {
  if (!hasZodFastifySchemaValidationErrors(error)) return error.message;
  return error.validation
    .map((issue) => {
      if (issue.keyword === 'unrecognized_keys') {
        const keys = (issue.params as { keys?: string[] }).keys ?? [];
        return `unknown field(s): ${keys.map((key) => quote(key)).join(', ')}`;
      }
      const path = issue.instancePath.slice(1).replaceAll('/', '.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * Bad input never becomes a 500: validation failures are 400 with the field and reason; fastify's
 * own 4xx (bad JSON, too large, wrong content type) keep their status with a readable message;
 * anything else is logged and answered without internals.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const code = request.routeOptions.config.validationErrorCode ?? 'bad_request';
      return sendError(reply, 400, code, validationMessage(error));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's messages may quote a header (e.g. the content type): keep them short.
      return sendError(reply, status, CODES_BY_STATUS[status] ?? 'bad_request', quote(error.message, 200));
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
    sendError(reply, 404, 'not_found', `No route ${request.method} ${quote(request.url.split('?')[0] ?? '')}`),
  );
}

/**
 * Errors fastify raises while routing, before any handler or hook (`frameworkErrors` option): a URL
 * that is not valid percent-encoding, or a path parameter longer than the router allows.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
) => {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendError(reply, 414, 'uri_too_long', 'A part of the URL is too long.');
  if (error.code === 'FST_ERR_BAD_URL') return sendError(reply, 400, 'bad_url', 'The URL is not valid.');
  return sendError(reply, 500, 'internal', 'Central could not route the request. Try again later.');
};

/**
 * Errors Node's HTTP parser raises before fastify sees a request (`clientErrorHandler` option):
 * headers or request line over Node's limit (431), a timeout (408), or bytes that are not HTTP.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, body] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          { error: 'headers_too_large', message: 'The URL or headers are too long.' },
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', { error: 'timeout', message: 'The request took too long to arrive.' }]
        : [400, 'Bad Request', { error: 'bad_request', message: 'The request is not valid HTTP.' }];
  const text = JSON.stringify(body satisfies ApiError);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
