/**
 * Accepts `content-encoding: gzip` bodies. The inflated stream goes back to fastify, whose route
 * body limit then applies to the inflated bytes, so a small gzip bomb still gets a 413.
 */
import type { preParsingAsyncHookHandler } from 'fastify';
import { createGunzip } from 'node:zlib';

export const gunzipBody: preParsingAsyncHookHandler = async (request, reply, payload) => {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return payload;
  if (encoding !== 'gzip') {
    const error = Object.assign(new Error(`content-encoding ${encoding} is not supported; use gzip or none`), {
      statusCode: 415,
    });
    throw error;
  }
  const gunzip = createGunzip();
  // A corrupt gzip stream is the client's fault: answer 400, not 500.
  gunzip.on('error', (error) =>
    Object.assign(error, { statusCode: 400, message: `body is not valid gzip: ${error.message}` }),
  );
  // Fastify must not compare the inflated length against the compressed content-length.
  delete request.headers['content-length'];
  return payload.pipe(gunzip);
};
