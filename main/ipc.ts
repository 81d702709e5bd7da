/**
 * IPC registration: exactly one `ipcMain.handle` per channel of the contract, each guarded.
 *
 * Order inside every handler: (1) the sender must be the shell's own top frame, served from
 * `app://shell` in the shell's webContents (e-service pages have no preload, but a compromised
 * or navigated frame must still get nothing); (2) the argument must match the channel's schema;
 * (3) only then the handler runs. The table is `KioskIpcHandlers` (the controller's channels plus the
 * host's own), so a missing channel does not compile.
 */
import {
  ipcArgSchemas,
  parseIpcArg,
  STATION_CHANGED,
  type IpcChannel,
  type KioskIpcHandlers,
  type StationView,
} from '../protocol/ipc.ts';
import type { ElectronMain, IpcInvokeEventPort, WebContentsPort } from './electron-api.ts';

/** Who may call: the shell's webContents and origin. */
export interface ShellIdentity {
  webContentsId: number;
  /** `app://shell` */
  origin: string;
}

/** `scheme://host` of a URL; computed by hand because `URL.origin` is "null" for custom schemes. */
function originOf(rawUrl: string): string | null {
  try {
    const url = new URL(rawUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}

/** True only for the shell's top frame in the shell's webContents. */
export function isShellSender(event: IpcInvokeEventPort, shell: ShellIdentity): boolean {
  const frame = event.senderFrame;
  if (event.sender.id !== shell.webContentsId || frame === null) return false;
  if (frame.parent !== null) return false;
  return originOf(frame.url) === shell.origin;
}

/** Registers every channel; returns a function that removes them all. */
export function registerIpc(deps: {
  ipcMain: ElectronMain['ipcMain'];
  handlers: KioskIpcHandlers;
  shell: ShellIdentity;
  log(message: string, details?: Record<string, unknown>): void;
}): () => void {
  const channels = Object.keys(ipcArgSchemas) as IpcChannel[];
  for (const channel of channels) {
    deps.ipcMain.handle(channel, async (event, arg) => {
      if (!isShellSender(event, deps.shell)) {
        deps.log('ipc refused: not the shell frame', { channel });
        throw new Error(`ipc refused: ${channel} is only for the shell`);
      }
      const parsed = parseIpcArg(channel, arg);
      const handler = deps.handlers[channel] as (a: typeof parsed) => unknown;
      return handler(parsed);
    });
  }
  return () => {
    for (const channel of channels) deps.ipcMain.removeHandler(channel);
  };
}

/** Pushes every station view change to the shell on `station:changed`. */
export function pushViews(
  subscribe: (listener: (view: StationView) => void) => () => void,
  shell: Pick<WebContentsPort, 'send' | 'isDestroyed'>,
): () => void {
  return subscribe((view) => {
    if (!shell.isDestroyed()) shell.send(STATION_CHANGED, view);
  });
}
