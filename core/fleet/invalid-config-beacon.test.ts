import { beforeEach, describe, expect, it } from 'vitest';
import { validateConfig, type CentralSection } from '../config/validate.ts';
import { composeStation } from '../station/compose-station.ts';
import { FakeFleetCentral, fakeFleetHost, MemoryFleetStore } from '../testing/fake-fleet-central.ts';
import { FakeStationHost } from '../testing/fake-station-host.ts';
import { FleetCallError } from './fleet-api.ts';

/** A config IT deployed with one typo: the services list is empty, the central section is fine. */
const BROKEN = {
  stationId: 'oodi-7',
  location: { name: { fi: 'Oodi' }, siteKind: 'library' },
  defaultLanguage: 'fi',
  idle: { idleWarningAfterSeconds: 600, idleCountdownSeconds: 20, resetDoneScreenSeconds: 2 },
  recycle: { maxSessionsBeforeRestart: 100, memoryCeilingMb: 4000 },
  central: { url: 'https://kiosk-central.hel.fi', tokenFile: 'station-token' },
  help: {
    phone: { number: '09 310 10011', hours: { fi: 'ma–pe 9–16' } },
    inPerson: { place: { fi: 'Palvelutiski' }, hours: { fi: 'ti 12–15' } },
  },
  services: [],
};

async function settle(): Promise<void> {
  for (let i = 0; i < 1000; i++) await Promise.resolve();
}

describe('a station whose config file is invalid tells IT so', () => {
  let host: FakeStationHost;
  let central: FakeFleetCentral;
  let asked: (CentralSection | null)[];

  const compose = (raw: unknown, api: FakeFleetCentral | null = central) => {
    const station = composeStation(validateConfig(raw), '/etc/kiosk/station.json', {
      ...host.stationHost(),
      fleet: fakeFleetHost(new MemoryFleetStore()),
      // As Electron: central is reached through the file's own central section, or not at all.
      fleetApiFor: (section) => {
        asked.push(section);
        return section ? api : null;
      },
    });
    if (station.mode !== 'out-of-order') throw new Error('the broken config was accepted');
    return station;
  };

  beforeEach(() => {
    host = new FakeStationHost();
    central = new FakeFleetCentral();
    asked = [];
  });

  it('reports "out of order, invalid config" at start and on central\'s interval, with nothing else built', async () => {
    const station = compose(BROKEN);
    await settle();
    expect(asked).toEqual([BROKEN.central]);
    expect(central.heartbeats).toHaveLength(1);
    expect(central.lastHeartbeat()).toMatchObject({
      reason: 'start',
      appVersion: '0.1.0',
      host: 'preview',
      state: 'out-of-order',
      outOfOrderCause: 'invalid-config',
      config: { source: 'flag', appliedVersion: 0, rejected: null },
      sessionsSinceStart: 0,
      lastReset: 'none',
      freeDiskMb: 20_480,
      freeMemoryMb: 3_072,
      central: { reachable: true, queueBacklog: 0 },
    });
    // The visitor's side is the out-of-order screen; no service views or metrics were built.
    expect(station.view().phase).toBe('out-of-order');
    expect(host.built.adapters).toEqual([]);
    expect(host.built.central).toEqual([]);

    central.nextHeartbeatSeconds = 90;
    host.clock.advance(60_000); // the first reply asked for the default minute
    await settle();
    expect(central.heartbeats.map((beat) => beat.reason)).toEqual(['start', 'interval']);
    host.clock.advance(89_000);
    await settle();
    expect(central.heartbeats).toHaveLength(2);
    host.clock.advance(1_000);
    await settle();
    expect(central.heartbeats).toHaveLength(3);
    expect(central.lastHeartbeat().uptimeSeconds).toBe(150);
    station.beacon?.stop();
  });

  it('keeps trying while central does not answer, and stops when told', async () => {
    central.down = true;
    const station = compose(BROKEN);
    await settle();
    expect(central.heartbeats).toHaveLength(0);
    expect(host.logs).toContainEqual({
      message: 'fleet: heartbeat of the out-of-order station not delivered',
      details: { problem: 'unreachable' },
    });
    central.down = false;
    host.clock.advance(60_000);
    await settle();
    expect(central.lastHeartbeat()).toMatchObject({ reason: 'interval', outOfOrderCause: 'invalid-config' });
    station.beacon?.stop();
    host.clock.advance(600_000);
    await settle();
    expect(central.heartbeats).toHaveLength(1);
  });

  it('sends nothing when the central section is missing or itself invalid, or the host cannot reach central with it', async () => {
    const { central: _left, ...withoutCentral } = BROKEN;
    // No section, a section that is itself invalid, and a file that is not an object at all.
    for (const raw of [withoutCentral, { ...BROKEN, central: { url: 'not a url' } }, 'not an object']) {
      expect(compose(raw).beacon).toBeNull();
    }
    expect(asked).toEqual([null, null, null]);
    expect(compose(BROKEN, null).beacon).toBeNull();
    await settle();
    expect(central.heartbeats).toEqual([]);
  });

  it('hands a failed check the central section only when that section alone is valid', () => {
    const check = validateConfig(BROKEN);
    expect(check).toMatchObject({ ok: false, central: BROKEN.central });
    expect(validateConfig({ ...BROKEN, central: { url: 'https://x.hel.fi', extra: 1 } })).not.toHaveProperty('central');
    expect(validateConfig(null)).not.toHaveProperty('central');
  });

  it('logs only the kind of failure, never the answer or a URL', async () => {
    const failing = new FakeFleetCentral();
    failing.heartbeat = () => Promise.reject(new FleetCallError('bad-response', '/heartbeat answered 401'));
    const station = compose(BROKEN, failing);
    await settle();
    station.beacon?.stop();
    expect(host.logs.filter((line) => line.message.includes('not delivered'))).toEqual([
      { message: 'fleet: heartbeat of the out-of-order station not delivered', details: { problem: 'bad-response' } },
    ]);
  });
});
