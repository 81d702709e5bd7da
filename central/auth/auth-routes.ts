/** `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/auth/me`. */
import { apiErrorSchema, okReplySchema } from '../../protocol/api.ts';
import { AUTH_API_PREFIX, loginInputSchema, meSchema, type Me } from '../../protocol/auth.ts';
import type { CentralPlugin } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import { SESSION_AUTH } from '../infrastructure/openapi.ts';
import { routeRateLimit } from '../infrastructure/rate-limit.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './auth-hooks.ts';

const ANY_STAFF = ['advisor', 'coordinator', 'admin'] as const;
const refusals = { 401: apiErrorSchema, 403: apiErrorSchema };

export const authRoutes: CentralPlugin = async (app, ctx) => {
  const { accounts, auth, config } = ctx;
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: config.secureCookies };

  app.post(
    `${AUTH_API_PREFIX}/login`,
    {
      schema: {
        summary: 'Log in (advisor console, dashboard)',
        tags: ['auth'],
        body: loginInputSchema,
        response: { 200: meSchema, 400: apiErrorSchema, 401: apiErrorSchema, 429: apiErrorSchema },
      },
      config: {
        // Every attempt counts, right or wrong, per IP and name in fixed 15-minute windows. Checked
        // after validation (the name comes from the body), before the password is.
        rateLimit: routeRateLimit({
          max: config.loginAttemptsPer15Minutes,
          windowMs: 15 * 60_000,
          hook: 'preHandler',
          key: (request) => `${request.ip}\n${(request.body as { name: string }).name}`,
          message: () => 'Too many login attempts; wait and try again.',
        }),
      },
    },
    async (request, reply) => {
      const { name, password } = request.body;
      const role = await accounts.checkPassword(name, password);
      if (!role) return sendError(reply, 401, 'unauthenticated', 'Wrong user name or password.');
      const session = await accounts.createSession(name, config.sessionHours * 3600_000);
      const expires = new Date(session.expiresAt);
      reply.setCookie(SESSION_COOKIE, session.sessionId, { ...cookieBase, httpOnly: true, expires });
      reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookieBase, httpOnly: false, expires });
      const me: Me = { name, role, csrfToken: session.csrfToken };
      return me;
    },
  );

  app.post(
    `${AUTH_API_PREFIX}/logout`,
    {
      schema: {
        summary: 'Log out',
        tags: ['auth'],
        security: SESSION_AUTH,
        response: { 200: okReplySchema, ...refusals },
      },
      onRequest: auth.requireUser(ANY_STAFF),
    },
    async (request, reply) => {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) await accounts.endSession(sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return { ok: true as const };
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
    async (request) => {
      const user = request.user!;
      const me: Me = { name: user.name, role: user.role, csrfToken: user.csrfToken };
      return me;
    },
  );
};
