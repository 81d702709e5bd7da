/**
 * Why the station process ended: one exit code per reason, so the supervisor (Windows Shell
 * Launcher, systemd on Linux) and its logs say what happened without a native dialog ever
 * waiting for a visitor to click it. Every code restarts the station except where the
 * supervisor is told otherwise (see docs/deployment-electron.md).
 */
import { RECYCLE_EXIT_CODES } from '../session/reset-plan.ts';

/** Exit codes of the station process. Stable values: IT's supervisor rules and runbooks use them. */
export const EXIT_CODES = {
  /** IT chose "exit to the OS" in the maintenance screen, or the packaging smoke test passed. */
  ok: 0,
  /** The station could not start (window, scheme or composition threw before the shell showed). */
  startFailed: 1,
  /** An uncaught exception or unhandled promise rejection in the main process (EX_SOFTWARE). */
  fatalError: 70,
  /** The shell UI crashed or hung repeatedly (see `SHELL_RECOVERY`); reloading no longer helps. */
  shellFailed: 71,
  /** The shell's preload failed, so the shell has no `window.kiosk` and cannot work at all. */
  shellPreloadFailed: 72,
  /** IT chose "restart the station" in the maintenance screen. */
  maintenanceRestart: 73,
  /** IT asked for a restart through central, or the station restarts onto a new remote config. */
  remoteRestart: RECYCLE_EXIT_CODES['remote-restart'],
  /** Recycle: the configured number of visitor sessions was reached. */
  sessionLimit: RECYCLE_EXIT_CODES['session-limit'],
  /** Recycle: the app used more memory than `recycle.memoryCeilingMb`. */
  memoryCeiling: RECYCLE_EXIT_CODES['memory-ceiling'],
  /** Recycle: a reset step failed, so the process exit is the wipe that cannot half-fail. */
  resetStepFailed: RECYCLE_EXIT_CODES['reset-step-failed'],
} as const;

export type ExitReason = keyof typeof EXIT_CODES;
