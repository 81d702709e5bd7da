/**
 * The preview's ports to central: the durable metrics queue in localStorage (a reload or a crashed
 * tab loses nothing already queued), the page's `fetch`, and the token the preview server was
 * given. Core's `linkCentral` builds metrics and help from them, as it does for Electron. Without
 * central in the bootstrap, nothing is recorded and help answers "unavailable" at once.
 */
import { v7 as uuidv7 } from 'uuid';
import { createFetchFleetApi, type FleetApi } from '../../core/fleet/fleet-api.ts';
import { systemClock } from '../../core/ports.ts';
import { linkCentral, offlineLinks, type CentralLinks } from '../../core/station/central-links.ts';
import type { PreviewBootstrap } from './bootstrap.ts';
import { createLocalStorageQueueStore, PREVIEW_QUEUE_BUDGET_BYTES } from './local-storage-queue-store.ts';

export function linkPreviewCentral(
  page: Window,
  central: PreviewBootstrap['central'],
  log: (message: string, details?: Record<string, unknown>) => void,
): CentralLinks {
  if (!central) return offlineLinks();
  return linkCentral({
    centralUrl: central.url,
    queue: createLocalStorageQueueStore(page.localStorage),
    token: () => central.stationToken,
    fetch: page.fetch.bind(page),
    clock: systemClock,
    ids: uuidv7,
    appVersion: __APP_VERSION__,
    budgetBytes: PREVIEW_QUEUE_BUDGET_BYTES,
    log,
  });
}

/** Central's fleet API alone, for a preview station whose config is invalid (`InvalidConfigBeacon`); null without central. */
export function previewFleetApi(page: Window, central: PreviewBootstrap['central']): FleetApi | null {
  if (!central) return null;
  return createFetchFleetApi({
    centralUrl: central.url,
    token: () => central.stationToken,
    fetch: page.fetch.bind(page),
  });
}

declare const __APP_VERSION__: string;
