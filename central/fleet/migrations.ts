/**
 * The fleet tables (issue 13), applied under the owner `fleet`. Plain SQL both adapters accept
 * (BIGINT epoch-ms times, TEXT elsewhere), except the change log's auto-numbered version.
 *
 * - `fleet_stations`: one row per station, overwritten by every heartbeat (the cheap part).
 * - `fleet_health_history`: a sample of heartbeats (start, reset, anything that went wrong, state
 *   changes, else one per `historyEveryMinutes`), kept `historyDays` (14) by the retention sweep.
 * - `fleet_config_changes`: every override change ever made (who, when, what); the current
 *   overrides of a scope are its newest row, and a station's config version is the newest id
 *   among its four scopes.
 * - `fleet_actions`: queued remote actions and their acknowledgements.
 * - `fleet_alerts`: open and resolved alerts, with whether each notice reached the webhook.
 * - `fleet_opening_hours`, `fleet_station_sites`: what central knows about places.
 */
import type { Migration } from '../storage/storage.ts';

const common = `
CREATE TABLE fleet_stations (
  station_id TEXT PRIMARY KEY,
  first_seen_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  last_reason TEXT NOT NULL,
  app_version TEXT NOT NULL,
  host TEXT NOT NULL,
  state TEXT NOT NULL,
  out_of_order_cause TEXT,
  config_source TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  applied_version BIGINT NOT NULL,
  rejected_version BIGINT,
  rejected_problem TEXT,
  uptime_s INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  last_reset TEXT NOT NULL,
  free_disk_mb INTEGER,
  free_memory_mb INTEGER,
  central_reachable INTEGER NOT NULL,
  queue_backlog INTEGER NOT NULL,
  last_history_at BIGINT NOT NULL
);
CREATE TABLE fleet_health_history (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  state TEXT NOT NULL,
  app_version TEXT NOT NULL,
  applied_version BIGINT NOT NULL,
  rejected_version BIGINT,
  uptime_s INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  last_reset TEXT NOT NULL,
  failed_resets INTEGER NOT NULL,
  exits INTEGER NOT NULL,
  crashes INTEGER NOT NULL,
  free_disk_mb INTEGER,
  free_memory_mb INTEGER,
  central_reachable INTEGER NOT NULL,
  queue_backlog INTEGER NOT NULL
);
CREATE INDEX fleet_health_history_station ON fleet_health_history (station_id, at);
CREATE INDEX fleet_health_history_at ON fleet_health_history (at);
CREATE TABLE fleet_actions (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL,
  refusal TEXT,
  issued_at BIGINT NOT NULL,
  issued_by TEXT NOT NULL,
  delivered_at BIGINT,
  closed_at BIGINT
);
CREATE INDEX fleet_actions_station ON fleet_actions (station_id, state, issued_at);
CREATE TABLE fleet_alerts (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  resolved_at BIGINT,
  firing_sent_at BIGINT,
  resolved_sent_at BIGINT,
  -- station|kind while open, NULL once resolved: at most one open alert per kind, even with replicas.
  open_key TEXT UNIQUE
);
CREATE INDEX fleet_alerts_station ON fleet_alerts (station_id, kind, resolved_at);
CREATE TABLE fleet_opening_hours (
  level TEXT NOT NULL,
  target TEXT NOT NULL,
  hours TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (level, target)
);
CREATE TABLE fleet_station_sites (
  station_id TEXT PRIMARY KEY,
  site TEXT NOT NULL
);
`;

const changes = (idColumn: string) => `
CREATE TABLE fleet_config_changes (
  ${idColumn},
  level TEXT NOT NULL,
  target TEXT NOT NULL,
  overrides TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at BIGINT NOT NULL
);
CREATE INDEX fleet_config_changes_scope ON fleet_config_changes (level, target, id);
`;

export const fleetMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'fleet health, config overrides, actions, alerts, places',
    sqlite: common + changes('id INTEGER PRIMARY KEY AUTOINCREMENT'),
    postgres: common + changes('id BIGSERIAL PRIMARY KEY'),
  },
];
