/**
 * Electron main entry: the one place that touches the real `electron` module and the disk
 * layout of the built app, then hands everything to `startStation` (main/station.ts).
 *
 * Built by `npm run build:main` to dist/main/index.js (ESM); the preload goes to
 * dist/preload/index.cjs and the shell UI is dist/renderer/ (served on app://shell/).
 */
import * as electron from 'electron';
import Logger from 'electron-log/main';
import Store from 'electron-store';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../core/ports.ts';
import { EXIT_CODES } from '../core/station/exit-codes.ts';
import { errorSummary } from '../core/station/log-policy.ts';
import { wireCentral } from './central-wiring.ts';
import type { ElectronMain } from './electron-api.ts';
import { exitOnFatalErrors } from './process-hardening.ts';
import { startStation } from './station.ts';
import { STATION_STATE_DEFAULTS, StationState, type StationStateData } from './station-state.ts';
import { createStationLogger, electronLogSink, firstWritableDir, stationLogDir } from './station-log.ts';

const here = dirname(fileURLToPath(import.meta.url));
// dist/main/index.js → the app root is two levels up (also inside app.asar).
const appRoot = join(here, '..', '..');
// Packaged builds ship the default config as an extraResource beside app.asar.
const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
const defaultConfig =
  electron.app.isPackaged && resources
    ? join(resources, 'kiosk-config', 'default.json')
    : join(appRoot, 'kiosk-config', 'default.json');

/** Last resort when no log folder is writable: the console (journald on Linux, nothing on Windows). */
function consoleLog(message: string, details?: Record<string, unknown>): void {
  console.log(`[kiosk] ${message}${details ? ` ${JSON.stringify(details)}` : ''}`);
}

// The station log IT reads (main/station-log.ts): machine folder first, userData/logs if that is not writable.
const machineLogDir = stationLogDir(process.platform, process.env);
const logDir = firstWritableDir([machineLogDir, join(electron.app.getPath('userData'), 'logs')]);
const log = logDir
  ? createStationLogger(
      electronLogSink(Logger.create({ logId: 'station' }), { dir: logDir, console: !electron.app.isPackaged }),
    )
  : consoleLog;
// Before anything else can throw: no native error dialog, an exit code for the supervisor instead.
exitOnFatalErrors(process, { log, exit: (code) => electron.app.exit(code) });
log('station starting', {
  version: electron.app.getVersion(),
  platform: process.platform,
  machineLogFolder: logDir === machineLogDir,
});

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
    log('station failed to start', { ...errorSummary(error), exitCode: EXIT_CODES.startFailed });
    electron.app.exit(EXIT_CODES.startFailed);
  });
