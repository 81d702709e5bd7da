/**
 * Finds a runnable Electron binary WITHOUT triggering electron>=42's download-on-first-require
 * (`require('electron')` in plain Node fetches from GitHub and throws where that is blocked).
 * Mirrors node_modules/electron/index.js: ELECTRON_OVERRIDE_DIST_PATH + path.txt, else
 * node_modules/electron/dist/<path.txt>, and only checks that the file exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed (npm ci)' };
  }
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const path = join(override, relative ?? 'electron');
    return existsSync(path)
      ? { found: true, path }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH points at ${path}, which does not exist` };
  }
  if (!relative) {
    return {
      found: false,
      reason:
        'no Electron binary on this machine: electron>=42 downloads it from GitHub on first use, which these build machines cannot reach. ' +
        'Run this suite where GitHub is reachable (`npx --no install-electron`, see .github/workflows/electron.yml).',
    };
  }
  const path = join(dir, 'dist', relative);
  return existsSync(path)
    ? { found: true, path }
    : { found: false, reason: `the Electron binary ${path} is missing (run \`npx --no install-electron\`)` };
}

/**
 * Why the Electron suite skips, or null when it runs. Where `CI_ELECTRON_REQUIRED=1` (the CI jobs
 * that install Electron) a missing binary throws instead: a job that meant to prove the app must
 * fail, not pass with nothing run.
 */
export function electronSkipReason(binary: ElectronBinary, env: NodeJS.ProcessEnv = process.env): string | null {
  if (binary.found) return null;
  if (env['CI_ELECTRON_REQUIRED'] === '1')
    throw new Error(`CI_ELECTRON_REQUIRED=1, but no Electron binary: ${binary.reason}`);
  return binary.reason;
}
