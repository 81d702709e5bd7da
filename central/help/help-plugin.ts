/**
 * The help domain in central (issue 5): runs its migrations, mounts the station and advisor routes
 * under `/api/v1/help`, ends open live streams on shutdown and runs housekeeping on a timer.
 * Registered by `buildCentral` (central/app.ts) in the domain layer.
 */
import type { FastifyPluginAsync } from 'fastify';
import { HELP_API_PREFIX } from '../../protocol/help.ts';
import type { CentralContext } from '../context.ts';
import type { HelpDomain } from './help-domain.ts';
import { advisorRoutes, stationRoutes } from './help-routes.ts';
import { registerScreenShare } from './screen-share-routes.ts';

export interface HelpPluginOptions extends CentralContext {
  help: HelpDomain;
  /** Run housekeeping on a timer (default in production); tests call `help.service.sweep()`. */
  timers: boolean;
}

export const helpPlugin: FastifyPluginAsync<HelpPluginOptions> = async (app, { help, timers, ...ctx }) => {
  await help.store.migrate();
  // On PostgreSQL, from here on this replica hears every replica's events (LISTEN/NOTIFY).
  await help.events.start((error) => app.log.error({ err: error }, 'help live events: listening connection'));
  app.addHook('onClose', async () => help.events.stop());
  const openStreams = help.openStreams;
  const deps = {
    ctx,
    service: help.service,
    events: help.events,
    heartbeatMs: help.config.streamHeartbeatSeconds * 1000,
    openStreams,
  };
  // A revoked or rotated station's open requests close, so no advisor claims one nobody can see.
  const unsubscribe = ctx.access.subscribe(async (event) => {
    if (event.kind !== 'station') return;
    await help.service
      .closeForStation(event.stationId)
      .catch((error: unknown) => app.log.error({ err: error }, 'closing a revoked station’s requests failed'));
  });
  app.addHook('onClose', async () => unsubscribe());
  // An open stream would otherwise hold `close()` until its client went away.
  app.addHook('preClose', async () => {
    for (const end of [...openStreams]) end();
  });
  await app.register(async (scope) => stationRoutes(scope, deps), { prefix: HELP_API_PREFIX });
  await app.register(async (scope) => advisorRoutes(scope, deps), { prefix: `${HELP_API_PREFIX}/advisor` });
  // The consented screen view rides on the same streams and guards (issue 16).
  await registerScreenShare(app, { ctx, help, timers });

  if (timers) {
    const timer = setInterval(
      () => void help.service.sweep().catch((error: unknown) => app.log.error({ err: error }, 'help sweep failed')),
      help.config.sweepIntervalSeconds * 1000,
    );
    // Housekeeping must never keep a stopping process alive.
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
};
