/**
 * The help plugin for central (issue 5): request lifecycle, live streams, chat, and the advisor
 * console web app at `/console/`. Register it through `buildCentralApp({ extraPlugins })` or
 * `defaultDomainPlugins()`; it runs its own migrations on central's storage.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { v7 as uuidv7 } from 'uuid';
import { HELP_API_PREFIX } from '../../protocol/help.ts';
import type { CentralPlugin } from '../context.ts';
import { helpConfigSchema, type HelpConfigInput } from './config.ts';
import { createEventLog } from './event-log.ts';
import { advisorRoutes, stationRoutes } from './routes.ts';
import { createHelpService, type HelpClock, type HelpService } from './service.ts';
import { createSqlHelpStore } from './sql-store.ts';

export interface HelpPluginOptions {
  config?: HelpConfigInput;
  /** Defaults to central's clock. */
  clock?: HelpClock;
  /** How often housekeeping runs (return silent claims, expire, delete old chat); 0 = never (tests call `sweep`). */
  sweepEveryMs?: number;
  /** Events kept for `Last-Event-ID` replay. */
  replayCapacity?: number;
  /** SSE comment heartbeat interval. */
  heartbeatMs?: number;
  /** Built console (`npm run build:console`), relative to the repository root. */
  consoleDir?: string;
  /** Time-ordered ids (UUIDv7) keep queue and chat order stable within one millisecond. */
  newId?: () => string;
}

export interface HelpModule {
  plugin: CentralPlugin;
  /** The running service (after the app is ready), for housekeeping in tests and the benchmark. */
  service(): HelpService;
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the plugin; one per app. */
export function createHelpModule(options: HelpPluginOptions = {}): HelpModule {
  let service: HelpService | null = null;
  const plugin: CentralPlugin = async (app, ctx) => {
    const config = helpConfigSchema.parse(options.config ?? {});
    const clock = options.clock ?? ctx.clock;
    const store = createSqlHelpStore(ctx.storage);
    await store.migrate();
    const events = createEventLog({ capacity: options.replayCapacity ?? 2000, epoch: Date.now() });
    const running = createHelpService({ store, config, clock, events, newId: options.newId ?? uuidv7 });
    service = running;
    const openStreams = new Set<() => void>();
    const deps = { ctx, service: running, events, heartbeatMs: options.heartbeatMs ?? 15_000, openStreams };
    app.addHook('preClose', async () => {
      for (const end of [...openStreams]) end();
    });
    await app.register(async (scope) => stationRoutes(scope, deps), { prefix: HELP_API_PREFIX });
    await app.register(async (scope) => advisorRoutes(scope, deps), { prefix: `${HELP_API_PREFIX}/advisor` });

    const sweepEveryMs = options.sweepEveryMs ?? 5_000;
    if (sweepEveryMs > 0) {
      const timer = setInterval(
        () => void running.sweep().catch((error: unknown) => app.log.error({ err: error }, 'help sweep failed')),
        sweepEveryMs,
      );
      timer.unref();
      app.addHook('onClose', async () => clearInterval(timer));
    }

    const dir = options.consoleDir ?? 'dist/console';
    const root = isAbsolute(dir) ? dir : resolve(projectRoot, dir);
    app.get('/console', async (_request, reply) => reply.redirect('/console/'));
    if (existsSync(resolve(root, 'index.html'))) {
      await app.register(fastifyStatic, { root, prefix: '/console/', decorateReply: false });
    } else {
      app.get('/console/', async (_request, reply) =>
        reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send('The advisor console is not built yet: run `npm run build:console`.'),
      );
    }
  };
  return {
    plugin,
    service() {
      if (!service) throw new Error('the help plugin is not registered or the app is not ready');
      return service;
    },
  };
}
