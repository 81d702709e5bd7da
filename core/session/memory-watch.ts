/**
 * A periodic memory check. The reset already checks the ceiling after every visitor, but a
 * station that nobody uses for hours (or whose last visitor left a leaking page open until
 * the idle reset) must not wait for the next visitor to recycle: a leak grows while it waits.
 */
import type { Clock, TimerHandle } from '../ports.ts';
import type { RecycleReason } from './reset-plan.ts';

export interface MemoryWatchDeps {
  clock: Clock;
  intervalMs: number;
  ceilingMb: number;
  /** Current memory of the whole app in MB, or null where it cannot be measured. */
  memoryUsageMb(): Promise<number | null>;
  /** True when no visitor is using the station (so recycling now interrupts nobody). */
  idle(): boolean;
  exitForRestart(reason: RecycleReason): void;
  log(message: string, details?: Record<string, unknown>): void;
}

/**
 * Checks memory every `intervalMs`. Above the ceiling it recycles at once when the station is
 * idle; during a visit it only logs, and the reset at the visit's end recycles.
 */
export class MemoryWatch {
  private timer: TimerHandle | null = null;
  private stopped = false;

  constructor(private readonly deps: MemoryWatchDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One check (the timer calls it; tests may too). */
  async check(): Promise<void> {
    const mb = await this.deps.memoryUsageMb().catch(() => null);
    if (mb === null || mb <= this.deps.ceilingMb) return;
    if (this.deps.idle()) {
      this.deps.log('memory above the ceiling while idle; recycling', { memoryMb: mb, ceilingMb: this.deps.ceilingMb });
      this.stop();
      this.deps.exitForRestart('memory-ceiling');
    } else {
      this.deps.log('memory above the ceiling during a visit; recycling after the reset', {
        memoryMb: mb,
        ceilingMb: this.deps.ceilingMb,
      });
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      void this.check().finally(() => this.schedule());
    }, this.deps.intervalMs);
  }
}
