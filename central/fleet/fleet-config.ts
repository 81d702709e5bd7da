/**
 * Settings of the fleet domain, under `fleet` in central's config (central/config.ts), settable by
 * CLI flag or `CENTRAL_FLEET_*` environment variable like every other setting.
 */
import { z } from 'zod';

export const fleetConfigSchema = z
  .object({
    /** Where alerts are POSTed as JSON (`fleetAlertWebhookSchema`); null sends none (they still show in the fleet view). */
    alertWebhookUrl: z.string().url().nullable().default(null),
    /** Interval heartbeat the stations are asked for (reply's `nextHeartbeatSeconds`). */
    heartbeatSeconds: z.number().int().min(10).max(3600).default(60),
    /** A station not heard from this long counts as offline (3 missed heartbeats by default). */
    offlineAfterSeconds: z.number().int().min(30).max(86_400).default(180),
    /** Offline during opening hours this long opens an `offline` alert. */
    offlineAlertMinutes: z.number().int().min(1).max(1440).default(15),
    /** Failed resets (exit 77) within `problemWindowMinutes` that make a station `failing` and alert. */
    failedResetsForAlert: z.number().int().min(1).max(1000).default(3),
    /** Starts within `problemWindowMinutes` that count as a restart loop. */
    startsForRestartLoop: z.number().int().min(2).max(1000).default(5),
    /** Window of the failing-resets and restart-loop rules. */
    problemWindowMinutes: z.number().int().min(5).max(1440).default(60),
    /** An interval heartbeat with nothing new is written to the history at most this often. */
    historyEveryMinutes: z.number().int().min(1).max(1440).default(10),
    /** Health history older than this is deleted by the sweep. */
    historyDays: z.number().int().min(1).max(366).default(14),
    /** Folder with the built fleet view (`npm run build:fleet`), served at /fleet/. */
    webDir: z.string().min(1).default('dist/fleet'),
    /** How often the alert evaluation and history sweep run. */
    evaluateIntervalSeconds: z.number().int().min(5).max(3600).default(30),
  })
  .strict();
export type FleetConfig = z.infer<typeof fleetConfigSchema>;
