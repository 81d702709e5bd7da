/**
 * Electron main entry: the one place that touches the real `electron` module and the disk
 * layout of the built app, then hands everything to `startStation` (main/station.ts).
 *
 * Built by `npm run build:main` to dist/main/index.js (ESM); the preload goes to
 * dist/preload/index.cjs and the shell UI is dist/renderer/ (served on app://shell/).
 */
import * as electron from 'electron';
import Store from 'electron-store';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../core/ports.ts';
import { wireCentral } from './central-wiring.ts';
import type { ElectronMain } from './electron-api.ts';
import { startStation } from './station.ts';
import { STATION_STATE_DEFAULTS, StationState, type StationStateData } from './station-state.ts';

const here = dirname(fileURLToPath(import.meta.url));
// dist/main/index.js → the app root is two levels up (also inside app.asar).
const appRoot = join(here, '..', '..');
// Packaged builds ship the default config as an extraResource beside app.asar.
const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
const defaultConfig =
  electron.app.isPackaged && resources
    ? join(resources, 'kiosk-config', 'default.json')
    : join(appRoot, 'kiosk-config', 'default.json');

/** Logs without personal data: messages are fixed strings, details never hold URLs or typed text. */
function log(message: string, details?: Record<string, unknown>): void {
  console.log(`[kiosk] ${message}${details ? ` ${JSON.stringify(details)}` : ''}`);
}

const state = new StationState(
  new Store<StationStateData>({ name: 'station-state', defaults: STATION_STATE_DEFAULTS, clearInvalidConfig: true }),
  () => new Date(),
);
const lastRecycle = state.recordStart();
if (lastRecycle) log('started after a recycle', lastRecycle);

startStation({
  electron: electron satisfies ElectronMain,
  argv: process.argv,
  env: process.env,
  readText: (path) => readFileSync(path, 'utf8'),
  paths: {
    preload: join(appRoot, 'dist', 'preload', 'index.cjs'),
    rendererDir: join(appRoot, 'dist', 'renderer'),
    defaultConfig,
  },
  clock: systemClock,
  newId: randomUUID,
  // Metrics (durable queue under userData) and help, from the config's central section once it is valid.
  central: (config, configPath) =>
    wireCentral({
      central: config.central,
      configPath,
      userDataDir: electron.app.getPath('userData'),
      readText: (path) => readFileSync(path, 'utf8'),
      fetch: globalThis.fetch,
      clock: systemClock,
      ids: uuidv7,
      appVersion: electron.app.getVersion(),
      log,
    }),
  onRecycle: (reason) => state.recordRecycle(reason),
  log,
})
  .then((station) => {
    // Packaging smoke test (CI, packaged build with fuses on): the shell loaded with a valid config → 0.
    if (process.argv.includes('--smoke-test')) electron.app.exit(station.mode === 'running' ? 0 : 1);
  })
  .catch((error: unknown) => {
    log('station failed to start', { error: String(error) });
    electron.app.exit(1);
  });
