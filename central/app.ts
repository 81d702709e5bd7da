/**
 * Composition root of the central server: builds every service once and registers plugins by
 * layer, as fastify/demo does: infrastructure (errors, zod schemas, OpenAPI, cookies, rate limits,
 * migrations), then domain (ingest, retention, help), then routes (auth, dashboard API, the two
 * web apps, health and the OpenAPI document).
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createAccounts, type Accounts } from './auth/accounts.ts';
import { createAccessEvents } from './auth/access-events.ts';
import { adminRoutes } from './auth/admin-routes.ts';
import { cookiePolicy, createAuthGuards } from './auth/auth-hooks.ts';
import { authRoutes } from './auth/auth-routes.ts';
import { centralConfigSchema, type CentralConfigInput } from './config.ts';
import type { CentralApp, CentralContext } from './context.ts';
import { dashboardRoutes } from './dashboard/dashboard-routes.ts';
import { dashboardWebApp } from './dashboard/dashboard-web-app.ts';
import { createFleetDomain } from './fleet/fleet-domain.ts';
import { fleetPlugin } from './fleet/fleet-plugin.ts';
import { fleetWebApp } from './fleet/fleet-web-app.ts';
import type { FleetAlerts } from './fleet/alerts.ts';
import type { FleetService } from './fleet/fleet-service.ts';
import { consoleWebApp } from './help/console-web-app.ts';
import { createHelpDomain } from './help/help-domain.ts';
import { helpPlugin } from './help/help-plugin.ts';
import type { HelpService } from './help/service.ts';
import { realClock, type CentralClock } from './infrastructure/clock.ts';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './infrastructure/errors.ts';
import { healthRoutes } from './infrastructure/health.ts';
import { metricsRoutes } from './infrastructure/metrics.ts';
import { metaRoutes, openApiOptions } from './infrastructure/openapi.ts';
import { rateLimitOptions } from './infrastructure/rate-limit.ts';
import { installSecurityHeaders } from './infrastructure/security-headers.ts';
import { ingestRoutes } from './ingest/ingest-routes.ts';
import { retentionJob } from './retention/retention-job.ts';
import { centralMigrations } from './storage/central-migrations.ts';
import type { Storage } from './storage/storage.ts';

export interface BuildCentralOptions {
  /** Opened storage (see storage/open-storage.ts); the caller owns closing it. */
  storage: Storage;
  /** Settings; validated here, defaults fill the rest. Throws a ZodError on invalid values. */
  config?: CentralConfigInput;
  /** Defaults to the real clock; tests pass a manual one. */
  clock?: CentralClock;
  /** Fastify logger setting; off by default. Request logs never include IP addresses. */
  logger?: FastifyServerOptions['logger'];
  /**
   * Run housekeeping on timers: retention, the help and fleet sweeps and the login-throttle sweep
   * (default true). Tests turn them off
   * and call `retention.runOnce()` / `services.help.sweep()` themselves.
   */
  timers?: boolean;
}

/** The services built here, for the few callers that drive them directly (tests, benchmarks). */
export interface CentralServices {
  accounts: Accounts;
  help: HelpService;
  /** Fleet health, config and actions (issue 13); tests run `fleetAlerts.evaluate()` by hand. */
  fleet: FleetService;
  fleetAlerts: FleetAlerts;
}

export interface CentralServer {
  /** Typed with the zod type provider: routes declare protocol/ schemas. */
  app: CentralApp;
  services: CentralServices;
}

/** Builds the app without listening; call `app.ready()` or `inject` (migrations run then). */
export function buildCentral(options: BuildCentralOptions): CentralServer {
  const config = centralConfigSchema.parse(options.config ?? {});
  const clock = options.clock ?? realClock();
  const timers = options.timers ?? true;
  const { storage } = options;
  const access = createAccessEvents();
  const accounts = createAccounts(storage, clock, {
    sessionTtlMs: config.sessionHours * 3600_000,
    sessionIdleMs: config.sessionIdleMinutes * 60_000,
    scrypt: { N: 2 ** config.passwordScryptLog2N, r: 8, p: 1 },
    events: access,
  });
  const cookies = cookiePolicy(config.devMode);
  const ctx: CentralContext = {
    storage,
    config,
    clock,
    accounts,
    auth: createAuthGuards(accounts, cookies, access),
    cookies,
    access,
  };
  const help = createHelpDomain({ storage, config: config.help, clock });
  const fleet = createFleetDomain({ storage, accounts, clock, config: config.fleet });

  const app = Fastify({
    logger: options.logger ?? false,
    // Request logs would carry client IPs; central logs only errors (see docs/privacy.md).
    logController: new LogController({ disableRequestLogging: true }),
    // Only the configured reverse proxies may name the client (X-Forwarded-For/-Proto); anyone else
    // could otherwise pick a fresh address per login attempt and escape the per-client budget.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    // Errors before routing (bad or too-long URL, oversized headers) also answer {error, message}.
    frameworkErrors,
    clientErrorHandler,
    // Migrations run in a plugin, and an upgrade at city size takes longer than fastify's default
    // 10 s (migration 5 filled the month rollups from 4.4 M day rows in more than that; a replica
    // waiting on the migration lock waits as long). Boot still fails, visibly, if it hangs for 30 min.
    pluginTimeout: 30 * 60_000,
  }).withTypeProvider<ZodTypeProvider>();

  // --- infrastructure ---
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installSecurityHeaders(app);
  app.decorateRequest('station', null);
  app.decorateRequest('user', null);
  app.decorateRequest('streamRight', null);
  // Both watch routes being added (onRoute), so they come before every route.
  app.register(swagger, openApiOptions);
  app.register(rateLimit, rateLimitOptions(clock));
  app.register(cookie);
  // Counts every route's requests, so it comes before them (its hooks are app-wide).
  app.register(metricsRoutes, {
    token: config.metricsToken,
    openStreams: () => help.openStreams.size,
    helpQueueLength: async () =>
      Number(
        (await storage.get<{ n: number }>("SELECT COUNT(*) AS n FROM help_requests WHERE state = 'queued'"))?.n ?? 0,
      ),
  });
  app.register(async () => {
    await storage.migrate('central', centralMigrations);
  });

  // --- domain ---
  app.register(ingestRoutes, ctx);
  app.register(retentionJob, { ...ctx, timer: timers });
  app.register(helpPlugin, { ...ctx, help, timers });
  app.register(fleetPlugin, { ...ctx, fleet, timers });

  // --- routes ---
  app.register(authRoutes, { ...ctx, timers });
  app.register(adminRoutes, ctx);
  app.register(dashboardRoutes, ctx);
  app.register(dashboardWebApp, ctx);
  app.register(consoleWebApp, ctx);
  app.register(fleetWebApp, ctx);
  app.register(metaRoutes);
  app.register(healthRoutes, { storage, liveEventsHealthy: () => help.events.healthy() });
  return { app, services: { accounts, help: help.service, fleet: fleet.service, fleetAlerts: fleet.alerts } };
}
