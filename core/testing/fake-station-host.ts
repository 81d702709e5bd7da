import type { UsageEventInput } from '../../protocol/events.ts';
import type { AccessibilitySettings } from '../../protocol/ipc.ts';
import type { ServiceConfig, StationConfig } from '../config/schema.ts';
import { OfflineHelp } from '../session/offline-help.ts';
import { RESET_STEPS, type RecycleReason, type ResetExecutor, type ResetStep } from '../session/reset-plan.ts';
import type { ServiceViews, StationHostPorts } from '../session/station-controller.ts';
import type { StationLinks } from '../station/central-links.ts';
import type { StationAdapters, StationHost } from '../station/compose-station.ts';
import type { HostEvents } from '../station/host-events.ts';
import { ManualClock } from './manual-clock.ts';

/** Records what the controller asked the host to do, for assertions in tests. */
export class FakeStationHost {
  readonly clock = new ManualClock();
  readonly events: UsageEventInput[] = [];
  readonly calls: string[] = [];
  readonly exits: RecycleReason[] = [];
  readonly logs: { message: string; details?: Record<string, unknown> }[] = [];
  readonly help = new OfflineHelp();
  failingSteps = new Set<ResetStep>();
  memoryMb: number | null = 300;
  /** What the composition asked for: central links and adapters, by the config they were built for. */
  readonly built: { central: StationConfig[]; adapters: StationConfig[] } = { central: [], adapters: [] };
  /** Where the composition told the adapters to report; null until they are built. */
  hostEvents: HostEvents | null = null;
  private ids = 0;

  ports(): StationHostPorts {
    return {
      clock: this.clock,
      newId: () => this.newId(),
      metrics: { record: (event) => void this.events.push(event) },
      views: this.views(),
      reset: this.reset(),
      help: this.help,
      memoryUsageMb: async () => this.memoryMb,
      exitForRestart: (reason) => void this.exits.push(reason),
      host: { kind: 'preview', limitations: [] },
      log: () => undefined,
    };
  }

  /**
   * The same fakes as a host for `composeStation`. By default central records into `events` and
   * help is `this.help`; pass `central: null` for a host with no link to central.
   */
  stationHost(
    options: { central?: ((config: StationConfig) => StationLinks) | null } = {},
  ): StationHost<StationAdapters> {
    const central =
      options.central === undefined
        ? () => ({ metrics: { record: (event: UsageEventInput) => void this.events.push(event) }, help: this.help })
        : options.central;
    return {
      info: { kind: 'preview', limitations: [] },
      clock: this.clock,
      newId: () => this.newId(),
      ...(central
        ? {
            central: (config: StationConfig) => {
              this.built.central.push(config);
              return central(config);
            },
          }
        : {}),
      adapters: (config, events) => {
        this.built.adapters.push(config);
        this.hostEvents = events;
        return { views: this.views(), reset: this.reset() };
      },
      memoryUsageMb: async () => this.memoryMb,
      exitForRestart: (reason) => void this.exits.push(reason),
      log: (message, details) => void this.logs.push(details ? { message, details } : { message }),
    };
  }

  private newId(): string {
    return `00000000-0000-4000-8000-${String(++this.ids).padStart(12, '0')}`;
  }

  private views(): ServiceViews {
    return {
      open: async (service: ServiceConfig) => void this.calls.push(`open:${service.id}`),
      back: async () => (this.calls.push('back'), false),
      showLauncher: async () => void this.calls.push('launcher'),
      focus: () => void this.calls.push('focus'),
      applyAccessibility: (s: AccessibilitySettings) => void this.calls.push(`a11y:${s.textScalePercent}`),
    };
  }

  private reset(): ResetExecutor {
    return Object.fromEntries(
      RESET_STEPS.map((step) => [
        step,
        async () => {
          this.calls.push(`reset:${step}`);
          if (this.failingSteps.has(step)) throw new Error(`${step} broke`);
        },
      ]),
    ) as ResetExecutor;
  }
}
