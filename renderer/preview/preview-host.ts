/**
 * The browser preview host: an implementation of `window.kiosk` that runs core/ in the page.
 * Used by `npm run preview`, demos and the browser tests. It builds the same StationController
 * as Electron main, with browser adapters for the ports.
 */
import {
  isIpcChannel,
  parseIpcArg,
  type HostIpcHandlers,
  type IpcChannel,
  type KioskApi,
  type KioskIpcHandlers,
  type StationView,
} from '../../protocol/ipc.ts';
import { validateConfigText } from '../../core/config/validate.ts';
import { outOfOrderHandlers, outOfOrderView } from '../../core/session/out-of-order.ts';
import { RESET_STEPS, type ResetExecutor } from '../../core/session/reset-plan.ts';
import { StationController } from '../../core/session/station-controller.ts';
import { systemClock } from '../../core/ports.ts';
import { PREVIEW_LIMITATIONS, PreviewServiceViews } from './preview-service-views.ts';
import type { PreviewBootstrap } from './bootstrap.ts';
import { createPreviewHelp, createPreviewMetrics } from './preview-central.ts';

const host: StationView['host'] = { kind: 'preview', limitations: [...PREVIEW_LIMITATIONS] };

/**
 * The host channels in the preview. E-services open in a separate browser window, so no shell
 * dialog can be hidden under them (nothing to uncover), and a cross-origin window's selection is
 * out of the page's reach. `makeApi` still validates their arguments like Electron main does.
 */
const previewHostHandlers: HostIpcHandlers = {
  'shell:overlay': () => undefined,
  'service:selected-text': () => ({ text: '' }),
};

/** Builds the station in the page and returns the `KioskApi` the shell uses. */
export async function startPreviewHost(page: Window): Promise<KioskApi> {
  const response = await page.fetch('/preview/bootstrap.json', { cache: 'no-store' });
  const boot = (await response.json()) as PreviewBootstrap;
  const check = validateConfigText(boot.configText);
  const listeners = new Set<(view: StationView) => void>();

  if (!check.ok) {
    console.error(`station config ${boot.configPath} is invalid:`, check.errors);
    const view = outOfOrderView(check.errors, host);
    return makeApi({ ...outOfOrderHandlers(view), ...previewHostHandlers }, listeners);
  }

  const config = check.config;
  const views = new PreviewServiceViews(page);
  const metrics = createPreviewMetrics(page, boot.central);
  const help = createPreviewHelp(page, boot.central, metrics);
  // Steps a page cannot do are no-ops here, listed on screen as limitations instead of failing
  // every reset (which would make the preview "restart" after each visitor).
  const reset: ResetExecutor = Object.fromEntries(
    RESET_STEPS.map((step) => [step, async () => undefined]),
  ) as ResetExecutor;
  reset['close-views'] = async () => views.closeAll();
  reset['clear-clipboard'] = async () => {
    await page.navigator.clipboard?.writeText('').catch(() => undefined);
  };

  const controller = new StationController(config, {
    clock: systemClock,
    newId: () => page.crypto.randomUUID(),
    metrics,
    views,
    reset,
    help,
    memoryUsageMb: async () => null,
    exitForRestart: () => page.location.reload(),
    host,
    log: (message, details) => console.info(`[station] ${message}`, details ?? ''),
  });
  controller.subscribe((view) => {
    for (const listener of listeners) listener(view);
  });
  metrics.record({ type: 'station.started', appVersion: __APP_VERSION__ });
  return makeApi({ ...controller.handlers(), ...previewHostHandlers }, listeners);
}

/** Wraps a handler table as `window.kiosk`, validating every argument like Electron main does. */
function makeApi(handlers: KioskIpcHandlers, listeners: Set<(view: StationView) => void>): KioskApi {
  return {
    invoke: (async (channel: IpcChannel, arg?: unknown) => {
      if (!isIpcChannel(channel)) throw new Error(`unknown channel ${String(channel)}`);
      const parsed = parseIpcArg(channel, arg);
      return (handlers[channel] as (a: unknown) => unknown)(parsed);
    }) as KioskApi['invoke'],
    onViewChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

declare const __APP_VERSION__: string;
