/**
 * Routes of the consented screen view (issue 16) and their wiring into the help domain: the
 * station answers, signals and stops under `/api/v1/help/requests/:id/screen/…` with its Bearer
 * token; the advisor asks, signals, points and stops under `/api/v1/help/advisor/requests/:id/screen/…`
 * with the cookie session and CSRF header. Registered by help-plugin.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { apiErrorSchema, okReplySchema } from '../../protocol/api.ts';
import {
  HELP_API_PREFIX,
  helpRequestParamsSchema,
  screenAskResultSchema,
  screenConsentSchema,
  screenPointerSchema,
  screenSignalSchema,
  screenStopReasonSchema,
} from '../../protocol/help.ts';
import type { CentralApp, CentralContext } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import { SESSION_AUTH, STATION_AUTH } from '../infrastructure/openapi.ts';
import { routeRateLimit } from '../infrastructure/rate-limit.ts';
import type { HelpDomain } from './help-domain.ts';
import { createScreenShareStore } from './screen-share-store.ts';
import {
  createScreenShares,
  type ScreenShareAudit,
  type ScreenShares,
  type ShareAdvisor,
  type ShareResult,
} from './screen-share.ts';

/** Reasons a station may give for ending a share (the others are central's or the advisor's). */
const stationStopSchema = z
  .object({
    shareId: z.string().uuid(),
    reason: screenStopReasonSchema.extract(['visitor', 'reset', 'max-duration', 'failed']),
  })
  .strict();
const advisorStopSchema = z.object({ shareId: z.string().uuid() }).strict();
const refusals = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};

/** 200 with the value (or `{ ok: true }`), or the refusal as an API error. */
function answer<T>(response: FastifyReply, result: ShareResult<T>) {
  if (!result.ok) return sendError(response, result.status, result.error, result.message);
  return result.value ?? { ok: true as const };
}

/**
 * Builds the shares over the help domain (stored in central's database, shared by every replica),
 * mounts their routes and ends shares when a right ends (logout, disabled account, revoked
 * station) or a claim ends (watching the console events). With `timers`, sweeps every
 * `help.sweepIntervalSeconds`: each replica ends shares past their maximum, whoever took them.
 */
export async function registerScreenShare(
  app: CentralApp,
  { ctx, help, timers }: { ctx: CentralContext; help: HelpDomain; timers: boolean },
): Promise<ScreenShares> {
  // The audit record goes to central's structured log, which operators keep for the period in docs/privacy.md.
  const audit: ScreenShareAudit = {
    record: (entry) => app.log.info({ audit: 'screen-share', ...entry }, 'screen share ended'),
  };
  const shares = createScreenShares({
    events: help.events,
    store: help.store,
    shares: createScreenShareStore(ctx.storage),
    clock: ctx.clock,
    newId: uuidv7,
    config: help.config.screenShare,
    // Ended shares are kept only as long as the chat of a closed request.
    keepEndedMs: help.config.chatRetentionMinutes * 60_000,
    audit,
    audiences: help.service.audiences,
  });
  const logError = (what: string) => (error: unknown) => app.log.error({ err: error }, what);
  const unwatch = shares.watch(help.events, logError('ending a screen share at the end of its claim failed'));
  const unsubscribe = ctx.access.subscribe(async (event) => {
    const ending =
      event.kind === 'session'
        ? shares.endForSession(event.sessionIdHash)
        : event.kind === 'user'
          ? shares.endForAdvisor(event.name)
          : shares.endForStation(event.stationId);
    await ending.catch(logError('ending screen shares when access ended failed'));
  });
  app.addHook('onClose', async () => {
    unwatch();
    unsubscribe();
  });
  if (timers) {
    const timer = setInterval(
      () => void shares.sweep().catch(logError('screen share sweep failed')),
      help.config.sweepIntervalSeconds * 1000,
    );
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
  await app.register(async (scope) => stationScreenRoutes(scope, ctx, shares), { prefix: HELP_API_PREFIX });
  await app.register(async (scope) => advisorScreenRoutes(scope, ctx, shares), {
    prefix: `${HELP_API_PREFIX}/advisor`,
  });
  return shares;
}

function stationScreenRoutes(app: CentralApp, ctx: CentralContext, shares: ScreenShares): void {
  const tags = ['help: screen view'];
  const onRequest = ctx.auth.requireStation;
  // Signalling is a burst of a few ICE candidates per share; the cap stops a looping station.
  const config = {
    rateLimit: routeRateLimit({
      max: ctx.config.help.stationRequestsPerMinute * 5,
      windowMs: 60_000,
      hook: 'onRequest',
      key: (request) => request.station!.id,
      message: (seconds) => `Too many screen-view calls from this station; retry after ${seconds} s.`,
    }),
  };
  // Like the other station routes: Bearer token, no cookie, so any origin (the preview page) may call.
  app.addHook('onRequest', async (_request, response) => {
    response.header('access-control-allow-origin', '*');
  });
  const stationId = (request: FastifyRequest) => request.station!.id;
  const common = { tags, security: STATION_AUTH, params: helpRequestParamsSchema };

  app.post(
    '/requests/:id/screen/consent',
    {
      schema: {
        ...common,
        summary: "The visitor's Allow / No",
        body: screenConsentSchema,
        response: { 200: okReplySchema, ...refusals },
      },
      onRequest,
      config,
    },
    async (request, response) =>
      answer(
        response,
        await shares.consent(stationId(request), request.params.id, request.body.shareId, request.body.allow),
      ),
  );
  app.post(
    '/requests/:id/screen/signal',
    {
      schema: {
        ...common,
        summary: 'WebRTC offer or ICE candidate to the advisor',
        body: screenSignalSchema,
        response: { 200: okReplySchema, ...refusals },
      },
      onRequest,
      config,
    },
    async (request, response) =>
      answer(response, await shares.signalFromStation(stationId(request), request.params.id, request.body)),
  );
  app.post(
    '/requests/:id/screen/stop',
    {
      schema: {
        ...common,
        summary: 'The station ended the share (Stop, reset, maximum, failure)',
        body: stationStopSchema,
        response: { 200: okReplySchema, ...refusals },
      },
      onRequest,
      config,
    },
    async (request, response) =>
      answer(
        response,
        await shares.stopByStation(stationId(request), request.params.id, request.body.shareId, request.body.reason),
      ),
  );
}

function advisorScreenRoutes(app: CentralApp, ctx: CentralContext, shares: ScreenShares): void {
  const tags = ['help: screen view'];
  const onRequest = ctx.auth.requireUser(['advisor']);
  const me = (request: FastifyRequest): ShareAdvisor => ({
    id: request.user!.name,
    sessionIdHash: request.user!.sessionIdHash,
  });
  const common = { tags, security: SESSION_AUTH, params: helpRequestParamsSchema };

  app.post(
    '/requests/:id/screen/ask',
    {
      schema: {
        ...common,
        summary: 'Ask the visitor to show their screen',
        response: { 200: screenAskResultSchema, ...refusals },
      },
      onRequest,
    },
    async (request, response) => {
      const result = await shares.ask(me(request), request.params.id);
      return result.ok ? result.value : sendError(response, result.status, result.error, result.message);
    },
  );
  app.post(
    '/requests/:id/screen/signal',
    {
      schema: {
        ...common,
        summary: 'WebRTC answer or ICE candidate to the station',
        body: screenSignalSchema,
        response: { 200: okReplySchema, ...refusals },
      },
      onRequest,
    },
    async (request, response) =>
      answer(response, await shares.signalFromAdvisor(me(request), request.params.id, request.body)),
  );
  app.post(
    '/requests/:id/screen/pointer',
    {
      schema: {
        ...common,
        summary: 'Show the visitor where to press',
        body: screenPointerSchema,
        response: { 200: okReplySchema, ...refusals },
      },
      onRequest,
    },
    async (request, response) => {
      const { shareId, x, y } = request.body;
      return answer(response, await shares.pointer(me(request), request.params.id, shareId, x, y));
    },
  );
  app.post(
    '/requests/:id/screen/stop',
    {
      schema: {
        ...common,
        summary: 'Stop viewing the screen',
        body: advisorStopSchema,
        response: { 200: okReplySchema, ...refusals },
      },
      onRequest,
    },
    async (request, response) =>
      answer(response, await shares.stopByAdvisor(me(request), request.params.id, request.body.shareId)),
  );
}
