/**
 * The fleet domain's service: heartbeats in, status out, remote config versions, actions and
 * opening hours. Written once against the portable `SqlRunner`, so SQLite and PostgreSQL behave
 * the same. Alerts live in alerts.ts; routes only translate HTTP to these calls.
 */
import { v7 as uuidv7 } from 'uuid';
import {
  configOverridesSchema,
  fleetActionRequestSchema,
  openingHoursSchema,
  runsRemoteActions,
  type ActionAck,
  type ConfigOverrides,
  type FleetAction,
  type FleetActionRecord,
  type FleetActionRequest,
  type FleetHealthEntry,
  type FleetList,
  type FleetStation,
  type FleetStationDetail,
  type FleetStatus,
  type Heartbeat,
  type HeartbeatReply,
  type OpeningHours,
  type OverrideChange,
  type OverrideLevel,
  type OverrideVersion,
  type RemoteConfig,
} from '../../protocol/fleet.ts';
import type { Accounts, AuthenticatedStation } from '../auth/accounts.ts';
import type { CentralClock } from '../infrastructure/clock.ts';
import type { Row, Storage } from '../storage/storage.ts';
import type { FleetConfig } from './fleet-config.ts';
import { BUILT_IN_OPENING_HOURS, hoursFor, scopesOf, type StationPlace } from './opening-hours.ts';
import {
  loadRepresentativeBase,
  mergeLayers,
  mergedProblems,
  overrideKeyProblems,
  type OverrideProblem,
} from './override-validation.ts';
import { defaultSite } from './sites.ts';
import { deriveStatus, type LastHeartbeat, type RecentCounts } from './status.ts';

/** How many history rows the station page shows. */
const DETAIL_HISTORY_ROWS = 200;
const DETAIL_ACTION_ROWS = 50;

/** One station as the alert job sees it. */
export interface FleetSnapshotEntry {
  station: FleetStation;
  place: StationPlace;
  hours: OpeningHours;
  recent: RecentCounts;
}

export type OverrideResult = { ok: true; version: OverrideVersion } | { ok: false; problems: OverrideProblem[] };
export type QueueResult = { ok: true; actions: FleetActionRecord[] } | { ok: false; reason: 'unknown-target' };

export interface FleetService {
  /** Stores a heartbeat (one row updated, sometimes one history row) and answers with pending actions. */
  heartbeat(station: AuthenticatedStation, heartbeat: Heartbeat): Promise<HeartbeatReply>;
  /** The merged overrides the station should run with, and their version. */
  remoteConfig(station: AuthenticatedStation): Promise<RemoteConfig>;
  /** Records acknowledgements; returns how many were new. Repeats and other stations' ids count 0. */
  acknowledge(stationId: string, acks: readonly ActionAck[]): Promise<number>;
  /** Every registered, unrevoked station with its status. */
  snapshot(): Promise<FleetSnapshotEntry[]>;
  list(filter: { site?: string | undefined; status?: FleetStatus | undefined }): Promise<FleetList>;
  detail(stationId: string): Promise<FleetStationDetail | null>;
  queueAction(
    target: { station: string } | { site: string },
    action: FleetActionRequest,
    by: string,
  ): Promise<QueueResult>;
  /** Cancels a pending action; false when it is not pending. */
  cancelAction(actionId: string): Promise<boolean>;
  /** Validates then stores a scope's overrides (`{}` clears them). */
  setOverrides(change: OverrideChange, by: string): Promise<OverrideResult>;
  /** The newest version of every scope that has overrides. */
  currentOverrides(): Promise<OverrideVersion[]>;
  /** Every change, newest first, optionally for one scope. */
  overrideHistory(scope?: { level: OverrideLevel; target: string }): Promise<OverrideVersion[]>;
  setOpeningHours(level: OverrideLevel, target: string, hours: OpeningHours | null, by: string): Promise<void>;
  openingHours(): Promise<{ level: OverrideLevel; target: string; hours: OpeningHours }[]>;
  /** Puts a station in a site (overrides, hours and site actions follow). */
  setSite(stationId: string, site: string): Promise<boolean>;
  /** Deletes health history older than `historyDays`; returns rows deleted. */
  sweepHistory(): Promise<number>;
}

interface StationRow extends Row {
  station_id: string;
  last_seen_at: number;
  app_version: string;
  host: 'electron' | 'preview';
  state: 'idle' | 'in-session' | 'out-of-order';
  out_of_order_cause: 'invalid-config' | 'remote' | 'shell-failed' | null;
  applied_version: number;
  rejected_version: number | null;
  free_disk_mb: number | null;
  free_memory_mb: number | null;
  central_reachable: number;
  queue_backlog: number;
  last_history_at: number;
}

interface ActionRow extends Row {
  id: string;
  station_id: string;
  kind: string;
  body: string;
  state: FleetActionRecord['state'];
  refusal: FleetActionRecord['refusal'];
  issued_at: number;
  issued_by: string;
  delivered_at: number | null;
  closed_at: number | null;
}

interface ChangeRow extends Row {
  id: number;
  level: OverrideLevel;
  target: string;
  overrides: string;
  changed_by: string;
  changed_at: number;
}

const scopeKey = (level: string, target: string) => `${level}:${target}`;

function actionRecord(row: ActionRow): FleetActionRecord {
  return {
    id: row.id,
    stationId: row.station_id,
    action: fleetActionRequestSchema.parse(JSON.parse(row.body)),
    state: row.state,
    refusal: row.refusal,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    deliveredAt: row.delivered_at,
    closedAt: row.closed_at,
  };
}

function deliveredAction(row: ActionRow): FleetAction {
  const action = fleetActionRequestSchema.parse(JSON.parse(row.body));
  return { ...action, id: row.id, issuedAt: new Date(row.issued_at).toISOString() };
}

function overrideVersion(row: ChangeRow): OverrideVersion {
  return {
    version: row.id,
    level: row.level,
    target: row.target,
    overrides: configOverridesSchema.parse(JSON.parse(row.overrides)),
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  };
}

function lastHeartbeat(row: StationRow | undefined): LastHeartbeat | null {
  if (!row) return null;
  return {
    lastSeenAt: row.last_seen_at,
    state: row.state,
    rejectedVersion: row.rejected_version,
    freeDiskMb: row.free_disk_mb,
    freeMemoryMb: row.free_memory_mb,
    centralReachable: row.central_reachable === 1,
    queueBacklog: row.queue_backlog,
  };
}

export function createFleetService(deps: {
  storage: Storage;
  accounts: Accounts;
  clock: CentralClock;
  config: FleetConfig;
  newId?: () => string;
}): FleetService {
  const { storage: db, accounts, clock, config } = deps;
  const newId = deps.newId ?? uuidv7;
  let representativeBase: Record<string, unknown> | null = null;
  const base = () => (representativeBase ??= loadRepresentativeBase());

  async function siteOf(stationId: string): Promise<string> {
    const row = await db.get<{ site: string }>('SELECT site FROM fleet_station_sites WHERE station_id = ?', [
      stationId,
    ]);
    return row?.site ?? defaultSite(stationId);
  }

  async function placeOf(station: { id: string; siteKind: string }): Promise<StationPlace> {
    return { stationId: station.id, siteKind: station.siteKind, site: await siteOf(station.id) };
  }

  /** Newest change per scope, as a map from scope key. */
  async function latestChanges(): Promise<Map<string, ChangeRow>> {
    const rows = await db.all<ChangeRow>(
      `SELECT c.* FROM fleet_config_changes c
        WHERE c.id IN (SELECT MAX(id) FROM fleet_config_changes GROUP BY level, target)`,
    );
    return new Map(rows.map((row) => [scopeKey(row.level, row.target), row]));
  }

  /** The station's merged overrides and version from the newest change of each of its scopes. */
  function configFor(place: StationPlace, latest: ReadonlyMap<string, ChangeRow>): RemoteConfig {
    const layers: ConfigOverrides[] = [];
    let version = 0;
    for (const scope of scopesOf(place).reverse()) {
      const row = latest.get(scopeKey(scope.level, scope.target));
      if (!row) continue;
      version = Math.max(version, row.id);
      layers.push(configOverridesSchema.parse(JSON.parse(row.overrides)));
    }
    return { version, overrides: mergeLayers(layers) };
  }

  /** A station's config version with one indexed query (the heartbeat path). */
  async function versionFor(place: StationPlace): Promise<number> {
    const scopes = scopesOf(place);
    const where = scopes.map(() => '(level = ? AND target = ?)').join(' OR ');
    const row = await db.get<{ v: number | null }>(
      `SELECT MAX(id) AS v FROM fleet_config_changes WHERE ${where}`,
      scopes.flatMap((s) => [s.level, s.target]),
    );
    return row?.v ?? 0;
  }

  async function hoursEntries(): Promise<Map<string, OpeningHours>> {
    const rows = await db.all<{ level: string; target: string; hours: string }>(
      'SELECT level, target, hours FROM fleet_opening_hours',
    );
    return new Map(rows.map((r) => [scopeKey(r.level, r.target), openingHoursSchema.parse(JSON.parse(r.hours))]));
  }

  async function recentCounts(stationId?: string): Promise<Map<string, RecentCounts>> {
    const since = clock.now() - config.problemWindowMinutes * 60_000;
    const rows = await db.all<{ station_id: string; failed: number; starts: number; crashes: number }>(
      `SELECT station_id, SUM(failed_resets) AS failed, SUM(CASE WHEN reason = 'start' THEN 1 ELSE 0 END) AS starts,
              SUM(crashes) AS crashes
         FROM fleet_health_history WHERE at > ?${stationId ? ' AND station_id = ?' : ''} GROUP BY station_id`,
      stationId ? [since, stationId] : [since],
    );
    return new Map(
      rows.map((r) => [
        r.station_id,
        { failedResets: Number(r.failed), starts: Number(r.starts), crashes: Number(r.crashes) },
      ]),
    );
  }

  /** Reason IT gave with the out-of-order action that is in force (done and not switched off since). */
  async function outOfOrderReasons(): Promise<Map<string, string>> {
    const rows = await db.all<{ station_id: string; body: string }>(
      `SELECT station_id, body FROM fleet_actions WHERE kind = 'out-of-order' AND state = 'done' ORDER BY closed_at, issued_at`,
    );
    const reasons = new Map<string, string>();
    for (const row of rows) {
      const action = JSON.parse(row.body) as { on: boolean; reason: string | null };
      if (action.on && action.reason) reasons.set(row.station_id, action.reason);
      else reasons.delete(row.station_id);
    }
    return reasons;
  }

  async function snapshot(onlyStation?: string): Promise<FleetSnapshotEntry[]> {
    const stations = (await accounts.listStations()).filter(
      (s) => s.revokedAt === null && (!onlyStation || s.id === onlyStation),
    );
    const [rows, sites, hours, recent, pending, latest, reasons] = await Promise.all([
      db.all<StationRow>('SELECT * FROM fleet_stations'),
      db.all<{ station_id: string; site: string }>('SELECT station_id, site FROM fleet_station_sites'),
      hoursEntries(),
      recentCounts(onlyStation),
      db.all<{ station_id: string; n: number }>(
        `SELECT station_id, COUNT(*) AS n FROM fleet_actions WHERE state = 'pending' GROUP BY station_id`,
      ),
      latestChanges(),
      outOfOrderReasons(),
    ]);
    const byId = new Map(rows.map((r) => [r.station_id, r]));
    const siteById = new Map(sites.map((s) => [s.station_id, s.site]));
    const pendingById = new Map(pending.map((p) => [p.station_id, Number(p.n)]));
    const now = clock.now();
    return stations.map((s) => {
      const place: StationPlace = {
        stationId: s.id,
        siteKind: s.siteKind,
        site: siteById.get(s.id) ?? defaultSite(s.id),
      };
      const row = byId.get(s.id);
      const stationHours = hoursFor(place, hours);
      const counted = recent.get(s.id) ?? { failedResets: 0, starts: 0, crashes: 0 };
      // A browser preview starts on every page load, so a person reloading it is no restart loop.
      const counts = row?.host === 'preview' ? { ...counted, starts: 0 } : counted;
      const currentConfigVersion = configFor(place, latest).version;
      const derived = deriveStatus({
        last: lastHeartbeat(row),
        recent: counts,
        hours: stationHours,
        now,
        currentConfigVersion,
        config,
      });
      const station: FleetStation = {
        id: s.id,
        location: s.location,
        siteKind: s.siteKind,
        site: place.site,
        status: derived.status,
        problems: derived.problems,
        openNow: derived.openNow,
        lastSeenAt: row?.last_seen_at ?? null,
        appVersion: row?.app_version ?? null,
        host: row?.host ?? null,
        appliedConfigVersion: row?.applied_version ?? null,
        currentConfigVersion,
        outOfOrderCause: row?.out_of_order_cause ?? null,
        outOfOrderReason: row?.state === 'out-of-order' ? (reasons.get(s.id) ?? null) : null,
        pendingActions: pendingById.get(s.id) ?? 0,
      };
      return { station, place, hours: stationHours, recent: counts };
    });
  }

  return {
    async heartbeat(station, hb) {
      const now = clock.now();
      const previous = await db.get<{ state: string; rejected_version: number | null; last_history_at: number }>(
        'SELECT state, rejected_version, last_history_at FROM fleet_stations WHERE station_id = ?',
        [station.id],
      );
      const exits = Object.values(hb.exitsSinceLastReport).reduce<number>((sum, n) => sum + (n ?? 0), 0);
      const failedResets = hb.exitsSinceLastReport.resetStepFailed ?? 0;
      const rejectedVersion = hb.config.rejected?.version ?? null;
      // History keeps what tells a story (start, reset, anything that went wrong, a change of state)
      // and otherwise one sample per `historyEveryMinutes`: 700 stations stay ~70 inserts a minute.
      const keep =
        !previous ||
        hb.reason !== 'interval' ||
        exits > 0 ||
        hb.crashesSinceLastReport > 0 ||
        previous.state !== hb.state ||
        previous.rejected_version !== rejectedVersion ||
        now - previous.last_history_at >= config.historyEveryMinutes * 60_000;
      const lastHistoryAt = keep ? now : previous.last_history_at;
      const values = [
        station.id,
        now,
        now,
        hb.reason,
        hb.appVersion,
        hb.host,
        hb.state,
        hb.outOfOrderCause,
        hb.config.source,
        hb.config.hash,
        hb.config.appliedVersion,
        rejectedVersion,
        hb.config.rejected?.problem ?? null,
        hb.uptimeSeconds,
        hb.sessionsSinceStart,
        hb.lastReset,
        hb.freeDiskMb,
        hb.freeMemoryMb,
        hb.central.reachable ? 1 : 0,
        hb.central.queueBacklog,
        lastHistoryAt,
      ];
      const columns = [
        'station_id',
        'first_seen_at',
        'last_seen_at',
        'last_reason',
        'app_version',
        'host',
        'state',
        'out_of_order_cause',
        'config_source',
        'config_hash',
        'applied_version',
        'rejected_version',
        'rejected_problem',
        'uptime_s',
        'sessions',
        'last_reset',
        'free_disk_mb',
        'free_memory_mb',
        'central_reachable',
        'queue_backlog',
        'last_history_at',
      ];
      const updates = columns
        .filter((c) => c !== 'station_id' && c !== 'first_seen_at')
        .map((c) => `${c} = excluded.${c}`)
        .join(', ');
      await db.run(
        `INSERT INTO fleet_stations (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT (station_id) DO UPDATE SET ${updates}`,
        values,
      );
      if (keep) {
        await db.run(
          `INSERT INTO fleet_health_history (id, station_id, at, reason, state, app_version, applied_version,
             rejected_version, uptime_s, sessions, last_reset, failed_resets, exits, crashes, free_disk_mb,
             free_memory_mb, central_reachable, queue_backlog)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            newId(),
            station.id,
            now,
            hb.reason,
            hb.state,
            hb.appVersion,
            hb.config.appliedVersion,
            rejectedVersion,
            hb.uptimeSeconds,
            hb.sessionsSinceStart,
            hb.lastReset,
            failedResets,
            exits,
            hb.crashesSinceLastReport,
            hb.freeDiskMb,
            hb.freeMemoryMb,
            hb.central.reachable ? 1 : 0,
            hb.central.queueBacklog,
          ],
        );
      }
      // A station that cannot run actions is not handed them: they stay pending and undelivered.
      const pending = runsRemoteActions(hb)
        ? await db.all<ActionRow>(
            `SELECT * FROM fleet_actions WHERE station_id = ? AND state = 'pending' ORDER BY issued_at, id LIMIT 50`,
            [station.id],
          )
        : [];
      if (pending.some((a) => a.delivered_at === null))
        await db.run(
          `UPDATE fleet_actions SET delivered_at = ? WHERE station_id = ? AND state = 'pending' AND delivered_at IS NULL`,
          [now, station.id],
        );
      return {
        actions: pending.map(deliveredAction),
        configVersion: await versionFor(await placeOf(station)),
        nextHeartbeatSeconds: config.heartbeatSeconds,
      };
    },

    async remoteConfig(station) {
      return configFor(await placeOf(station), await latestChanges());
    },

    async acknowledge(stationId, acks) {
      let recorded = 0;
      const now = clock.now();
      for (const ack of acks) {
        const state = ack.outcome === 'done' ? 'done' : 'refused';
        const refusal = ack.outcome === 'refused' ? (ack.refusal ?? 'failed') : null;
        const { changes } = await db.run(
          `UPDATE fleet_actions SET state = ?, refusal = ?, closed_at = ?, delivered_at = COALESCE(delivered_at, ?)
            WHERE id = ? AND station_id = ? AND state = 'pending'`,
          [state, refusal, now, now, ack.id, stationId],
        );
        recorded += changes;
      }
      return recorded;
    },

    snapshot: () => snapshot(),

    async list(filter) {
      const all = await snapshot();
      const stations = all
        .map((e) => e.station)
        .filter((s) => (!filter.site || s.site === filter.site) && (!filter.status || s.status === filter.status));
      const sites = [...new Set(all.map((e) => e.station.site))].sort();
      return { stations, sites, at: clock.now() };
    },

    async detail(stationId) {
      const [entry] = await snapshot(stationId);
      if (!entry) return null;
      const [history, actions, alerts, latest] = await Promise.all([
        db.all<Row>(`SELECT * FROM fleet_health_history WHERE station_id = ? ORDER BY at DESC LIMIT ?`, [
          stationId,
          DETAIL_HISTORY_ROWS,
        ]),
        db.all<ActionRow>(`SELECT * FROM fleet_actions WHERE station_id = ? ORDER BY issued_at DESC, id DESC LIMIT ?`, [
          stationId,
          DETAIL_ACTION_ROWS,
        ]),
        db.all<{
          id: string;
          kind: 'offline' | 'failing-resets' | 'restart-loop';
          opened_at: number;
          resolved_at: number | null;
        }>(
          `SELECT id, kind, opened_at, resolved_at FROM fleet_alerts WHERE station_id = ? ORDER BY opened_at DESC LIMIT 20`,
          [stationId],
        ),
        latestChanges(),
      ]);
      return {
        station: entry.station,
        history: history.map((r): FleetHealthEntry => ({
          at: r.at as number,
          reason: r.reason as FleetHealthEntry['reason'],
          state: r.state as FleetHealthEntry['state'],
          appVersion: r.app_version as string,
          appliedConfigVersion: r.applied_version as number,
          rejectedConfigVersion: r.rejected_version as number | null,
          uptimeSeconds: r.uptime_s as number,
          sessionsSinceStart: r.sessions as number,
          lastReset: r.last_reset as FleetHealthEntry['lastReset'],
          failedResets: r.failed_resets as number,
          exits: r.exits as number,
          crashes: r.crashes as number,
          freeDiskMb: r.free_disk_mb as number | null,
          freeMemoryMb: r.free_memory_mb as number | null,
          centralReachable: r.central_reachable === 1,
          queueBacklog: r.queue_backlog as number,
        })),
        actions: actions.map(actionRecord),
        alerts: alerts.map((a) => ({ id: a.id, kind: a.kind, openedAt: a.opened_at, resolvedAt: a.resolved_at })),
        config: configFor(entry.place, latest),
      };
    },

    async queueAction(target, action, by) {
      const stations = (await snapshot()).filter((e) =>
        'station' in target ? e.station.id === target.station : e.place.site === target.site,
      );
      if (stations.length === 0) return { ok: false, reason: 'unknown-target' };
      const batchId = newId();
      const now = clock.now();
      const body = JSON.stringify(action);
      const records: FleetActionRecord[] = [];
      for (const entry of stations) {
        const id = newId();
        await db.run(
          `INSERT INTO fleet_actions (id, station_id, batch_id, kind, body, state, refusal, issued_at, issued_by)
           VALUES (?, ?, ?, ?, ?, 'pending', NULL, ?, ?)`,
          [id, entry.station.id, batchId, action.kind, body, now, by],
        );
        records.push({
          id,
          stationId: entry.station.id,
          action,
          state: 'pending',
          refusal: null,
          issuedAt: now,
          issuedBy: by,
          deliveredAt: null,
          closedAt: null,
        });
      }
      return { ok: true, actions: records };
    },

    async cancelAction(actionId) {
      const { changes } = await db.run(
        `UPDATE fleet_actions SET state = 'cancelled', closed_at = ? WHERE id = ? AND state = 'pending'`,
        [clock.now(), actionId],
      );
      return changes > 0;
    },

    async setOverrides(change, by) {
      const overrides = change.overrides;
      const keyProblems = overrideKeyProblems(overrides);
      if (keyProblems.length > 0) return { ok: false, problems: keyProblems };
      const typed = configOverridesSchema.parse(overrides);
      const latest = await latestChanges();
      const key = scopeKey(change.level, change.target);
      const proposed = new Map(latest);
      proposed.set(key, {
        id: Number.MAX_SAFE_INTEGER,
        level: change.level,
        target: change.target,
        overrides: JSON.stringify(typed),
        changed_by: by,
        changed_at: clock.now(),
      });
      // The change over the city layer (the one every station has) on the representative file, then
      // every station it reaches with all its other scopes in place: no station receives a merge
      // that fails the schema.
      const cityRow = change.level === 'city' ? undefined : latest.get(scopeKey('city', ''));
      const cityLayer = cityRow ? [configOverridesSchema.parse(JSON.parse(cityRow.overrides))] : [];
      const problems = mergedProblems(base(), mergeLayers([...cityLayer, typed]), null);
      if (problems.length === 0) {
        const reached = (await snapshot()).filter((e) =>
          scopesOf(e.place).some((s) => s.level === change.level && s.target === change.target),
        );
        for (const entry of reached) {
          const merged = configFor(entry.place, proposed).overrides;
          problems.push(...mergedProblems(base(), merged, { id: entry.station.id, siteKind: entry.place.siteKind }));
          if (problems.length > 0) break;
        }
      }
      if (problems.length > 0) return { ok: false, problems };
      const row = await db.get<ChangeRow>(
        `INSERT INTO fleet_config_changes (level, target, overrides, changed_by, changed_at)
         VALUES (?, ?, ?, ?, ?) RETURNING *`,
        [change.level, change.target, JSON.stringify(typed), by, clock.now()],
      );
      return { ok: true, version: overrideVersion(row!) };
    },

    async currentOverrides() {
      const rows = [...(await latestChanges()).values()].filter((r) => r.overrides !== '{}');
      return rows.sort((a, b) => b.id - a.id).map(overrideVersion);
    },

    async overrideHistory(scope) {
      const rows = scope
        ? await db.all<ChangeRow>(
            'SELECT * FROM fleet_config_changes WHERE level = ? AND target = ? ORDER BY id DESC LIMIT 500',
            [scope.level, scope.target],
          )
        : await db.all<ChangeRow>('SELECT * FROM fleet_config_changes ORDER BY id DESC LIMIT 500');
      return rows.map(overrideVersion);
    },

    async setOpeningHours(level, target, hours, by) {
      if (hours === null) {
        await db.run('DELETE FROM fleet_opening_hours WHERE level = ? AND target = ?', [level, target]);
        return;
      }
      await db.run(
        `INSERT INTO fleet_opening_hours (level, target, hours, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (level, target) DO UPDATE SET hours = excluded.hours, changed_by = excluded.changed_by,
           changed_at = excluded.changed_at`,
        [level, target, JSON.stringify(hours), by, clock.now()],
      );
    },

    async openingHours() {
      const entries = await hoursEntries();
      return [...entries].map(([key, hours]) => {
        const [level, ...rest] = key.split(':');
        return { level: level as OverrideLevel, target: rest.join(':'), hours };
      });
    },

    async setSite(stationId, site) {
      const known = (await accounts.listStations()).some((s) => s.id === stationId);
      if (!known) return false;
      await db.run(
        `INSERT INTO fleet_station_sites (station_id, site) VALUES (?, ?)
         ON CONFLICT (station_id) DO UPDATE SET site = excluded.site`,
        [stationId, site],
      );
      return true;
    },

    async sweepHistory() {
      const { changes } = await db.run('DELETE FROM fleet_health_history WHERE at < ?', [
        clock.now() - config.historyDays * 86_400_000,
      ]);
      return changes;
    },
  };
}

/** Exposed for the docs and the staff API: what applies where no hours are set. */
export { BUILT_IN_OPENING_HOURS };
