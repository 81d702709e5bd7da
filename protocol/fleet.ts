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
import { lazySchema } from './lazy-schema.ts';
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
export const heartbeatReasonSchema = lazySchema(() => z.enum(HEARTBEAT_REASONS));
export type HeartbeatReason = z.infer<typeof heartbeatReasonSchema>;

/** What the station is doing: `out-of-order` when its screen says so (bad config, or IT said so). */
export const STATION_STATES = ['idle', 'in-session', 'out-of-order'] as const;
export const stationStateSchema = lazySchema(() => z.enum(STATION_STATES));
export type StationState = z.infer<typeof stationStateSchema>;

/** Why a station shows its out-of-order screen. */
export const OUT_OF_ORDER_CAUSES = ['invalid-config', 'remote', 'shell-failed'] as const;
export const outOfOrderCauseSchema = lazySchema(() => z.enum(OUT_OF_ORDER_CAUSES));
export type OutOfOrderCause = z.infer<typeof outOfOrderCauseSchema>;

/**
 * Whether a station runs IT's actions and applies overrides, by why it last said it was out of
 * order (a heartbeat's cause, or the fleet view's last known one). One whose config file is
 * invalid runs only a beacon (core/fleet/invalid-config-beacon.ts) until the file is fixed on
 * site, so central keeps its actions pending and the fleet view says they wait.
 */
export function runsRemoteActions(station: { outOfOrderCause: OutOfOrderCause | null }): boolean {
  return station.outOfOrderCause !== 'invalid-config';
}

/** Which program hosts the shell: the Electron station or the browser preview. */
export const STATION_HOSTS = ['electron', 'preview'] as const;
export const stationHostSchema = lazySchema(() => z.enum(STATION_HOSTS));

/** Where the local config file came from (`main/config.ts` precedence: `--config`, `KIOSK_CONFIG`, shipped default). */
export const CONFIG_SOURCES = ['flag', 'environment', 'default'] as const;
export const configSourceSchema = lazySchema(() => z.enum(CONFIG_SOURCES));
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
export const fleetExitReasonSchema = lazySchema(() => z.enum(FLEET_EXIT_REASONS));
export type FleetExitReason = z.infer<typeof fleetExitReasonSchema>;

/** Result of the most recent visitor reset since the process started: `none` before the first one. */
export const LAST_RESET_RESULTS = ['none', 'ok', 'failed'] as const;
export const lastResetResultSchema = lazySchema(() => z.enum(LAST_RESET_RESULTS));

/**
 * Why the station did not apply a remote config: central unreachable, central's answer did not
 * parse, or the merged config failed the station's own schema (it keeps its last good config).
 */
export const REMOTE_CONFIG_PROBLEMS = ['unreachable', 'bad-response', 'invalid-config'] as const;
export const remoteConfigProblemSchema = lazySchema(() => z.enum(REMOTE_CONFIG_PROBLEMS));
export type RemoteConfigProblem = z.infer<typeof remoteConfigProblemSchema>;

const count = (max: number) => z.number().int().min(0).max(max);
/** A remote-config version: 0 means "no overrides". */
export const configVersionSchema = lazySchema(() => z.number().int().min(0).max(Number.MAX_SAFE_INTEGER));

/** Counts of process exits by reason since the last heartbeat central accepted (reasons with 0 may be left out). */
export const exitCountsSchema = lazySchema(() =>
  z
    .object(
      Object.fromEntries(FLEET_EXIT_REASONS.map((reason) => [reason, count(10_000).optional()])) as Record<
        FleetExitReason,
        z.ZodOptional<z.ZodNumber>
      >,
    )
    .strict(),
);
export type ExitCounts = z.infer<typeof exitCountsSchema>;

/** Body of `POST {FLEET_STATION_PREFIX}/heartbeat`. */
export const heartbeatSchema = lazySchema(() =>
  z
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
    .strict(),
);
export type Heartbeat = z.infer<typeof heartbeatSchema>;

// ---------------------------------------------------------------------------------------------
// Actions (central → station, in the heartbeat reply)
// ---------------------------------------------------------------------------------------------

/** Kinds of remote action IT can queue for a station or for every station of a site. */
export const FLEET_ACTION_KINDS = ['restart-after-visitor', 'reset-now', 'welcome-message', 'out-of-order'] as const;
export const fleetActionKindSchema = lazySchema(() => z.enum(FLEET_ACTION_KINDS));
export type FleetActionKind = z.infer<typeof fleetActionKindSchema>;

const staffText = lazySchema(() => z.string().trim().min(1).max(200));
/**
 * A short text IT writes, per station language. Finnish is required; the station shows the
 * visitor's language, else Finnish. Never anything a visitor wrote.
 */
export const fleetLocalizedTextSchema = lazySchema(() =>
  z
    .object({ fi: staffText })
    .catchall(staffText)
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!languageSchema.safeParse(key).success)
          ctx.addIssue({ code: 'custom', path: [key], message: `unknown language "${key}"` });
      }
    }),
);
export type FleetLocalizedText = z.infer<typeof fleetLocalizedTextSchema>;

const restartAfterVisitor = lazySchema(() => z.object({ kind: z.literal('restart-after-visitor') }).strict());
const resetNow = lazySchema(() => z.object({ kind: z.literal('reset-now') }).strict());
const welcomeMessage = lazySchema(() =>
  z.object({ kind: z.literal('welcome-message'), text: fleetLocalizedTextSchema, until: minuteTimeSchema }).strict(),
);
const outOfOrder = lazySchema(() =>
  z.object({ kind: z.literal('out-of-order'), on: z.boolean(), reason: staffText.nullable() }).strict(),
);

/**
 * What IT asks for, by kind:
 * - `restart-after-visitor`: exit for the supervisor to restart the app once the current visitor (if any) has left.
 * - `reset-now`: run the visitor reset now; refused (`visitor-in-session`) while a visitor is in session.
 * - `welcome-message`: show `text` on the welcome screen until `until` (UTC, minute); a later one replaces it.
 * - `out-of-order`: on or off; `reason` is for staff (fleet view, small print on the out-of-order
 *   screen), required when turning it on; takes effect after the current visitor leaves.
 */
export const fleetActionRequestSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [restartAfterVisitor, resetNow, welcomeMessage, outOfOrder]),
);
export type FleetActionRequest = z.infer<typeof fleetActionRequestSchema>;

const delivered = {
  /** Unique per action and per station (a site action gets one id per station). */
  id: uuidSchema,
  /** When IT queued it (ISO-8601 UTC). */
  issuedAt: lazySchema(() => z.string().datetime()),
};
/** An action as delivered to the station: what to do, with a unique id for idempotence and acks. */
export const fleetActionSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    restartAfterVisitor.extend(delivered),
    resetNow.extend(delivered),
    welcomeMessage.extend(delivered),
    outOfOrder.extend(delivered),
  ]),
);
export type FleetAction = z.infer<typeof fleetActionSchema>;

/** Reply to a heartbeat. */
export const heartbeatReplySchema = lazySchema(() =>
  z
    .object({
      /** Actions not yet acknowledged, oldest first. Already-handled ids are acknowledged again, not re-run. */
      actions: z.array(fleetActionSchema).max(50),
      /** Current remote-config version for this station; fetch the config when it differs from the applied one. */
      configVersion: configVersionSchema,
      /** When to send the next interval heartbeat. */
      nextHeartbeatSeconds: z.number().int().min(10).max(3600),
    })
    .strict(),
);
export type HeartbeatReply = z.infer<typeof heartbeatReplySchema>;

/** How an action ended on the station. */
export const ACTION_OUTCOMES = ['done', 'refused'] as const;
export const actionOutcomeSchema = lazySchema(() => z.enum(ACTION_OUTCOMES));
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>;

/** Why a station refused an action (fixed list). */
export const ACTION_REFUSALS = ['visitor-in-session', 'expired', 'unsupported', 'failed'] as const;
export const actionRefusalSchema = lazySchema(() => z.enum(ACTION_REFUSALS));

/** One acknowledgement. `restart-after-visitor` is acknowledged just before the process exits. */
export const actionAckSchema = lazySchema(() =>
  z
    .object({
      id: uuidSchema,
      outcome: actionOutcomeSchema,
      /** Required with `refused`, null with `done`. */
      refusal: actionRefusalSchema.nullable(),
    })
    .strict(),
);
export type ActionAck = z.infer<typeof actionAckSchema>;

/** Body of `POST {FLEET_STATION_PREFIX}/actions/ack`. Acknowledging the same id again is harmless. */
export const actionAckBatchSchema = lazySchema(() =>
  z.object({ acks: z.array(actionAckSchema).min(1).max(50) }).strict(),
);
export type ActionAckBatch = z.infer<typeof actionAckBatchSchema>;

/** Reply to the ack: how many acks central recorded now (already-acknowledged and unknown ids count 0). */
export const actionAckReplySchema = lazySchema(() => z.object({ recorded: z.number().int().min(0) }).strict());

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
export const configOverridesSchema = lazySchema(() =>
  z
    .object(
      Object.fromEntries(REMOTE_CONFIG_KEYS.map((key) => [key, z.unknown().optional()])) as Record<
        RemoteConfigKey,
        z.ZodOptional<z.ZodUnknown>
      >,
    )
    .strict(),
);
export type ConfigOverrides = z.infer<typeof configOverridesSchema>;

/** Levels at which central holds overrides, from the weakest to the strongest. */
export const OVERRIDE_LEVELS = ['city', 'site-kind', 'site', 'station'] as const;
export const overrideLevelSchema = lazySchema(() => z.enum(OVERRIDE_LEVELS));
export type OverrideLevel = z.infer<typeof overrideLevelSchema>;

/**
 * Reply of `GET {FLEET_STATION_PREFIX}/config`: the city, site-kind, site and station overrides for
 * this station, already merged in that order, and their version. The station merges `overrides`
 * over its local file with `applyConfigOverrides` and validates the result itself.
 */
export const remoteConfigSchema = lazySchema(() =>
  z
    .object({
      version: configVersionSchema,
      overrides: configOverridesSchema,
    })
    .strict(),
);
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

// ---------------------------------------------------------------------------------------------
// IT staff API (cookie session, role `it` or `admin`; CSRF on state changes)
// ---------------------------------------------------------------------------------------------

/**
 * A station's status in the fleet view. `closed` is a station not heard from while its place is
 * closed (by the opening hours held on central): expected, never an alarm. `offline` is the same
 * during opening hours. `failing` is a station that answers but keeps failing resets, restarts in a
 * loop or could not use central's config. `unknown`: registered, never heard from.
 */
export const FLEET_STATUSES = [
  'online-in-use',
  'online-idle',
  'out-of-order',
  'failing',
  'offline',
  'closed',
  'unknown',
] as const;
export const fleetStatusSchema = lazySchema(() => z.enum(FLEET_STATUSES));
export type FleetStatus = z.infer<typeof fleetStatusSchema>;

/** Problems the fleet view lists for a station (fixed list; each one a hint for IT). */
export const FLEET_PROBLEMS = [
  'offline-during-hours',
  'failing-resets',
  'restart-loop',
  'config-rejected',
  'crashes',
  'low-disk',
  'low-memory',
  'central-unreachable',
  'queue-backlog',
] as const;
export const fleetProblemSchema = lazySchema(() => z.enum(FLEET_PROBLEMS));
export type FleetProblem = z.infer<typeof fleetProblemSchema>;

/** Kinds of alert sent to the webhook. */
export const FLEET_ALERT_KINDS = ['offline', 'failing-resets', 'restart-loop'] as const;
export const fleetAlertKindSchema = lazySchema(() => z.enum(FLEET_ALERT_KINDS));
export type FleetAlertKind = z.infer<typeof fleetAlertKindSchema>;

/**
 * Body central POSTs (JSON) to the configured alert webhook: once when an alert opens
 * (`firing`) and once when the station recovers (`resolved`). Same `alertId` in both.
 */
export const fleetAlertWebhookSchema = lazySchema(() =>
  z
    .object({
      alertId: uuidSchema,
      state: z.enum(['firing', 'resolved']),
      kind: fleetAlertKindSchema,
      stationId: z.string(),
      site: z.string(),
      /** When the condition started (ISO-8601 UTC). */
      since: z.string().datetime(),
      /** When this notice was decided (ISO-8601 UTC). */
      at: z.string().datetime(),
      /** One English line for a chat channel. */
      summary: z.string(),
    })
    .strict(),
);
export type FleetAlertWebhook = z.infer<typeof fleetAlertWebhookSchema>;

/** One station in the fleet list. */
export const fleetStationSchema = lazySchema(() =>
  z
    .object({
      id: z.string(),
      location: z.string(),
      siteKind: z.string(),
      /** Site slug: set by IT, else the station id without its trailing number (`oodi-2` → `oodi`). */
      site: z.string(),
      status: fleetStatusSchema,
      problems: z.array(fleetProblemSchema),
      /** Whether the site is open now by its opening hours on central. */
      openNow: z.boolean(),
      /** Epoch ms of the last heartbeat; null when never heard from. */
      lastSeenAt: z.number().nullable(),
      appVersion: z.string().nullable(),
      host: stationHostSchema.nullable(),
      appliedConfigVersion: configVersionSchema.nullable(),
      /** The config version central holds for this station now. */
      currentConfigVersion: configVersionSchema,
      outOfOrderCause: outOfOrderCauseSchema.nullable(),
      /** Reason IT gave with the last `out-of-order` on action, while it is on. */
      outOfOrderReason: z.string().nullable(),
      pendingActions: z.number().int().min(0),
    })
    .strict(),
);
export type FleetStation = z.infer<typeof fleetStationSchema>;

/** `GET /api/v1/fleet/stations` query: optional filters. */
export const fleetListQuerySchema = lazySchema(() =>
  z.object({ site: z.string().max(64).optional(), status: fleetStatusSchema.optional() }).strict(),
);
export const fleetListSchema = lazySchema(() =>
  z
    .object({
      stations: z.array(fleetStationSchema),
      /** Every site known, for the filter. */
      sites: z.array(z.string()),
      /** Epoch ms on central's clock when this was computed. */
      at: z.number(),
    })
    .strict(),
);
export type FleetList = z.infer<typeof fleetListSchema>;

/** One stored heartbeat, as the station page shows it. */
export const fleetHealthEntrySchema = lazySchema(() =>
  z
    .object({
      at: z.number(),
      reason: heartbeatReasonSchema,
      state: stationStateSchema,
      appVersion: z.string(),
      appliedConfigVersion: configVersionSchema,
      rejectedConfigVersion: configVersionSchema.nullable(),
      uptimeSeconds: z.number().int(),
      sessionsSinceStart: z.number().int(),
      lastReset: lastResetResultSchema,
      failedResets: z.number().int(),
      exits: z.number().int(),
      crashes: z.number().int(),
      freeDiskMb: z.number().int().nullable(),
      freeMemoryMb: z.number().int().nullable(),
      centralReachable: z.boolean(),
      queueBacklog: z.number().int(),
    })
    .strict(),
);
export type FleetHealthEntry = z.infer<typeof fleetHealthEntrySchema>;

/** Lifecycle of a queued action on central. */
export const FLEET_ACTION_STATES = ['pending', 'done', 'refused', 'cancelled'] as const;
export const fleetActionStateSchema = lazySchema(() => z.enum(FLEET_ACTION_STATES));

/** An action as IT sees it. */
export const fleetActionRecordSchema = lazySchema(() =>
  z
    .object({
      id: uuidSchema,
      stationId: z.string(),
      action: fleetActionRequestSchema,
      state: fleetActionStateSchema,
      refusal: actionRefusalSchema.nullable(),
      issuedAt: z.number(),
      issuedBy: z.string(),
      /** When the station first received it; null until then. */
      deliveredAt: z.number().nullable(),
      /** When the station acknowledged it (or IT cancelled it). */
      closedAt: z.number().nullable(),
    })
    .strict(),
);
export type FleetActionRecord = z.infer<typeof fleetActionRecordSchema>;

/** An alert as IT sees it. */
export const fleetAlertRecordSchema = lazySchema(() =>
  z
    .object({
      id: uuidSchema,
      kind: fleetAlertKindSchema,
      openedAt: z.number(),
      resolvedAt: z.number().nullable(),
    })
    .strict(),
);

/** `GET /api/v1/fleet/stations/:id`: the station, its recent health history, actions and alerts. */
export const fleetStationDetailSchema = lazySchema(() =>
  z
    .object({
      station: fleetStationSchema,
      /** Newest first, at most 200. */
      history: z.array(fleetHealthEntrySchema),
      actions: z.array(fleetActionRecordSchema),
      alerts: z.array(fleetAlertRecordSchema),
      /** The merged overrides this station gets now. */
      config: remoteConfigSchema,
    })
    .strict(),
);
export type FleetStationDetail = z.infer<typeof fleetStationDetailSchema>;

/** `:id` of station routes. */
export const fleetStationParamsSchema = lazySchema(() => z.object({ id: z.string().min(1).max(64) }).strict());

/** Body of `POST /api/v1/fleet/actions`: one action for one station or every station of a site. */
export const fleetActionQueueSchema = lazySchema(() =>
  z
    .object({
      target: z.union([
        z.object({ station: z.string().min(1).max(64) }).strict(),
        z.object({ site: z.string().min(1).max(64) }).strict(),
      ]),
      action: fleetActionRequestSchema,
    })
    .strict(),
);
export type FleetActionQueue = z.infer<typeof fleetActionQueueSchema>;
export const fleetActionQueuedSchema = lazySchema(() =>
  z.object({ actions: z.array(fleetActionRecordSchema) }).strict(),
);

/** Where an override set applies: `target` is empty for `city`, else a site kind, site slug or station id. */
export const overrideScopeSchema = lazySchema(() =>
  z
    .object({ level: overrideLevelSchema, target: z.string().max(64) })
    .strict()
    .superRefine((scope, ctx) => {
      if ((scope.level === 'city') !== (scope.target === ''))
        ctx.addIssue({
          code: 'custom',
          path: ['target'],
          message:
            scope.level === 'city' ? 'must be empty for the city level' : 'must name the site kind, site or station',
        });
    }),
);
export type OverrideScope = z.infer<typeof overrideScopeSchema>;

/** Body of `PUT /api/v1/fleet/config/overrides`: replaces one scope's overrides (`{}` clears them). */
export const overrideChangeSchema = lazySchema(() =>
  z
    .object({ level: overrideLevelSchema, target: z.string().max(64), overrides: z.record(z.string(), z.unknown()) })
    .strict(),
);
export type OverrideChange = z.infer<typeof overrideChangeSchema>;

/** One version of one scope's overrides: who changed what and when. */
export const overrideVersionSchema = lazySchema(() =>
  z
    .object({
      version: configVersionSchema,
      level: overrideLevelSchema,
      target: z.string(),
      overrides: configOverridesSchema,
      changedBy: z.string(),
      changedAt: z.number(),
    })
    .strict(),
);
export type OverrideVersion = z.infer<typeof overrideVersionSchema>;
/** Current overrides of every scope (`GET /config/overrides`) or the history (`GET /config/history`). */
export const overrideVersionListSchema = lazySchema(() =>
  z.object({ versions: z.array(overrideVersionSchema) }).strict(),
);

/**
 * Why central refused one field, as data rather than English, so each staff app can say it in its
 * own language. `code` is the station schema's zod issue code, or `missing` (a required field is
 * absent) or `not_overridable` (a key central may not set; `values` lists the ones it may); the
 * other fields are the limits the code needs: `minimum`/`maximum` with `inclusive` for
 * `too_small`/`too_big` (`origin` says of what: number, string length, array items), `expected`
 * for `invalid_type`, `values` for `invalid_value`, `format` for `invalid_format`. `custom` is a
 * rule with no parameters (a cross-field check); its English `message` is all there is.
 */
export const overrideReasonSchema = lazySchema(() =>
  z
    .object({
      code: z.enum([
        'too_small',
        'too_big',
        'invalid_type',
        'invalid_value',
        'invalid_format',
        'not_multiple_of',
        'unrecognized_keys',
        'missing',
        'not_overridable',
        'custom',
      ]),
      origin: z.string().optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      inclusive: z.boolean().optional(),
      expected: z.string().optional(),
      values: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
      format: z.string().optional(),
      divisor: z.number().optional(),
    })
    .strict(),
);
export type OverrideReason = z.infer<typeof overrideReasonSchema>;

/** A refused override: which field, and why. 400 with `error: 'invalid_override'`. */
export const overrideRefusalSchema = lazySchema(() =>
  z
    .object({
      error: z.literal('invalid_override'),
      /** The first problem in English, for API clients and logs. */
      message: z.string(),
      /**
       * Dotted path of each bad field (`idle.idleCountdownSeconds`), with the station whose merge
       * failed if any, the schema's English message, and the same reason as data (`reason`).
       */
      problems: z.array(
        z
          .object({
            field: z.string(),
            message: z.string(),
            station: z.string().nullable(),
            reason: overrideReasonSchema,
          })
          .strict(),
      ),
    })
    .strict(),
);
export type OverrideRefusal = z.infer<typeof overrideRefusalSchema>;

const hhmm = lazySchema(() => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'));
/** Weekday keys of opening hours, Monday first. */
export const OPENING_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Opening hours in Helsinki time: each weekday lists [open, close) ranges; a day left out is closed. */
export const openingHoursSchema = lazySchema(() =>
  z.partialRecord(
    z.enum(OPENING_DAYS),
    z.array(z.tuple([hhmm, hhmm]).refine(([open, close]) => open < close, 'must open before it closes')).max(4),
  ),
);
export type OpeningHours = z.infer<typeof openingHoursSchema>;
/** Body of `PUT /api/v1/fleet/opening-hours`: hours for a scope (city default, a site kind, a site or a station). */
export const openingHoursChangeSchema = lazySchema(() =>
  z.object({ level: overrideLevelSchema, target: z.string().max(64), hours: openingHoursSchema.nullable() }).strict(),
);
export const openingHoursListSchema = lazySchema(() =>
  z
    .object({
      entries: z.array(
        z.object({ level: overrideLevelSchema, target: z.string(), hours: openingHoursSchema }).strict(),
      ),
      /** What applies where nothing is set. */
      builtInDefault: openingHoursSchema,
    })
    .strict(),
);
