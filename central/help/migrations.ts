/**
 * The help tables, applied by central's storage under the owner `help`. The DDL is plain SQL both
 * SQLite and PostgreSQL accept (BIGINT epoch-ms times, TEXT everywhere else), so one text serves both.
 */
import type { Migration } from '../storage/storage.ts';

const V1 = [
  `CREATE TABLE IF NOT EXISTS help_requests (
        id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL,
        location TEXT NOT NULL,
        session_id TEXT NOT NULL,
        language TEXT NOT NULL,
        topic TEXT NOT NULL,
        mode TEXT NOT NULL,
        accessibility_modes TEXT NOT NULL,
        service_id TEXT,
        state TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        claimed_by_id TEXT,
        claimed_by_name TEXT,
        claimed_at BIGINT,
        first_claimed_at BIGINT,
        closed_at BIGINT,
        returned_count INTEGER NOT NULL DEFAULT 0
      )`,
  `CREATE INDEX IF NOT EXISTS help_requests_state ON help_requests (state, created_at)`,
  `CREATE INDEX IF NOT EXISTS help_requests_station ON help_requests (station_id, created_at)`,
  `CREATE TABLE IF NOT EXISTS help_messages (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
        sender TEXT NOT NULL,
        text TEXT NOT NULL,
        at BIGINT NOT NULL
      )`,
  `CREATE INDEX IF NOT EXISTS help_messages_request ON help_messages (request_id, at)`,
].join(';\n');

// Data minimisation (issue 10): a closed request no longer needs the visit's session id, which
// would join it to that visit's usage events, so it is cleared on close and here for rows already
// closed. `help_daily` keeps what the statistics need once the requests themselves are deleted
// after `requestRetentionDays`: counts per local day, station, topic, mode, outcome and wait
// bucket, with no session, no advisor and no chat.
const V2 = [
  `UPDATE help_requests SET session_id = '' WHERE state NOT IN ('queued', 'claimed')`,
  `CREATE TABLE IF NOT EXISTS help_daily (
        day TEXT NOT NULL,
        station_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        mode TEXT NOT NULL,
        outcome TEXT NOT NULL,
        wait_bucket TEXT NOT NULL,
        requests INTEGER NOT NULL,
        returned INTEGER NOT NULL,
        PRIMARY KEY (day, station_id, topic, mode, outcome, wait_bucket)
      )`,
  // The sweep looks for closed requests by closing time every few seconds.
  `CREATE INDEX IF NOT EXISTS help_requests_closed ON help_requests (closed_at)`,
].join(';\n');

// Several replicas (issue 12): presence lives in the database so every replica counts the same
// advisors online and the silence check sees heartbeats made on any replica. `help_presence` holds
// one row per advisor seen today (login id, first name, status, last heard from); each replica
// counts its own open console streams per advisor in `help_presence_streams`, refreshed by its
// sweep, so a replica that died (SIGKILL) stops counting once its rows go stale.
const V3_PRESENCE = [
  `CREATE TABLE IF NOT EXISTS help_presence (
        advisor_id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        status TEXT NOT NULL,
        first_seen BIGINT NOT NULL,
        last_seen BIGINT NOT NULL
      )`,
  `CREATE TABLE IF NOT EXISTS help_presence_streams (
        replica_id TEXT NOT NULL,
        advisor_id TEXT NOT NULL,
        connections INTEGER NOT NULL,
        refreshed_at BIGINT NOT NULL,
        PRIMARY KEY (replica_id, advisor_id)
      )`,
];
// PostgreSQL only: the shared live-event log behind Last-Event-ID replay on any replica
// (pg-event-log.ts). Ids come from one sequence; `epoch` tells this database's ids from another's.
// SQLite is single-process and keeps its events in memory.
const V3_EVENTS = [
  `CREATE TABLE IF NOT EXISTS help_events (
        seq BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        audience TEXT NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL
      )`,
  `CREATE TABLE IF NOT EXISTS help_event_epoch (epoch BIGINT NOT NULL)`,
  `INSERT INTO help_event_epoch (epoch) SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT
     WHERE NOT EXISTS (SELECT 1 FROM help_event_epoch)`,
];

// Screen shares across replicas (issue 16): a share lives in the database, not in the memory of
// the replica that took the ask, so any replica can check a call against it, end it, and sweep it
// past its maximum. Only who, which station, when and why it ended: nothing of what was seen. At
// most one live share per request (the partial unique index), so two asks racing on two replicas
// cannot both open one. `audited_at` is claimed before the audit record is logged, so exactly one
// replica writes it. Rows go a short while after the share ended (screen-share-store.ts).
const V4_SCREEN_SHARES = [
  `CREATE TABLE IF NOT EXISTS help_screen_shares (
        share_id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        station_id TEXT NOT NULL,
        advisor_id TEXT NOT NULL,
        session_id_hash TEXT NOT NULL,
        phase TEXT NOT NULL,
        asked_at BIGINT NOT NULL,
        started_at BIGINT,
        ended_at BIGINT,
        end_reason TEXT,
        audited_at BIGINT
      )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS help_screen_shares_live ON help_screen_shares (request_id) WHERE phase <> 'ended'`,
  `CREATE INDEX IF NOT EXISTS help_screen_shares_phase ON help_screen_shares (phase, ended_at)`,
].join(';\n');

export const HELP_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'help requests and chat', sqlite: V1, postgres: V1 },
  { version: 2, name: 'help session ids cleared on close, daily help counts', sqlite: V2, postgres: V2 },
  {
    version: 3,
    name: 'help presence in the database, shared live events (PostgreSQL)',
    sqlite: V3_PRESENCE.join(';\n'),
    postgres: [...V3_PRESENCE, ...V3_EVENTS].join(';\n'),
  },
  { version: 4, name: 'screen shares in the database', sqlite: V4_SCREEN_SHARES, postgres: V4_SCREEN_SHARES },
];

/** Row as both drivers return it (pg returns BIGINT as string). */
export interface HelpRequestRow {
  id: string;
  station_id: string;
  location: string;
  session_id: string;
  language: string;
  topic: string;
  mode: string;
  accessibility_modes: string;
  service_id: string | null;
  state: string;
  created_at: number | string;
  claimed_by_id: string | null;
  claimed_by_name: string | null;
  claimed_at: number | string | null;
  first_claimed_at: number | string | null;
  closed_at: number | string | null;
  returned_count: number;
}

export interface HelpMessageRow {
  id: string;
  request_id: string;
  sender: string;
  text: string;
  at: number | string;
}
