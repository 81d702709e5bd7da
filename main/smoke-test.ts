/**
 * The packaged app's self-test (`--smoke-test`, run by CI on the installed .deb and NSIS builds).
 * Playwright cannot attach to the packaged app (its nodeCliInspect fuse is off), so the app drives
 * its own shell page the way the shell UI does, through `window.kiosk`, and exits 0 or 1:
 *
 * 1. the preload bridge is there and exposes exactly `invoke` and `onViewChanged`;
 * 2. an IPC round trip (`station:get-view`) answers with the welcome screen of the Electron host;
 * 3. a visitor changes language and contrast and starts a session;
 * 4. `session:end` runs the whole reset ladder with no failed step (a failed step exits 77);
 * 5. the station comes back to the welcome screen with the station's defaults.
 *
 * It acts only as a visitor could, so it is safe in the packaged build; it opens nothing.
 */
import type { Language } from '../protocol/events.ts';
import type { IpcChannel, StationView } from '../protocol/ipc.ts';

/** The shell page as the smoke test reaches it: through `window.kiosk`, in the page's main world. */
export interface SmokeShell {
  /** `Object.keys(window.kiosk)`, or null when the page has no bridge. */
  bridgeKeys(): Promise<string[] | null>;
  /** `window.kiosk.invoke(channel, arg)` in the page. */
  invoke(channel: IpcChannel, arg?: unknown): Promise<unknown>;
}

/** What the smoke test reads from the station itself, to know when the reset has finished. */
export interface SmokeStation {
  view(): StationView;
  subscribe(listener: (view: StationView) => void): () => void;
  /** Steps that failed in the last reset. */
  failedResetSteps(): string[];
}

export type SmokeResult = { ok: true } | { ok: false; step: string; problem: string };

/** Runs the five steps above; never throws (a throw becomes the failing step's problem). */
export async function runSmokeTest(
  shell: SmokeShell,
  station: SmokeStation,
  log: (message: string, details?: Record<string, unknown>) => void,
): Promise<SmokeResult> {
  let step = 'preload bridge';
  const fail = (problem: string): SmokeResult => ({ ok: false, step, problem });
  try {
    const keys = await shell.bridgeKeys();
    if (keys?.slice().sort().join(',') !== 'invoke,onViewChanged')
      return fail(`window.kiosk exposes ${JSON.stringify(keys)}`);

    step = 'IPC round trip';
    const first = (await shell.invoke('station:get-view')) as StationView;
    if (first.phase !== 'welcome' || first.host.kind !== 'electron')
      return fail(`expected the Electron welcome screen, got ${first.phase} on ${first.host.kind}`);
    const visitorLanguage: Language = first.defaultLanguage === 'sv' ? 'fi' : 'sv';

    step = 'visitor session';
    await shell.invoke('language:set', { language: visitorLanguage });
    await shell.invoke('accessibility:set', { highContrast: true });
    await shell.invoke('session:start');
    const during = (await shell.invoke('station:get-view')) as StationView;
    if (during.language !== visitorLanguage || !during.accessibility.highContrast)
      return fail(
        `the visitor's settings did not apply (${during.language}, contrast ${during.accessibility.highContrast})`,
      );

    step = 'reset ladder';
    const welcome = nextWelcome(station);
    // Resolves once every reset step has run (StationController.end awaits the plan).
    await shell.invoke('session:end', { reason: 'visitor' });
    const failed = station.failedResetSteps();
    if (failed.length > 0) return fail(`reset steps failed: ${failed.join(', ')}`);

    step = 'next visitor';
    // "Did you get it done?" holds the welcome screen until it closes; a visitor may skip it.
    await shell.invoke('feedback:skip');
    await welcome;
    const after = (await shell.invoke('station:get-view')) as StationView;
    if (after.phase !== 'welcome' || after.language !== first.defaultLanguage || after.accessibility.highContrast)
      return fail(
        `the next visitor sees ${after.phase} in ${after.language}, contrast ${after.accessibility.highContrast}`,
      );
    log('smoke test passed', { steps: 5 });
    return { ok: true };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/** Resolves when the station shows the welcome screen after a reset (subscribed before the reset starts). */
function nextWelcome(station: SmokeStation): Promise<void> {
  return new Promise((resolve) => {
    let resetting = false;
    const off = station.subscribe((view) => {
      if (view.phase === 'resetting' || view.phase === 'reset-done') resetting = true;
      else if (resetting && view.phase === 'welcome') {
        off();
        resolve();
      }
    });
  });
}
