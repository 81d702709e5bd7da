/**
 * The fleet domain in central (issue 13): runs its migrations, mounts the station and IT routes,
 * and runs the alert evaluation and history sweep on a timer. Registered by `buildCentral`
 * (central/app.ts) in the domain layer, like help.
 */
import type { FastifyPluginAsync } from 'fastify';
import { FLEET_API_PREFIX, FLEET_STATION_PREFIX } from '../../protocol/fleet.ts';
import type { CentralContext } from '../context.ts';
import type { FleetDomain } from './fleet-domain.ts';
import { fleetStaffRoutes, fleetStationRoutes } from './fleet-routes.ts';
import { fleetMigrations } from './migrations.ts';

export interface FleetPluginOptions extends CentralContext {
  fleet: FleetDomain;
  /** Run alert evaluation and the history sweep on a timer; tests call `fleet.alerts.evaluate()`. */
  timers: boolean;
}

export const fleetPlugin: FastifyPluginAsync<FleetPluginOptions> = async (app, { fleet, timers, ...ctx }) => {
  await ctx.storage.migrate('fleet', fleetMigrations);
  const deps = { ctx, fleet: fleet.service };
  await app.register(async (scope) => fleetStationRoutes(scope, deps), { prefix: FLEET_STATION_PREFIX });
  await app.register(async (scope) => fleetStaffRoutes(scope, deps), { prefix: FLEET_API_PREFIX });

  if (timers) {
    const run = () =>
      void fleet.alerts
        .evaluate()
        .then(() => fleet.service.sweepHistory())
        .catch((error: unknown) => app.log.error({ err: error }, 'fleet alert evaluation failed'));
    const timer = setInterval(run, fleet.config.evaluateIntervalSeconds * 1000);
    // Housekeeping must never keep a stopping process alive.
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
};
