/**
 * The browser preview host: an implementation of `window.kiosk` that runs core/ in the page.
 * Used by `npm run preview`, demos and the browser tests. Core's `composeStation` builds the same
 * station as in Electron main; this file supplies the browser's adapters and the bridge.
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
import { z } from 'zod';
import { systemClock } from '../../core/ports.ts';
import { composeStation } from '../../core/station/compose-station.ts';
import type { PreviewBootstrap } from './bootstrap.ts';
import { createPreviewAdapters } from './preview-adapters.ts';
import { linkPreviewCentral, previewFleetApi } from './preview-central.ts';
import { previewFleetPorts } from './preview-fleet.ts';
import { PREVIEW_LIMITATIONS } from './preview-limitations.ts';

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
  // The shell's CSP forbids eval. zod would otherwise probe for it with `new Function` on its first
  // object schema (a CSP violation in the console at every start with central) before falling back
  // to the same validation without generated code; in Electron, core runs in main, where eval works.
  z.config({ jitless: true });
  const boot = await readBootstrap(page);
  const log = (message: string, details?: Record<string, unknown>) =>
    console.info(`[station] ${message}`, details ?? '');
  const station = composeStation(boot.config, boot.configPath, {
    info: host,
    clock: systemClock,
    newId: () => page.crypto.randomUUID(),
    central: () => linkPreviewCentral(page, boot.central, log),
    fleet: previewFleetPorts(page, boot.configPath),
    // As for a valid config, the preview reaches central through its server's flags, not the file.
    fleetApiFor: () => previewFleetApi(page, boot.central),
    adapters: () => createPreviewAdapters(page),
    memoryUsageMb: async () => null,
    exitForRestart: () => page.location.reload(),
    log,
  });
  return makeApi({ ...station.handlers, ...previewHostHandlers }, station.subscribe);
}

/** The bootstrap the preview server inlined into the page (saves a round trip), or else fetched; its config is already checked. */
async function readBootstrap(page: Window): Promise<PreviewBootstrap> {
  const inline = page.document.getElementById('preview-bootstrap')?.textContent;
  if (inline) return JSON.parse(inline) as PreviewBootstrap;
  const response = await page.fetch('/preview/bootstrap.json', { cache: 'no-store' });
  return (await response.json()) as PreviewBootstrap;
}

/** Wraps a handler table as `window.kiosk`, validating every argument like Electron main does. */
function makeApi(handlers: KioskIpcHandlers, subscribe: KioskApi['onViewChanged']): KioskApi {
  return {
    invoke: (async (channel: IpcChannel, arg?: unknown) => {
      if (!isIpcChannel(channel)) throw new Error(`unknown channel ${String(channel)}`);
      const parsed = parseIpcArg(channel, arg);
      return (handlers[channel] as (a: unknown) => unknown)(parsed);
    }) as KioskApi['invoke'],
    onViewChanged: subscribe,
  };
}
