/**
 * Alerts (issue 13): evaluated by a periodic job on central's clock. A condition opens one alert
 * per station and kind; its `firing` notice goes to the webhook once, and a `resolved` notice once
 * the condition has cleared. A notice that could not be delivered is retried on the next run; a
 * notice is claimed in the database before sending, so two replicas never both send it.
 *
 * Conditions:
 * - `offline`: not heard from, and the opening hours since it was last seen add up to at least
 *   `offlineAlertMinutes` (a library closed for the night never fires). Resolves when it is back.
 * - `failing-resets`: at least `failedResetsForAlert` exits 77 within `problemWindowMinutes`.
 * - `restart-loop`: at least `startsForRestartLoop` starts within `problemWindowMinutes`.
 */
import { v7 as uuidv7 } from 'uuid';
import type { FleetAlertKind, FleetAlertWebhook } from '../../protocol/fleet.ts';
import type { CentralClock } from '../infrastructure/clock.ts';
import type { Storage } from '../storage/storage.ts';
import type { FleetConfig } from './fleet-config.ts';
import type { FleetService, FleetSnapshotEntry } from './fleet-service.ts';
import { openMillisBetween } from './opening-hours.ts';

/** Sends one notice; resolves true when the receiver took it (2xx). */
export type AlertSender = (url: string, body: FleetAlertWebhook) => Promise<boolean>;

/** POSTs JSON with a short timeout; any failure is "not delivered" (retried next run). */
export const postJson: AlertSender = async (url, body) => {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
};

export interface FleetAlerts {
  /** Opens and resolves alerts for the current state, then sends the notices not yet sent. */
  evaluate(): Promise<{ opened: number; resolved: number; sent: number }>;
}

interface AlertRow {
  id: string;
  station_id: string;
  kind: FleetAlertKind;
  opened_at: number;
  resolved_at: number | null;
  firing_sent_at: number | null;
  resolved_sent_at: number | null;
  [key: string]: unknown;
}

const SUMMARIES: Record<FleetAlertKind, string> = {
  offline: 'is offline during opening hours',
  'failing-resets': 'keeps failing its visitor reset (exit 77)',
  'restart-loop': 'restarts in a loop',
};

/** Which alert conditions hold for a station now. */
export function activeConditions(entry: FleetSnapshotEntry, now: number, config: FleetConfig): Set<FleetAlertKind> {
  const active = new Set<FleetAlertKind>();
  const { station, hours, recent } = entry;
  if (station.lastSeenAt !== null && now - station.lastSeenAt > config.offlineAfterSeconds * 1000) {
    const limit = config.offlineAlertMinutes * 60_000;
    if (openMillisBetween(hours, station.lastSeenAt, now, limit) >= limit) active.add('offline');
  }
  const online = station.status !== 'offline' && station.status !== 'closed';
  if (online && recent.failedResets >= config.failedResetsForAlert) active.add('failing-resets');
  if (online && recent.starts >= config.startsForRestartLoop) active.add('restart-loop');
  return active;
}

export function createFleetAlerts(deps: {
  storage: Storage;
  clock: CentralClock;
  config: FleetConfig;
  fleet: FleetService;
  send?: AlertSender;
  newId?: () => string;
}): FleetAlerts {
  const { storage: db, clock, config, fleet } = deps;
  const send = deps.send ?? postJson;
  const newId = deps.newId ?? uuidv7;

  async function deliver(row: AlertRow, state: 'firing' | 'resolved', site: string): Promise<boolean> {
    const url = config.alertWebhookUrl;
    if (!url) return false;
    const column = state === 'firing' ? 'firing_sent_at' : 'resolved_sent_at';
    const now = clock.now();
    // Claim first: another replica running the same evaluation finds it taken.
    const { changes } = await db.run(`UPDATE fleet_alerts SET ${column} = ? WHERE id = ? AND ${column} IS NULL`, [
      now,
      row.id,
    ]);
    if (changes === 0) return false;
    const ok = await send(url, {
      alertId: row.id,
      state,
      kind: row.kind,
      stationId: row.station_id,
      site,
      since: new Date(row.opened_at).toISOString(),
      at: new Date(now).toISOString(),
      summary:
        state === 'firing'
          ? `Station ${row.station_id} (${site}) ${SUMMARIES[row.kind]}.`
          : `Station ${row.station_id} (${site}) has recovered (${row.kind}).`,
    });
    if (!ok) await db.run(`UPDATE fleet_alerts SET ${column} = NULL WHERE id = ?`, [row.id]);
    return ok;
  }

  return {
    async evaluate() {
      const now = clock.now();
      const entries = await fleet.snapshot();
      const open = await db.all<AlertRow>('SELECT * FROM fleet_alerts WHERE resolved_at IS NULL');
      const openByKey = new Map(open.map((a) => [`${a.station_id}|${a.kind}`, a]));
      const siteOf = new Map(entries.map((e) => [e.station.id, e.place.site]));
      let opened = 0;
      let resolved = 0;
      for (const entry of entries) {
        const active = activeConditions(entry, now, config);
        for (const kind of active) {
          const key = `${entry.station.id}|${kind}`;
          if (openByKey.has(key)) continue;
          // Offline counts from when the station was last seen; the others from now.
          const since = kind === 'offline' ? (entry.station.lastSeenAt ?? now) : now;
          opened += await db.insertIgnoringDuplicates(
            'fleet_alerts',
            ['id', 'station_id', 'kind', 'opened_at', 'resolved_at', 'firing_sent_at', 'resolved_sent_at', 'open_key'],
            [[newId(), entry.station.id, kind, since, null, null, null, key]],
            'open_key',
          );
        }
        for (const alert of open) {
          if (alert.station_id !== entry.station.id || active.has(alert.kind)) continue;
          const { changes } = await db.run(
            'UPDATE fleet_alerts SET resolved_at = ?, open_key = NULL WHERE id = ? AND resolved_at IS NULL',
            [now, alert.id],
          );
          resolved += changes;
        }
      }
      // Alerts of stations revoked since resolve too: nobody is waiting for them any more.
      const known = new Set(entries.map((e) => e.station.id));
      for (const alert of open.filter((a) => !known.has(a.station_id)))
        resolved += (
          await db.run(
            'UPDATE fleet_alerts SET resolved_at = ?, open_key = NULL WHERE id = ? AND resolved_at IS NULL',
            [now, alert.id],
          )
        ).changes;

      let sent = 0;
      const unsent = await db.all<AlertRow>(
        `SELECT * FROM fleet_alerts WHERE firing_sent_at IS NULL OR (resolved_at IS NOT NULL AND resolved_sent_at IS NULL)
          ORDER BY opened_at`,
      );
      for (const row of unsent) {
        const site = siteOf.get(row.station_id) ?? row.station_id;
        if (row.firing_sent_at === null) {
          if (!(await deliver(row, 'firing', site))) continue;
          sent += 1;
        }
        if (row.resolved_at !== null && (await deliver(row, 'resolved', site))) sent += 1;
      }
      return { opened, resolved, sent };
    },
  };
}
