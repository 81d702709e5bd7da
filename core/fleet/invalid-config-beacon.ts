/**
 * The heartbeat of a station whose local config file is invalid. Such a station shows the
 * out-of-order screen and builds nothing else (`composeStation`), so without this IT would see it
 * in the fleet view only as silent: "offline" during opening hours, or "never seen" after a
 * deployment, and learn the reason only on site. When the file's `central` section is valid on its
 * own, this sends a heartbeat at start and on central's interval saying "out of order, invalid
 * config", with the station's version and free disk and memory.
 *
 * It runs no remote actions and fetches no remote config: both act on a running station, and a
 * remote override is merged over the local file, so it cannot repair it. The fix is a corrected
 * file; the station then starts normally and the fleet agent takes over.
 */
import { DEFAULT_HEARTBEAT_SECONDS } from '../../protocol/fleet.ts';
import type { ConfigError } from '../config/validate.ts';
import type { Clock, TimerHandle } from '../ports.ts';
import { FleetCallError, type FleetApi } from './fleet-api.ts';
import type { FleetHostPorts } from './fleet-agent.ts';
import { healthReport } from './health-report.ts';

export interface InvalidConfigBeaconDeps {
  api: FleetApi;
  host: FleetHostPorts;
  clock: Clock;
  hostKind: 'electron' | 'preview';
  /**
   * What is wrong with the file. The heartbeat's `config.hash` is the sha256 of this list: there is
   * no effective config to hash, and the file's text is not kept. Central stores it; the fleet view
   * does not show it.
   */
  errors: readonly ConfigError[];
  log(message: string, details?: Record<string, unknown>): void;
}

export class InvalidConfigBeacon {
  private readonly startedAt: number;
  private readonly problemsHash: Promise<string>;
  private timer: TimerHandle | null = null;
  private stopped = false;

  constructor(private readonly deps: InvalidConfigBeaconDeps) {
    this.startedAt = deps.clock.now();
    this.problemsHash = deps.host.sha256(JSON.stringify(deps.errors));
  }

  /** Sends the start heartbeat; each reply (or failure) schedules the next. */
  start(): void {
    void this.beat('start');
  }

  /** Stops the interval (tests, shutdown). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async beat(reason: 'start' | 'interval'): Promise<void> {
    if (this.stopped) return;
    const { api, host } = this.deps;
    let nextSeconds = DEFAULT_HEARTBEAT_SECONDS;
    try {
      const reply = await api.heartbeat(
        healthReport({
          reason,
          appVersion: host.appVersion,
          host: this.deps.hostKind,
          state: 'out-of-order',
          outOfOrderCause: 'invalid-config',
          configSource: host.configSource,
          configHash: await this.problemsHash,
          appliedVersion: 0,
          rejected: null,
          startedAt: this.startedAt,
          now: this.deps.clock.now(),
          sessionsSinceStart: 0,
          lastReset: 'none',
          // Exits and crashes stay remembered for the fleet agent of the repaired station to report.
          exits: {},
          crashes: 0,
          freeDiskMb: await host.freeDiskMb().catch(() => null),
          freeMemoryMb: await host.freeMemoryMb().catch(() => null),
          centralReachable: api.reachable(),
          queueBacklog: 0,
        }),
      );
      nextSeconds = reply.nextHeartbeatSeconds;
    } catch (error) {
      this.deps.log('heartbeat of the out-of-order station not delivered', {
        problem: error instanceof FleetCallError ? error.problem : 'error',
      });
    }
    if (!this.stopped) this.timer = this.deps.clock.setTimeout(() => void this.beat('interval'), nextSeconds * 1000);
  }
}
