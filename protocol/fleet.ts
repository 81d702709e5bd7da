/**
 * Fleet management (issue 13): the wire contract between a station and central for station health
 * (heartbeats), remote configuration and remote actions.
 *
 * Station endpoints use the station's Bearer token (the station id comes from the token, never from
 * the body); IT staff endpoints under the same prefix use the cookie session + CSRF like every other
 * staff route. Privacy: a heartbeat carries only fixed-list values, versions, hashes and bounded
 * numbers. Nothing about what a visitor did, no URL, no free text from the station.
 *
 * Flow, all on the station's schedule:
 * 1. `POST {FLEET_STATION_PREFIX}/heartbeat` at start, after each reset and every ~60 s.
 *    The reply lists the pending actions and the current remote-config version.
 * 2. When `configVersion` differs from the station's applied version, and no visitor is in session,
 *    `GET {FLEET_STATION_PREFIX}/config` fetches the merged overrides; the station merges them over
 *    its local file with `applyConfigOverrides`, validates the result with its own schema, applies
 *    it atomically, keeps it as last known good, and reports the applied version in its next
 *    heartbeat (or the rejected version and why).
 * 3. Each action is executed at most once (the station remembers handled ids) and acknowledged with
 *    `POST {FLEET_STATION_PREFIX}/actions/ack`. Central re-sends an action until it is acknowledged,
 *    so a lost reply or a crash never loses one, and a repeated one is never run twice.
 */
import { z } from 'zod';
import { languageSchema, minuteTimeSchema, uuidSchema } from './events.ts';

/** Where central's fleet API is mounted (staff routes sit directly under it). */
export const FLEET_API_PREFIX = '/api/v1/fleet';
/** Station-facing fleet routes (Bearer station token). */
export const FLEET_STATION_PREFIX = '/api/v1/fleet/station';

/** How often a station sends an interval heartbeat, in seconds, unless central's reply says otherwise. */
export const DEFAULT_HEARTBEAT_SECONDS = 60;

// ---------------------------------------------------------------------------------------------
// Heartbeat (station → central)
// ---------------------------------------------------------------------------------------------

/** Why this heartbeat was sent. */
export const HEARTBEAT_REASONS = ['start', 'reset', 'interval'] as const;
export const heartbeatReasonSchema = z.enum(HEARTBEAT_REASONS);
export type HeartbeatReason = z.infer<typeof heartbeatReasonSchema>;

/** What the station is doing: `out-of-order` when its screen says so (bad config, or IT said so). */
export const STATION_STATES = ['idle', 'in-session', 'out-of-order'] as const;
export const stationStateSchema = z.enum(STATION_STATES);
export type StationState = z.infer<typeof stationStateSchema>;

/** Why a station shows its out-of-order screen. */
export const OUT_OF_ORDER_CAUSES = ['invalid-config', 'remote', 'shell-failed'] as const;
export const outOfOrderCauseSchema = z.enum(OUT_OF_ORDER_CAUSES);
export type OutOfOrderCause = z.infer<typeof outOfOrderCauseSchema>;

/** Which program hosts the shell: the Electron station or the browser preview. */
export const STATION_HOSTS = ['electron', 'preview'] as const;
export const stationHostSchema = z.enum(STATION_HOSTS);

/** Where the local config file came from (`main/config.ts` precedence: `--config`, `KIOSK_CONFIG`, shipped default). */
export const CONFIG_SOURCES = ['flag', 'environment', 'default'] as const;
export const configSourceSchema = z.enum(CONFIG_SOURCES);
export type ConfigSource = z.infer<typeof configSourceSchema>;

/**
 * Reasons a station process ends, named exactly as the keys of `EXIT_CODES` in
 * `core/station/exit-codes.ts` (the station checks this with `satisfies`). `resetStepFailed` is exit 77.
 */
export const FLEET_EXIT_REASONS = [
  'ok',
  'startFailed',
  'fatalError',
  'shellFailed',
  'shellPreloadFailed',
  'maintenanceRestart',
  'remoteRestart',
  'sessionLimit',
  'memoryCeiling',
  'resetStepFailed',
] as const;
export const fleetExitReasonSchema = z.enum(FLEET_EXIT_REASONS);
export type FleetExitReason = z.infer<typeof fleetExitReasonSchema>;

/** Result of the most recent visitor reset since the process started: `none` before the first one. */
export const LAST_RESET_RESULTS = ['none', 'ok', 'failed'] as const;
export const lastResetResultSchema = z.enum(LAST_RESET_RESULTS);

/**
 * Why the station did not apply a remote config: central unreachable, central's answer did not
 * parse, or the merged config failed the station's own schema (it keeps its last good config).
 */
export const REMOTE_CONFIG_PROBLEMS = ['unreachable', 'bad-response', 'invalid-config'] as const;
export const remoteConfigProblemSchema = z.enum(REMOTE_CONFIG_PROBLEMS);
export type RemoteConfigProblem = z.infer<typeof remoteConfigProblemSchema>;

const count = (max: number) => z.number().int().min(0).max(max);
/** A remote-config version: 0 means "no overrides". */
export const configVersionSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Counts of process exits by reason since the last heartbeat central accepted (reasons with 0 may be left out). */
export const exitCountsSchema = z
  .object(
    Object.fromEntries(FLEET_EXIT_REASONS.map((reason) => [reason, count(10_000).optional()])) as Record<
      FleetExitReason,
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .strict();
export type ExitCounts = z.infer<typeof exitCountsSchema>;

/** Body of `POST {FLEET_STATION_PREFIX}/heartbeat`. */
export const heartbeatSchema = z
  .object({
    /** Why now: at start, after a visitor reset, or on the interval. */
    reason: heartbeatReasonSchema,
    /** App version, e.g. `0.1.0` or `0.2.0-rc.1`. */
    appVersion: z.string().regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}(-[0-9a-z.]{1,20})?$/, 'must be a semantic version'),
    host: stationHostSchema,
    /** What the station is doing right now. */
    state: stationStateSchema,
    /** Why it is out of order; null unless `state` is `out-of-order`. */
    outOfOrderCause: outOfOrderCauseSchema.nullable(),
    config: z
      .object({
        /** Which local file was read. */
        source: configSourceSchema,
        /** sha256 (lower-case hex) of the effective config the station runs on, after remote overrides. */
        hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in lower-case hex'),
        /** Remote-config version the effective config includes; 0 when running on the local file alone. */
        appliedVersion: configVersionSchema,
        /** The newest version the station tried and could not use, with why; null when none failed. */
        rejected: z
          .object({
            version: configVersionSchema,
            problem: remoteConfigProblemSchema,
            /** With `invalid-config`: the first field the station's schema refused, e.g. `services[0].startUrl`. */
            field: z
              .string()
              .regex(/^[A-Za-z0-9_$.[\]()-]{1,120}$/, 'must be a config field path')
              .optional(),
          })
          .strict()
          .nullable(),
      })
      .strict(),
    /** Seconds since the station process started (capped at a year). */
    uptimeSeconds: count(366 * 24 * 3600),
    /** Visitor sessions since the process started. */
    sessionsSinceStart: count(100_000),
    lastReset: lastResetResultSchema,
    /** Process exits by reason since the last accepted heartbeat (the station persists them across restarts). */
    exitsSinceLastReport: exitCountsSchema,
    /** Shell or e-service renderer crashes since the last accepted heartbeat. */
    crashesSinceLastReport: count(10_000),
    /** Free disk on the station's data volume, MB; null where the host cannot tell (preview). */
    freeDiskMb: count(100_000_000).nullable(),
    /** Free system memory, MB; null where the host cannot tell. */
    freeMemoryMb: count(10_000_000).nullable(),
    central: z
      .object({
        /** Whether the last call to central (metrics, help, heartbeat) before this one got an answer. */
        reachable: z.boolean(),
        /** Metrics events waiting in the durable queue. */
        queueBacklog: count(10_000_000),
      })
      .strict(),
  })
  .strict();
export type Heartbeat = z.infer<typeof heartbeatSchema>;

// ---------------------------------------------------------------------------------------------
// Actions (central → station, in the heartbeat reply)
// ---------------------------------------------------------------------------------------------

/** Kinds of remote action IT can queue for a station or for every station of a site. */
export const FLEET_ACTION_KINDS = ['restart-after-visitor', 'reset-now', 'welcome-message', 'out-of-order'] as const;
export const fleetActionKindSchema = z.enum(FLEET_ACTION_KINDS);
export type FleetActionKind = z.infer<typeof fleetActionKindSchema>;

const staffText = z.string().trim().min(1).max(200);
/**
 * A short text IT writes, per station language. Finnish is required; the station shows the
 * visitor's language, else Finnish. Never anything a visitor wrote.
 */
export const fleetLocalizedTextSchema = z
  .object({ fi: staffText })
  .catchall(staffText)
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (!languageSchema.safeParse(key).success)
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown language "${key}"` });
    }
  });
export type FleetLocalizedText = z.infer<typeof fleetLocalizedTextSchema>;

const restartAfterVisitor = z.object({ kind: z.literal('restart-after-visitor') }).strict();
const resetNow = z.object({ kind: z.literal('reset-now') }).strict();
const welcomeMessage = z
  .object({ kind: z.literal('welcome-message'), text: fleetLocalizedTextSchema, until: minuteTimeSchema })
  .strict();
const outOfOrder = z
  .object({ kind: z.literal('out-of-order'), on: z.boolean(), reason: staffText.nullable() })
  .strict();

/**
 * What IT asks for, by kind:
 * - `restart-after-visitor`: exit for the supervisor to restart the app once the current visitor (if any) has left.
 * - `reset-now`: run the visitor reset now; refused (`visitor-in-session`) while a visitor is in session.
 * - `welcome-message`: show `text` on the welcome screen until `until` (UTC, minute); a later one replaces it.
 * - `out-of-order`: on or off; `reason` is for staff (fleet view, small print on the out-of-order
 *   screen), required when turning it on; takes effect after the current visitor leaves.
 */
export const fleetActionRequestSchema = z.discriminatedUnion('kind', [
  restartAfterVisitor,
  resetNow,
  welcomeMessage,
  outOfOrder,
]);
export type FleetActionRequest = z.infer<typeof fleetActionRequestSchema>;

const delivered = {
  /** Unique per action and per station (a site action gets one id per station). */
  id: uuidSchema,
  /** When IT queued it (ISO-8601 UTC). */
  issuedAt: z.string().datetime(),
};
/** An action as delivered to the station: what to do, with a unique id for idempotence and acks. */
export const fleetActionSchema = z.discriminatedUnion('kind', [
  restartAfterVisitor.extend(delivered),
  resetNow.extend(delivered),
  welcomeMessage.extend(delivered),
  outOfOrder.extend(delivered),
]);
export type FleetAction = z.infer<typeof fleetActionSchema>;

/** Reply to a heartbeat. */
export const heartbeatReplySchema = z
  .object({
    /** Actions not yet acknowledged, oldest first. Already-handled ids are acknowledged again, not re-run. */
    actions: z.array(fleetActionSchema).max(50),
    /** Current remote-config version for this station; fetch the config when it differs from the applied one. */
    configVersion: configVersionSchema,
    /** When to send the next interval heartbeat. */
    nextHeartbeatSeconds: z.number().int().min(10).max(3600),
  })
  .strict();
export type HeartbeatReply = z.infer<typeof heartbeatReplySchema>;

/** How an action ended on the station. */
export const ACTION_OUTCOMES = ['done', 'refused'] as const;
export const actionOutcomeSchema = z.enum(ACTION_OUTCOMES);
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>;

/** Why a station refused an action (fixed list). */
export const ACTION_REFUSALS = ['visitor-in-session', 'expired', 'unsupported', 'failed'] as const;
export const actionRefusalSchema = z.enum(ACTION_REFUSALS);

/** One acknowledgement. `restart-after-visitor` is acknowledged just before the process exits. */
export const actionAckSchema = z
  .object({
    id: uuidSchema,
    outcome: actionOutcomeSchema,
    /** Required with `refused`, null with `done`. */
    refusal: actionRefusalSchema.nullable(),
  })
  .strict();
export type ActionAck = z.infer<typeof actionAckSchema>;

/** Body of `POST {FLEET_STATION_PREFIX}/actions/ack`. Acknowledging the same id again is harmless. */
export const actionAckBatchSchema = z.object({ acks: z.array(actionAckSchema).min(1).max(50) }).strict();
export type ActionAckBatch = z.infer<typeof actionAckBatchSchema>;

/** Reply to the ack: how many acks central recorded now (already-acknowledged and unknown ids count 0). */
export const actionAckReplySchema = z.object({ recorded: z.number().int().min(0) }).strict();

// ---------------------------------------------------------------------------------------------
// Remote configuration
// ---------------------------------------------------------------------------------------------

/**
 * Top-level keys of the station config (`core/config/schema.ts`) that central may override.
 * Identity (`stationId`, `location`), the `central` connection and the `maintenance` PIN stay in the
 * local file: central must not be able to move a station to another server or change who it is.
 */
export const REMOTE_CONFIG_KEYS = [
  'defaultLanguage',
  'idle',
  'recycle',
  'localHttpOrigins',
  'help',
  'services',
] as const;
export type RemoteConfigKey = (typeof REMOTE_CONFIG_KEYS)[number];

/**
 * A set of overrides: a partial station config limited to `REMOTE_CONFIG_KEYS`. Values are checked
 * by the station-config schema once merged, not here (so both ends run the same full check).
 */
export const configOverridesSchema = z
  .object(
    Object.fromEntries(REMOTE_CONFIG_KEYS.map((key) => [key, z.unknown().optional()])) as Record<
      RemoteConfigKey,
      z.ZodOptional<z.ZodUnknown>
    >,
  )
  .strict();
export type ConfigOverrides = z.infer<typeof configOverridesSchema>;

/** Levels at which central holds overrides, from the weakest to the strongest. */
export const OVERRIDE_LEVELS = ['city', 'site-kind', 'site', 'station'] as const;
export const overrideLevelSchema = z.enum(OVERRIDE_LEVELS);
export type OverrideLevel = z.infer<typeof overrideLevelSchema>;

/**
 * Reply of `GET {FLEET_STATION_PREFIX}/config`: the city, site-kind, site and station overrides for
 * this station, already merged in that order, and their version. The station merges `overrides`
 * over its local file with `applyConfigOverrides` and validates the result itself.
 */
export const remoteConfigSchema = z
  .object({
    version: configVersionSchema,
    overrides: configOverridesSchema,
  })
  .strict();
export type RemoteConfig = z.infer<typeof remoteConfigSchema>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges `overrides` over `base`, the one merge rule both ends use: objects merge key by key
 * (recursively), anything else (numbers, strings, arrays such as `services`) replaces the base
 * value whole. Neither input is modified.
 */
export function applyConfigOverrides(base: unknown, overrides: Record<string, unknown>): unknown {
  if (!isPlainObject(base)) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? applyConfigOverrides(current, value) : value;
  }
  return merged;
}
