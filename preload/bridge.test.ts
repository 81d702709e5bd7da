import { describe, expect, it } from 'vitest';
import { STATION_CHANGED, type StationView } from '../protocol/ipc.ts';
import { createKioskApi, type IpcRendererPort } from './bridge.ts';

function fakeIpc() {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcRendererPort = {
    invoke: async (channel, ...args) => void invoked.push({ channel, args }),
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  return { ipc, invoked, listeners };
}

describe('window.kiosk', () => {
  it('forwards contract channels with their one argument', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = createKioskApi(ipc);
    await api.invoke('session:end', { reason: 'visitor' });
    await api.invoke('session:start');
    expect(invoked).toEqual([
      { channel: 'session:end', args: [{ reason: 'visitor' }] },
      { channel: 'session:start', args: [] },
    ]);
  });

  it('forwards the host channels (shell overlay, selected text) like any contract channel', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = createKioskApi(ipc);
    await api.invoke('shell:overlay', { open: true });
    await api.invoke('service:selected-text');
    expect(invoked).toEqual([
      { channel: 'shell:overlay', args: [{ open: true }] },
      { channel: 'service:selected-text', args: [] },
    ]);
  });

  it('refuses channels outside the contract, so page script cannot reach other main-process handlers', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = createKioskApi(ipc);
    await expect((api.invoke as (c: string) => Promise<unknown>)('app:quit')).rejects.toThrow(/unknown channel/);
    expect(invoked).toEqual([]);
  });

  it('delivers view changes without the IPC event, and stops after unsubscribe', () => {
    const { ipc, listeners } = fakeIpc();
    const api = createKioskApi(ipc);
    const seen: unknown[][] = [];
    const off = api.onViewChanged((...args) => void seen.push(args));
    const view = { phase: 'welcome' } as StationView;
    for (const l of listeners.get(STATION_CHANGED) ?? []) l({ sender: 'secret' }, view);
    expect(seen).toEqual([[view]]);
    off();
    expect(listeners.get(STATION_CHANGED)?.size).toBe(0);
  });

  it('exposes nothing but invoke and onViewChanged', () => {
    expect(Object.keys(createKioskApi(fakeIpc().ipc)).sort()).toEqual(['invoke', 'onViewChanged']);
  });
});
