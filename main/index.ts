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
import { wireCentral, wireFleetApi } from './central-wiring.ts';
import { chromiumSwitchesFor, DEBUG_SWITCHES, launchFor } from './config.ts';
import type { ElectronMain } from './electron-api.ts';
import { electronFleetPorts } from './fleet-host.ts';
import { exitOnFatalErrors } from './process-hardening.ts';
import { runSmokeTest } from './smoke-test.ts';
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

// A packaged station ignores developer and test switches (main/config.ts); Chromium's switches are
// settled here, before Electron finishes starting.
const { app } = electron;
const launch = launchFor(process.argv, process.env, app.isPackaged);
const debugSwitches = app.isPackaged ? DEBUG_SWITCHES.filter((name) => app.commandLine.hasSwitch(name)) : [];
for (const name of debugSwitches) app.commandLine.removeSwitch(name);
if (launch.ignored.length + debugSwitches.length > 0)
  log('ignored developer switches in the packaged app', { switches: [...launch.ignored, ...debugSwitches] });
for (const name of chromiumSwitchesFor(process.platform)) app.commandLine.appendSwitch(name);

const state = new StationState(
  new Store<StationStateData>({ name: 'station-state', defaults: STATION_STATE_DEFAULTS, clearInvalidConfig: true }),
  () => new Date(),
);
const lastRecycle = state.recordStart();
if (lastRecycle) log('started after a recycle', lastRecycle);

startStation({
  electron: electron satisfies ElectronMain,
  argv: launch.argv,
  env: launch.env,
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
  // An invalid config's station still tells the fleet view why it is out of order, when its
  // central section alone is usable.
  fleetApiFor: (central, configPath) =>
    wireFleetApi({
      central,
      configPath,
      readText: (path) => readFileSync(path, 'utf8'),
      fetch: globalThis.fetch,
      log,
    }),
  // Heartbeats to central's fleet view, IT's remote actions and remote config (core/fleet).
  fleet: electronFleetPorts({
    userDataDir: electron.app.getPath('userData'),
    appVersion: electron.app.getVersion(),
    argv: launch.argv,
    env: launch.env,
    lastRecycle: lastRecycle?.reason ?? null,
  }),
  onRecycle: (reason) => state.recordRecycle(reason),
  // For IT's maintenance screen (Ctrl+Alt+Shift+F10 and the PIN).
  about: {
    version: electron.app.getVersion(),
    lastRecycle: lastRecycle ? `${lastRecycle.reason} at ${lastRecycle.at}` : 'none',
    probeCentral: async (url) => {
      // Any HTTP answer means central is reachable; only a network failure or timeout does not.
      const response = await globalThis.fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
      return response.status > 0;
    },
  },
  log,
})
  .then(async (station) => {
    // Packaging smoke test (CI, the installed build with fuses on): one scripted visit through the
    // shell's window.kiosk, then 0, or 1 naming the step that failed (main/smoke-test.ts).
    if (!process.argv.includes('--smoke-test')) return;
    if (station.mode !== 'running') {
      log('smoke test failed', { step: 'start', problem: `station is ${station.mode}` });
      return electron.app.exit(1);
    }
    // A hung step must fail the job, not stall it.
    setTimeout(() => {
      log('smoke test failed', { step: 'watchdog', problem: 'no result within 120 s' });
      electron.app.exit(1);
    }, 120_000).unref();
    const shell = electron.webContents.fromId(station.window.shellView.webContents.id);
    if (!shell) return electron.app.exit(1);
    // World 0 is the page's main world, where the preload exposed window.kiosk.
    const inPage = async (code: string): Promise<unknown> => {
      if (shell.isLoading()) await new Promise<void>((resolve) => shell.once('did-finish-load', () => resolve()));
      return shell.executeJavaScriptInIsolatedWorld(0, [{ code }]);
    };
    const { controller } = station;
    const result = await runSmokeTest(
      {
        bridgeKeys: async () => (await inPage('window.kiosk ? Object.keys(window.kiosk) : null')) as string[] | null,
        invoke: (channel, arg) =>
          inPage(
            `window.kiosk.invoke(${[channel, ...(arg === undefined ? [] : [arg])].map((a) => JSON.stringify(a)).join(', ')})`,
          ),
      },
      {
        view: () => controller.view(),
        subscribe: (listener) => controller.subscribe(listener),
        failedResetSteps: () => controller.lastReset()?.failed.map((f) => f.step) ?? [],
      },
      log,
    );
    if (!result.ok) log('smoke test failed', { step: result.step, problem: result.problem });
    electron.app.exit(result.ok ? 0 : 1);
  })
  .catch((error: unknown) => {
    log('station failed to start', { ...errorSummary(error), exitCode: EXIT_CODES.startFailed });
    electron.app.exit(EXIT_CODES.startFailed);
  });
