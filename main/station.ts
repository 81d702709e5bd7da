/**
 * The Electron host of the station: the process-wide parts (single instance, menu, the app://shell
 * scheme, the kiosk window) and the Electron adapters, handed to core's `composeStation`, which
 * builds the station itself the same way for every host. `main/index.ts` calls `startStation`
 * with the real `electron` module; tests call it with the typed fake. Nothing here decides policy.
 *
 *   config (--config / KIOSK_CONFIG) ─▶ loadConfig ─▶ composeStation (core/station) ─┬─ out-of-order
 *                                                                                    └─ running
 *   either ─▶ registerIpc once (core's handlers + electronHostHandlers, shell frame only)
 *   running: StationController ─▶ ElectronServiceViews, VisitorPartitions, reset ladder ─▶ Electron
 *            adapters and shell input ─▶ HostEvents ─▶ StationController
 *   station.subscribe ─▶ station:changed to the shell + window layout (window.ts)
 */
import type { StationConfig } from '../core/config/schema.ts';
import type { CentralSection } from '../core/config/validate.ts';
import type { FleetApi } from '../core/fleet/fleet-api.ts';
import type { Clock } from '../core/ports.ts';
import type { RecycleReason } from '../core/session/reset-plan.ts';
import type { StationController } from '../core/session/station-controller.ts';
import type { FleetHostPorts } from '../core/fleet/fleet-agent.ts';
import type { StationLinks } from '../core/station/central-links.ts';
import { composeStation } from '../core/station/compose-station.ts';
import type { HostIpcHandlers, StationView } from '../protocol/ipc.ts';
import { welcomeFillOf, type WelcomeFill } from '../protocol/welcome-page.ts';
import { configPath, loadConfig } from './config.ts';
import type { ElectronMain } from './electron-api.ts';
import { pushViews, registerIpc } from './ipc.ts';
import { Maintenance, sha256 } from './maintenance.ts';
import { denyAllPermissions, guardClientCertificates, guardEveryWebContents } from './process-hardening.ts';
import { exitForRestart, memoryUsageMb } from './recycle.ts';
import type { ElectronServiceViews } from './service-views.ts';
import { nodeDownloadDisk, type DownloadDisk, type VisitorPartitions } from './session-lifecycle.ts';
import { superviseShell } from './shell-supervision.ts';
import { createElectronAdapters } from './station-adapters.ts';
import {
  createKioskWindow,
  registerShellScheme,
  serveShell,
  SHELL_ORIGIN,
  SHELL_URL,
  type KioskWindow,
} from './window.ts';
import { allowKioskWindowCapture } from './screen-capture.ts';

/** Everything the station needs from the outside world; `main/index.ts` supplies the real ones. */
export interface StationDeps {
  electron: ElectronMain;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  readText: (path: string) => string;
  /** Built files: the preload bundle, the renderer folder, and the default config. */
  paths: { preload: string; rendererDir: string; defaultConfig: string };
  clock: Clock;
  newId: () => string;
  /**
   * Builds metrics and help once the config is known to be valid (their central URL and token
   * file come from it; see central-wiring.ts). Without it the station records nothing and help
   * offers the phone line and the desk.
   */
  central?: (config: StationConfig, configPath: string) => StationLinks;
  /** Fleet management's ports (main/fleet-host.ts); without them the station sends no heartbeats. */
  fleet?: FleetHostPorts;
  /**
   * Central's fleet API from the `central` section of a config that is invalid as a whole, so the
   * out-of-order station still tells IT why (`wireFleetApi` in central-wiring.ts).
   */
  fleetApiFor?: (central: CentralSection, configPath: string) => FleetApi | null;
  /** Called just before a recycle exit (persists the reason for the next start's log). */
  onRecycle?: (reason: RecycleReason) => void;
  /** The download root on disk; tests pass one with locked files. Defaults to the real disk. */
  disk?: DownloadDisk;
  /** What the maintenance screen tells IT about this process (see maintenance.ts). */
  about?: {
    version: string;
    /** The reason of the recycle before this start, or 'none'. */
    lastRecycle: string;
    /** Whether central answers now; without it the screen says 'configured'. */
    probeCentral?: (url: string) => Promise<boolean>;
  };
  log: (message: string, details?: Record<string, unknown>) => void;
}

/** What a started station exposes (for the entry point and for tests). */
export type RunningStation =
  | { mode: 'second-instance' }
  | { mode: 'out-of-order'; window: KioskWindow; view: StationView }
  | {
      mode: 'running';
      window: KioskWindow;
      controller: StationController;
      partitions: VisitorPartitions;
      views: ElectronServiceViews;
      config: StationConfig;
      /** Resolves when the start-up sweep of the download root has finished. */
      startupSweep: Promise<void>;
      maintenance: Maintenance;
    };

const HOST: StationView['host'] = { kind: 'electron', limitations: [] };

/** Debugging switches that would let anyone at the station attach to it. */
const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'inspect-brk'];

export async function startStation(deps: StationDeps): Promise<RunningStation> {
  const { electron, log } = deps;
  const { app } = electron;
  // Two copies would fight over the screen and the visitor's partition.
  if (!app.requestSingleInstanceLock()) {
    log('another station instance is running; exiting');
    app.quit();
    return { mode: 'second-instance' };
  }
  const dev = deps.argv.includes('--dev');
  const testHooks = deps.env['KIOSK_TEST_HOOKS'] === '1';
  const debugSwitch = DEBUG_SWITCHES.find((s) => app.commandLine.hasSwitch(s));
  if (debugSwitch && !dev && !testHooks)
    log('debug switch present on the command line; the packaged build disables it with fuses', { switch: debugSwitch });

  // Before ready: no default menu (its accelerators reload and open devtools), and the shell scheme.
  electron.Menu.setApplicationMenu(null);
  registerShellScheme(electron.protocol);
  // Before any webContents exists, so none escapes the backstop.
  guardEveryWebContents(app, log);

  const path = configPath(deps.argv, deps.env, deps.paths.defaultConfig);
  const check = loadConfig(path, deps.readText);

  let configSha256 = 'unreadable';
  try {
    configSha256 = sha256(deps.readText(path));
  } catch {
    // The out-of-order screen already names the read error.
  }

  await app.whenReady();
  // The shell lives in the default session; it needs no permission, so it gets none.
  denyAllPermissions(electron.session.defaultSession);
  // The default language's texts are preloaded with the entry script (a hint: remote config may pick another).
  // The page comes with the welcome screen in place once the station is composed below (ADR 0015).
  let firstScreen: () => WelcomeFill | null = () => null;
  serveShell(electron.protocol, deps.paths.rendererDir, check.ok ? check.config.defaultLanguage : undefined, () =>
    firstScreen(),
  );
  // The maintenance chord reaches the station before maintenance exists (it needs the running station).
  let onMaintenanceChord = () => log('maintenance chord pressed; maintenance needs a valid config');
  const window = createKioskWindow({
    electron,
    preloadPath: deps.paths.preload,
    dev,
    clock: deps.clock,
    onMaintenanceChord: () => onMaintenanceChord(),
    log,
  });
  const shell = window.shellView.webContents;
  // The advisor's screen view (issue 16): the shell may capture this window and nothing else.
  allowKioskWindowCapture({
    session: electron.session.defaultSession,
    window: window.window,
    desktopCapturer: electron.desktopCapturer,
    shellOrigin: SHELL_ORIGIN,
    log,
  });
  app.on('second-instance', () => window.window.focus());
  superviseShell({
    shell,
    shellUrl: SHELL_URL,
    clock: deps.clock,
    exit: (code) => {
      window.allowClose();
      app.exit(code);
    },
    log,
  });

  const { central, fleetApiFor } = deps;
  const station = composeStation(check, path, {
    info: HOST,
    clock: deps.clock,
    newId: deps.newId,
    ...(central ? { central: (config: StationConfig) => central(config, path) } : {}),
    ...(deps.fleet ? { fleet: deps.fleet } : {}),
    // Electron reaches central only through the file's own central section.
    ...(fleetApiFor
      ? { fleetApiFor: (section: CentralSection | null) => (section ? fleetApiFor(section, path) : null) }
      : {}),
    adapters: (config, events) =>
      createElectronAdapters({
        electron,
        config,
        events,
        area: window,
        clock: deps.clock,
        newId: deps.newId,
        disk: deps.disk ?? nodeDownloadDisk,
        onMaintenanceChord: () => onMaintenanceChord(),
        log,
      }),
    memoryUsageMb: async () => memoryUsageMb(app),
    exitForRestart: (reason) => {
      window.allowClose();
      exitForRestart(app, reason, deps.onRecycle);
    },
    log,
  });
  firstScreen = () => welcomeFillOf(station.view());
  // No e-service can be open on the out-of-order screen, so there is no page to read from.
  const pageViews = station.mode === 'running' ? station.adapters.views : null;
  registerIpc({
    ipcMain: electron.ipcMain,
    handlers: { ...station.handlers, ...electronHostHandlers(window, pageViews) },
    shell: { webContentsId: shell.id, origin: SHELL_ORIGIN },
    log,
  });
  pushViews(station.subscribe, shell);
  station.subscribe((view) => window.update(view));
  window.update(station.view());
  shell.on('input-event', () => station.events.activity());
  // A freshly loaded shell (after a reset, a crash or a hang) has no dialog open, whatever the old
  // one last reported; otherwise a stale overlay would hide the next visitor's page.
  shell.on('did-navigate', () => window.setShellOverlay(false));
  guardClientCertificates(
    app,
    (webContents) => (station.mode === 'running' ? station.adapters.owners.serviceFor(webContents) : null),
    log,
  );

  if (station.mode === 'out-of-order') {
    await shell.loadURL(SHELL_URL);
    return { mode: 'out-of-order', window, view: station.view() };
  }
  const { partitions, views } = station.adapters;
  // IT sees shell crashes in the next heartbeat (superviseShell decides what to do about them).
  const { fleet } = station;
  if (fleet) shell.on('render-process-gone', () => fleet.recordCrash());
  views.setLanguage(station.view().language);
  let lastPhase = station.view().phase;
  station.subscribe((view) => {
    views.setLanguage(view.language);
    // A fresh shell renderer for every visitor: nothing the last one typed into a shell form
    // (a help message, a half-written search) survives in its memory.
    if (lastPhase === 'reset-done' && view.phase === 'welcome')
      void shell.loadURL(SHELL_URL).catch(() => log('shell reload after reset failed'));
    lastPhase = view.phase;
  });
  // The idle timer does not run while the machine sleeps; whoever used it before is long gone.
  electron.powerMonitor.on('resume', () => station.events.machineResumed());
  const { controller, config } = station;
  const maintenance = new Maintenance({
    electron,
    window: window.window,
    pin: config.maintenance?.pin,
    clock: deps.clock,
    endVisit: async () => {
      if (!controller.waitingForVisitor()) await controller.end('admin');
    },
    info: async () => {
      const central = config.central?.url;
      const probe = deps.about?.probeCentral;
      let centralState = 'not configured';
      if (central)
        centralState = probe ? ((await probe(central).catch(() => false)) ? 'reachable' : 'unreachable') : 'configured';
      return {
        stationId: config.stationId,
        version: deps.about?.version ?? 'unknown',
        configSource: path,
        configSha256,
        central: centralState,
        lastRecycle: deps.about?.lastRecycle ?? 'unknown',
      };
    },
    exit: (code) => {
      window.allowClose();
      app.exit(code);
    },
    log,
  });
  onMaintenanceChord = () => maintenance.open();
  if (testHooks) {
    // Read-only hook for the Playwright _electron journey (tests/electron); only with KIOSK_TEST_HOOKS=1.
    (globalThis as { __kioskTest?: unknown }).__kioskTest = { currentPartition: () => partitions.current().name };
  }
  await shell.loadURL(SHELL_URL);
  if (dev) shell.openDevTools();
  return {
    mode: 'running',
    window,
    controller: station.controller,
    partitions,
    views,
    config: station.config,
    startupSweep: station.adapters.startupSweep,
    maintenance,
  };
}

/**
 * The channels only the Electron host can answer: the window layout and the visible page.
 * `views` is null on the out-of-order screen, where no e-service can be open.
 */
export function electronHostHandlers(
  window: Pick<KioskWindow, 'setShellOverlay'>,
  views: Pick<ElectronServiceViews, 'selectedText'> | null,
): HostIpcHandlers {
  return {
    'shell:overlay': ({ open }) => window.setShellOverlay(open),
    'service:selected-text': async () => ({ text: views ? await views.selectedText() : '' }),
  };
}
