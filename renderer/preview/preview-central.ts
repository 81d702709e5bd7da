/**
 * The preview's links to central: the durable metrics queue (in localStorage, so a reload or a
 * crashed tab loses nothing already queued) and help requests. Without central in the bootstrap,
 * events are queued for nobody and help answers "unavailable" at once.
 */
import { v7 as uuidv7 } from 'uuid';
import { fetchHttp, fetchLiveStreams } from '../../core/help/fetch-adapters.ts';
import { HelpClient } from '../../core/help/help-client.ts';
import { createFetchMetricsHttp } from '../../core/metrics/metrics-http.ts';
import { createStationMetrics } from '../../core/metrics/station-metrics.ts';
import { systemClock, type MetricsSink } from '../../core/ports.ts';
import { OfflineHelp } from '../../core/session/offline-help.ts';
import type { HelpPort } from '../../core/session/station-controller.ts';
import { createLocalStorageQueueStore, PREVIEW_QUEUE_BUDGET_BYTES } from './local-storage-queue-store.ts';
import type { PreviewBootstrap } from './bootstrap.ts';

export function createPreviewMetrics(page: Window, central: PreviewBootstrap['central']): MetricsSink {
  if (!central) return { record: () => undefined };
  const { recorder, uploader } = createStationMetrics({
    store: createLocalStorageQueueStore(page.localStorage),
    http: createFetchMetricsHttp(page.fetch.bind(page)),
    clock: systemClock,
    ids: uuidv7,
    centralUrl: central.url,
    token: () => central.stationToken,
    budgetBytes: PREVIEW_QUEUE_BUDGET_BYTES,
    log: (message, details) => console.info(`[metrics] ${message}`, details ?? ''),
  });
  uploader.start();
  return recorder;
}

export function createPreviewHelp(page: Window, central: PreviewBootstrap['central'], metrics: MetricsSink): HelpPort {
  if (!central) return new OfflineHelp();
  const pageFetch = page.fetch.bind(page);
  return new HelpClient({
    http: fetchHttp(pageFetch),
    streams: fetchLiveStreams(pageFetch),
    clock: systemClock,
    metrics,
    centralUrl: central.url,
    token: central.stationToken,
  });
}
