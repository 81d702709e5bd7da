import { beforeEach, describe, expect, it } from 'vitest';
import type { StationView } from '../../protocol/ipc.ts';
import { validateConfig } from '../config/validate.ts';
import { FakeFleetCentral, fakeFleetHost, MemoryFleetStore } from '../testing/fake-fleet-central.ts';
import { FakeStationHost } from '../testing/fake-station-host.ts';
import { composeStation, type ComposedStation, type StationAdapters } from './compose-station.ts';

const CONFIG = {
  stationId: 'test-station',
  location: { name: { fi: 'Testikirjasto' }, siteKind: 'library' },
  defaultLanguage: 'fi',
  idle: { idleWarningAfterSeconds: 60, idleCountdownSeconds: 20, resetDoneScreenSeconds: 2 },
  recycle: { maxSessionsBeforeRestart: 3, memoryCeilingMb: 4000 },
  help: {
    phone: { number: '09 310 10011', hours: { fi: 'ma–pe 9–16' } },
    inPerson: { place: { fi: 'Palvelutiski' }, hours: { fi: 'ti 12–15' } },
  },
  services: [
    {
      id: 'kela',
      category: 'social-security',
      icon: 'bank',
      startUrl: 'https://www.kela.fi/asiointi',
      name: { fi: 'Kela' },
      purpose: { fi: 'Etuudet' },
      allowedOrigins: ['https://www.kela.fi'],
      permissions: [],
    },
  ],
};

const SOURCE = '/etc/kiosk/station.json';

/** Resolves once pending promise callbacks (the async reset) have run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 200; i++) await Promise.resolve();
}

function running(station: ComposedStation<StationAdapters>) {
  if (station.mode !== 'running') throw new Error(`station is ${station.mode}`);
  return station;
}

describe('one station composition for every host', () => {
  let host: FakeStationHost;
  let views: StationView[];

  function compose(config: unknown = CONFIG, options: Parameters<FakeStationHost['stationHost']>[0] = {}) {
    const station = composeStation(validateConfig(config), SOURCE, host.stationHost(options));
    station.subscribe((view) => void views.push(view));
    return station;
  }
  const lastView = () => views[views.length - 1];

  beforeEach(() => {
    host = new FakeStationHost();
    views = [];
  });

  it('records how long the visit lasted when the visitor ends it, and wipes it with the host reset ladder', async () => {
    const station = compose();
    await station.handlers['service:open']({ serviceId: 'kela' });
    host.clock.advance(30_000);
    await station.handlers['session:end']({ reason: 'visitor' });
    await settle();

    expect(host.events).toContainEqual(
      expect.objectContaining({ type: 'session.ended', durationSeconds: 30, endedBy: 'visitor' }),
    );
    expect(host.calls).toEqual(expect.arrayContaining(['open:kela', 'reset:close-views', 'reset:new-partition']));
    expect(lastView()?.phase).toBe('reset-done');
    await station.handlers['feedback:skip'](undefined); // the question holds the welcome screen until it closes
    host.clock.advance(CONFIG.idle.resetDoneScreenSeconds * 1000);
    expect(station.view().phase).toBe('welcome');
  });

  it('offers the phone line and the desk at once when the host has no link to central, and records nothing', async () => {
    const station = compose(CONFIG, { central: null });
    await station.handlers['help:request']({ topic: 'kela', mode: 'come-to-me' });

    expect(station.view().help).toMatchObject({ phase: 'unavailable', reason: 'unreachable' });
    expect(lastView()?.help.phase).toBe('unavailable');
    expect(station.view().helpContacts.phone).toBe('09 310 10011');
    expect(host.events).toEqual([]);
  });

  it('shows the out-of-order screen naming the field for an invalid config, refuses visitors and builds nothing', async () => {
    const broken = { ...CONFIG, idle: { ...CONFIG.idle, idleCountdownSeconds: 5 } };
    const station = compose(broken);

    expect(station.mode).toBe('out-of-order');
    expect(station.view().phase).toBe('out-of-order');
    expect(station.view().outOfOrder?.reason).toContain('idle.idleCountdownSeconds');
    await expect(Promise.resolve().then(() => station.handlers['session:start'](undefined))).rejects.toThrow(
      /out of order/,
    );
    expect(host.built).toEqual({ central: [], adapters: [] });
    const logged = host.logs.find((l) => l.message === 'station config is invalid; showing the out-of-order screen');
    expect(logged?.details?.['path']).toBe(SOURCE);
    expect(logged?.details?.['errors']).toContain('idle.idleCountdownSeconds');
  });

  it('builds central and the host adapters once, from the valid config', () => {
    const station = running(compose());
    expect(host.built.central).toEqual([station.config]);
    expect(host.built.adapters).toEqual([station.config]);
    expect(station.config.stationId).toBe('test-station');
  });

  it('shows the visitor what the host adapters saw: a refused page, and their downloads', async () => {
    const station = compose();
    host.hostEvents?.navigationBlocked('kela'); // before any visit: nothing to tell anyone
    expect(views).toEqual([]);

    await station.handlers['service:open']({ serviceId: 'kela' });
    host.hostEvents?.navigationBlocked('kela');
    expect(lastView()?.blockedNotice).toEqual({ serviceId: 'kela' });
    expect(host.events.map((e) => e.type)).toContain('navigation.blocked');

    host.hostEvents?.setFiles([{ id: 'f1', name: 'päätös.pdf', sizeBytes: 1200, state: 'done' }]);
    expect(lastView()?.files).toEqual([{ id: 'f1', name: 'päätös.pdf', sizeBytes: 1200, state: 'done' }]);
  });

  it('keeps a visitor who is typing in an e-service from the idle warning', async () => {
    const station = compose();
    await station.handlers['service:open']({ serviceId: 'kela' });
    host.clock.advance(50_000);
    host.hostEvents?.activity();
    host.clock.advance(50_000);
    expect(station.view().phase).toBe('in-session');
    host.clock.advance(10_000);
    expect(station.view().phase).toBe('idle-warning');
  });

  it('takes the shell’s own input reported by the host as activity too', async () => {
    const station = compose();
    await station.handlers['session:start'](undefined);
    host.clock.advance(50_000);
    station.events.activity();
    host.clock.advance(50_000);
    expect(station.view().phase).toBe('in-session');
  });

  it('asks the host for a fresh process after the configured number of visitors', async () => {
    const station = compose();
    for (let visitor = 0; visitor < CONFIG.recycle.maxSessionsBeforeRestart; visitor++) {
      await station.handlers['session:start'](undefined);
      await station.handlers['session:end']({ reason: 'visitor' });
      await station.handlers['feedback:skip'](undefined);
      host.clock.advance(CONFIG.idle.resetDoneScreenSeconds * 1000);
    }
    expect(host.exits).toEqual(['session-limit']);
  });
});

describe('fleet management in the one composition', () => {
  it('reports to central and shows IT’s welcome message when the host gives fleet ports and central links', async () => {
    const host = new FakeStationHost();
    const central = new FakeFleetCentral();
    central.pending.push({
      kind: 'welcome-message',
      id: '00000000-0000-4000-8000-0000000000aa',
      issuedAt: '2026-11-23T10:00:00.000Z',
      text: { fi: 'Huoltokatko klo 14' },
      until: '2026-11-23T12:00:00.000Z',
    });
    const station = composeStation(validateConfig(CONFIG), SOURCE, {
      ...host.stationHost({
        central: () => ({
          metrics: { record: () => undefined },
          help: host.help,
          fleet: { api: central, queueBacklog: async () => 0 },
        }),
      }),
      fleet: fakeFleetHost(new MemoryFleetStore()),
    });
    const pushed: StationView[] = [];
    station.subscribe((view) => void pushed.push(view));
    await settle();

    expect(running(station).fleet).not.toBeNull();
    expect(central.heartbeats.map((h) => h.reason)).toEqual(['start']);
    expect(await station.handlers['station:get-view'](undefined)).toMatchObject({
      welcomeMessage: { text: 'Huoltokatko klo 14', language: 'fi' },
    });
    expect(pushed.at(-1)?.welcomeMessage?.text).toBe('Huoltokatko klo 14');
  });

  it('sends nothing and runs on the local file alone without fleet ports', () => {
    const host = new FakeStationHost();
    const station = running(composeStation(validateConfig(CONFIG), SOURCE, host.stationHost()));
    expect(station.fleet).toBeNull();
    expect(station.view().welcomeMessage).toBeUndefined();
  });
});
