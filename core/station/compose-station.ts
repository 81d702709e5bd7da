/**
 * The station's one composition, shared by every host (Electron main, the browser preview,
 * tests). The host passes its adapters in as ports; this module decides the order they are built
 * in and what the station is made of:
 *
 *   config check ─┬─ invalid ─▶ out-of-order view + refusing handlers (nothing else is built);
 *                 │             and, where the host can reach central, heartbeats saying so (InvalidConfigBeacon)
 *                 └─ valid ───▶ last good remote config merged over it (core/fleet)
 *                               links to central (metrics, help, fleet)
 *                               HostEventRelay ─▶ host adapters (views, reset ladder)
 *                               StationController(links, adapters) ◀─ connected to the relay
 *                               FleetAgent(links.fleet, controller): heartbeats, remote actions
 *
 * Each step depends only on the ones before it, so there is no construction cycle to break.
 * The host then registers `handlers` once (with its own host-only channels) and follows
 * `subscribe`; it never needs to know which mode it got for either.
 */
import type { IpcHandlers, StationView } from '../../protocol/ipc.ts';
import type { StationConfig } from '../config/schema.ts';
import { formatConfigErrors, type CentralSection, type ConfigCheck, type ConfigError } from '../config/validate.ts';
import type { Clock, IdSource } from '../ports.ts';
import { outOfOrderHandlers, outOfOrderView } from '../session/out-of-order.ts';
import type { RecycleReason, ResetExecutor } from '../session/reset-plan.ts';
import { MemoryWatch } from '../session/memory-watch.ts';
import { StationController, type ServiceViews } from '../session/station-controller.ts';
import type { FleetApi } from '../fleet/fleet-api.ts';
import { FleetAgent, type FleetHostPorts } from '../fleet/fleet-agent.ts';
import { InvalidConfigBeacon } from '../fleet/invalid-config-beacon.ts';
import { loadFleetMemory } from '../fleet/fleet-memory.ts';
import { startingConfig } from '../fleet/remote-config.ts';
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
  /**
   * What fleet management needs from the host (remembered state, disk and memory probes). Without
   * it, or without central, the station sends no heartbeats and runs on its local file alone.
   */
  fleet?: FleetHostPorts;
  /**
   * Central's fleet API for a station whose config is invalid as a whole, so it still tells IT it
   * is out of order. `central` is the file's `central` section when that alone is valid, else
   * null; the host reaches central as it does for a valid config (Electron from that section, the
   * preview from its server's flags). Null when it cannot; then such a station sends nothing.
   */
  fleetApiFor?(central: CentralSection | null): FleetApi | null;
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
  | (ComposedCommon & {
      mode: 'out-of-order';
      errors: ConfigError[];
      /** Heartbeats saying "out of order, invalid config" (started); null where the host cannot reach central. */
      beacon: InvalidConfigBeacon | null;
    })
  | (ComposedCommon & {
      mode: 'running';
      config: StationConfig;
      controller: StationController;
      adapters: A;
      links: StationLinks;
      /** The periodic memory check (started; the host stops it only in tests). */
      memoryWatch: MemoryWatch;
      /** Heartbeats and IT's remote actions (started); null without central or the host's fleet ports. */
      fleet: FleetAgent | null;
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
    const beacon = invalidConfigBeacon(host, check.errors, check.central ?? null);
    beacon?.start();
    return {
      mode: 'out-of-order',
      errors: check.errors,
      beacon,
      handlers: outOfOrderHandlers(view),
      view: () => view,
      // The out-of-order view never changes.
      subscribe: () => () => undefined,
      events,
    };
  }

  // The last remote config that worked, over the local file, before anything is built from it.
  const memory = host.fleet ? loadFleetMemory(host.fleet.store, (message) => host.log(message)) : null;
  const starting = startingConfig(check.config, memory?.lastGood ?? null);
  if (starting.rejected)
    host.log('the remembered remote config no longer fits the local file; running on the local file', {
      version: starting.rejected.version,
      field: starting.rejected.field ?? '(unknown)',
    });
  const config = starting.config;
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
  const fleetLink = links.fleet;
  const fleet =
    fleetLink && host.fleet && memory
      ? new FleetAgent({
          api: fleetLink.api,
          queueBacklog: () => fleetLink.queueBacklog(),
          host: host.fleet,
          memory,
          clock: host.clock,
          station: controller,
          localConfig: check.config,
          starting,
          hostKind: host.info.kind,
          restart: () => host.exitForRestart('remote-restart'),
          log: (message, details) => host.log(`fleet: ${message}`, details),
        })
      : null;
  if (!fleet)
    return {
      memoryWatch,
      mode: 'running',
      config,
      controller,
      adapters,
      links,
      fleet,
      handlers: controller.handlers(),
      view: () => controller.view(),
      subscribe: (listener) => controller.subscribe(listener),
      events,
    };
  // IT's welcome message and out-of-order switch sit over the controller's view.
  const view = () => fleet.decorate(controller.view());
  const listeners = new Set<(view: StationView) => void>();
  const emit = () => {
    const current = view();
    for (const listener of listeners) listener(current);
  };
  controller.subscribe(emit);
  fleet.onChange(emit);
  fleet.start();
  const handlers = fleet.guard(controller.handlers());
  return {
    memoryWatch,
    mode: 'running',
    config,
    controller,
    adapters,
    links,
    fleet,
    handlers: { ...handlers, 'station:get-view': () => view() },
    view,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    events,
  };
}

/** The out-of-order station's heartbeat to IT; null without the host's fleet ports or a way to central. */
function invalidConfigBeacon<A extends StationAdapters>(
  host: StationHost<A>,
  errors: ConfigError[],
  central: CentralSection | null,
): InvalidConfigBeacon | null {
  const api = host.fleet ? host.fleetApiFor?.(central) : null;
  if (!host.fleet || !api) return null;
  return new InvalidConfigBeacon({
    api,
    host: host.fleet,
    clock: host.clock,
    hostKind: host.info.kind,
    errors,
    log: (message, details) => host.log(`fleet: ${message}`, details),
  });
}
