import type { UsageEventInput } from '../../protocol/events.ts';
import type { AccessibilitySettings } from '../../protocol/ipc.ts';
import type { ServiceConfig } from '../config/schema.ts';
import { OfflineHelp } from '../session/offline-help.ts';
import { RESET_STEPS, type RecycleReason, type ResetExecutor, type ResetStep } from '../session/reset-plan.ts';
import type { ServiceViews, StationHostPorts } from '../session/station-controller.ts';
import { ManualClock } from './manual-clock.ts';

/** Records what the controller asked the host to do, for assertions in tests. */
export class FakeStationHost {
  readonly clock = new ManualClock();
  readonly events: UsageEventInput[] = [];
  readonly calls: string[] = [];
  readonly exits: RecycleReason[] = [];
  readonly help = new OfflineHelp();
  failingSteps = new Set<ResetStep>();
  memoryMb: number | null = 300;
  private ids = 0;

  ports(): StationHostPorts {
    const views: ServiceViews = {
      open: async (service: ServiceConfig) => void this.calls.push(`open:${service.id}`),
      back: async () => (this.calls.push('back'), false),
      showLauncher: async () => void this.calls.push('launcher'),
      focus: () => void this.calls.push('focus'),
      applyAccessibility: (s: AccessibilitySettings) => void this.calls.push(`a11y:${s.textScalePercent}`),
    };
    const reset = Object.fromEntries(
      RESET_STEPS.map((step) => [
        step,
        async () => {
          this.calls.push(`reset:${step}`);
          if (this.failingSteps.has(step)) throw new Error(`${step} broke`);
        },
      ]),
    ) as ResetExecutor;
    return {
      clock: this.clock,
      newId: () => `00000000-0000-4000-8000-${String(++this.ids).padStart(12, '0')}`,
      metrics: { record: (event) => void this.events.push(event) },
      views,
      reset,
      help: this.help,
      memoryUsageMb: async () => this.memoryMb,
      exitForRestart: (reason) => void this.exits.push(reason),
      host: { kind: 'preview', limitations: [] },
      log: () => undefined,
    };
  }
}
