/**
 * HTTP routes of the fleet API (issue 13). Station routes (`/api/v1/fleet/station/*`) need the
 * station's Bearer token; staff routes need a cookie session with the `it` role (admins pass every
 * guard) and the CSRF header on state changes. Every route declares its schemas from
 * protocol/fleet.ts, so fastify validates before a handler runs and the OpenAPI document shows them.
 */
import { z } from 'zod';
import { apiErrorSchema, okReplySchema } from '../../protocol/api.ts';
import {
  actionAckBatchSchema,
  actionAckReplySchema,
  fleetActionQueueSchema,
  fleetActionQueuedSchema,
  fleetListQuerySchema,
  fleetListSchema,
  fleetStationDetailSchema,
  fleetStationParamsSchema,
  heartbeatReplySchema,
  heartbeatSchema,
  openingHoursChangeSchema,
  openingHoursListSchema,
  overrideChangeSchema,
  overrideLevelSchema,
  overrideRefusalSchema,
  overrideScopeSchema,
  overrideVersionListSchema,
  overrideVersionSchema,
  remoteConfigSchema,
} from '../../protocol/fleet.ts';
import type { CentralApp, CentralContext } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import { SESSION_AUTH, STATION_AUTH } from '../infrastructure/openapi.ts';
import { routeRateLimit } from '../infrastructure/rate-limit.ts';
import { allowAnyOrigin, stationPreflight } from '../infrastructure/station-cors.ts';
import type { FleetService } from './fleet-service.ts';
import { BUILT_IN_OPENING_HOURS } from './opening-hours.ts';

export interface FleetRouteDeps {
  ctx: CentralContext;
  fleet: FleetService;
}

/** Who may use the fleet API (admins pass every `requireUser`). */
export const FLEET_ROLES = ['it'] as const;

const stationRefusals = { 400: apiErrorSchema, 401: apiErrorSchema, 429: apiErrorSchema };
const staffRefusals = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };

/** Station-facing routes; mount under `FLEET_STATION_PREFIX`. */
export function fleetStationRoutes(app: CentralApp, { ctx, fleet }: FleetRouteDeps): void {
  const tags = ['fleet: station'];
  // A heartbeat a minute plus start/reset ones: 60 a minute leaves room for a burst of resets,
  // and a looping or stolen token cannot flood the table.
  const config = {
    rateLimit: routeRateLimit({
      max: 60,
      windowMs: 60_000,
      hook: 'onRequest',
      key: (request) => request.station!.id,
      message: (seconds) => `Too many fleet calls from this station; retry after ${seconds} s.`,
    }),
  };
  const onRequest = [allowAnyOrigin, ctx.auth.requireStation];
  stationPreflight(app, '/heartbeat', 'POST');
  stationPreflight(app, '/config', 'GET');
  stationPreflight(app, '/actions/ack', 'POST');

  app.post(
    '/heartbeat',
    {
      schema: {
        summary: 'Station health; the reply carries pending actions and the current config version',
        tags,
        security: STATION_AUTH,
        body: heartbeatSchema,
        response: { 200: heartbeatReplySchema, ...stationRefusals },
      },
      onRequest,
      config,
    },
    async (request) => fleet.heartbeat(request.station!, request.body),
  );

  app.get(
    '/config',
    {
      schema: {
        summary: 'The merged overrides this station runs with, and their version',
        tags,
        security: STATION_AUTH,
        response: { 200: remoteConfigSchema, ...stationRefusals },
      },
      onRequest,
      config,
    },
    async (request) => fleet.remoteConfig(request.station!),
  );

  app.post(
    '/actions/ack',
    {
      schema: {
        summary: 'Acknowledge actions (done or refused); repeating an ack is harmless',
        tags,
        security: STATION_AUTH,
        body: actionAckBatchSchema,
        response: { 200: actionAckReplySchema, ...stationRefusals },
      },
      onRequest,
      config,
    },
    async (request) => ({ recorded: await fleet.acknowledge(request.station!.id, request.body.acks) }),
  );
}

/** IT staff routes; mount under `FLEET_API_PREFIX`. */
export function fleetStaffRoutes(app: CentralApp, { ctx, fleet }: FleetRouteDeps): void {
  const tags = ['fleet: IT'];
  const onRequest = ctx.auth.requireUser(FLEET_ROLES);
  const who = (request: { user: { name: string } | null }) => request.user!.name;

  app.get(
    '/stations',
    {
      schema: {
        summary: 'Every station with status, version, last seen and problems; filter by site and status',
        tags,
        security: SESSION_AUTH,
        querystring: fleetListQuerySchema,
        response: { 200: fleetListSchema, ...staffRefusals },
      },
      onRequest,
    },
    async (request) => fleet.list(request.query),
  );

  app.get(
    '/stations/:id',
    {
      schema: {
        summary: 'One station: status, recent health history, actions, alerts and its merged config',
        tags,
        security: SESSION_AUTH,
        params: fleetStationParamsSchema,
        response: { 200: fleetStationDetailSchema, 404: apiErrorSchema, ...staffRefusals },
      },
      onRequest,
    },
    async (request, reply) => {
      const detail = await fleet.detail(request.params.id);
      return detail ?? sendError(reply, 404, 'not_found', `No station ${request.params.id}.`);
    },
  );

  app.put(
    '/stations/:id/site',
    {
      schema: {
        summary: 'Put a station in a site (its overrides, hours and site actions follow)',
        tags,
        security: SESSION_AUTH,
        params: fleetStationParamsSchema,
        body: z.object({ site: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a slug') }).strict(),
        response: { 200: okReplySchema, 404: apiErrorSchema, ...staffRefusals },
      },
      onRequest,
    },
    async (request, reply) =>
      (await fleet.setSite(request.params.id, request.body.site))
        ? { ok: true as const }
        : sendError(reply, 404, 'not_found', `No station ${request.params.id}.`),
  );

  app.post(
    '/actions',
    {
      schema: {
        summary: 'Queue an action for one station or every station of a site',
        tags,
        security: SESSION_AUTH,
        body: fleetActionQueueSchema,
        response: { 201: fleetActionQueuedSchema, 404: apiErrorSchema, ...staffRefusals },
      },
      onRequest,
    },
    async (request, reply) => {
      const result = await fleet.queueAction(request.body.target, request.body.action, who(request));
      if (!result.ok) return sendError(reply, 404, 'not_found', 'No such station or site.');
      return reply.code(201).send({ actions: result.actions });
    },
  );

  app.post(
    '/actions/:id/cancel',
    {
      schema: {
        summary: 'Cancel an action the station has not acknowledged yet',
        tags,
        security: SESSION_AUTH,
        params: z.object({ id: z.string().uuid() }).strict(),
        response: { 200: okReplySchema, 409: apiErrorSchema, ...staffRefusals },
      },
      onRequest,
    },
    async (request, reply) =>
      (await fleet.cancelAction(request.params.id))
        ? { ok: true as const }
        : sendError(reply, 409, 'not_pending', 'That action is not pending (done, refused, cancelled or unknown).'),
  );

  app.get(
    '/config/overrides',
    {
      schema: {
        summary: 'Current overrides of every scope (city, site kind, site, station)',
        tags,
        security: SESSION_AUTH,
        response: { 200: overrideVersionListSchema, ...staffRefusals },
      },
      onRequest,
    },
    async () => ({ versions: await fleet.currentOverrides() }),
  );

  app.put(
    '/config/overrides',
    {
      schema: {
        summary: 'Replace one scope’s overrides ({} clears them); refused with 400 naming the field',
        tags,
        security: SESSION_AUTH,
        body: overrideChangeSchema,
        response: {
          200: overrideVersionSchema,
          400: z.union([overrideRefusalSchema, apiErrorSchema]),
          401: apiErrorSchema,
          403: apiErrorSchema,
        },
      },
      onRequest,
    },
    async (request, reply) => {
      const scope = overrideScopeSchema.safeParse({ level: request.body.level, target: request.body.target });
      if (!scope.success)
        return sendError(reply, 400, 'bad_request', `target: ${scope.error.issues[0]?.message ?? 'invalid'}`);
      const result = await fleet.setOverrides(request.body, who(request));
      if (result.ok) return result.version;
      const first = result.problems[0]!;
      return reply.code(400).send({
        error: 'invalid_override' as const,
        message: `${first.field}: ${first.message}${first.station ? ` (merged for station ${first.station})` : ''}`,
        problems: result.problems,
      });
    },
  );

  app.get(
    '/config/history',
    {
      schema: {
        summary: 'Every override change, newest first: who changed what and when',
        tags,
        security: SESSION_AUTH,
        querystring: z
          .object({ level: overrideLevelSchema.optional(), target: z.string().max(64).optional() })
          .strict(),
        response: { 200: overrideVersionListSchema, ...staffRefusals },
      },
      onRequest,
    },
    async (request) => {
      const { level, target } = request.query;
      return { versions: await fleet.overrideHistory(level ? { level, target: target ?? '' } : undefined) };
    },
  );

  app.get(
    '/opening-hours',
    {
      schema: {
        summary: 'Opening hours held on central (Helsinki time), by scope',
        tags,
        security: SESSION_AUTH,
        response: { 200: openingHoursListSchema, ...staffRefusals },
      },
      onRequest,
    },
    async () => ({ entries: await fleet.openingHours(), builtInDefault: BUILT_IN_OPENING_HOURS }),
  );

  app.put(
    '/opening-hours',
    {
      schema: {
        summary: 'Set (or with null, remove) the opening hours of a scope',
        tags,
        security: SESSION_AUTH,
        body: openingHoursChangeSchema,
        response: { 200: okReplySchema, ...staffRefusals },
      },
      onRequest,
    },
    async (request, reply) => {
      const { level, target, hours } = request.body;
      const scope = overrideScopeSchema.safeParse({ level, target });
      if (!scope.success)
        return sendError(reply, 400, 'bad_request', `target: ${scope.error.issues[0]?.message ?? 'invalid'}`);
      await fleet.setOpeningHours(level, target, hours, who(request));
      return { ok: true as const };
    },
  );
}
