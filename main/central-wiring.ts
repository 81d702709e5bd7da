/**
 * The Electron station's ports to central: the durable metrics queue (a JSON-lines file under the
 * app's userData folder, so events survive crashes, restarts and days offline) and the station
 * token from the config's `central.tokenFile`. Core's `linkCentral` builds metrics and help from
 * them, as it does for the preview.
 *
 * Without a `central` section the station sends nothing and help is offline (phone line and desk
 * only), as the config schema promises.
 */
import { dirname, join, resolve } from 'node:path';
import type { StationConfig } from '../core/config/schema.ts';
import type { CentralSection } from '../core/config/validate.ts';
import { createFetchFleetApi, type FleetApi } from '../core/fleet/fleet-api.ts';
import { MemoryQueueStore } from '../core/metrics/memory-queue-store.ts';
import type { QueueStore } from '../core/metrics/queue-store.ts';
import type { Clock, IdSource } from '../core/ports.ts';
import { linkCentral, offlineLinks, type CentralLinks } from '../core/station/central-links.ts';
import { openFileQueueStore } from './metrics/file-queue-store.ts';

export type { CentralLinks } from '../core/station/central-links.ts';

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
  log: (message: string, details?: Record<string, unknown>) => void;
  /** Opens the queue store (defaults to the file queue; tests may pass a failing one). */
  openQueue?: (dir: string) => QueueStore & { close(): void };
}

/** Builds the links for a validated config; never throws (a broken disk or token must not stop visitors). */
export function wireCentral(deps: CentralWiringDeps): CentralLinks {
  const { central, log } = deps;
  if (!central) {
    log('no central configured: metrics are not recorded and help offers the phone line and the desk');
    return offlineLinks();
  }

  const readToken = stationTokenReader(
    { central, configPath: deps.configPath, readText: (path) => deps.readText(path), log },
    'metrics stay queued',
  );

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

  return linkCentral({
    centralUrl: central.url,
    queue: store,
    token: readToken,
    fetch: deps.fetch,
    clock: deps.clock,
    ids: deps.ids,
    appVersion: deps.appVersion,
    log,
  });
}

/** What reading the station token needs: the `central` section, where the config was read, a file reader and the log. */
type TokenReaderDeps = Pick<CentralWiringDeps, 'configPath' | 'readText' | 'log'> & { central: CentralSection };

/**
 * The station token from `central.tokenFile` (relative to the config's folder), read each time it
 * is needed until it succeeds, so a station enrolled after start sends without a restart. Each kind
 * of problem is logged once, never the token itself.
 */
function stationTokenReader(deps: TokenReaderDeps, consequence: string): () => string | null {
  const { central, log } = deps;
  const tokenPath = central.tokenFile === undefined ? null : resolve(dirname(deps.configPath), central.tokenFile);
  let lastTokenProblem: string | null = null;
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
      log(`station token unavailable; ${consequence}`, { problem, tokenFile: tokenPath });
    lastTokenProblem = problem;
    return null;
  };
  return readToken;
}

/**
 * Central's fleet API from the `central` section alone, for a station whose config is invalid as a
 * whole (`core/fleet/invalid-config-beacon.ts`): the same URL, token file and fetch as `wireCentral`.
 */
export function wireFleetApi(deps: TokenReaderDeps & Pick<CentralWiringDeps, 'fetch'>): FleetApi {
  const token = stationTokenReader(deps, 'the out-of-order station cannot tell IT why');
  return createFetchFleetApi({ centralUrl: deps.central.url, token, fetch: deps.fetch });
}
