/**
 * The fleet domain's services, built once by central's composition root (central/app.ts); the
 * plugin only migrates, mounts routes and runs the timer over these.
 */
import type { Accounts } from '../auth/accounts.ts';
import type { CentralClock } from '../infrastructure/clock.ts';
import type { Storage } from '../storage/storage.ts';
import { createFleetAlerts, type AlertSender, type FleetAlerts } from './alerts.ts';
import type { FleetConfig } from './fleet-config.ts';
import { createFleetService, type FleetService } from './fleet-service.ts';

export interface FleetDomain {
  config: FleetConfig;
  service: FleetService;
  alerts: FleetAlerts;
}

export function createFleetDomain(deps: {
  storage: Storage;
  accounts: Accounts;
  clock: CentralClock;
  config: FleetConfig;
  send?: AlertSender;
}): FleetDomain {
  const service = createFleetService(deps);
  const alerts = createFleetAlerts({ ...deps, fleet: service, ...(deps.send ? { send: deps.send } : {}) });
  return { config: deps.config, service, alerts };
}
