/**
 * The station's one composition, shared by every host (Electron main, the browser preview,
 * tests). The host passes its adapters in as ports; this module decides the order they are built
 * in and what the station is made of:
 *
 *   config check ─┬─ invalid ─▶ out-of-order view + refusing handlers (nothing else is built)
 *                 └─ valid ───▶ links to central (metrics, help)
 *                               HostEventRelay ─▶ host adapters (views, reset ladder)
 *                               StationController(links, adapters) ◀─ connected to the relay
 *
 * Each step depends only on the ones before it, so there is no construction cycle to break.
 * The host then registers `handlers` once (with its own host-only channels) and follows
 * `subscribe`; it never needs to know which mode it got for either.
 */
import type { IpcHandlers, StationView } from '../../protocol/ipc.ts';
import type { StationConfig } from '../config/schema.ts';
import { formatConfigErrors, type ConfigCheck, type ConfigError } from '../config/validate.ts';
import type { Clock, IdSource } from '../ports.ts';
import { outOfOrderHandlers, outOfOrderView } from '../session/out-of-order.ts';
import type { RecycleReason, ResetExecutor } from '../session/reset-plan.ts';
import { MemoryWatch } from '../session/memory-watch.ts';
import { StationController, type ServiceViews } from '../session/station-controller.ts';
import { MEMORY_CHECK_INTERVAL_MS } from './crash-policy.ts';
import { offlineLinks, type StationLinks } from './central-links.ts';
import { HostEventRelay, type HostEvents } from './host-events.ts';

/** The host's implementations of the controller's ports that only exist for a valid config. */
export interface StationAdapters {
  views: ServiceViews;
  reset: ResetExecutor;
}

/**
 * Port: everything a host supplies to compose a station. `A` is the host's own adapter type,
 * handed back unchanged so the host can keep using what it built (e.g. Electron's partitions).
 */
export interface StationHost<A extends StationAdapters> {
  /** Which host this is and what it cannot do; shown by the shell. */
  info: StationView['host'];
  clock: Clock;
  newId: IdSource;
  /**
   * Builds the links to central for a valid config (see `linkCentral`). Without it the station
   * records nothing and help offers the phone line and the desk.
   */
  central?(config: StationConfig): StationLinks;
  /** Builds the host's adapters for a valid config; they report to `events`. Called once. */
  adapters(config: StationConfig, events: HostEvents): A;
  /** Current memory use of the whole app in MB, or null where it cannot be measured. */
  memoryUsageMb(): Promise<number | null>;
  /** Ends the process (or page) so a fresh one starts. */
  exitForRestart(reason: RecycleReason): void;
  /** Logs without personal data (never URLs or typed text). */
  log(message: string, details?: Record<string, unknown>): void;
}

/** What both modes offer the host: the one handler table to register, and the view to show. */
interface ComposedCommon {
  /** One handler per contract channel of core's; the host adds its own host-only channels. */
  handlers: IpcHandlers;
  /** What the shell shows now. */
  view: () => StationView;
  /** Calls the listener on every view change; returns an unsubscribe function. */
  subscribe: (listener: (view: StationView) => void) => () => void;
  /** Where the host reports what its own UI sees (e.g. input in the shell). */
  events: HostEvents;
}

/** A composed station: out of order (invalid config), or running with its parts. */
export type ComposedStation<A extends StationAdapters> =
  | (ComposedCommon & { mode: 'out-of-order'; errors: ConfigError[] })
  | (ComposedCommon & {
      mode: 'running';
      config: StationConfig;
      controller: StationController;
      adapters: A;
      links: StationLinks;
      /** The periodic memory check (started; the host stops it only in tests). */
      memoryWatch: MemoryWatch;
    });

/**
 * Composes the station for a checked config. `source` names where the config came from (a path)
 * for the log. Never falls back to defaults: an invalid config gives the out-of-order station.
 */
export function composeStation<A extends StationAdapters>(
  check: ConfigCheck,
  source: string,
  host: StationHost<A>,
): ComposedStation<A> {
  const events = new HostEventRelay();
  if (!check.ok) {
    // A station that silently runs with the wrong services or no reset limits is worse than one that says it is broken.
    host.log('station config is invalid; showing the out-of-order screen', {
      path: source,
      errors: formatConfigErrors(check.errors),
    });
    const view = outOfOrderView(check.errors, host.info);
    return {
      mode: 'out-of-order',
      errors: check.errors,
      handlers: outOfOrderHandlers(view),
      view: () => view,
      // The out-of-order view never changes.
      subscribe: () => () => undefined,
      events,
    };
  }

  const config = check.config;
  const links = host.central?.(config) ?? offlineLinks();
  const adapters = host.adapters(config, events);
  const controller = new StationController(config, {
    clock: host.clock,
    newId: host.newId,
    metrics: links.metrics,
    views: adapters.views,
    reset: adapters.reset,
    help: links.help,
    memoryUsageMb: () => host.memoryUsageMb(),
    exitForRestart: (reason) => host.exitForRestart(reason),
    host: host.info,
    log: (message, details) => host.log(message, details),
  });
  events.connect(controller);
  const memoryWatch = new MemoryWatch({
    clock: host.clock,
    intervalMs: MEMORY_CHECK_INTERVAL_MS,
    ceilingMb: config.recycle.memoryCeilingMb,
    memoryUsageMb: () => host.memoryUsageMb(),
    idle: () => controller.waitingForVisitor(),
    exitForRestart: (reason) => host.exitForRestart(reason),
    log: (message, details) => host.log(message, details),
  });
  memoryWatch.start();
  return {
    memoryWatch,
    mode: 'running',
    config,
    controller,
    adapters,
    links,
    handlers: controller.handlers(),
    view: () => controller.view(),
    subscribe: (listener) => controller.subscribe(listener),
    events,
  };
}
