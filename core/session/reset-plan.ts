/**
 * The reset plan: every step that wipes what a visitor did, in the order that makes each step
 * safe (views are closed before their partition is cleared; the new partition is made last).
 *
 * The host supplies one function per step; the compiler makes it supply all of them. A failing
 * step never stops the ones after it: the plan reports what failed and the controller then
 * recycles the process, because a process exit is the one wipe that cannot half-fail.
 */
export const RESET_STEPS = [
  'close-views',
  'clear-site-data',
  'clear-auth-cache',
  'clear-host-resolver-cache',
  'close-connections',
  'delete-downloads',
  'clear-clipboard',
  'new-partition',
] as const;

export type ResetStep = (typeof RESET_STEPS)[number];

/** One async function per step, supplied by the host (Electron main, preview, or a test). */
export type ResetExecutor = Record<ResetStep, () => Promise<void>>;

export interface ResetOutcome {
  failed: { step: ResetStep; message: string }[];
}

/** Runs every step in order; collects failures instead of stopping at the first. */
export async function runResetPlan(executor: ResetExecutor): Promise<ResetOutcome> {
  const failed: ResetOutcome['failed'] = [];
  for (const step of RESET_STEPS) {
    try {
      await executor[step]();
    } catch (error) {
      failed.push({ step, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { failed };
}

/** Why the station asks its supervisor for a fresh process. */
export type RecycleReason = 'session-limit' | 'memory-ceiling' | 'reset-step-failed' | 'remote-restart';

/** Exit code per reason, so the supervisor's logs say why the kiosk restarted. */
export const RECYCLE_EXIT_CODES: Record<RecycleReason, number> = {
  'session-limit': 75,
  'memory-ceiling': 76,
  'reset-step-failed': 77,
  /** IT asked central for a restart, or a new remote config is to be started on (core/fleet). */
  'remote-restart': 74,
};

/** Decides, after a reset, whether the process should exit for a clean restart. */
export function recycleReason(input: {
  sessionsSinceStart: number;
  maxSessionsBeforeRestart: number;
  memoryMb: number | null;
  memoryCeilingMb: number;
  outcome: ResetOutcome;
}): RecycleReason | null {
  if (input.outcome.failed.length > 0) return 'reset-step-failed';
  if (input.memoryMb !== null && input.memoryMb > input.memoryCeilingMb) return 'memory-ceiling';
  if (input.sessionsSinceStart >= input.maxSessionsBeforeRestart) return 'session-limit';
  return null;
}
