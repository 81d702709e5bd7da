/**
 * Central's runtime settings, validated at boot; every field has a safe default. Each domain's
 * settings sit under its own key (`help`). The CLI and the environment fill them through
 * config-sources.ts.
 */
import { z } from 'zod';
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
    /** Login attempts per IP and user name per 15 minutes. */
    loginAttemptsPer15Minutes: z.number().int().min(1).max(1000).default(10),
    /** How long a dashboard/console login lasts. */
    sessionHours: z
      .number()
      .min(0.1)
      .max(24 * 7)
      .default(12),
    /** Set the Secure flag on cookies (on when central is behind HTTPS). */
    secureCookies: z.boolean().default(false),
    /** Folder with the built dashboard (`npm run build:central-web`). */
    dashboardDir: z.string().min(1).default('dist/central-web/dashboard'),
    /** Folder with the built advisor console (`npm run build:console`). */
    consoleDir: z.string().min(1).default('dist/console'),
    /** Help requests: service hours, presence, chat retention (central/help/help-config.ts). */
    help: helpConfigSchema.prefault({}),
  })
  .strict();

/** Settings after defaults. */
export type CentralConfig = z.infer<typeof centralConfigSchema>;
/** Settings as a caller may give them (all optional). */
export type CentralConfigInput = z.input<typeof centralConfigSchema>;
