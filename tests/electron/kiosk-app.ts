/**
 * What every `_electron` spec does with the kiosk app: check that it is built, launch it as a
 * station would run (sandbox on, test hooks on), and find its pages.
 */
import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Throws with the command to run when the built app is missing (the suites run dist/, not sources). */
/**
 * The Chromium for the pages these specs open beside the kiosk: CHROMIUM_PATH, else Debian's
 * /usr/bin/chromium where it exists (these build machines, where Playwright's own download fails),
 * else Playwright's own (the GitHub runners, which install it).
 */
export function chromiumExecutable(): string | undefined {
  return process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

export function assertAppBuilt(): void {
  for (const built of ['dist/main/index.js', 'dist/preload/index.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(built))
      throw new Error(`${built} is missing: run npm run build:renderer && npm run build:main first`);
  }
}

/** Starts the kiosk with a config; KIOSK_TEST_HOOKS=1 exposes main/station.ts's read-only hooks. */
export function launchKiosk(executablePath: string, configPath: string): Promise<ElectronApplication> {
  return electron.launch({
    executablePath,
    args: ['dist/main/index.js', '--config', configPath],
    env: { ...process.env, KIOSK_TEST_HOOKS: '1' },
    // Keep Chromium's sandbox on, as on a station (Playwright adds --no-sandbox otherwise).
    chromiumSandbox: true,
  });
}

/** WebContentsViews show up as pages (Playwright >= 1.60); find one by its URL. */
export async function pageWhere(app: ElectronApplication, predicate: (url: string) => boolean): Promise<Page> {
  await expect.poll(() => app.windows().some((p) => predicate(p.url()))).toBe(true);
  return app.windows().find((p) => predicate(p.url())) as Page;
}
