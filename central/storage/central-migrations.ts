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
];
