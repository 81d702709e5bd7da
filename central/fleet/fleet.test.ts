import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  REMOTE_CONFIG_KEYS,
  type FleetAlertWebhook,
  type FleetList,
  type FleetStationDetail,
  type Heartbeat,
  type HeartbeatReply,
  type OverrideRefusal,
} from '../../protocol/fleet.ts';
import { createTestCentral, manualClock, type TestCentral } from '../testing/test-app.ts';
import { storageTargets, type OpenedStorage } from '../testing/storage-targets.ts';

/** A loopback webhook receiver that records every notice. */
async function webhookReceiver(): Promise<{ url: string; notices: FleetAlertWebhook[]; close(): Promise<void> }> {
  const notices: FleetAlertWebhook[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      notices.push(JSON.parse(body) as FleetAlertWebhook);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    notices,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function heartbeat(overrides: Partial<Heartbeat> = {}): Heartbeat {
  return {
    reason: 'interval',
    appVersion: '0.1.0',
    host: 'preview',
    state: 'idle',
    outOfOrderCause: null,
    config: { source: 'default', hash: 'a'.repeat(64), appliedVersion: 0, rejected: null },
    uptimeSeconds: 60,
    sessionsSinceStart: 0,
    lastReset: 'none',
    exitsSinceLastReport: {},
    crashesSinceLastReport: 0,
    freeDiskMb: 20_000,
    freeMemoryMb: 2_000,
    central: { reachable: true, queueBacklog: 0 },
    ...overrides,
  };
}

describe.each(storageTargets)('fleet on $name', ({ open }) => {
  let db: OpenedStorage;
  let central: TestCentral;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;

  beforeEach(async () => {
    db = await open();
    hook = await webhookReceiver();
    central = await createTestCentral({
      storage: db.storage,
      // Monday 2026-11-23 12:00 in Helsinki: open by the built-in hours.
      clock: manualClock(Date.parse('2026-11-23T10:00:00Z')),
      config: { fleet: { alertWebhookUrl: hook.url } },
    });
  });
  afterEach(async () => {
    await central.close();
    await db.dispose();
    await hook.close();
  });

  const beat = async (token: string, body: Heartbeat = heartbeat()) => {
    const reply = await central.app.inject({
      method: 'POST',
      url: '/api/v1/fleet/station/heartbeat',
      headers: { authorization: `Bearer ${token}` },
      payload: body,
    });
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<HeartbeatReply>();
  };
  const count = async (table: string) =>
    Number((await db.storage.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n);

  it('a heartbeat updates one row per station and keeps a sample of history', async () => {
    const token = await central.addStation('oodi-1');
    const first = await beat(token, heartbeat({ reason: 'start' }));
    expect(first).toEqual({ actions: [], configVersion: 0, nextHeartbeatSeconds: 60 });
    central.clock.advance(60_000);
    await beat(token);
    central.clock.advance(60_000);
    await beat(token);
    expect(await count('fleet_stations')).toBe(1);
    // The start is kept; plain interval beats within 10 minutes are not.
    expect(await count('fleet_health_history')).toBe(1);
    await beat(token, heartbeat({ reason: 'reset', lastReset: 'ok', sessionsSinceStart: 1 }));
    expect(await count('fleet_health_history')).toBe(2);
  });

  it('a heartbeat body with anything unknown or personal is refused', async () => {
    const token = await central.addStation('oodi-1');
    const reply = await central.app.inject({
      method: 'POST',
      url: '/api/v1/fleet/station/heartbeat',
      headers: { authorization: `Bearer ${token}` },
      payload: { ...heartbeat(), lastUrl: 'https://example.org/private' },
    });
    expect(reply.statusCode).toBe(400);
    expect(await count('fleet_stations')).toBe(0);
  });

  it('status follows heartbeats, and offline is judged against opening hours', async () => {
    const token = await central.addStation('kallio-1');
    // Through the service: the clock jumps past any login's lifetime here.
    const statusOf = async () => (await central.services.fleet.list({})).stations[0]!;
    expect((await statusOf()).status).toBe('unknown');
    await beat(token, heartbeat({ state: 'in-session' }));
    expect((await statusOf()).status).toBe('online-in-use');
    await beat(token);
    expect((await statusOf()).status).toBe('online-idle');
    central.clock.advance(4 * 60_000);
    expect(await statusOf()).toMatchObject({ status: 'offline', problems: ['offline-during-hours'] });

    // Last seen Monday 19:50 Helsinki; closed at 20:00, so at 20:30 it is closed, not offline.
    central.clock.advance(Date.parse('2026-11-23T17:50:00Z') - central.clock.now());
    await beat(token);
    central.clock.advance(40 * 60_000);
    expect((await statusOf()).status).toBe('closed');
    await central.services.fleetAlerts.evaluate();
    expect(hook.notices).toEqual([]);
    // Tuesday 08:20: 10 open minutes on Monday + 20 on Tuesday ≥ 15 → one offline alert.
    central.clock.advance(Date.parse('2026-11-24T06:20:00Z') - central.clock.now());
    expect((await statusOf()).status).toBe('offline');
    await central.services.fleetAlerts.evaluate();
    expect(hook.notices.map((n) => [n.kind, n.state, n.stationId])).toEqual([['offline', 'firing', 'kallio-1']]);
  });

  it('an alert is sent once, and resolved once when the station recovers', async () => {
    const token = await central.addStation('oodi-1');
    await beat(token);
    central.clock.advance(20 * 60_000);
    await central.services.fleetAlerts.evaluate();
    await central.services.fleetAlerts.evaluate();
    expect(hook.notices.map((n) => n.state)).toEqual(['firing']);
    await beat(token);
    await central.services.fleetAlerts.evaluate();
    await central.services.fleetAlerts.evaluate();
    expect(hook.notices.map((n) => `${n.kind}:${n.state}`)).toEqual(['offline:firing', 'offline:resolved']);
    expect(hook.notices[0]!.alertId).toBe(hook.notices[1]!.alertId);

    // Three failed resets (exit 77) within the hour: failing, one alert.
    await beat(token, heartbeat({ reason: 'start', exitsSinceLastReport: { resetStepFailed: 2 } }));
    await beat(token, heartbeat({ reason: 'start', exitsSinceLastReport: { resetStepFailed: 1 } }));
    await central.services.fleetAlerts.evaluate();
    expect(hook.notices.at(-1)).toMatchObject({ kind: 'failing-resets', state: 'firing', stationId: 'oodi-1' });
    const it1 = await central.login('it');
    const list = (
      await central.app.inject({ method: 'GET', url: '/api/v1/fleet/stations?status=failing', headers: it1.headers })
    ).json<FleetList>();
    expect(list.stations.map((s) => [s.id, s.problems])).toEqual([['oodi-1', ['failing-resets']]]);
    central.clock.advance(61 * 60_000);
    await beat(token);
    await central.services.fleetAlerts.evaluate();
    expect(hook.notices.at(-1)).toMatchObject({ kind: 'failing-resets', state: 'resolved' });
  });

  it('restarts in a loop make the station failing and alert', async () => {
    const token = await central.addStation('oodi-1');
    for (let i = 0; i < 5; i++) {
      await beat(token, heartbeat({ reason: 'start', host: 'electron', exitsSinceLastReport: { fatalError: 1 } }));
      central.clock.advance(60_000);
    }
    await central.services.fleetAlerts.evaluate();
    expect(hook.notices.map((n) => `${n.kind}:${n.state}`)).toEqual(['restart-loop:firing']);
  });

  it('a browser preview reloaded five times is no restart loop: each start is a page load', async () => {
    const it1 = await central.login('it');
    const token = await central.addStation('oodi-1');
    for (let i = 0; i < 5; i++) {
      await beat(token, heartbeat({ reason: 'start', host: 'preview' }));
      central.clock.advance(60_000);
    }
    await central.services.fleetAlerts.evaluate();
    expect(hook.notices).toEqual([]);
    const list = (
      await central.app.inject({ method: 'GET', url: '/api/v1/fleet/stations', headers: it1.headers })
    ).json<FleetList>();
    expect(list.stations.find((s) => s.id === 'oodi-1')).toMatchObject({ status: 'online-idle', problems: [] });
  });

  it('a bad override answers 400 naming the field, and nothing is stored', async () => {
    const it1 = await central.login('it');
    const put = (body: object): Promise<LightMyRequestResponse> =>
      central.app.inject({
        method: 'PUT',
        url: '/api/v1/fleet/config/overrides',
        headers: it1.headers,
        payload: body,
      });
    const tooShort = await put({ level: 'city', target: '', overrides: { idle: { idleCountdownSeconds: 5 } } });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json()).toMatchObject({ error: 'invalid_override' });
    expect(tooShort.json<{ message: string }>().message).toMatch(/^idle\.idleCountdownSeconds: /);
    // The reason as data too, so the fleet view can say it in Finnish or Swedish.
    expect(tooShort.json<OverrideRefusal>().problems).toMatchObject([
      {
        field: 'idle.idleCountdownSeconds',
        station: null,
        reason: { code: 'too_small', origin: 'number', minimum: 20, inclusive: true },
      },
    ]);
    const forbidden = await put({
      level: 'site',
      target: 'oodi',
      overrides: { central: { url: 'https://evil.example' } },
    });
    expect(forbidden.statusCode).toBe(400);
    expect(forbidden.json<{ message: string }>().message).toMatch(/^central: cannot be set from central/);
    expect(forbidden.json<OverrideRefusal>().problems[0]?.reason).toEqual({
      code: 'not_overridable',
      values: [...REMOTE_CONFIG_KEYS],
    });
    const noTarget = await put({ level: 'site', target: '', overrides: {} });
    expect(noTarget.statusCode).toBe(400);
    expect(await count('fleet_config_changes')).toBe(0);
  });

  it('overrides merge city, site kind, site and station; a change that breaks any station’s merge is refused', async () => {
    const it1 = await central.login('it');
    const tokenA = await central.addStation('oodi-1');
    await central.addStation('kallio-1');
    const put = (body: object): Promise<LightMyRequestResponse> =>
      central.app.inject({
        method: 'PUT',
        url: '/api/v1/fleet/config/overrides',
        headers: it1.headers,
        payload: body,
      });
    const city = await put({
      level: 'city',
      target: '',
      overrides: { localHttpOrigins: ['http://printer.local'], idle: { idleWarningAfterSeconds: 120 } },
    });
    expect(city.statusCode, city.body).toBe(200);
    const printerService = {
      id: 'printer',
      category: 'library',
      icon: 'printer',
      startUrl: 'http://printer.local/',
      name: { fi: 'Tulostin' },
      purpose: { fi: 'Tulosta' },
      allowedOrigins: ['http://printer.local'],
    };
    const site = await put({ level: 'site', target: 'oodi', overrides: { services: [printerService] } });
    expect(site.statusCode, site.body).toBe(200);
    const station = await put({
      level: 'station',
      target: 'oodi-1',
      overrides: { idle: { idleCountdownSeconds: 45 } },
    });
    expect(station.statusCode, station.body).toBe(200);

    const config = await central.app.inject({
      method: 'GET',
      url: '/api/v1/fleet/station/config',
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(config.json()).toEqual({
      version: station.json<{ version: number }>().version,
      overrides: {
        localHttpOrigins: ['http://printer.local'],
        idle: { idleWarningAfterSeconds: 120, idleCountdownSeconds: 45 },
        services: [printerService],
      },
    });
    // Alone the city change is fine, but oodi-1's merge would open a plain-http start URL it no longer allows.
    const breaking = await put({ level: 'city', target: '', overrides: { localHttpOrigins: [] } });
    expect(breaking.statusCode).toBe(400);
    expect(breaking.json()).toMatchObject({
      problems: [expect.objectContaining({ field: 'services[0].startUrl', station: 'oodi-1' })],
    });
    // Who changed what and when.
    const history = await central.app.inject({
      method: 'GET',
      url: '/api/v1/fleet/config/history',
      headers: it1.headers,
    });
    expect(
      history.json<{ versions: { level: string; changedBy: string }[] }>().versions.map((v) => [v.level, v.changedBy]),
    ).toEqual([
      ['station', 'it-1'],
      ['site', 'it-1'],
      ['city', 'it-1'],
    ]);
    // The heartbeat tells the station which version to fetch.
    expect((await beat(tokenA)).configVersion).toBe(station.json<{ version: number }>().version);
  });

  it('actions are delivered until acknowledged, run once, and show as done', async () => {
    const it1 = await central.login('it');
    const token = await central.addStation('oodi-1');
    await central.addStation('oodi-2');
    const queued = await central.app.inject({
      method: 'POST',
      url: '/api/v1/fleet/actions',
      headers: it1.headers,
      payload: {
        target: { station: 'oodi-1' },
        action: {
          kind: 'welcome-message',
          text: { fi: 'Huolto klo 14', en: 'Service at 14:00' },
          until: '2026-11-23T12:00:00Z',
        },
      },
    });
    expect(queued.statusCode, queued.body).toBe(201);
    const first = await beat(token);
    const again = await beat(token);
    expect(first.actions).toHaveLength(1);
    expect(again.actions.map((a) => a.id)).toEqual(first.actions.map((a) => a.id));
    expect(first.actions[0]).toMatchObject({ kind: 'welcome-message', text: { fi: 'Huolto klo 14' } });
    const ack = (id: string) =>
      central.app.inject({
        method: 'POST',
        url: '/api/v1/fleet/station/actions/ack',
        headers: { authorization: `Bearer ${token}` },
        payload: { acks: [{ id, outcome: 'done', refusal: null }] },
      });
    expect((await ack(first.actions[0]!.id)).json()).toEqual({ recorded: 1 });
    expect((await ack(first.actions[0]!.id)).json()).toEqual({ recorded: 0 });
    expect((await beat(token)).actions).toEqual([]);
    const detail = (
      await central.app.inject({ method: 'GET', url: '/api/v1/fleet/stations/oodi-1', headers: it1.headers })
    ).json<FleetStationDetail>();
    expect(detail.actions.map((a) => [a.state, a.issuedBy])).toEqual([['done', 'it-1']]);

    // A site action reaches every station of the site, each with its own id.
    const site = await central.app.inject({
      method: 'POST',
      url: '/api/v1/fleet/actions',
      headers: it1.headers,
      payload: { target: { site: 'oodi' }, action: { kind: 'out-of-order', on: true, reason: 'Näyttö rikki' } },
    });
    expect(
      site
        .json<{ actions: { stationId: string }[] }>()
        .actions.map((a) => a.stationId)
        .sort(),
    ).toEqual(['oodi-1', 'oodi-2']);
    const unknown = await central.app.inject({
      method: 'POST',
      url: '/api/v1/fleet/actions',
      headers: it1.headers,
      payload: { target: { site: 'nowhere' }, action: { kind: 'reset-now' } },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('a station out of order for an invalid config file is not handed actions; they wait until it runs again', async () => {
    const it1 = await central.login('it');
    const token = await central.addStation('oodi-1');
    const queued = await central.app.inject({
      method: 'POST',
      url: '/api/v1/fleet/actions',
      headers: it1.headers,
      payload: { target: { station: 'oodi-1' }, action: { kind: 'restart-after-visitor' } },
    });
    expect(queued.statusCode, queued.body).toBe(201);
    const detail = async () =>
      (
        await central.app.inject({ method: 'GET', url: '/api/v1/fleet/stations/oodi-1', headers: it1.headers })
      ).json<FleetStationDetail>();

    // Its beacon (core/fleet/invalid-config-beacon.ts) runs nothing: an action delivered to it
    // would be marked delivered although the station never saw it.
    const broken = await beat(
      token,
      heartbeat({ reason: 'start', state: 'out-of-order', outOfOrderCause: 'invalid-config' }),
    );
    expect(broken.actions).toEqual([]);
    expect((await detail()).actions.map((a) => [a.state, a.deliveredAt])).toEqual([['pending', null]]);

    // Once the file is fixed and the station runs, the action is delivered as usual.
    const fixed = await beat(token, heartbeat({ reason: 'start' }));
    expect(fixed.actions.map((a) => a.kind)).toEqual(['restart-after-visitor']);
    expect((await detail()).actions[0]?.deliveredAt).not.toBeNull();
  });

  it('only IT staff and admins reach the fleet API', async () => {
    const token = await central.addStation('oodi-1');
    for (const role of ['advisor', 'coordinator'] as const) {
      const person = await central.login(role);
      const reply = await central.app.inject({ method: 'GET', url: '/api/v1/fleet/stations', headers: person.headers });
      expect(reply.statusCode, role).toBe(403);
    }
    for (const role of ['it', 'admin'] as const) {
      const person = await central.login(role);
      const reply = await central.app.inject({ method: 'GET', url: '/api/v1/fleet/stations', headers: person.headers });
      expect(reply.statusCode, role).toBe(200);
    }
    const asStation = await central.app.inject({
      method: 'GET',
      url: '/api/v1/fleet/stations',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asStation.statusCode).toBe(401);
    const it2 = await central.login('it', 'it-2');
    const noCsrf = await central.app.inject({
      method: 'POST',
      url: '/api/v1/fleet/actions',
      headers: { cookie: it2.cookie },
      payload: { target: { station: 'oodi-1' }, action: { kind: 'reset-now' } },
    });
    expect(noCsrf.statusCode).toBe(403);
    const me = await central.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: it2.headers });
    expect(me.json()).toMatchObject({ role: 'it' });
  });

  it('health history older than the kept period is swept', async () => {
    const token = await central.addStation('oodi-1');
    await beat(token, heartbeat({ reason: 'start' }));
    central.clock.advance(15 * 86_400_000);
    await beat(token, heartbeat({ reason: 'start' }));
    expect(await central.services.fleet.sweepHistory()).toBe(1);
    expect(await count('fleet_health_history')).toBe(1);
  });
});
