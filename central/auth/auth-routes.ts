/** `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/auth/me`. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { formatIssues } from '../../protocol/events.ts';
import type { CentralContext } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import { createRateLimiter } from '../infrastructure/rate-limiter.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from './auth-hooks.ts';

const loginSchema = z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();

/** Who is logged in, as returned by login and `me`. */
export interface MeReply {
  name: string;
  role: string;
  csrfToken: string;
}

export const authRoutes: FastifyPluginAsync<CentralContext> = async (app, ctx) => {
  const { accounts, auth, config, clock } = ctx;
  const loginLimiter = createRateLimiter({ max: config.loginAttemptsPer15Minutes, windowMs: 15 * 60_000, clock });
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: config.secureCookies };

  app.post('/api/v1/auth/login', async (request, reply) => {
    const parsed = loginSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, 'bad_request', formatIssues(parsed.error));
    const { name, password } = parsed.data;
    const decision = loginLimiter.take(`${request.ip}\n${name}`);
    if (!decision.allowed) {
      reply.header('retry-after', String(decision.retryAfterSeconds));
      return sendError(reply, 429, 'rate_limited', 'Too many login attempts; wait and try again.');
    }
    const role = await accounts.checkPassword(name, password);
    if (!role) return sendError(reply, 401, 'unauthenticated', 'Wrong user name or password.');
    const session = await accounts.createSession(name, config.sessionHours * 3600_000);
    const expires = new Date(session.expiresAt);
    reply.setCookie(SESSION_COOKIE, session.sessionId, { ...cookieBase, httpOnly: true, expires });
    reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookieBase, httpOnly: false, expires });
    const me: MeReply = { name, role, csrfToken: session.csrfToken };
    return me;
  });

  app.post(
    '/api/v1/auth/logout',
    { preHandler: auth.requireUser(['advisor', 'coordinator', 'admin']) },
    async (request, reply) => {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) await accounts.endSession(sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get('/api/v1/auth/me', { preHandler: auth.requireUser(['advisor', 'coordinator', 'admin']) }, async (request) => {
    const user = request.user!;
    const me: MeReply = { name: user.name, role: user.role, csrfToken: user.csrfToken };
    return me;
  });
};
