/**
 * Prometheus metrics (prom-client) at `GET /metrics`: request rate and latency per route pattern
 * (never the raw URL, which may carry ids), ingest counts, open live streams and the help queue.
 * One registry per app, built in the composition root: no process-wide default registry.
 *
 * Who may read it: with `metricsToken` set, anyone sending `Authorization: Bearer <token>`;
 * without, only a scraper on this host (loopback) that did not come through the reverse proxy
 * (no `X-Forwarded-For`). Everyone else gets 404, as if there were nothing here.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { z } from 'zod';
import { apiErrorSchema } from '../../protocol/api.ts';
import type { CentralPlugin } from '../context.ts';

/** Figures the metrics read from the running app when scraped. */
export interface MetricsSources {
  /** Live SSE streams open on this replica (stations and consoles). */
  openStreams: () => number;
  /** Help requests waiting for an advisor (shared by every replica: it is read from the database). */
  helpQueueLength: () => Promise<number>;
}

export interface MetricsOptions extends MetricsSources {
  /** Bearer token a remote scraper must send; null: loopback scrapers only. */
  token: string | null;
}

export const METRICS_PATH = '/metrics';
const INGEST_PATH = '/api/v1/ingest';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** True when `request` may read the metrics (see the module comment). */
export function mayReadMetrics(request: FastifyRequest, token: string | null): boolean {
  if (token !== null) {
    const header = request.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const wanted = Buffer.from(token);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  // The socket's own address, not request.ip: a trusted proxy could name any client there.
  return LOOPBACK.has(request.socket.remoteAddress ?? '') && request.headers['x-forwarded-for'] === undefined;
}

export const metricsRoutes: CentralPlugin<MetricsOptions> = async (app, options) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'central_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'central_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route pattern (SSE streams: time to open)',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const ingested = new Counter({
    name: 'central_ingest_events_total',
    help: 'Usage events received from stations: accepted (new) or duplicate (already stored)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'central_open_streams',
    help: 'Live help streams (SSE) open on this replica',
    registers: [registry],
    collect() {
      this.set(options.openStreams());
    },
  });
  new Gauge({
    name: 'central_help_queue_length',
    help: 'Help requests waiting for an advisor (all replicas)',
    registers: [registry],
    async collect() {
      this.set(await options.helpQueueLength());
    },
  });

  // The pattern (`/api/v1/help/requests/:id`), never the URL; requests that matched no route are
  // counted under one label so a scanner cannot grow the label set.
  const routeOf = (request: FastifyRequest) => request.routeOptions.url ?? 'unmatched';
  app.addHook('onResponse', async (request, reply) => {
    const route = routeOf(request);
    if (route === METRICS_PATH) return;
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  // Ingest's reply already says how many events were new and how many were re-sent.
  app.addHook('preSerialization', async (request, _reply, payload) => {
    if (routeOf(request) === INGEST_PATH && payload && typeof payload === 'object') {
      const { accepted, duplicates } = payload as { accepted?: unknown; duplicates?: unknown };
      if (typeof accepted === 'number') ingested.inc({ outcome: 'accepted' }, accepted);
      if (typeof duplicates === 'number') ingested.inc({ outcome: 'duplicate' }, duplicates);
    }
    return payload;
  });

  app.get(
    METRICS_PATH,
    {
      schema: {
        summary: 'Prometheus metrics (text exposition format)',
        description:
          'Only for a scraper on this host not coming through the proxy, or with `Authorization: Bearer <CENTRAL_METRICS_TOKEN>`; anyone else gets 404.',
        tags: ['meta'],
        response: {
          200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } },
          404: apiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      if (!mayReadMetrics(request, options.token))
        return reply.code(404).send({ error: 'not_found', message: 'Not found.' });
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    },
  );
};

// Its hooks must see every route of the app, not only its own: skip fastify's encapsulation
// (what `fastify-plugin` does, without depending on it for one flag).
Object.assign(metricsRoutes, { [Symbol.for('skip-override')]: true });
