/**
 * `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `POST /api/v1/auth/logout-everywhere`,
 * `GET /api/v1/auth/me`, `GET /api/v1/auth/session`.
 *
 * Login is guarded three ways, none of which lets a stranger keep the real person out for long:
 * a global budget (all clients, per minute) and a per-client budget (per IP address, all names),
 * both counted before the body is read; then a per-account delay that grows with wrong passwords
 * up to `loginMaxDelaySeconds` and never refuses a right password once the delay is over
 * (login-throttle.ts; counted in the database, so every replica sees the same count; the two
 * budgets are per process, so N replicas allow N times them). Behind the city's reverse proxy the client IP is the proxy's
 * `X-Forwarded-For`, trusted only from `trustedProxies` (app.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiErrorSchema, okReplySchema } from '../../protocol/api.ts';
import {
  AUTH_API_PREFIX,
  ROLES,
  loginInputSchema,
  meSchema,
  sessionReplySchema,
  sessionsEndedSchema,
  type Me,
  type SessionReply,
} from '../../protocol/auth.ts';
import type { CentralContext, CentralPlugin } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import { SESSION_AUTH } from '../infrastructure/openapi.ts';
import { clockWindowCounter, routeRateLimit } from '../infrastructure/rate-limit.ts';
import type { AuthenticatedUser } from './accounts.ts';
import { createLoginThrottle } from './login-throttle.ts';

// Every role may see who it is and log out.
const ANY_STAFF = ROLES;
const refusals = { 401: apiErrorSchema, 403: apiErrorSchema };

/** What the staff apps get to know about the logged-in person (`/me`, `/session`). */
const meOf = (user: AuthenticatedUser): Me => ({
  name: user.name,
  displayName: user.displayName,
  role: user.role,
  csrfToken: user.csrfToken,
});

export const authRoutes: CentralPlugin<CentralContext & { timers: boolean }> = async (app, { timers, ...ctx }) => {
  const { accounts, auth, config, cookies, clock, storage } = ctx;
  // Session cookies (no Expires): they end with the browser; the server ends them sooner
  // (sessionHours, sessionIdleMinutes).
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: cookies.secure };
  const throttle = createLoginThrottle(storage, clock, {
    freeFailures: config.loginFreeFailures,
    baseDelayMs: 1000,
    maxDelayMs: config.loginMaxDelaySeconds * 1000,
    forgetAfterMs: 15 * 60_000,
  });
  // Forgotten counts are deleted within a minute even when nobody logs in (login-throttle.ts);
  // housekeeping like the retention, help and fleet sweeps, so tests can turn it off.
  if (timers) {
    const sweep = setInterval(() => {
      throttle.forgetOld().catch((error: unknown) => app.log.error({ err: error }, 'login throttle sweep failed'));
    }, 60_000);
    sweep.unref(); // never keeps a stopping process alive
    app.addHook('onClose', async () => clearInterval(sweep));
  }
  const tooMany = (seconds: number) => `Too many login attempts; try again in ${seconds} s.`;
  // @fastify/rate-limit runs one limit per request, so the global budget counts on the same
  // clock-window store in its own hook, before the per-client limit.
  const globalWindow = clockWindowCounter(clock);
  const globalBudget = async (_request: FastifyRequest, reply: FastifyReply) => {
    const { current, ttl } = globalWindow.hit('all-clients', 60_000);
    if (current <= config.loginAttemptsPerMinute) return;
    const seconds = Math.max(1, Math.ceil(ttl / 1000));
    reply.header('retry-after', String(seconds));
    await sendError(reply, 429, 'rate_limited', tooMany(seconds));
  };

  app.post(
    `${AUTH_API_PREFIX}/login`,
    {
      schema: {
        summary: 'Log in (advisor console, dashboard)',
        description:
          'Wrong passwords make the account wait before its next attempt (429 + Retry-After, at most loginMaxDelaySeconds); a right password is accepted once the wait is over.',
        tags: ['auth'],
        body: loginInputSchema,
        response: { 200: meSchema, 400: apiErrorSchema, 401: apiErrorSchema, 429: apiErrorSchema },
      },
      onRequest: globalBudget,
      config: {
        // Every attempt counts, right or wrong, per client address, before the body is read.
        rateLimit: routeRateLimit({
          max: config.loginAttemptsPer15Minutes,
          windowMs: 15 * 60_000,
          hook: 'onRequest',
          key: (request) => request.ip,
          message: tooMany,
        }),
      },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      const waitMs = await throttle.waitMs(name);
      if (waitMs > 0) {
        // Not checked and not counted: hammering during the wait cannot lengthen it.
        const seconds = Math.ceil(waitMs / 1000);
        reply.header('retry-after', String(seconds));
        return sendError(reply, 429, 'rate_limited', tooMany(seconds));
      }
      const role = await accounts.checkPassword(name, password);
      if (!role) {
        await throttle.failed(name);
        return sendError(reply, 401, 'unauthenticated', 'Wrong user name or password.');
      }
      await throttle.succeeded(name);
      const session = await accounts.createSession(name);
      reply.setCookie(cookies.session, session.sessionId, { ...cookieBase, httpOnly: true });
      reply.setCookie(cookies.csrf, session.csrfToken, { ...cookieBase, httpOnly: false });
      const user = await accounts.userForSession(session.sessionId);
      const me: Me = { name, displayName: user?.displayName ?? name, role, csrfToken: session.csrfToken };
      return me;
    },
  );

  app.post(
    `${AUTH_API_PREFIX}/logout`,
    {
      schema: {
        summary: 'Log out (ends this session and its live streams)',
        tags: ['auth'],
        security: SESSION_AUTH,
        response: { 200: okReplySchema, ...refusals },
      },
      onRequest: auth.requireUser(ANY_STAFF),
    },
    async (request, reply) => {
      const sessionId = request.cookies[cookies.session];
      if (sessionId) await accounts.endSession(sessionId);
      const clear = { path: '/', secure: cookies.secure, sameSite: 'strict' as const };
      reply.clearCookie(cookies.session, clear).clearCookie(cookies.csrf, clear);
      return { ok: true as const };
    },
  );

  app.post(
    `${AUTH_API_PREFIX}/logout-everywhere`,
    {
      schema: {
        summary: 'Log out everywhere (every session of mine, this one included, and their live streams)',
        tags: ['auth'],
        security: SESSION_AUTH,
        response: { 200: sessionsEndedSchema, ...refusals },
      },
      onRequest: auth.requireUser(ANY_STAFF),
    },
    async (request, reply) => {
      const ended = await accounts.endUserSessions(request.user!.name);
      const clear = { path: '/', secure: cookies.secure, sameSite: 'strict' as const };
      reply.clearCookie(cookies.session, clear).clearCookie(cookies.csrf, clear);
      return { ended };
    },
  );

  app.get(
    `${AUTH_API_PREFIX}/session`,
    {
      schema: {
        summary: 'Who is logged in, or nobody (the staff apps ask this at start)',
        description: 'Always 200: `me` is null without a valid session, where `/me` answers 401.',
        tags: ['auth'],
        response: { 200: sessionReplySchema },
      },
    },
    async (request): Promise<SessionReply> => {
      const user = await auth.sessionUser(request);
      return { me: user && meOf(user) };
    },
  );

  app.get(
    `${AUTH_API_PREFIX}/me`,
    {
      schema: {
        summary: 'Who is logged in',
        tags: ['auth'],
        security: SESSION_AUTH,
        response: { 200: meSchema, ...refusals },
      },
      onRequest: auth.requireUser(ANY_STAFF),
    },
    async (request) => meOf(request.user!),
  );
};
