/** Runs retention at boot and then on a timer; stops with the server. */
import type { FastifyPluginAsync } from 'fastify';
import type { CentralContext } from '../context.ts';
import { createRetention } from './retention.ts';

export const retentionJob: FastifyPluginAsync<CentralContext & { timer: boolean }> = async (app, ctx) => {
  if (!ctx.timer) return;
  const retention = createRetention({
    storage: ctx.storage,
    clock: ctx.clock,
    retentionDays: ctx.config.retentionDays,
  });
  const run = () => {
    retention
      .runOnce()
      .catch((error: unknown) => app.log.error({ err: error }, 'retention run failed; will retry next interval'));
  };
  let interval: ReturnType<typeof setInterval> | undefined;
  app.addHook('onReady', async () => {
    run();
    interval = setInterval(run, ctx.config.retentionIntervalMinutes * 60_000);
    // The job must never keep a stopping process alive.
    interval.unref();
  });
  app.addHook('onClose', async () => clearInterval(interval));
};
