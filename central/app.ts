/**
 * Composition root of the central server: builds every service once and registers plugins by
 * layer: infrastructure (errors, cookies, migrations), then domain (ingest, retention, extra
 * plugins such as help), then routes (auth, dashboard API, dashboard web app).
 */
import cookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { createAccounts } from './auth/accounts.ts';
import { createAuthGuards } from './auth/auth-hooks.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { centralConfigSchema, type CentralConfigInput } from './config.ts';
import type { CentralContext, CentralPlugin } from './context.ts';
import { dashboardRoutes } from './dashboard/dashboard-routes.ts';
import { dashboardWebApp } from './dashboard/dashboard-web-app.ts';
import { realClock, type CentralClock } from './infrastructure/clock.ts';
import { installErrorHandler } from './infrastructure/errors.ts';
import { ingestRoutes } from './ingest/ingest-routes.ts';
import { retentionJob } from './retention/retention-job.ts';
import { centralMigrations } from './storage/central-migrations.ts';
import type { Storage } from './storage/storage.ts';

export interface BuildCentralAppOptions {
  /** Opened storage (see storage/open-storage.ts); the caller owns closing it. */
  storage: Storage;
  /** Settings; validated here, defaults fill the rest. Throws a ZodError on invalid values. */
  config?: CentralConfigInput;
  /** Defaults to the real clock; tests pass a manual one. */
  clock?: CentralClock;
  /** Fastify logger setting; off by default. Request logs never include IP addresses. */
  logger?: FastifyServerOptions['logger'];
  /** Run the retention job on a timer (default true). Tests call it directly instead. */
  retentionTimer?: boolean;
  /**
   * Extra domain plugins (e.g. help requests from central/help/), registered after central's own
   * migrations and auth so they can use `ctx.auth` and `ctx.storage`.
   */
  extraPlugins?: readonly CentralPlugin[];
}

/** Builds the app without listening; call `app.ready()` or `inject` (migrations run then). */
export function buildCentralApp(options: BuildCentralAppOptions): FastifyInstance {
  const config = centralConfigSchema.parse(options.config ?? {});
  const clock = options.clock ?? realClock();
  const { storage } = options;
  const accounts = createAccounts(storage, clock);
  const ctx: CentralContext = { storage, config, clock, accounts, auth: createAuthGuards(accounts) };

  const app = Fastify({
    logger: options.logger ?? false,
    // Request logs would carry client IPs; central logs only errors (see docs/privacy.md).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
  });

  // --- infrastructure ---
  installErrorHandler(app);
  app.decorateRequest('station', null);
  app.decorateRequest('user', null);
  app.register(cookie);
  app.register(async () => {
    await storage.migrate('central', centralMigrations);
  });

  // --- domain ---
  app.register(ingestRoutes, ctx);
  app.register(retentionJob, { ...ctx, timer: options.retentionTimer ?? true });
  for (const plugin of options.extraPlugins ?? []) app.register(plugin, ctx);

  // --- routes ---
  app.register(authRoutes, ctx);
  app.register(dashboardRoutes, ctx);
  app.register(dashboardWebApp, ctx);
  app.get('/api/v1/health', async () => ({ ok: true }));
  return app;
}
