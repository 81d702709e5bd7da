/**
 * The names of the IPC contract's channels, and nothing else: no schemas, no zod. The shell's
 * preload needs only these to refuse channels outside the contract, and every byte it carries is
 * parsed before the shell can start. `protocol/ipc.ts` builds the contract on this list, and the
 * compiler checks that both name the same channels (`ipcArgSchemas` satisfies a record over them).
 */

/** Every channel from renderer to host, in the order of `ipcArgSchemas`. */
export const IPC_CHANNELS = [
  'station:get-view',
  'session:start',
  'session:end',
  'session:extend',
  'session:activity',
  'language:set',
  'accessibility:set',
  'service:open',
  'service:home',
  'service:back',
  'service:focus',
  'help:request',
  'help:cancel',
  'help:send-message',
  'help:dismiss',
  'feedback:answer',
  'feedback:skip',
  'screen:answer',
  'screen:signal',
  'screen:stop',
  'screen:dismiss',
  'shell:overlay',
  'service:selected-text',
] as const;

/** A channel name of the contract. */
export type IpcChannelName = (typeof IPC_CHANNELS)[number];

const known: ReadonlySet<string> = new Set(IPC_CHANNELS);

/** True for a channel of the contract; anything else (another main-process channel) is refused. */
export function isIpcChannel(name: unknown): name is IpcChannelName {
  return typeof name === 'string' && known.has(name);
}

/** Push channel from host to renderer. */
export const STATION_CHANGED = 'station:changed' as const;
