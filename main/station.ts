/**
 * The station's composition: builds every service once and wires core's controller to the
 * Electron adapters. `main/index.ts` calls `startStation` with the real `electron` module; tests
 * call it with the typed fake. Nothing here decides policy: that is core's job.
 *
 *   config (--config / KIOSK_CONFIG) ─▶ validate ─┬─ invalid ─▶ out-of-order view + refusing handlers
 *                                                  └─ valid ───▶ StationController
 *   StationController ◀─ IPC (registerIpc, shell frame only) ◀─ preload ◀─ shell UI
 *   StationController ─▶ ServiceViews (service-views.ts), ResetExecutor (session-lifecycle.ts),
 *                        recycle (recycle.ts) ─▶ Electron
 *   StationController.subscribe ─▶ station:changed to the shell + window layout (window.ts)
 */
import type { StationConfig } from '../core/config/schema.ts';
import { formatConfigErrors } from '../core/config/validate.ts';
import type { Clock, MetricsSink } from '../core/ports.ts';
import { OfflineHelp } from '../core/session/offline-help.ts';
import { outOfOrderHandlers, outOfOrderView } from '../core/session/out-of-order.ts';
import type { RecycleReason } from '../core/session/reset-plan.ts';
import { StationController, type HelpPort } from '../core/session/station-controller.ts';
import type { HostIpcHandlers, StationView } from '../protocol/ipc.ts';
import { configPath, loadConfig } from './config.ts';
import type { ElectronMain } from './electron-api.ts';
import { pushViews, registerIpc } from './ipc.ts';
import { exitForRestart, memoryUsageMb } from './recycle.ts';
import { ElectronServiceViews } from './service-views.ts';
import { createResetExecutor, VisitorPartitions } from './session-lifecycle.ts';
import {
  createKioskWindow,
  registerShellScheme,
  serveShell,
  SHELL_ORIGIN,
  SHELL_URL,
  type KioskWindow,
} from './window.ts';
import { join } from 'node:path';

/** Everything the station needs from the outside world; `main/index.ts` supplies the real ones. */
export interface StationDeps {
  electron: ElectronMain;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  readText(path: string): string;
  /** Built files: the preload bundle, the renderer folder, and the default config. */
  paths: { preload: string; rendererDir: string; defaultConfig: string };
  clock: Clock;
  newId(): string;
  /** Metrics sink when `central` is not given; defaults to recording nothing. */
  metrics?: MetricsSink;
  /** Help port when `central` is not given; defaults to OfflineHelp (phone and desk only). */
  help?: HelpPort;
  /**
   * Builds metrics and help once the config is known to be valid (their central URL and token
   * file come from it; see central-wiring.ts). When given, it replaces `metrics` and `help`.
   */
  central?(config: StationConfig, configPath: string): { metrics: MetricsSink; help: HelpPort };
  /** Called just before a recycle exit (persists the reason for the next start's log). */
  onRecycle?(reason: RecycleReason): void;
  log(message: string, details?: Record<string, unknown>): void;
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

  const path = configPath(deps.argv, deps.env, deps.paths.defaultConfig);
  const check = loadConfig(path, deps.readText);

  await app.whenReady();
  serveShell(electron.protocol, deps.paths.rendererDir);
  const window = createKioskWindow({ electron, preloadPath: deps.paths.preload, dev, log });
  const shell = window.shellView.webContents;
  app.on('second-instance', () => window.window.focus());
  const shellIdentity = { webContentsId: shell.id, origin: SHELL_ORIGIN };

  if (!check.ok) {
    // Never fall back to defaults: a station with the wrong services or no reset limits is worse than one that says it is broken.
    log('station config is invalid; showing the out-of-order screen', {
      path,
      errors: formatConfigErrors(check.errors),
    });
    const view = outOfOrderView(check.errors, HOST);
    registerIpc({
      ipcMain: electron.ipcMain,
      handlers: { ...outOfOrderHandlers(view), ...electronHostHandlers(window, null) },
      shell: shellIdentity,
      log,
    });
    window.update(view);
    await shell.loadURL(SHELL_URL);
    return { mode: 'out-of-order', window, view };
  }
  const config = check.config;
  const links = deps.central?.(config, path) ?? {
    metrics: deps.metrics ?? { record: () => undefined },
    help: deps.help ?? new OfflineHelp(),
  };

  let controller: StationController | null = null;
  const views: ElectronServiceViews = new ElectronServiceViews({
    electron,
    get partitions() {
      return partitions;
    },
    area: window,
    localHttpOrigins: config.localHttpOrigins,
    onBlocked: (serviceId) => controller?.navigationBlocked(serviceId),
    onActivity: () => controller?.activity(),
    log,
    now: () => deps.clock.now(),
  });
  const partitions = new VisitorPartitions({
    electron,
    downloadRoot: join(app.getPath('temp'), 'kiosk-downloads'),
    newId: deps.newId,
    permissions: views,
    onFiles: (files) => controller?.setFiles(files),
    log,
  });
  controller = new StationController(config, {
    clock: deps.clock,
    newId: deps.newId,
    metrics: links.metrics,
    views,
    reset: createResetExecutor({ partitions, views, clipboard: electron.clipboard }),
    help: links.help,
    memoryUsageMb: async () => memoryUsageMb(app),
    exitForRestart: (reason) => {
      window.allowClose();
      exitForRestart(app, reason, deps.onRecycle);
    },
    host: HOST,
    log,
  });
  registerIpc({
    ipcMain: electron.ipcMain,
    handlers: { ...controller.handlers(), ...electronHostHandlers(window, views) },
    shell: shellIdentity,
    log,
  });
  const running = controller;
  pushViews((listener) => running.subscribe(listener), shell);
  running.subscribe((view) => window.update(view));
  window.update(running.view());
  shell.on('input-event', () => running.activity());
  if (testHooks) {
    // Read-only hook for the Playwright _electron journey (tests/electron); only with KIOSK_TEST_HOOKS=1.
    (globalThis as { __kioskTest?: unknown }).__kioskTest = { currentPartition: () => partitions.current().name };
  }
  await shell.loadURL(SHELL_URL);
  if (dev) shell.openDevTools();
  return { mode: 'running', window, controller: running, partitions, views, config };
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
