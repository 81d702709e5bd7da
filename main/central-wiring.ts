/**
 * The Electron station's links to central: usage metrics (a durable on-disk queue and its
 * uploader) and help requests. The same wiring as the preview's `preview-central.ts`, with Node
 * adapters: the queue is a JSON-lines file under the app's userData folder, so events survive
 * crashes, restarts and days offline, and the station token is read from the config's
 * `central.tokenFile`.
 *
 * Without a `central` section the station sends nothing and help is offline (phone line and desk
 * only), as the config schema promises. Nothing here decides policy: the uploader and the help
 * client in core/ do.
 */
import { dirname, join, resolve } from 'node:path';
import type { StationConfig } from '../core/config/schema.ts';
import { fetchHttp, fetchLiveStreams } from '../core/help/fetch-adapters.ts';
import { HelpClient } from '../core/help/help-client.ts';
import { MemoryQueueStore } from '../core/metrics/memory-queue-store.ts';
import { createFetchMetricsHttp } from '../core/metrics/metrics-http.ts';
import type { QueueStore } from '../core/metrics/queue-store.ts';
import { createStationMetrics } from '../core/metrics/station-metrics.ts';
import type { Clock, IdSource, MetricsSink } from '../core/ports.ts';
import { OfflineHelp } from '../core/session/offline-help.ts';
import type { HelpPort } from '../core/session/station-controller.ts';
import { openFileQueueStore } from './metrics/file-queue-store.ts';

/** Folder under userData that holds the metrics queue (no visitor data: events from fixed lists only). */
export const METRICS_QUEUE_DIR = 'metrics-queue';

export interface CentralWiringDeps {
  /** The validated config's `central` section; undefined = a station that sends nothing. */
  central: StationConfig['central'];
  /** Where the config was read from: a relative `tokenFile` is resolved against its folder. */
  configPath: string;
  /** `app.getPath('userData')`: the durable queue lives in a folder below it. */
  userDataDir: string;
  readText(path: string): string;
  /** `globalThis.fetch` in production; a fake central in tests. */
  fetch: typeof globalThis.fetch;
  clock: Clock;
  /** Ids for events and batches (UUIDv7, so central can order and de-duplicate them). */
  ids: IdSource;
  /** The app's version for the `station.started` event, e.g. `app.getVersion()`. */
  appVersion: string;
  log(message: string, details?: Record<string, unknown>): void;
  /** Opens the queue store (defaults to the file queue; tests may pass a failing one). */
  openQueue?: (dir: string) => QueueStore & { close(): void };
}

/** What the station gets: a metrics sink and a help port, plus a way to stop both (tests, shutdown). */
export interface CentralLinks {
  metrics: MetricsSink;
  help: HelpPort;
  /** Stops the upload loop and closes the queue file. */
  stop(): void;
}

/** Builds the links for a validated config; never throws (a broken disk or token must not stop visitors). */
export function wireCentral(deps: CentralWiringDeps): CentralLinks {
  const { central, log } = deps;
  if (!central) {
    log('no central configured: metrics are not recorded and help offers the phone line and the desk');
    return { metrics: { record: () => undefined }, help: new OfflineHelp(), stop: () => undefined };
  }

  const tokenPath = central.tokenFile === undefined ? null : resolve(dirname(deps.configPath), central.tokenFile);
  let lastTokenProblem: string | null = null;
  /** Read each time it is needed until it succeeds, so a station enrolled after start sends without a restart. */
  let token: string | null = null;
  const readToken = (): string | null => {
    if (token !== null) return token;
    let problem: string;
    if (tokenPath === null) problem = 'central.tokenFile is not set';
    else {
      try {
        const text = deps.readText(tokenPath).trim();
        if (text !== '') return (token = text);
        problem = 'token file is empty';
      } catch (error) {
        problem = `token file cannot be read (${(error as { code?: string }).code ?? 'error'})`;
      }
    }
    // Once per kind of problem: the uploader asks on every retry. Never the token itself.
    if (problem !== lastTokenProblem)
      log('station token unavailable; metrics stay queued', { problem, tokenFile: tokenPath });
    lastTokenProblem = problem;
    return null;
  };

  const queueDir = join(deps.userDataDir, METRICS_QUEUE_DIR);
  let store: QueueStore & { close(): void };
  try {
    store = (deps.openQueue ?? openFileQueueStore)(queueDir);
  } catch (error) {
    // Visitors come first: keep counting in memory (lost on exit) rather than refuse to start.
    log('metrics queue cannot be opened on disk; queueing in memory until restart', {
      dir: queueDir,
      error: String(error),
    });
    store = Object.assign(new MemoryQueueStore(), { close: () => undefined });
  }

  const { recorder, uploader } = createStationMetrics({
    store,
    http: createFetchMetricsHttp(deps.fetch),
    clock: deps.clock,
    ids: deps.ids,
    centralUrl: central.url,
    token: readToken,
    log: (message, details) => log(`metrics: ${message}`, details),
  });
  uploader.start();
  recorder.record({ type: 'station.started', appVersion: deps.appVersion });

  // The help client sends its token with every call; without one central would answer 401 after
  // a wait, so offer the phone line and the desk at once instead.
  const helpToken = readToken();
  const help: HelpPort =
    helpToken === null
      ? new OfflineHelp()
      : new HelpClient({
          http: fetchHttp(deps.fetch),
          streams: fetchLiveStreams(deps.fetch),
          clock: deps.clock,
          metrics: recorder,
          centralUrl: central.url,
          token: helpToken,
        });

  return {
    metrics: recorder,
    help,
    stop() {
      uploader.stop();
      store.close();
    },
  };
}
