/**
 * Stations and users: the only accounts central knows. Station tokens and session ids are stored
 * only as SHA-256 hashes; passwords only as scrypt hashes with a per-user salt.
 */
import { z } from 'zod';
import { roleSchema, type Role } from '../../protocol/auth.ts';
import { siteKindSchema, type SiteKind } from '../../protocol/dashboard.ts';
import { slugSchema } from '../../protocol/events.ts';
import type { CentralClock } from '../infrastructure/clock.ts';
import type { Storage } from '../storage/storage.ts';
import { hashPassword, randomSecret, sha256, verifyPassword } from './secrets.ts';

// Site kinds and roles cross the wire (dashboard filter, `me`), so protocol/ owns them.
export { ROLES, roleSchema, type Role } from '../../protocol/auth.ts';
export { SITE_KINDS, siteKindSchema, type SiteKind } from '../../protocol/dashboard.ts';

export const newStationSchema = z
  .object({ id: slugSchema, location: z.string().trim().min(1).max(200), siteKind: siteKindSchema })
  .strict();
export const newUserSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2-64 characters: a-z, 0-9, dot, dash, underscore'),
    role: roleSchema,
    password: z.string().min(10, 'must be at least 10 characters').max(200),
  })
  .strict();

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
  role: Role;
  /** The session's CSRF token: state-changing requests must echo it in `x-csrf-token`. */
  csrfToken: string;
}

/** Error for account operations a person can fix (duplicate id, unknown station). */
export class AccountError extends Error {}

/** Creates the account service over storage. Tables come from central's migrations. */
export function createAccounts(storage: Storage, clock: CentralClock) {
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

    /** Revokes a station's token at once; its stored events stay. */
    async revokeStation(id: string): Promise<void> {
      const { changes } = await storage.run('UPDATE stations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
        clock.now(),
        id,
      ]);
      if (changes === 0) throw new AccountError(`no active station ${id}`);
    },

    /** The station a bearer token belongs to, or null when unknown or revoked. */
    async stationForToken(token: string): Promise<AuthenticatedStation | null> {
      const row = await storage.get<{ id: string; location: string; site_kind: SiteKind }>(
        'SELECT id, location, site_kind FROM stations WHERE token_hash = ? AND revoked_at IS NULL',
        [sha256(token)],
      );
      return row ? { id: row.id, location: row.location, siteKind: row.site_kind } : null;
    },

    async addUser(input: z.input<typeof newUserSchema>): Promise<void> {
      const user = newUserSchema.parse(input);
      if (await storage.get('SELECT name FROM users WHERE name = ?', [user.name]))
        throw new AccountError(`user ${user.name} already exists`);
      const { hash, salt } = await hashPassword(user.password);
      await storage.run(
        'INSERT INTO users (name, role, password_hash, password_salt, created_at) VALUES (?, ?, ?, ?, ?)',
        [user.name, user.role, hash, salt, clock.now()],
      );
    },

    /** Checks a password; returns the user's role or null. Unknown names cost as much as wrong passwords. */
    async checkPassword(name: string, password: string): Promise<Role | null> {
      const row = await storage.get<{ role: Role; password_hash: string; password_salt: string }>(
        'SELECT role, password_hash, password_salt FROM users WHERE name = ?',
        [name],
      );
      if (!row) {
        await hashPassword(password);
        return null;
      }
      return (await verifyPassword(password, row.password_hash, row.password_salt)) ? row.role : null;
    },

    /** Starts a login session; returns the cookie value (only its hash is stored) and CSRF token. */
    async createSession(
      name: string,
      ttlMs: number,
    ): Promise<{ sessionId: string; csrfToken: string; expiresAt: number }> {
      const sessionId = randomSecret();
      const csrfToken = randomSecret();
      const expiresAt = clock.now() + ttlMs;
      // Expired sessions are swept on each login, so the table stays small without a timer.
      await storage.run('DELETE FROM user_sessions WHERE expires_at < ?', [clock.now()]);
      await storage.run('INSERT INTO user_sessions (id_hash, user_name, csrf_token, expires_at) VALUES (?, ?, ?, ?)', [
        sha256(sessionId),
        name,
        csrfToken,
        expiresAt,
      ]);
      return { sessionId, csrfToken, expiresAt };
    },

    async userForSession(sessionId: string): Promise<AuthenticatedUser | null> {
      const row = await storage.get<{ name: string; role: Role; csrf_token: string; expires_at: number }>(
        'SELECT u.name, u.role, s.csrf_token, s.expires_at FROM user_sessions s JOIN users u ON u.name = s.user_name WHERE s.id_hash = ?',
        [sha256(sessionId)],
      );
      if (!row || Number(row.expires_at) <= clock.now()) return null;
      return { name: row.name, role: row.role, csrfToken: row.csrf_token };
    },

    async endSession(sessionId: string): Promise<void> {
      await storage.run('DELETE FROM user_sessions WHERE id_hash = ?', [sha256(sessionId)]);
    },
  };
}

/** The account service, as passed to routes and plugins. */
export type Accounts = ReturnType<typeof createAccounts>;
