import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, isIpcChannel } from './ipc-channels.ts';
import { HOST_CHANNELS, ipcArgSchemas } from './ipc.ts';

describe('the channel list the preload carries', () => {
  it('names exactly the channels of the contract, each once', () => {
    expect([...IPC_CHANNELS].sort()).toEqual(Object.keys(ipcArgSchemas).sort());
    expect(new Set(IPC_CHANNELS).size).toBe(IPC_CHANNELS.length);
    for (const channel of HOST_CHANNELS) expect(IPC_CHANNELS).toContain(channel);
  });

  it('accepts contract channels and refuses everything else, including inherited names', () => {
    expect(IPC_CHANNELS.every((c) => isIpcChannel(c))).toBe(true);
    for (const other of ['app:quit', 'station:changed', 'toString', '__proto__', '', null, 42])
      expect(isIpcChannel(other)).toBe(false);
  });
});
