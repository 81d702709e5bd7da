/**
 * Builds `window.kiosk` from the IPC contract. Kept apart from `preload/index.ts` so it can be
 * unit tested with a fake `ipcRenderer`; it has no logic beyond refusing unknown channels.
 */
// Channel names only from ipc-channels.ts: importing a value from protocol/ipc.ts would bundle zod
// (~450 kB) into the preload. Types are erased, so they may come from the full contract.
import { isIpcChannel, STATION_CHANGED } from '../protocol/ipc-channels.ts';
import type { KioskApi, StationView } from '../protocol/ipc.ts';

/** The parts of `ipcRenderer` the bridge uses (never exposed to the page). */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createKioskApi(ipc: IpcRendererPort): KioskApi {
  return {
    invoke: ((channel: string, ...arg: unknown[]) => {
      // Only contract channels: a page script cannot reach any other main-process channel.
      if (!isIpcChannel(channel)) return Promise.reject(new Error(`unknown channel ${String(channel)}`));
      return ipc.invoke(channel, ...arg.slice(0, 1));
    }) as KioskApi['invoke'],
    onViewChanged(listener) {
      // Wrap so the page never receives the IpcRendererEvent (it carries `sender`).
      const wrapped = (_event: unknown, view: unknown) => listener(view as StationView);
      ipc.on(STATION_CHANGED, wrapped);
      return () => void ipc.removeListener(STATION_CHANGED, wrapped);
    },
  };
}
