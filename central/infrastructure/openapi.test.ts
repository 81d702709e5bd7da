import type { RouteOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { OPENAPI_PATH } from '../../protocol/api.ts';
import { buildCentral, type CentralServer } from '../app.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';
import type { Storage } from '../storage/storage.ts';
import { manualClock } from '../testing/test-app.ts';

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      { responses?: Record<string, { content?: Record<string, unknown> }>; parameters?: { name: string; in: string }[] }
    >
  >;
  components?: { securitySchemes?: Record<string, unknown> };
}

/** Pages and CORS preflights may stay out of the API document; nothing else may. */
const mayBeHidden = (method: string, url: string) =>
  method === 'OPTIONS' || url.startsWith('/dashboard') || url.startsWith('/console') || url.startsWith('/fleet');

/** Every problem that keeps a registered route from being documented by its own schema. */
function undocumented(routes: RouteOptions[], doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  for (const route of routes) {
    for (const method of ([] as string[]).concat(route.method)) {
      if (method === 'HEAD') continue; // fastify's automatic twin of each GET
      const name = `${method} ${route.url}`;
      const schema = route.schema as { hide?: boolean; response?: unknown } | undefined;
      if (schema?.hide) {
        if (!mayBeHidden(method, route.url)) problems.push(`${name} is hidden from the API document`);
        continue;
      }
      if (!schema?.response) problems.push(`${name} declares no reply schema`);
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      if (!doc.paths[path]?.[method.toLowerCase()]) problems.push(`${name} is missing from ${OPENAPI_PATH}`);
    }
  }
  return problems;
}

let storage: Storage;
let server: CentralServer;
afterEach(async () => {
  await server.app.close();
  await storage.close();
});

/** Builds central, recording every route as fastify registers it. */
async function build(extra?: (central: CentralServer) => void) {
  storage = openSqliteStorage(':memory:');
  server = buildCentral({ storage, clock: manualClock(), timers: false });
  const routes: RouteOptions[] = [];
  server.app.addHook('onRoute', (route) => void routes.push(route));
  extra?.(server);
  await server.app.ready();
  const response = await server.app.inject({ method: 'GET', url: OPENAPI_PATH });
  return { routes, response, doc: response.json<OpenApiDocument>() };
}

describe('the OpenAPI document', () => {
  it(`is served at ${OPENAPI_PATH} and lists every route central registers, each with its reply schema`, async () => {
    const { routes, response, doc } = await build();
    expect(response.statusCode).toBe(200);
    expect(doc.openapi).toMatch(/^3\./);
    expect(routes.length).toBeGreaterThan(20);
    expect(undocumented(routes, doc)).toEqual([]);
  });

  it('fails for a route added without a schema', async () => {
    const { routes, doc } = await build(({ app }) => {
      app.register(async (scope) => {
        scope.get('/api/v1/new-thing', async () => ({ ok: true }));
      });
    });
    expect(undocumented(routes, doc)).toEqual(['GET /api/v1/new-thing declares no reply schema']);
  });

  it('shows params, bodies, errors and the live streams as event streams', async () => {
    const { doc } = await build();
    const get = doc.paths['/api/v1/help/requests/{id}']?.get;
    expect(get?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' })]));
    expect(Object.keys(get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '404']));
    for (const stream of ['/api/v1/help/stream', '/api/v1/help/advisor/stream']) {
      const content = doc.paths[stream]?.get?.responses?.['200']?.content ?? {};
      expect(Object.keys(content), stream).toEqual(['text/event-stream']);
    }
    expect(Object.keys(doc.paths['/api/v1/dashboard/export.csv']?.get?.responses?.['200']?.content ?? {})).toEqual([
      'text/csv',
    ]);
    expect(Object.keys(doc.components?.securitySchemes ?? {})).toEqual(['station', 'session']);
  });
});
