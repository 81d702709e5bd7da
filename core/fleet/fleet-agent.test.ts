import { beforeEach, describe, expect, it } from 'vitest';
import type { FleetActionRequest } from '../../protocol/fleet.ts';
import type { StationView } from '../../protocol/ipc.ts';
import { validateConfig } from '../config/validate.ts';
import { composeStation, type StationAdapters, type ComposedStation } from '../station/compose-station.ts';
import { FakeFleetCentral, fakeFleetHost, MemoryFleetStore } from '../testing/fake-fleet-central.ts';
import { FakeStationHost } from '../testing/fake-station-host.ts';
import { FleetCallError } from './fleet-api.ts';

const KELA = {
  id: 'kela',
  category: 'social-security',
  icon: 'bank',
  startUrl: 'https://www.kela.fi/asiointi',
  name: { fi: 'Kela' },
  purpose: { fi: 'Etuudet' },
  allowedOrigins: ['https://www.kela.fi'],
};
const VERO = {
  ...KELA,
  id: 'vero',
  startUrl: 'https://www.vero.fi/',
  name: { fi: 'Vero' },
  allowedOrigins: ['https://www.vero.fi'],
};

const CONFIG = {
  stationId: 'oodi-1',
  location: { name: { fi: 'Oodi' }, siteKind: 'library' },
  defaultLanguage: 'fi',
  idle: { idleWarningAfterSeconds: 600, idleCountdownSeconds: 20, resetDoneScreenSeconds: 2 },
  recycle: { maxSessionsBeforeRestart: 100, memoryCeilingMb: 4000 },
  help: {
    phone: { number: '09 310 10011', hours: { fi: 'ma–pe 9–16' } },
    inPerson: { place: { fi: 'Palvelutiski' }, hours: { fi: 'ti 12–15' } },
  },
  services: [KELA],
};

const HOUR = 3600_000;
let ids = 0;
const actionId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
const issuedAt = '2026-11-23T10:00:00.000Z';

/** Lets the station's async steps (probes, fetches, the reset ladder) run to the end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 1000; i++) await Promise.resolve();
}

describe('a station reporting to IT and taking its remote actions', () => {
  let host: FakeStationHost;
  let central: FakeFleetCentral;
  let store: MemoryFleetStore;
  let station: Extract<ComposedStation<StationAdapters>, { mode: 'running' }>;
  let views: StationView[];

  function start(previousExit: 'resetStepFailed' | null = null) {
    const composed = composeStation(validateConfig(CONFIG), '/etc/kiosk/station.json', {
      ...host.stationHost({
        central: () => ({
          metrics: { record: (event) => void host.events.push(event) },
          help: host.help,
          fleet: { api: central, queueBacklog: async () => 3 },
        }),
      }),
      fleet: fakeFleetHost(store, { previousExit }),
    });
    if (composed.mode !== 'running') throw new Error('station is out of order');
    station = composed;
    views = [];
    station.subscribe((view) => void views.push(view));
    return station;
  }

  /** What a restarted process would do: a fresh host and station on the same remembered state. */
  function restart() {
    station.fleet?.stop();
    station.memoryWatch.stop();
    host = new FakeStationHost();
    return start();
  }

  async function visit(): Promise<void> {
    await station.handlers['service:open']({ serviceId: 'kela' });
    await settle();
  }

  /** The visitor walks away and the idle reset wipes the visit (no end-of-visit question to wait for). */
  async function visitorLeaves(): Promise<void> {
    await station.handlers['session:end']({ reason: 'idle' });
    await settle();
    host.clock.advance(CONFIG.idle.resetDoneScreenSeconds * 1000);
    await settle();
  }

  function send(action: FleetActionRequest): string {
    const id = actionId();
    central.pending.push({ ...action, id, issuedAt });
    return id;
  }

  async function nextInterval(): Promise<void> {
    host.clock.advance(central.nextHeartbeatSeconds * 1000);
    await settle();
  }

  beforeEach(() => {
    host = new FakeStationHost();
    central = new FakeFleetCentral();
    store = new MemoryFleetStore();
  });

  it('says it is online at start with its version, config and health, and nothing about visitors', async () => {
    start();
    await settle();
    const beat = central.lastHeartbeat();
    expect(beat).toMatchObject({
      reason: 'start',
      appVersion: '0.1.0',
      host: 'preview',
      state: 'idle',
      outOfOrderCause: null,
      config: { source: 'flag', appliedVersion: 0, rejected: null },
      uptimeSeconds: 0,
      sessionsSinceStart: 0,
      lastReset: 'none',
      freeDiskMb: 20_480,
      freeMemoryMb: 3_072,
      central: { queueBacklog: 3 },
    });
    expect(beat.config.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports after each reset and on central’s interval, with the visits counted', async () => {
    start();
    await settle();
    await visit();
    expect(central.lastHeartbeat().reason).toBe('start');
    central.nextHeartbeatSeconds = 30;
    await visitorLeaves();
    expect(central.lastHeartbeat()).toMatchObject({ reason: 'reset', sessionsSinceStart: 1, lastReset: 'ok' });

    await nextInterval(); // the reset's reply asked for 30 s
    await nextInterval();
    expect(central.heartbeats.map((h) => h.reason)).toEqual(['start', 'reset', 'interval', 'interval']);
    // Read once the clock has moved on: 2 s of the reset screen, then two 30 s intervals.
    expect(central.lastHeartbeat().uptimeSeconds).toBe(62);
  });

  it('says a reset failed, and counts the process exit that followed it once', async () => {
    host.failingSteps.add('clear-site-data');
    start();
    await settle();
    await visit();
    await visitorLeaves();
    expect(central.lastHeartbeat()).toMatchObject({ lastReset: 'failed' });
    expect(host.exits).toEqual(['reset-step-failed']);

    host = new FakeStationHost();
    start('resetStepFailed');
    await settle();
    expect(central.lastHeartbeat().exitsSinceLastReport).toEqual({ resetStepFailed: 1 });
    await nextInterval();
    expect(central.lastHeartbeat().exitsSinceLastReport).toEqual({});
  });

  it('a freshly started station does not report central as unreachable', async () => {
    start();
    await settle();
    expect(central.lastHeartbeat()).toMatchObject({ reason: 'start', central: { reachable: true } });
  });

  it('keeps working when central cannot be reached, and says so once it can', async () => {
    central.down = true;
    start();
    await settle();
    await visit();
    expect(station.view().phase).toBe('in-session');
    central.down = false;
    await nextInterval();
    expect(central.lastHeartbeat()).toMatchObject({ reason: 'interval', central: { reachable: false } });
    await nextInterval();
    expect(central.lastHeartbeat().central.reachable).toBe(true);
  });

  it('shows IT’s welcome message in the visitor’s language, else Finnish, until its time is up', async () => {
    const id = send({
      kind: 'welcome-message',
      text: { fi: 'Kone huolletaan klo 14', sv: 'Datorn servas kl. 14' },
      until: '2026-11-23T11:00:00.000Z',
    });
    start();
    await settle();
    expect(station.view().welcomeMessage).toEqual({ text: 'Kone huolletaan klo 14', language: 'fi' });
    expect(views.at(-1)?.welcomeMessage?.text).toBe('Kone huolletaan klo 14');
    expect(central.acks).toEqual([{ id, outcome: 'done', refusal: null }]);

    await station.handlers['language:set']({ language: 'sv' });
    expect(station.view().welcomeMessage).toEqual({ text: 'Datorn servas kl. 14', language: 'sv' });
    await station.handlers['language:set']({ language: 'ar' });
    expect(station.view().welcomeMessage).toEqual({ text: 'Kone huolletaan klo 14', language: 'fi' });

    await station.handlers['session:start'](undefined);
    expect(station.view().welcomeMessage).toBeUndefined(); // only on the welcome screen

    await visitorLeaves();
    host.clock.advance(HOUR);
    expect(station.view().phase).toBe('welcome');
    expect(station.view().welcomeMessage).toBeUndefined();
  });

  it('runs an action central re-sends only once, and acknowledges it again', async () => {
    const id = send({ kind: 'reset-now' });
    start();
    await settle();
    central.pending.push({ kind: 'reset-now', id, issuedAt }); // as if the ack had been lost
    await nextInterval();
    expect(host.calls.filter((c) => c === 'reset:close-views')).toHaveLength(1);
    expect(central.acks).toEqual([
      { id, outcome: 'done', refusal: null },
      { id, outcome: 'done', refusal: null },
    ]);
  });

  it('refuses to reset while a visitor is in session', async () => {
    start();
    await settle();
    await visit();
    const id = send({ kind: 'reset-now' });
    await nextInterval();
    expect(central.acks).toEqual([{ id, outcome: 'refused', refusal: 'visitor-in-session' }]);
    expect(station.view().phase).toBe('in-session');
    expect(host.calls).not.toContain('reset:close-views');
  });

  it('restarts for IT only after the current visitor has left, acknowledging first', async () => {
    start();
    await settle();
    await visit();
    const id = send({ kind: 'restart-after-visitor' });
    await nextInterval();
    expect(host.exits).toEqual([]);
    expect(central.acks).toEqual([]);

    await visitorLeaves();
    expect(central.acks).toEqual([{ id, outcome: 'done', refusal: null }]);
    expect(host.exits).toEqual(['remote-restart']);

    // The new process is sent the same action again if the ack was lost: answered, not re-run.
    central.pending.push({ kind: 'restart-after-visitor', id, issuedAt });
    restart();
    await settle();
    expect(host.exits).toEqual([]);
    expect(central.acks.at(-1)).toEqual({ id, outcome: 'done', refusal: null });
  });

  it('goes out of order for IT after the visitor, refuses visitors, and comes back when switched off', async () => {
    start();
    await settle();
    await visit();
    send({ kind: 'out-of-order', on: true, reason: 'printer cable loose' });
    await nextInterval();
    expect(station.view().phase).toBe('in-session');

    await visitorLeaves();
    expect(station.view()).toMatchObject({ phase: 'out-of-order', outOfOrder: { reason: 'IT: printer cable loose' } });
    await expect(Promise.resolve().then(() => station.handlers['session:start'](undefined))).rejects.toThrow(
      /out of order/,
    );
    await nextInterval();
    expect(central.lastHeartbeat()).toMatchObject({ state: 'out-of-order', outOfOrderCause: 'remote' });

    restart(); // stays out of order across a restart
    await settle();
    expect(station.view().phase).toBe('out-of-order');

    send({ kind: 'out-of-order', on: false, reason: null });
    await nextInterval();
    expect(station.view().phase).toBe('welcome');
    await station.handlers['session:start'](undefined);
    expect(station.view().phase).toBe('in-session');
  });

  it('applies a config change only after the visitor leaves, by restarting onto it', async () => {
    start();
    await settle();
    await visit();
    central.config = { version: 2, overrides: { services: [KELA, VERO], defaultLanguage: 'sv' } };
    await nextInterval();
    expect(central.configFetches).toBe(0);
    expect(station.view().services.map((s) => s.id)).toEqual(['kela']);

    await visitorLeaves();
    expect(central.configFetches).toBe(1);
    expect(host.exits).toEqual(['remote-restart']);

    restart();
    await settle();
    expect(station.view().services.map((s) => s.id)).toEqual(['kela', 'vero']);
    expect(station.view().language).toBe('sv');
    expect(central.lastHeartbeat().config).toMatchObject({ appliedVersion: 2, rejected: null });
    expect(central.configFetches).toBe(1);
  });

  it('keeps its last good config when central sends one it cannot use, and says which field', async () => {
    central.config = { version: 2, overrides: { services: [KELA, VERO] } };
    start();
    await settle();
    expect(host.exits).toEqual(['remote-restart']);
    restart();
    await settle();

    central.config = { version: 3, overrides: { idle: { idleWarningAfterSeconds: 5, idleCountdownSeconds: 20 } } };
    await nextInterval();
    await settle();
    expect(host.exits).toEqual([]);
    expect(station.view().services.map((s) => s.id)).toEqual(['kela', 'vero']);
    expect(central.lastHeartbeat().config).toEqual(
      expect.objectContaining({
        appliedVersion: 2,
        rejected: { version: 3, problem: 'invalid-config', field: 'idle.idleWarningAfterSeconds' },
      }),
    );
    const fetches = central.configFetches;
    await nextInterval();
    expect(central.configFetches).toBe(fetches); // not fetched again every minute

    restart(); // and starts on the last good one
    await settle();
    expect(station.view().services.map((s) => s.id)).toEqual(['kela', 'vero']);
  });

  it('keeps its config when central’s config answer is unusable, and tries again on the next heartbeat', async () => {
    central.config = { version: 4, overrides: {} };
    central.configProblem = new FleetCallError('bad-response', 'not JSON');
    start();
    await settle();
    expect(central.lastHeartbeat().config.appliedVersion).toBe(0);
    await nextInterval();
    expect(central.lastHeartbeat().config.rejected).toEqual({ version: 4, problem: 'bad-response' });
    central.configProblem = null;
    await nextInterval();
    expect(host.exits).toEqual(['remote-restart']);
  });
});
