/**
 * `/api/v1/admin/*`: account and station lifecycle for admins, the same operations as the CLI
 * (`user list|disable|enable|remove|passwd|logout`, `station list|revoke|rotate`). Each one that
 * ends a right ends the matching sessions and live streams at once (AccessEvents).
 */
import { apiErrorSchema, okReplySchema } from '../../protocol/api.ts';
import {
  ADMIN_API_PREFIX,
  passwordChangeInputSchema,
  sessionsEndedSchema,
  stationIdParamsSchema,
  stationListSchema,
  stationTokenSchema,
  userListSchema,
  userNameParamsSchema,
} from '../../protocol/auth.ts';
import type { CentralPlugin } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import { SESSION_AUTH } from '../infrastructure/openapi.ts';
import { AccountError } from './accounts.ts';

const refusals = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

export const adminRoutes: CentralPlugin = async (app, ctx) => {
  const { accounts } = ctx;
  const guard = ctx.auth.requireUser(['admin']);
  const common = { tags: ['admin'], security: SESSION_AUTH };
  // An unknown user or station is the admin's to fix: 404, never a 500.
  const orNotFound = async <T>(action: () => Promise<T>, reply: Parameters<typeof sendError>[0]) => {
    try {
      return await action();
    } catch (error) {
      if (error instanceof AccountError) return sendError(reply, 404, 'not_found', error.message);
      throw error;
    }
  };

  app.get(
    `${ADMIN_API_PREFIX}/users`,
    { schema: { ...common, summary: 'Every user', response: { 200: userListSchema, ...refusals } }, onRequest: guard },
    async () => ({ users: await accounts.listUsers() }),
  );

  for (const [action, summary] of [
    ['disable', 'Disable a user: no login, every session and live stream ends'],
    ['enable', 'Let a disabled user log in again'],
  ] as const) {
    app.post(
      `${ADMIN_API_PREFIX}/users/:name/${action}`,
      {
        schema: { ...common, summary, params: userNameParamsSchema, response: { 200: okReplySchema, ...refusals } },
        onRequest: guard,
      },
      async (request, reply) =>
        orNotFound(async () => {
          await (action === 'disable'
            ? accounts.disableUser(request.params.name)
            : accounts.enableUser(request.params.name));
          return { ok: true as const };
        }, reply),
    );
  }

  app.post(
    `${ADMIN_API_PREFIX}/users/:name/logout`,
    {
      schema: {
        ...common,
        summary: 'Log a user out everywhere',
        params: userNameParamsSchema,
        response: { 200: sessionsEndedSchema, ...refusals },
      },
      onRequest: guard,
    },
    async (request, reply) =>
      orNotFound(async () => ({ ended: await accounts.endUserSessions(request.params.name) }), reply),
  );

  app.put(
    `${ADMIN_API_PREFIX}/users/:name/password`,
    {
      schema: {
        ...common,
        summary: "Set a user's password; every session of the user ends",
        params: userNameParamsSchema,
        body: passwordChangeInputSchema,
        response: { 200: okReplySchema, ...refusals },
      },
      onRequest: guard,
    },
    async (request, reply) =>
      orNotFound(async () => {
        await accounts.setPassword(request.params.name, request.body.password);
        return { ok: true as const };
      }, reply),
  );

  app.delete(
    `${ADMIN_API_PREFIX}/users/:name`,
    {
      schema: {
        ...common,
        summary: 'Remove a user and their sessions',
        params: userNameParamsSchema,
        response: { 200: okReplySchema, ...refusals },
      },
      onRequest: guard,
    },
    async (request, reply) =>
      orNotFound(async () => {
        await accounts.removeUser(request.params.name);
        return { ok: true as const };
      }, reply),
  );

  app.get(
    `${ADMIN_API_PREFIX}/stations`,
    {
      schema: {
        ...common,
        summary: 'Every station (never a token)',
        response: { 200: stationListSchema, ...refusals },
      },
      onRequest: guard,
    },
    async () => ({ stations: await accounts.listStations() }),
  );

  app.post(
    `${ADMIN_API_PREFIX}/stations/:id/revoke`,
    {
      schema: {
        ...common,
        summary: "Revoke a station's token: its streams end and its open help requests close",
        params: stationIdParamsSchema,
        response: { 200: okReplySchema, ...refusals },
      },
      onRequest: guard,
    },
    async (request, reply) =>
      orNotFound(async () => {
        await accounts.revokeStation(request.params.id);
        return { ok: true as const };
      }, reply),
  );

  app.post(
    `${ADMIN_API_PREFIX}/stations/:id/rotate`,
    {
      schema: {
        ...common,
        summary: 'Give a station a new token under the same id (the old one stops at once)',
        params: stationIdParamsSchema,
        response: { 200: stationTokenSchema, ...refusals },
      },
      onRequest: guard,
    },
    async (request, reply) =>
      orNotFound(
        async () => ({ id: request.params.id, token: await accounts.rotateStation(request.params.id) }),
        reply,
      ),
  );
};
