/**
 * Stations and users: the only accounts central knows. Station tokens and session ids are stored
 * only as SHA-256 hashes; passwords only as scrypt hashes with their parameters and a per-user
 * salt. Every operation that ends a right (logout, revoke, disable, password change) also tells
 * `AccessEvents`, so open live streams end at once.
 */
import { z } from 'zod';
import { roleSchema, type Role } from '../../protocol/auth.ts';
import { siteKindSchema, type SiteKind } from '../../protocol/dashboard.ts';
import { slugSchema } from '../../protocol/events.ts';
import type { HelpStreamEndReason } from '../../protocol/help.ts';
import type { CentralClock } from '../infrastructure/clock.ts';
import type { Storage } from '../storage/storage.ts';
import type { AccessEnded, AccessEvents } from './access-events.ts';
import {
  CURRENT_SCRYPT,
  hashPassword,
  needsRehash,
  randomSecret,
  sha256,
  verifyPassword,
  type ScryptParams,
} from './secrets.ts';

// Site kinds and roles cross the wire (dashboard filter, `me`), so protocol/ owns them.
export { ROLES, roleSchema, type Role } from '../../protocol/auth.ts';
export { SITE_KINDS, siteKindSchema, type SiteKind } from '../../protocol/dashboard.ts';

export const newStationSchema = z
  .object({ id: slugSchema, location: z.string().trim().min(1).max(200), siteKind: siteKindSchema })
  .strict();
export const userNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2-64 characters: a-z, 0-9, dot, dash, underscore');
/** A first name only (what a visitor sees on the station): letters, hyphen or apostrophe, no spaces. */
export const displayNameSchema = z
  .string()
  .trim()
  .regex(/^\p{L}[\p{L}'’-]{0,39}$/u, 'must be a first name only: 1-40 letters, no spaces');
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200);
export const newUserSchema = z
  .object({
    name: userNameSchema,
    role: roleSchema,
    password: passwordSchema,
    displayName: displayNameSchema.optional(),
  })
  .strict();

/** The display name a user gets when none is given: the user name up to its first `.`, `_` or `-`. */
export function defaultDisplayName(name: string): string {
  const first = (name.split(/[._-]/)[0] ?? '').replace(/[^\p{L}]/gu, '');
  return first.length > 0 ? first.slice(0, 40) : 'Neuvoja';
}

/** A station as the server sees it after its token was checked. */
export interface AuthenticatedStation {
  id: string;
  location: string;
  siteKind: SiteKind;
}
/** A station as listed by the admin CLI. */
export interface StationListing extends AuthenticatedStation {
  createdAt: number;
  revokedAt: number | null;
}
/** A logged-in person. */
export interface AuthenticatedUser {
  name: string;
  /** First name only: what stations and other advisors see. */
  displayName: string;
  role: Role;
  /** The session's CSRF token: state-changing requests must echo it in `x-csrf-token`. */
  csrfToken: string;
  /** The stored hash of the session id, so a stream can re-check exactly this session. */
  sessionIdHash: string;
}
/** A user as listed by the admin CLI and API (never a hash). */
export interface UserListing {
  name: string;
  displayName: string;
  role: Role;
  createdAt: number;
  disabledAt: number | null;
  activeSessions: number;
}

/** Error for account operations a person can fix (duplicate id, unknown station). */
export class AccountError extends Error {}

/** Lifetimes and hashing cost; defaults suit the CLI (which never creates sessions). */
export interface AccountOptions {
  /** Absolute lifetime of a login session. Default 12 h. */
  sessionTtlMs?: number;
  /** A session unused this long ends. Default 30 min. */
  sessionIdleMs?: number;
  /** scrypt parameters for new hashes; weaker stored hashes are upgraded at login. */
  scrypt?: ScryptParams;
  /** Told whenever a right ends; none in the CLI. */
  events?: AccessEvents;
}

/** Whether a stored session is still valid, and why not. */
export type SessionCheck = { ok: true; user: AuthenticatedUser } | { ok: false; reason: HelpStreamEndReason };

// A session's last use is written at most this often, so reads do not turn into a write per request.
const SEEN_WRITE_INTERVAL_MS = 30_000;

type SessionRow = {
  name: string;
  display_name: string | null;
  role: Role;
  disabled_at: number | null;
  csrf_token: string;
  expires_at: number;
  last_seen_at: number;
};

/** Creates the account service over storage. Tables come from central's and auth's migrations. */
export function createAccounts(storage: Storage, clock: CentralClock, options: AccountOptions = {}) {
  const sessionTtlMs = options.sessionTtlMs ?? 12 * 3600_000;
  const sessionIdleMs = options.sessionIdleMs ?? 30 * 60_000;
  const scrypt = options.scrypt ?? CURRENT_SCRYPT;
  const publish = async (event: AccessEnded) => options.events?.publish(event);

  async function requireUser(name: string): Promise<void> {
    if (!(await storage.get('SELECT name FROM users WHERE name = ?', [name])))
      throw new AccountError(`no user ${name}`);
  }

  async function endUserSessions(name: string, reason: HelpStreamEndReason, keepHash?: string): Promise<number> {
    const { changes } =
      keepHash === undefined
        ? await storage.run('DELETE FROM user_sessions WHERE user_name = ?', [name])
        : await storage.run('DELETE FROM user_sessions WHERE user_name = ? AND id_hash <> ?', [name, keepHash]);
    if (keepHash === undefined) await publish({ kind: 'user', name, reason });
    return changes;
  }

  async function checkSession(idHash: string, touch: boolean): Promise<SessionCheck> {
    const row = await storage.get<SessionRow>(
      `SELECT u.name, u.display_name, u.role, u.disabled_at, s.csrf_token, s.expires_at, s.last_seen_at
         FROM user_sessions s JOIN users u ON u.name = s.user_name WHERE s.id_hash = ?`,
      [idHash],
    );
    const now = clock.now();
    if (!row) return { ok: false, reason: 'session-revoked' };
    if (row.disabled_at !== null) return { ok: false, reason: 'account-disabled' };
    if (Number(row.expires_at) <= now || now - Number(row.last_seen_at) >= sessionIdleMs) {
      await storage.run('DELETE FROM user_sessions WHERE id_hash = ?', [idHash]);
      return { ok: false, reason: 'session-expired' };
    }
    if (touch && now - Number(row.last_seen_at) >= SEEN_WRITE_INTERVAL_MS)
      await storage.run('UPDATE user_sessions SET last_seen_at = ? WHERE id_hash = ?', [now, idHash]);
    return {
      ok: true,
      user: {
        name: row.name,
        displayName: row.display_name ?? defaultDisplayName(row.name),
        role: row.role,
        csrfToken: row.csrf_token,
        sessionIdHash: idHash,
      },
    };
  }

  return {
    /** Registers a station and returns its token: the only time the token exists in clear. */
    async addStation(
      input: z.input<typeof newStationSchema>,
    ): Promise<{ station: AuthenticatedStation; token: string }> {
      const station = newStationSchema.parse(input);
      if (await storage.get('SELECT id FROM stations WHERE id = ?', [station.id]))
        throw new AccountError(`station ${station.id} already exists`);
      const token = randomSecret('kst_');
      await storage.run(
        'INSERT INTO stations (id, location, site_kind, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)',
        [station.id, station.location, station.siteKind, sha256(token), clock.now()],
      );
      return { station, token };
    },

    async listStations(): Promise<StationListing[]> {
      const rows = await storage.all<{
        id: string;
        location: string;
        site_kind: SiteKind;
        created_at: number;
        revoked_at: number | null;
      }>('SELECT id, location, site_kind, created_at, revoked_at FROM stations ORDER BY id');
      return rows.map((r) => ({
        id: r.id,
        location: r.location,
        siteKind: r.site_kind,
        createdAt: Number(r.created_at),
        revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
      }));
    },

    /** Revokes a station's token at once; its stored events stay. Open streams end (`station-revoked`). */
    async revokeStation(id: string): Promise<void> {
      const { changes } = await storage.run('UPDATE stations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
        clock.now(),
        id,
      ]);
      if (changes === 0) throw new AccountError(`no active station ${id}`);
      await publish({ kind: 'station', stationId: id, reason: 'station-revoked' });
    },

    /**
     * Gives a station (active or revoked) a new token under the same id, so its statistics stay one
     * series; the old token stops at once and its streams end. Returns the new token, shown once.
     */
    async rotateStation(id: string): Promise<string> {
      const token = randomSecret('kst_');
      const { changes } = await storage.run('UPDATE stations SET token_hash = ?, revoked_at = NULL WHERE id = ?', [
        sha256(token),
        id,
      ]);
      if (changes === 0) throw new AccountError(`no station ${id}`);
      await publish({ kind: 'station', stationId: id, reason: 'station-revoked' });
      return token;
    },

    /** The station a bearer token belongs to, or null when unknown or revoked. */
    async stationForToken(token: string): Promise<AuthenticatedStation | null> {
      const row = await storage.get<{ id: string; location: string; site_kind: SiteKind }>(
        'SELECT id, location, site_kind FROM stations WHERE token_hash = ? AND revoked_at IS NULL',
        [sha256(token)],
      );
      return row ? { id: row.id, location: row.location, siteKind: row.site_kind } : null;
    },

    /** Whether a station still holds the token with this hash (streams re-check on each heartbeat). */
    async stationTokenValid(stationId: string, token: string): Promise<boolean> {
      return Boolean(
        await storage.get('SELECT id FROM stations WHERE id = ? AND token_hash = ? AND revoked_at IS NULL', [
          stationId,
          sha256(token),
        ]),
      );
    },

    async addUser(input: z.input<typeof newUserSchema>): Promise<void> {
      const user = newUserSchema.parse(input);
      if (await storage.get('SELECT name FROM users WHERE name = ?', [user.name]))
        throw new AccountError(`user ${user.name} already exists`);
      const { hash, salt } = await hashPassword(user.password, scrypt);
      await storage.run(
        'INSERT INTO users (name, role, password_hash, password_salt, created_at, display_name) VALUES (?, ?, ?, ?, ?, ?)',
        [user.name, user.role, hash, salt, clock.now(), user.displayName ?? defaultDisplayName(user.name)],
      );
    },

    async listUsers(): Promise<UserListing[]> {
      const rows = await storage.all<{
        name: string;
        display_name: string | null;
        role: Role;
        created_at: number;
        disabled_at: number | null;
        sessions: number;
      }>(
        `SELECT u.name, u.display_name, u.role, u.created_at, u.disabled_at,
                (SELECT COUNT(*) FROM user_sessions s WHERE s.user_name = u.name AND s.expires_at > ?) AS sessions
           FROM users u ORDER BY u.name`,
        [clock.now()],
      );
      return rows.map((r) => ({
        name: r.name,
        displayName: r.display_name ?? defaultDisplayName(r.name),
        role: r.role,
        createdAt: Number(r.created_at),
        disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
        activeSessions: Number(r.sessions),
      }));
    },

    /** Disables a user: no login, every session and stream ended (`account-disabled`). */
    async disableUser(name: string): Promise<void> {
      await requireUser(name);
      await storage.run('UPDATE users SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL', [clock.now(), name]);
      await endUserSessions(name, 'account-disabled');
    },

    async enableUser(name: string): Promise<void> {
      await requireUser(name);
      await storage.run('UPDATE users SET disabled_at = NULL WHERE name = ?', [name]);
    },

    /** Deletes a user and their sessions (help requests they handled keep their display name). */
    async removeUser(name: string): Promise<void> {
      await requireUser(name);
      await endUserSessions(name, 'account-disabled');
      await storage.run('DELETE FROM users WHERE name = ?', [name]);
    },

    /** Sets a new password; every session of the user ends (`session-revoked`). */
    async setPassword(name: string, password: string): Promise<void> {
      const checked = passwordSchema.parse(password);
      await requireUser(name);
      const { hash, salt } = await hashPassword(checked, scrypt);
      await storage.run('UPDATE users SET password_hash = ?, password_salt = ? WHERE name = ?', [hash, salt, name]);
      await endUserSessions(name, 'session-revoked');
    },

    async setDisplayName(name: string, displayName: string): Promise<void> {
      const checked = displayNameSchema.parse(displayName);
      await requireUser(name);
      await storage.run('UPDATE users SET display_name = ? WHERE name = ?', [checked, name]);
    },

    /** "Log out everywhere": ends every session of the user; returns how many there were. */
    async endUserSessions(name: string): Promise<number> {
      await requireUser(name);
      return endUserSessions(name, 'session-revoked');
    },

    /**
     * Checks a password; returns the user's role or null. Unknown names and disabled users cost as
     * much as wrong passwords. A correct password stored with weaker parameters is rehashed.
     */
    async checkPassword(name: string, password: string): Promise<Role | null> {
      const row = await storage.get<{
        role: Role;
        password_hash: string;
        password_salt: string;
        disabled_at: number | null;
      }>('SELECT role, password_hash, password_salt, disabled_at FROM users WHERE name = ?', [name]);
      if (!row) {
        await hashPassword(password, scrypt);
        return null;
      }
      if (!(await verifyPassword(password, row.password_hash, row.password_salt))) return null;
      if (row.disabled_at !== null) return null;
      if (needsRehash(row.password_hash, scrypt)) {
        const { hash, salt } = await hashPassword(password, scrypt);
        await storage.run('UPDATE users SET password_hash = ?, password_salt = ? WHERE name = ?', [hash, salt, name]);
      }
      return row.role;
    },

    /**
     * Starts a login session and ends the user's earlier ones (a re-login must not leave an old,
     * possibly stolen session alive). Returns the cookie value (only its hash is stored) and the
     * CSRF token.
     */
    async createSession(name: string): Promise<{ sessionId: string; csrfToken: string; expiresAt: number }> {
      const sessionId = randomSecret();
      const csrfToken = randomSecret();
      const now = clock.now();
      const expiresAt = now + sessionTtlMs;
      // Expired sessions are swept on each login, so the table stays small without a timer.
      await storage.run('DELETE FROM user_sessions WHERE expires_at < ?', [now]);
      const idHash = sha256(sessionId);
      await storage.run(
        'INSERT INTO user_sessions (id_hash, user_name, csrf_token, expires_at, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)',
        [idHash, name, csrfToken, expiresAt, now, now],
      );
      const earlier = await storage.all<{ id_hash: string }>(
        'SELECT id_hash FROM user_sessions WHERE user_name = ? AND id_hash <> ?',
        [name, idHash],
      );
      await endUserSessions(name, 'session-revoked', idHash);
      for (const { id_hash } of earlier)
        await publish({ kind: 'session', sessionIdHash: id_hash, reason: 'session-revoked' });
      return { sessionId, csrfToken, expiresAt };
    },

    /** The user of a valid session, marking it used (idle timeout); null when ended, expired or idle. */
    async userForSession(sessionId: string): Promise<AuthenticatedUser | null> {
      const check = await checkSession(sha256(sessionId), true);
      return check.ok ? check.user : null;
    },

    /** Re-checks a session without counting it as use (live streams on each heartbeat). */
    async checkSessionHash(sessionIdHash: string): Promise<SessionCheck> {
      return checkSession(sessionIdHash, false);
    },

    async endSession(sessionId: string): Promise<void> {
      const idHash = sha256(sessionId);
      await storage.run('DELETE FROM user_sessions WHERE id_hash = ?', [idHash]);
      await publish({ kind: 'session', sessionIdHash: idHash, reason: 'logged-out' });
    },
  };
}

/** The account service, as passed to routes and plugins. */
export type Accounts = ReturnType<typeof createAccounts>;
