/**
 * Keeps the shell UI (the kiosk's own screens) alive. Its renderer can crash (GPU reset, OOM
 * kill), hang, or fail to load; a kiosk that then shows a white screen until someone drives out
 * is the failure this prevents. Decisions come from core's crash policy: reload on a one-off,
 * exit for the supervisor when it keeps happening or cannot be fixed by a reload.
 */
import type { Clock, TimerHandle } from '../core/ports.ts';
import { HANG_GRACE_MS, loadFailureShown, shellRecovery } from '../core/station/crash-policy.ts';
import { EXIT_CODES } from '../core/station/exit-codes.ts';
import { errorSummary } from '../core/station/log-policy.ts';
import type { WebContentsPort } from './electron-api.ts';

export function superviseShell(deps: {
  shell: WebContentsPort;
  shellUrl: string;
  clock: Clock;
  /** Ends the process with this code (the window is allowed to close first). */
  exit(code: number): void;
  log(message: string, details?: Record<string, unknown>): void;
}): void {
  const { shell, clock } = deps;
  const log = (message: string, details?: Record<string, unknown>) => deps.log(message, details);
  const failures: number[] = [];
  let hang: TimerHandle | null = null;
  const clearHang = () => {
    if (hang !== null) clock.clearTimeout(hang);
    hang = null;
  };

  const failed = (why: string) => {
    clearHang();
    const now = clock.now();
    failures.push(now);
    const decision = shellRecovery(failures, now);
    log('shell failed', { why, decision, recentFailures: failures.length });
    if (decision === 'exit') {
      deps.exit(EXIT_CODES.shellFailed);
      return;
    }
    void shell.loadURL(deps.shellUrl).catch((error: unknown) => log('shell reload failed', errorSummary(error)));
  };

  shell.on('render-process-gone', (_event, details) => failed(`renderer-gone:${details.reason}`));
  shell.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
    if (loadFailureShown(errorCode, isMainFrame)) failed(`load-failed:${errorCode}`);
  });
  shell.on('unresponsive', () => {
    clearHang();
    hang = clock.setTimeout(() => {
      hang = null;
      log('shell hung; restarting its renderer');
      // The kill is reported as render-process-gone, which reloads (or exits) above.
      shell.forcefullyCrashRenderer();
    }, HANG_GRACE_MS);
  });
  shell.on('responsive', clearHang);
  // Without its preload the shell has no window.kiosk: no reload can fix a broken bundle.
  shell.on('preload-error', (_event, _path, error) => {
    log('shell preload failed; exiting for the supervisor', {
      ...errorSummary(error),
      exitCode: EXIT_CODES.shellPreloadFailed,
    });
    deps.exit(EXIT_CODES.shellPreloadFailed);
  });
}
