/**
 * The Electron adapters of a running station: e-service views, visitor partitions and the reset
 * ladder. Built in one direction (owners → partitions → views → reset ladder); what they see
 * goes to core's `HostEvents`, so none of them needs the controller.
 */
import { join } from 'node:path';
import type { StationConfig } from '../core/config/schema.ts';
import type { ResetExecutor } from '../core/session/reset-plan.ts';
import type { StationAdapters } from '../core/station/compose-station.ts';
import type { HostEvents } from '../core/station/host-events.ts';
import type { Clock } from '../core/ports.ts';
import type { ElectronMain } from './electron-api.ts';
import { ServiceOwners } from './service-owners.ts';
import { ElectronServiceViews, type ServiceArea } from './service-views.ts';
import { createResetExecutor, VisitorPartitions, type DownloadDisk } from './session-lifecycle.ts';
import { errorSummary } from '../core/station/log-policy.ts';

/** What the Electron host hands `composeStation` back: the ports, plus the partitions for tests and hooks. */
export interface ElectronAdapters extends StationAdapters {
  views: ElectronServiceViews;
  partitions: VisitorPartitions;
  reset: ResetExecutor;
  /** Which service each e-service webContents shows (client certificates and permissions ask it). */
  owners: ServiceOwners;
  /** The start-up sweep of the download root (what a crash or power cut left behind). */
  startupSweep: Promise<void>;
}

export function createElectronAdapters(deps: {
  electron: ElectronMain;
  config: StationConfig;
  events: HostEvents;
  /** The window's area below the toolbar. */
  area: ServiceArea;
  clock: Clock;
  newId: () => string;
  /** The download root on disk (`nodeDownloadDisk`; tests pass one with locked files). */
  disk: DownloadDisk;
  /** IT pressed the maintenance chord inside a page. */
  onMaintenanceChord?: () => void;
  log: (message: string, details?: Record<string, unknown>) => void;
}): ElectronAdapters {
  const { electron, events, log } = deps;
  const owners = new ServiceOwners(deps.config.localHttpOrigins);
  const partitions = new VisitorPartitions({
    electron,
    downloadRoot: join(electron.app.getPath('temp'), 'kiosk-downloads'),
    disk: deps.disk,
    newId: deps.newId,
    permissions: owners,
    onFiles: (files) => events.setFiles(files),
    log,
  });
  const views = new ElectronServiceViews({
    electron,
    partitions,
    owners,
    area: deps.area,
    localHttpOrigins: deps.config.localHttpOrigins,
    onBlocked: (serviceId) => events.navigationBlocked(serviceId),
    onActivity: () => events.activity(),
    onHome: () => events.home(),
    ...(deps.onMaintenanceChord ? { onMaintenanceChord: deps.onMaintenanceChord } : {}),
    clock: deps.clock,
    log,
    now: () => deps.clock.now(),
  });
  const reset = createResetExecutor({ partitions, views, clipboard: electron.clipboard });
  // Files of a visitor whose reset never ran (crash, power cut) must not wait for the next reset.
  const startupSweep = partitions.sweep(partitions.current().name).catch((error: unknown) => {
    log('download root could not be swept at start-up', errorSummary(error));
  });
  return { views, partitions, reset, owners, startupSweep };
}
