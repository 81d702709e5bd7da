/**
 * HTTP routes of the help API. Station routes need the station's Bearer token and see only that
 * station's requests; advisor routes need a cookie session (advisor, coordinator or admin) and, for
 * every state change, the CSRF header. Every body and id is validated against protocol/ schemas.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { z } from 'zod';
import { formatIssues, uuidSchema } from '../../protocol/events.ts';
import {
  HELP_API_PREFIX,
  advisorPresenceInputSchema,
  chatMessageInputSchema,
  HELP_CONSOLE_EVENTS,
  HELP_STATION_EVENTS,
  helpRequestCreateSchema,
  type ChatMessage,
} from '../../protocol/help.ts';
import type { CentralContext } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import type { Audience, EventLog } from './event-log.ts';
import { answer } from './help-errors.ts';
import type { ActionResult, AdvisorIdentity, HelpService, StationIdentity } from './service.ts';
import { openSse } from './sse.ts';

export interface HelpRouteDeps {
  ctx: CentralContext;
  service: HelpService;
  events: EventLog;
  heartbeatMs: number;
  openStreams: Set<() => void>;
}

const ADVISOR_ROLES = ['advisor', 'coordinator'] as const;

function parse<S extends z.ZodType>(schema: S, value: unknown, reply: FastifyReply): z.infer<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  void sendError(reply, 400, 'bad_request', formatIssues(result.error));
  return undefined;
}

const requestId = (request: FastifyRequest, reply: FastifyReply) =>
  parse(uuidSchema, (request.params as { id?: string }).id, reply);

function station(request: FastifyRequest): StationIdentity {
  // requireStation ran first, so the station is set.
  const s = request.station!;
  return { id: s.id, location: s.location || s.id };
}

function advisor(request: FastifyRequest): AdvisorIdentity {
  const u = request.user!;
  return { id: u.name, displayName: u.name };
}

/** `POST /requests/:id/messages` for either side: validated text, 201 with the stored line. */
function chatRoute(
  app: FastifyInstance,
  preHandler: preHandlerAsyncHookHandler,
  send: (request: FastifyRequest, id: string, text: string) => Promise<ActionResult<ChatMessage>>,
): void {
  app.post('/requests/:id/messages', { preHandler }, async (request, reply) => {
    const id = requestId(request, reply);
    const body = id && parse(chatMessageInputSchema, request.body, reply);
    if (!id || !body) return reply;
    const result = await send(request, id, body.text);
    return result.ok ? reply.code(201).send(result.value) : answer(reply, result);
  });
}

/** Station-facing routes (mount under `/api/v1/help`). */
export function stationRoutes(
  app: FastifyInstance,
  { ctx, service, events, heartbeatMs, openStreams }: HelpRouteDeps,
): void {
  const preHandler = ctx.auth.requireStation;

  // Stations authenticate with a Bearer token, never a cookie, so any origin may call these routes:
  // the browser preview host runs the station in a page on another port.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(`${HELP_API_PREFIX}/advisor`)) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'content-type');
  });
  app.options('/*', async (request, reply) =>
    request.url.startsWith(`${HELP_API_PREFIX}/advisor`)
      ? sendError(reply, 404, 'not_found', 'No cross-origin access to advisor routes.')
      : reply
          .header('access-control-allow-methods', 'GET, POST')
          .header('access-control-allow-headers', 'authorization, content-type, last-event-id')
          .header('access-control-max-age', '600')
          .code(204)
          .send(),
  );

  app.get('/availability', { preHandler }, async () => service.availability());

  app.post('/requests', { preHandler }, async (request, reply) => {
    const body = parse(helpRequestCreateSchema, request.body, reply);
    if (!body) return reply;
    const result = await service.create(station(request), body);
    return reply.code(result.status === 'accepted' ? 201 : 200).send(result);
  });

  app.get('/requests/:id', { preHandler }, async (request, reply) => {
    const id = requestId(request, reply);
    if (!id) return reply;
    return answer(reply, await service.stationRequest(station(request), id));
  });

  app.post('/requests/:id/cancel', { preHandler }, async (request, reply) => {
    const id = requestId(request, reply);
    if (!id) return reply;
    return answer(reply, await service.cancelByStation(station(request), id));
  });

  chatRoute(app, preHandler, (request, id, text) => service.stationMessage(station(request), id, text));

  app.get('/stream', { preHandler }, async (request, reply) => {
    const who = station(request);
    await openSse(request, reply, {
      events,
      audiences: new Set<Audience>([service.audiences.station(who.id)]),
      snapshot: async () => ({
        type: HELP_STATION_EVENTS.snapshot,
        data: { requests: await service.stationSnapshot(who) },
      }),
      heartbeatMs,
      retryMs: 2000,
      openStreams,
    });
  });
}

/** Advisor-console routes (mount under `/api/v1/help/advisor`). */
export function advisorRoutes(
  app: FastifyInstance,
  { ctx, service, events, heartbeatMs, openStreams }: HelpRouteDeps,
): void {
  const preHandler = ctx.auth.requireUser(ADVISOR_ROLES);

  app.get('/queue', { preHandler }, async (request) => service.consoleSnapshot(advisor(request)));
  app.get('/handled-today', { preHandler }, async (request) => ({
    items: await service.handledToday(advisor(request)),
  }));

  app.post('/heartbeat', { preHandler }, async (request) => {
    service.touch(advisor(request));
    return { ok: true };
  });

  app.put('/presence', { preHandler }, async (request, reply) => {
    const body = parse(advisorPresenceInputSchema, request.body, reply);
    if (!body) return reply;
    service.setPresence(advisor(request), body.status);
    return { status: body.status };
  });

  const action = (name: 'claim' | 'release' | 'resolve') =>
    app.post(`/requests/:id/${name}`, { preHandler }, async (request, reply) => {
      const id = requestId(request, reply);
      if (!id) return reply;
      return answer(reply, await service[name](advisor(request), id));
    });
  action('claim');
  action('release');
  action('resolve');

  chatRoute(app, preHandler, (request, id, text) => service.advisorMessage(advisor(request), id, text));

  app.get('/stream', { preHandler }, async (request, reply) => {
    const me = advisor(request);
    const disconnect = service.connect(me);
    await openSse(request, reply, {
      events,
      audiences: new Set<Audience>(['console', service.audiences.advisor(me.id)]),
      snapshot: async () => ({ type: HELP_CONSOLE_EVENTS.snapshot, data: await service.consoleSnapshot(me) }),
      heartbeatMs,
      retryMs: 2000,
      openStreams,
      onClose: disconnect,
    });
  });
}
