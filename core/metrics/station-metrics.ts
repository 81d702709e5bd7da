/**
 * Wires the recorder and the uploader over one queue store: what a host's composition root calls.
 *
 *   const metrics = createStationMetrics({ store, http: createFetchMetricsHttp(), clock, ids: uuidv7,
 *     centralUrl: config.central.url, token: () => readToken() });
 *   metrics.uploader.start();               // pass metrics.recorder wherever a MetricsSink is needed
 */
import { MetricsRecorder } from './metrics-recorder.ts';
import { MetricsUploader, type MetricsUploaderOptions } from './metrics-uploader.ts';

/** The uploader's settings, plus the recorder's disk budget. */
export type StationMetricsOptions = Pick<
  MetricsUploaderOptions,
  'store' | 'http' | 'clock' | 'ids' | 'centralUrl' | 'token' | 'backoff' | 'log'
> & { budgetBytes?: number };

export function createStationMetrics(options: StationMetricsOptions): {
  recorder: MetricsRecorder;
  uploader: MetricsUploader;
} {
  const log = options.log ?? (() => {});
  const uploader = new MetricsUploader({
    store: options.store,
    http: options.http,
    clock: options.clock,
    ids: options.ids,
    centralUrl: options.centralUrl,
    token: options.token,
    log,
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  const recorder = new MetricsRecorder({
    store: options.store,
    clock: options.clock,
    ids: options.ids,
    log,
    onQueued: () => uploader.nudge(),
    ...(options.budgetBytes !== undefined ? { budgetBytes: options.budgetBytes } : {}),
  });
  return { recorder, uploader };
}
