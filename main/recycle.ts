/**
 * Process recycling: how much memory the whole app uses, and how it exits for a clean restart.
 *
 * The app exits (it never calls `app.relaunch()`): under Windows Shell Launcher a relaunched
 * child would run beside the copy Shell Launcher restarts, and on Linux systemd restarts the
 * compositor. The exit code names the reason (`RECYCLE_EXIT_CODES`, 75/76/77) so the
 * supervisor's log says why the kiosk restarted.
 */
import { RECYCLE_EXIT_CODES, type RecycleReason } from '../core/session/reset-plan.ts';
import type { ElectronMain } from './electron-api.ts';

/** Total working set of every Electron process (browser, GPU, renderers, utilities) in MB. */
export function memoryUsageMb(app: Pick<ElectronMain['app'], 'getAppMetrics'>): number {
  // ProcessMetric.memory.workingSetSize is in kilobytes.
  const kb = app.getAppMetrics().reduce((sum, metric) => sum + metric.memory.workingSetSize, 0);
  return Math.round(kb / 1024);
}

/** Ends the process with the supervisor's restart code for `reason`. */
export function exitForRestart(
  app: Pick<ElectronMain['app'], 'exit'>,
  reason: RecycleReason,
  beforeExit?: (reason: RecycleReason) => void,
): void {
  beforeExit?.(reason);
  app.exit(RECYCLE_EXIT_CODES[reason]);
}
