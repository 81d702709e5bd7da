import { describe, expect, it } from 'vitest';
import { HostEventRelay, type HostEvents } from './host-events.ts';

function recorder(seen: string[]): HostEvents {
  return {
    navigationBlocked: (serviceId) => void seen.push(`blocked:${serviceId}`),
    activity: () => void seen.push('activity'),
    setFiles: (files) => void seen.push(`files:${files.length}`),
    home: () => void seen.push('home'),
    machineResumed: () => void seen.push('resumed'),
  };
}

describe('the relay between host adapters and the station', () => {
  it('drops what happens before the station is connected, then passes everything on until disconnected', () => {
    const relay = new HostEventRelay();
    const seen: string[] = [];
    relay.activity();
    const disconnect = relay.connect(recorder(seen));
    relay.navigationBlocked('kela');
    relay.activity();
    relay.setFiles([{ id: 'f1', name: 'a.pdf', sizeBytes: 1, state: 'done' }]);
    relay.home();
    relay.machineResumed();
    disconnect();
    relay.activity();
    expect(seen).toEqual(['blocked:kela', 'activity', 'files:1', 'home', 'resumed']);
  });
});
