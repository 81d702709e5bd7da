/**
 * Route guards. Stations authenticate with `Authorization: Bearer <token>`; people with a session
 * cookie. Cookie-authenticated state changes also need the CSRF header (see README.md here).
 */
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { sendError } from '../infrastructure/errors.ts';
import type { AccessEvents } from './access-events.ts';
import type { Accounts, AuthenticatedStation, AuthenticatedUser, Role } from './accounts.ts';
import { sameSecret } from './secrets.ts';
import { sessionStreamRight, stationStreamRight, type StreamRight } from './stream-access.ts';

/** The session and CSRF cookies' names and flags. */
export interface CookiePolicy {
  /** Holds the session id (HttpOnly). */
  session: string;
  /** Holds the CSRF token (readable by the page, so it can echo it in the header). */
  csrf: string;
  secure: boolean;
}

/**
 * Outside development mode the cookies are `Secure` and named `__Host-…`: a browser then accepts
 * them only over HTTPS, from this exact host, with `Path=/` and no `Domain`, so a sibling
 * subdomain cannot plant or overwrite them. Browsers refuse `__Host-` without `Secure`, hence the
 * plain names over development's http://127.0.0.1.
 */
export function cookiePolicy(devMode: boolean): CookiePolicy {
  return devMode
    ? { session: 'kiosk_session', csrf: 'kiosk_csrf', secure: false }
    : { session: '__Host-kiosk_session', csrf: '__Host-kiosk_csrf', secure: true };
}

/** The Bearer token a station presented, if it is shaped like one. */
export function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}
/** Header that must carry the CSRF token on POST/PUT/PATCH/DELETE with a session cookie. */
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireStation`: the station whose token was presented. */
    station: AuthenticatedStation | null;
    /** Set by `requireUser`: the logged-in person. */
    user: AuthenticatedUser | null;
    /** Set by both guards: the right the request was let in on, re-checked by live streams. */
    streamRight: StreamRight | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The guards every plugin uses; built once in `buildCentral` and passed to plugins. Use them as a
 * route's `onRequest` hook, so a refused request's body is never read or validated.
 */
export interface AuthGuards {
  /** Requires a valid, unrevoked station token; sets `request.station`. 401 otherwise. */
  requireStation: onRequestAsyncHookHandler;
  /**
   * Requires a logged-in user with one of `roles` (admins always pass); sets `request.user`.
   * 401 without a session, 403 for another role or a missing/wrong CSRF header on a state change.
   */
  requireUser(roles: readonly Role[]): onRequestAsyncHookHandler;
  /** The user whose valid session cookie came with `request`, or null; no refusal (`requireUser` refuses). */
  sessionUser(request: FastifyRequest): Promise<AuthenticatedUser | null>;
}

/** Builds the guards over the account service. */
export function createAuthGuards(accounts: Accounts, cookies: CookiePolicy, access: AccessEvents): AuthGuards {
  const sessionUser = async (request: FastifyRequest) => {
    const sessionId = request.cookies[cookies.session];
    return sessionId ? await accounts.userForSession(sessionId) : null;
  };
  return {
    sessionUser,
    async requireStation(request: FastifyRequest, reply: FastifyReply) {
      const token = bearerToken(request);
      const station = token ? await accounts.stationForToken(token) : null;
      if (!station) {
        await sendError(
          reply,
          401,
          'unauthenticated',
          'A valid station token is required (Authorization: Bearer <token>).',
        );
        return;
      }
      request.station = station;
      request.streamRight = stationStreamRight({ accounts, access }, station, token!);
    },
    requireUser(roles) {
      return async (request: FastifyRequest, reply: FastifyReply) => {
        const user = await sessionUser(request);
        if (!user) {
          await sendError(reply, 401, 'unauthenticated', 'Log in first.');
          return;
        }
        if (user.role !== 'admin' && !roles.includes(user.role)) {
          await sendError(reply, 403, 'forbidden', `This needs the role ${roles.join(' or ')}.`);
          return;
        }
        if (!SAFE_METHODS.has(request.method)) {
          const header = request.headers[CSRF_HEADER];
          if (typeof header !== 'string' || !sameSecret(header, user.csrfToken)) {
            await sendError(reply, 403, 'csrf', `Missing or wrong ${CSRF_HEADER} header.`);
            return;
          }
        }
        request.user = user;
        request.streamRight = sessionStreamRight({ accounts, access }, user, roles);
      };
    },
  };
}
