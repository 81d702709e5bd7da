/**
 * The station's links to central: usage metrics (recorder + uploader over the host's durable
 * queue) and help requests. Both hosts build them here; they supply only what differs per
 * runtime: where the queue lives, where the token comes from, and their `fetch`.
 */
import { createFetchFleetApi, type FleetApi } from '../fleet/fleet-api.ts';
import { fetchHttp, fetchLiveStreams } from '../help/fetch-adapters.ts';
import { HelpClient } from '../help/help-client.ts';
import { createFetchMetricsHttp } from '../metrics/metrics-http.ts';
import type { QueueStore } from '../metrics/queue-store.ts';
import { createStationMetrics } from '../metrics/station-metrics.ts';
import type { Clock, IdSource, MetricsSink } from '../ports.ts';
import { OfflineHelp } from '../session/offline-help.ts';
import type { HelpPort } from '../session/station-controller.ts';

/** What the station composition needs from central: a metrics sink and a help port, and the fleet API. */
export interface StationLinks {
  metrics: MetricsSink;
  help: HelpPort;
  /** Central's fleet routes and the metrics backlog for the heartbeat; absent without central. */
  fleet?: { api: FleetApi; queueBacklog(): Promise<number> };
}

/** The links plus a way to stop them (tests, shutdown). */
export interface CentralLinks extends StationLinks {
  /** Stops the upload loop and closes the queue. */
  stop(): void;
}

/** Port: what a host supplies so the station can reach central. */
export interface CentralLinkPorts {
  /** Central's base URL, e.g. `https://central.example`. */
  centralUrl: string;
  /** The durable queue (a file in Electron, localStorage in the preview); `close` runs on `stop`. */
  queue: QueueStore & { close?(): void };
  /** The station token, asked for whenever it is needed; null while the station is not enrolled. */
  token(): string | null;
  /** `globalThis.fetch` in Electron main, the page's `fetch` in the preview, a fake central in tests. */
  fetch: typeof globalThis.fetch;
  clock: Clock;
  /** Ids for events and batches (UUIDv7, so central can order and de-duplicate them). */
  ids: IdSource;
  /** The app's version for the `station.started` event. */
  appVersion: string;
  /** The queue's budget in bytes, when the host's storage is smaller than the default's disk. */
  budgetBytes?: number;
  log(message: string, details?: Record<string, unknown>): void;
}

/** A station with no central: records nothing, and help offers the phone line and the desk at once. */
export function offlineLinks(): CentralLinks {
  return { metrics: { record: () => undefined }, help: new OfflineHelp(), stop: () => undefined };
}

/** Starts the upload loop, records `station.started`, and builds the help client. Never throws. */
export function linkCentral(ports: CentralLinkPorts): CentralLinks {
  const { recorder, uploader } = createStationMetrics({
    store: ports.queue,
    http: createFetchMetricsHttp(ports.fetch),
    clock: ports.clock,
    ids: ports.ids,
    centralUrl: ports.centralUrl,
    token: () => ports.token(),
    log: (message, details) => ports.log(`metrics: ${message}`, details),
    ...(ports.budgetBytes !== undefined ? { budgetBytes: ports.budgetBytes } : {}),
  });
  uploader.start();
  recorder.record({ type: 'station.started', appVersion: ports.appVersion });

  // The help client sends its token with every call; without one central would answer 401 after
  // a wait, so offer the phone line and the desk at once instead.
  const helpToken = ports.token();
  const help: HelpPort =
    helpToken === null
      ? new OfflineHelp()
      : new HelpClient({
          http: fetchHttp(ports.fetch),
          streams: fetchLiveStreams(ports.fetch),
          clock: ports.clock,
          metrics: recorder,
          centralUrl: ports.centralUrl,
          token: helpToken,
        });

  return {
    metrics: recorder,
    help,
    // Same central, token and fetch as metrics: one place decides how the station reaches central.
    fleet: {
      api: createFetchFleetApi({ centralUrl: ports.centralUrl, token: () => ports.token(), fetch: ports.fetch }),
      queueBacklog: async () => (await ports.queue.stats()).count,
    },
    stop() {
      uploader.stop();
      ports.queue.close?.();
    },
  };
}
