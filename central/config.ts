/**
 * Central's runtime settings, validated at boot; every field has a safe default. Each domain's
 * settings sit under its own key (`help`). The CLI and the environment fill them through
 * config-sources.ts.
 */
import { z } from 'zod';
import { fleetConfigSchema } from './fleet/fleet-config.ts';
import { helpConfigSchema } from './help/help-config.ts';

export const centralConfigSchema = z
  .object({
    /** Raw events older than this many days are folded into daily totals and deleted. */
    retentionDays: z.number().int().min(1).max(3650).default(90),
    /** How often the retention job runs. */
    retentionIntervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
    /** Ingest requests one station may make per minute before getting 429. */
    ingestRequestsPerMinute: z.number().int().min(1).max(100_000).default(60),
    /** Login attempts one client (IP address) may make per 15 minutes, right or wrong, over all names. */
    loginAttemptsPer15Minutes: z.number().int().min(1).max(10_000).default(30),
    /** Login attempts all clients together may make per minute (slows spraying one password over many names). */
    loginAttemptsPerMinute: z.number().int().min(1).max(100_000).default(300),
    /** Wrong passwords an account may have before it must wait (the wait then doubles from 1 s). */
    loginFreeFailures: z.number().int().min(1).max(100).default(3),
    /** The longest an account must wait after wrong passwords: the most a stranger can hold its owner back. */
    loginMaxDelaySeconds: z.number().int().min(1).max(3600).default(60),
    /**
     * Addresses (IPs or CIDR ranges) of the reverse proxies in front of central. Only a request from
     * one of them may name the client in `X-Forwarded-For` / `X-Forwarded-Proto`; empty (default)
     * trusts nobody, so the connecting address is the client.
     */
    trustedProxies: z.array(z.string().trim().min(1).max(64)).max(32).default([]),
    /** How long a dashboard/console login lasts at most. */
    sessionHours: z
      .number()
      .min(0.1)
      .max(24 * 7)
      .default(12),
    /** A login unused this long ends (the console's 20 s heartbeat keeps an open console in). */
    sessionIdleMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /**
     * Development mode (`npm start`, tests): cookies without `Secure` and without the `__Host-`
     * prefix, so a browser keeps them over plain http://127.0.0.1. Off by default: production
     * cookies are `Secure` and `__Host-`.
     */
    devMode: z.boolean().default(false),
    /** scrypt cost of new password hashes as log2(N) (17 = OWASP's minimum); weaker hashes upgrade at login. */
    passwordScryptLog2N: z.number().int().min(14).max(20).default(17),
    /** Folder with the built dashboard (`npm run build:central-web`). */
    dashboardDir: z.string().min(1).default('dist/central-web/dashboard'),
    /** Folder with the built advisor console (`npm run build:console`). */
    consoleDir: z.string().min(1).default('dist/console'),
    /**
     * Bearer token a Prometheus scraper sends to read `/metrics` from another host; null (default):
     * only a scraper on this host, not through the reverse proxy, may read it.
     */
    metricsToken: z.string().min(32, 'metricsToken must be at least 32 characters').max(256).nullable().default(null),
    /** Help requests: service hours, presence, chat retention (central/help/help-config.ts). */
    help: helpConfigSchema.prefault({}),
    /** Fleet: alert webhook, offline and alert thresholds, history retention (central/fleet/fleet-config.ts). */
    fleet: fleetConfigSchema.prefault({}),
  })
  .strict();

/** Settings after defaults. */
export type CentralConfig = z.infer<typeof centralConfigSchema>;
/** Settings as a caller may give them (all optional). */
export type CentralConfigInput = z.input<typeof centralConfigSchema>;
