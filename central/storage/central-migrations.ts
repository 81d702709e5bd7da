/**
 * Central's own tables. Never edit a released migration: append a new version.
 * Other owners (e.g. help requests) call `storage.migrate('help', theirs)` with their own list.
 */
import type { Migration } from './storage.ts';

const accounts = `
CREATE TABLE stations (
  id TEXT PRIMARY KEY,
  location TEXT NOT NULL,
  site_kind TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  password_salt TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE user_sessions (
  id_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX user_sessions_expiry ON user_sessions (expires_at);
`;

// One row per event. `dim` holds the event's single categorical value (service id, language,
// mode:on|off, help topic, end reason, app version) and `seconds` its one measure, so that every
// figure and the daily rollup are plain GROUP BYs. `day` and `hour_of_week` are Helsinki local
// time, computed at ingest, because both SQL dialects handle time zones differently.
const events = `
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  type TEXT NOT NULL,
  at_minute INTEGER NOT NULL,
  day TEXT NOT NULL,
  hour_of_week INTEGER NOT NULL,
  session_id TEXT,
  dim TEXT NOT NULL,
  seconds INTEGER
);
CREATE INDEX events_day ON events (day, type);
CREATE TABLE daily_totals (
  day TEXT NOT NULL,
  station_id TEXT NOT NULL,
  type TEXT NOT NULL,
  dim TEXT NOT NULL,
  events INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  seconds_sum BIGINT NOT NULL,
  PRIMARY KEY (day, station_id, type, dim)
);
`;

// Issue 10: display_name is what stations show (first name only), never the login name;
// disabled_at keeps a disabled user listed but unable to log in; created_at/last_seen_at of a
// session drive the idle timeout.
const accountLifecycle = `
ALTER TABLE users ADD COLUMN display_name TEXT;
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
ALTER TABLE user_sessions ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE user_sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX user_sessions_user ON user_sessions (user_name);
`;

// Issue 12: the dashboard's figures come from rollups kept in the ingest transaction
// (central/rollups/, ADR 0008) instead of grouping raw events per request. `daily_totals` becomes
// the day × station rollup for every day (raw days too); `daily_site_totals` is the same per site
// kind, so city-wide and per-site figures read a few hundred rows per day. `rollup_session_firsts`
// remembers which (station, day, type, dim, session) was counted, so a session split across
// batches or sent twice counts once; `session_slots` and `site_session_slots` hold the two figures
// that need per-event detail (hour of week of a session start, minute of a session length) and,
// like the raw events they stand for, only for the raw window. The backfill below computes them
// from the rows already stored (the same as `npm run central -- rollups rebuild`). Keys lead with
// what every dashboard query fixes (type or figure, then the day range); SQLite stores the new
// tables in key order (WITHOUT ROWID), PostgreSQL reads them through the key's index.
// Both daily_totals indexes cover the columns the dashboard sums: at city size SQLite's planner
// skip-scans the station index for the per-station figure, and a table lookup per row cost most
// of the city-wide 365-day summary (bench:dashboard).
const rollupsDdl = (withoutRowid: string) => `
CREATE INDEX daily_totals_type_day ON daily_totals (type, day, station_id, events);
CREATE INDEX daily_totals_station ON daily_totals (station_id, type, day, dim, events, sessions, seconds_sum);
CREATE TABLE daily_site_totals (
  day TEXT NOT NULL,
  site_kind TEXT NOT NULL,
  type TEXT NOT NULL,
  dim TEXT NOT NULL,
  events INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  seconds_sum BIGINT NOT NULL,
  PRIMARY KEY (type, day, site_kind, dim)
)${withoutRowid};
CREATE TABLE rollup_session_firsts (
  station_id TEXT NOT NULL,
  day TEXT NOT NULL,
  type TEXT NOT NULL,
  dim TEXT NOT NULL,
  session_id TEXT NOT NULL,
  PRIMARY KEY (session_id, station_id, day, type, dim)
)${withoutRowid};
CREATE INDEX rollup_session_firsts_day ON rollup_session_firsts (day);
CREATE TABLE session_slots (
  day TEXT NOT NULL,
  station_id TEXT NOT NULL,
  figure TEXT NOT NULL,
  slot INTEGER NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (station_id, figure, day, slot)
)${withoutRowid};
CREATE INDEX session_slots_day ON session_slots (day);
CREATE TABLE site_session_slots (
  day TEXT NOT NULL,
  site_kind TEXT NOT NULL,
  figure TEXT NOT NULL,
  slot INTEGER NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (figure, day, site_kind, slot)
)${withoutRowid};
CREATE INDEX site_session_slots_day ON site_session_slots (day);
DELETE FROM daily_totals WHERE day IN (SELECT day FROM events);
INSERT INTO daily_totals (day, station_id, type, dim, events, sessions, seconds_sum)
  SELECT day, station_id, type, dim, COUNT(*), COUNT(DISTINCT session_id), COALESCE(SUM(seconds), 0)
  FROM events GROUP BY day, station_id, type, dim;
INSERT INTO rollup_session_firsts (station_id, day, type, dim, session_id)
  SELECT DISTINCT station_id, day, type, dim, session_id FROM events WHERE session_id IS NOT NULL;
INSERT INTO daily_site_totals (day, site_kind, type, dim, events, sessions, seconds_sum)
  SELECT t.day, s.site_kind, t.type, t.dim, SUM(t.events), SUM(t.sessions), SUM(t.seconds_sum)
  FROM daily_totals t JOIN stations s ON s.id = t.station_id GROUP BY t.day, s.site_kind, t.type, t.dim;
INSERT INTO session_slots (day, station_id, figure, slot, events)
  SELECT day, station_id, 'hour', hour_of_week, COUNT(*) FROM events WHERE type = 'session.started'
  GROUP BY day, station_id, hour_of_week;
INSERT INTO session_slots (day, station_id, figure, slot, events)
  SELECT day, station_id, 'length-minute', seconds / 60, COUNT(*) FROM events
  WHERE type = 'session.ended' AND seconds IS NOT NULL GROUP BY day, station_id, seconds / 60;
INSERT INTO site_session_slots (day, site_kind, figure, slot, events)
  SELECT t.day, s.site_kind, t.figure, t.slot, SUM(t.events)
  FROM session_slots t JOIN stations s ON s.id = t.station_id GROUP BY t.day, s.site_kind, t.figure, t.slot;
`;

// Issue 12, step 2 (ADR 0008, amended): month rollups, so a year's summary reads a dozen rows per
// station and key instead of 365. Each month row is the sum of its days' rows (sessions included,
// as summing days always counted them), kept at ingest in the same transaction; ranges read whole
// months here and the days at their edges from the daily tables. The backfill sums the daily
// tables, which hold every day (raw and folded), so nothing else is needed.
const monthRollupsDdl = (withoutRowid: string) => `
CREATE TABLE monthly_totals (
  month TEXT NOT NULL,
  station_id TEXT NOT NULL,
  type TEXT NOT NULL,
  dim TEXT NOT NULL,
  events INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  seconds_sum BIGINT NOT NULL,
  PRIMARY KEY (station_id, type, month, dim)
)${withoutRowid};
CREATE INDEX monthly_totals_type_month ON monthly_totals (type, month, station_id, events);
CREATE TABLE monthly_site_totals (
  month TEXT NOT NULL,
  site_kind TEXT NOT NULL,
  type TEXT NOT NULL,
  dim TEXT NOT NULL,
  events INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  seconds_sum BIGINT NOT NULL,
  PRIMARY KEY (type, month, site_kind, dim)
)${withoutRowid};
INSERT INTO monthly_totals (month, station_id, type, dim, events, sessions, seconds_sum)
  SELECT SUBSTR(day, 1, 7), station_id, type, dim, SUM(events), SUM(sessions), SUM(seconds_sum)
  FROM daily_totals GROUP BY SUBSTR(day, 1, 7), station_id, type, dim;
INSERT INTO monthly_site_totals (month, site_kind, type, dim, events, sessions, seconds_sum)
  SELECT SUBSTR(day, 1, 7), site_kind, type, dim, SUM(events), SUM(sessions), SUM(seconds_sum)
  FROM daily_site_totals GROUP BY SUBSTR(day, 1, 7), site_kind, type, dim;
`;

// Wrong passwords per login name as typed (lower-cased), shared by every replica
// (central/auth/login-throttle.ts). A row is deleted within a minute of being forgotten (15
// minutes after its last wrong password), or at once by a right password.
const loginThrottle = `
CREATE TABLE login_throttle (
  name_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at BIGINT NOT NULL,
  allowed_at BIGINT NOT NULL
);
CREATE INDEX login_throttle_last_failure ON login_throttle (last_failure_at);
`;

/** Central's migrations, applied by `buildCentral` at boot. */
export const centralMigrations: readonly Migration[] = [
  { version: 1, name: 'accounts', sqlite: accounts, postgres: accounts },
  { version: 2, name: 'usage events and daily totals', sqlite: events, postgres: events },
  {
    version: 3,
    name: 'display names, disabled users, session idle time',
    sqlite: accountLifecycle,
    postgres: accountLifecycle,
  },
  {
    version: 4,
    name: 'dashboard rollups kept at ingest',
    sqlite: rollupsDdl(' WITHOUT ROWID'),
    postgres: rollupsDdl(''),
  },
  {
    version: 5,
    name: 'month rollups for the dashboard',
    sqlite: monthRollupsDdl(' WITHOUT ROWID'),
    postgres: monthRollupsDdl(''),
  },
  { version: 6, name: 'login throttle shared by replicas', sqlite: loginThrottle, postgres: loginThrottle },
];
