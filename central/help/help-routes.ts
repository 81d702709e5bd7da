/**
 * HTTP routes of the help API. Station routes need the station's Bearer token and see only that
 * station's requests; advisor routes need a cookie session (advisor or admin) and, for
 * every state change, the CSRF header. Every route declares its params, body and replies from
 * protocol/help.ts, so fastify validates them before a handler runs and the OpenAPI document shows
 * them; refusals from the service become 404/409 in help-errors.ts.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema, okReplySchema } from '../../protocol/api.ts';
import {
  HELP_API_PREFIX,
  HELP_CONSOLE_EVENTS,
  HELP_STATION_EVENTS,
  advisorPresenceInputSchema,
  chatMessageInputSchema,
  chatMessageSchema,
  helpAvailabilitySchema,
  helpConsoleSnapshotSchema,
  helpCreateResultSchema,
  helpErrorSchema,
  helpHandledTodaySchema,
  helpQueueItemSchema,
  helpRequestCreateSchema,
  helpRequestParamsSchema,
  helpStationRequestSchema,
  helpStreamQuerySchema,
} from '../../protocol/help.ts';
import type { CentralApp, CentralContext } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import { SESSION_AUTH, STATION_AUTH } from '../infrastructure/openapi.ts';
import { routeRateLimit } from '../infrastructure/rate-limit.ts';
import type { Audience, EventLog } from './event-log.ts';
import { answer } from './help-errors.ts';
import type { AdvisorIdentity, HelpService, StationIdentity } from './service.ts';
import { openSse } from './sse.ts';

export interface HelpRouteDeps {
  ctx: CentralContext;
  service: HelpService;
  events: EventLog;
  heartbeatMs: number;
  openStreams: Set<() => void>;
}

// Only advisors answer help and count as present (admins pass every guard); a coordinator reads the
// dashboard and must not make stations believe someone is there to help.
const ADVISOR_ROLES = ['advisor'] as const;

/** Replies every guarded help route may give besides its own. */
const stationRefusals = { 400: apiErrorSchema, 401: apiErrorSchema, 429: apiErrorSchema };
const advisorRefusals = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };
/** A request's refusals: missing or another station's (404), in the wrong state (409). */
const requestRefusals = { 404: helpErrorSchema, 409: helpErrorSchema };

/** How the docs describe a live stream (the reply is hijacked, so nothing here is serialized). */
const eventStream = (events: Record<string, string>) => ({
  description: `Server-Sent Events (text/event-stream); events: ${Object.values(events).join(', ')}. Resends what a client missed after Last-Event-ID, or a snapshot.`,
  content: { 'text/event-stream': { schema: z.string() } },
});

function station(request: FastifyRequest): StationIdentity {
  // requireStation ran first, so the station is set.
  const s = request.station!;
  return { id: s.id, location: s.location || s.id };
}

/**
 * Counts open live streams per key (a station, a login session) so one client cannot pin down
 * sockets and memory with hundreds of streams. In memory, per central process, like presence.
 */
function streamCounter(max: number) {
  const open = new Map<string, number>();
  return {
    /** Takes a slot for `key`; the returned function gives it back (once), or null when `key` is at `max`. */
    take(key: string): (() => void) | null {
      const current = open.get(key) ?? 0;
      if (current >= max) return null;
      open.set(key, current + 1);
      let given = false;
      return () => {
        if (given) return;
        given = true;
        const left = (open.get(key) ?? 1) - 1;
        if (left <= 0) open.delete(key);
        else open.set(key, left);
      };
    },
  };
}

function advisor(request: FastifyRequest): AdvisorIdentity {
  const u = request.user!;
  // Stations and other advisors see the first name only, never the login name.
  return { id: u.name, displayName: u.displayName };
}

/** Station-facing routes (mount under `/api/v1/help`). */
export function stationRoutes(
  app: CentralApp,
  { ctx, service, events, heartbeatMs, openStreams }: HelpRouteDeps,
): void {
  // Guards run on request, before the body is read or validated: a stranger learns nothing.
  const guard = ctx.auth.requireStation;
  const tags = ['help: station'];
  const limits = ctx.config.help;
  // Per station and per route, counted after the token check (the key is the station) and before
  // the body is read: a looping or stolen station token cannot flood the queue, chat or database.
  const config = {
    rateLimit: routeRateLimit({
      max: limits.stationRequestsPerMinute,
      windowMs: 60_000,
      hook: 'onRequest',
      key: (request) => request.station!.id,
      message: (seconds) => `Too many help calls from this station; retry after ${seconds} s.`,
    }),
  };
  const streams = streamCounter(limits.maxStreamsPerStation);

  // Stations authenticate with a Bearer token, never a cookie, so any origin may call these routes:
  // the browser preview host runs the station in a page on another port.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(`${HELP_API_PREFIX}/advisor`)) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'content-type');
  });
  // CORS plumbing, not API: hidden from the OpenAPI document.
  app.options('/*', { schema: { hide: true } }, async (request, reply) =>
    request.url.startsWith(`${HELP_API_PREFIX}/advisor`)
      ? sendError(reply, 404, 'not_found', 'No cross-origin access to advisor routes.')
      : reply
          .header('access-control-allow-methods', 'GET, POST')
          .header('access-control-allow-headers', 'authorization, content-type, last-event-id')
          .header('access-control-max-age', '600')
          .code(204)
          .send(),
  );

  app.get(
    '/availability',
    {
      schema: {
        summary: 'Can a person answer right now?',
        tags,
        security: STATION_AUTH,
        response: { 200: helpAvailabilitySchema, ...stationRefusals },
      },
      onRequest: guard,
      config,
    },
    async () => service.availability(),
  );

  app.post(
    '/requests',
    {
      schema: {
        summary: 'Ask for an advisor',
        description:
          '201 when queued; 200 `unavailable` at once (nobody online, outside service hours), nothing stored.',
        tags,
        security: STATION_AUTH,
        body: helpRequestCreateSchema,
        response: { 200: helpCreateResultSchema, 201: helpCreateResultSchema, ...stationRefusals },
      },
      onRequest: guard,
      config,
    },
    async (request, reply) => {
      const result = await service.create(station(request), request.body);
      return reply.code(result.status === 'accepted' ? 201 : 200).send(result);
    },
  );

  app.get(
    '/requests/:id',
    {
      schema: {
        summary: "One of this station's requests",
        tags,
        security: STATION_AUTH,
        params: helpRequestParamsSchema,
        response: { 200: helpStationRequestSchema, ...stationRefusals, 404: helpErrorSchema },
      },
      onRequest: guard,
      config,
    },
    async (request, reply) => answer(reply, await service.stationRequest(station(request), request.params.id)),
  );

  app.post(
    '/requests/:id/cancel',
    {
      schema: {
        summary: 'Cancel (the visitor left or the station reset); cancelling twice is fine',
        tags,
        security: STATION_AUTH,
        params: helpRequestParamsSchema,
        response: { 200: helpStationRequestSchema, ...stationRefusals, ...requestRefusals },
      },
      onRequest: guard,
      config,
    },
    async (request, reply) => answer(reply, await service.cancelByStation(station(request), request.params.id)),
  );

  app.post(
    '/requests/:id/messages',
    {
      schema: {
        summary: 'Chat: the visitor writes to the advisor',
        tags,
        security: STATION_AUTH,
        params: helpRequestParamsSchema,
        body: chatMessageInputSchema,
        response: { 201: chatMessageSchema, ...stationRefusals, ...requestRefusals },
      },
      onRequest: guard,
      config,
    },
    async (request, reply) => {
      const result = await service.stationMessage(station(request), request.params.id, request.body.text);
      return result.ok ? reply.code(201).send(result.value) : answer(reply, result);
    },
  );

  app.get(
    '/stream',
    {
      schema: {
        summary: "Live updates of this station's requests",
        tags,
        security: STATION_AUTH,
        querystring: helpStreamQuerySchema,
        response: { 200: eventStream(HELP_STATION_EVENTS), ...stationRefusals },
      },
      onRequest: guard,
      config,
    },
    async (request, reply) => {
      const who = station(request);
      const release = streams.take(who.id);
      if (!release)
        return sendError(
          reply,
          429,
          'too_many_streams',
          `This station already has ${limits.maxStreamsPerStation} live streams open; close one first.`,
        );
      await openSse(request, reply, {
        events,
        audiences: new Set<Audience>([service.audiences.station(who.id)]),
        lastEventId: request.query.lastEventId,
        snapshot: async () => ({
          type: HELP_STATION_EVENTS.snapshot,
          data: { requests: await service.stationSnapshot(who) },
        }),
        heartbeatMs,
        retryMs: 2000,
        openStreams,
        onClose: release,
      });
    },
  );
}

/** Advisor-console routes (mount under `/api/v1/help/advisor`). */
export function advisorRoutes(
  app: CentralApp,
  { ctx, service, events, heartbeatMs, openStreams }: HelpRouteDeps,
): void {
  const guard = ctx.auth.requireUser(ADVISOR_ROLES);
  const tags = ['help: advisor'];
  const security = SESSION_AUTH;
  const maxStreams = ctx.config.help.maxStreamsPerSession;
  const streams = streamCounter(maxStreams);

  app.get(
    '/queue',
    {
      schema: {
        summary: 'The queue, advisors online and what I handled today',
        tags,
        security,
        response: { 200: helpConsoleSnapshotSchema, ...advisorRefusals },
      },
      onRequest: guard,
    },
    async (request) => service.consoleSnapshot(advisor(request)),
  );

  app.get(
    '/handled-today',
    {
      schema: {
        summary: 'Requests I resolved today',
        tags,
        security,
        response: { 200: helpHandledTodaySchema, ...advisorRefusals },
      },
      onRequest: guard,
    },
    async (request) => ({ items: await service.handledToday(advisor(request)) }),
  );

  app.post(
    '/heartbeat',
    {
      schema: {
        summary: 'I am still here (the console sends it every 20 s)',
        tags,
        security,
        response: { 200: okReplySchema, ...advisorRefusals },
      },
      onRequest: guard,
    },
    async (request) => {
      await service.touch(advisor(request));
      return { ok: true as const };
    },
  );

  app.put(
    '/presence',
    {
      schema: {
        summary: 'Set my status: online or away',
        tags,
        security,
        body: advisorPresenceInputSchema,
        response: { 200: advisorPresenceInputSchema, ...advisorRefusals },
      },
      onRequest: guard,
    },
    async (request) => {
      await service.setPresence(advisor(request), request.body.status);
      return { status: request.body.status };
    },
  );

  const summaries = {
    claim: 'Take a queued request (exactly one advisor wins; the others get 409 already-claimed)',
    release: 'Hand my request back to the queue',
    resolve: 'Mark my request resolved',
  } as const;
  for (const name of ['claim', 'release', 'resolve'] as const) {
    app.post(
      `/requests/:id/${name}`,
      {
        schema: {
          summary: summaries[name],
          tags,
          security,
          params: helpRequestParamsSchema,
          response: { 200: helpQueueItemSchema, ...advisorRefusals, ...requestRefusals },
        },
        onRequest: guard,
      },
      async (request, reply) => answer(reply, await service[name](advisor(request), request.params.id)),
    );
  }

  app.post(
    '/requests/:id/messages',
    {
      schema: {
        summary: 'Chat: write to the visitor of my request',
        tags,
        security,
        params: helpRequestParamsSchema,
        body: chatMessageInputSchema,
        response: { 201: chatMessageSchema, ...advisorRefusals, ...requestRefusals },
      },
      onRequest: guard,
    },
    async (request, reply) => {
      const result = await service.advisorMessage(advisor(request), request.params.id, request.body.text);
      return result.ok ? reply.code(201).send(result.value) : answer(reply, result);
    },
  );

  app.get(
    '/stream',
    {
      schema: {
        summary: 'Live queue, presence, and chat of my requests',
        tags,
        security,
        querystring: helpStreamQuerySchema,
        response: { 200: eventStream(HELP_CONSOLE_EVENTS), ...advisorRefusals, 429: apiErrorSchema },
      },
      onRequest: guard,
    },
    async (request, reply) => {
      const me = advisor(request);
      // Per login session: the session's CSRF token is unique to it and never leaves this process.
      const release = streams.take(request.user!.csrfToken);
      if (!release)
        return sendError(
          reply,
          429,
          'too_many_streams',
          `This login already has ${maxStreams} live streams open; close a console tab first.`,
        );
      const disconnect = await service.connect(me);
      await openSse(request, reply, {
        events,
        audiences: new Set<Audience>(['console', service.audiences.advisor(me.id)]),
        lastEventId: request.query.lastEventId,
        snapshot: async () => ({ type: HELP_CONSOLE_EVENTS.snapshot, data: await service.consoleSnapshot(me) }),
        heartbeatMs,
        retryMs: 2000,
        openStreams,
        onClose: () => {
          release();
          disconnect().catch((error: unknown) => request.log.error({ err: error }, 'presence update failed'));
        },
      });
    },
  );
}
