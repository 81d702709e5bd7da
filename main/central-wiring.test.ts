import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HelpClient } from '../core/help/help-client.ts';
import { OfflineHelp } from '../core/session/offline-help.ts';
import { ManualClock } from '../core/testing/manual-clock.ts';
import type { Heartbeat } from '../protocol/fleet.ts';
import {
  METRICS_QUEUE_DIR,
  wireCentral,
  wireFleetApi,
  type CentralLinks,
  type CentralWiringDeps,
} from './central-wiring.ts';

const TOKEN = 'kst_station_token_123';
const SESSION = '00000000-0000-4000-8000-000000000001';
// Built with node:path so the expectations hold on Windows too (vitest.win32.config.ts checks).
const CONFIG_DIR = resolve('/etc/kiosk');
const CONFIG_PATH = join(CONFIG_DIR, 'station.json');
const TOKEN_PATH = join(CONFIG_DIR, 'station-token');

/** A fake central behind `fetch`: records every request, answers ingest with "all accepted". */
function fakeCentral() {
  const requests: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const fetch = (async (input: string, init?: RequestInit) => {
    const url = input;
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : null;
    requests.push({
      url,
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body,
    });
    if (url.endsWith('/api/v1/ingest')) {
      return Response.json({ accepted: (body as { events: unknown[] }).events.length, duplicates: 0, rejected: [] });
    }
    if (url.endsWith('/api/v1/help/requests')) return Response.json({ status: 'unavailable', reason: 'no-advisors' });
    return new Response('not found', { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const running: CentralLinks[] = [];
afterEach(() => {
  for (const links of running.splice(0)) links.stop();
});

function wire(overrides: Partial<CentralWiringDeps> & { files?: Record<string, string> } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kiosk-userdata-'));
  const clock = new ManualClock();
  const central = fakeCentral();
  const logs: { message: string; details?: Record<string, unknown> }[] = [];
  let ids = 0;
  const files = overrides.files ?? { [TOKEN_PATH]: `${TOKEN}\n` };
  const links = wireCentral({
    central: { url: 'https://central.example/', tokenFile: 'station-token' },
    configPath: CONFIG_PATH,
    userDataDir,
    readText: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    fetch: central.fetch,
    clock,
    ids: () => `0190a000-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
    appVersion: '0.1.0',
    log: (message, details) => void logs.push(details ? { message, details } : { message }),
    ...overrides,
  });
  running.push(links);
  return { links, clock, central, logs, userDataDir };
}

/** Lets queued promise chains (disk writes, fetch) run between clock steps. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('central wiring of the Electron station', () => {
  it('queues events on disk under userData, then the uploader delivers them to central with the station token', async () => {
    const { links, clock, central, userDataDir } = wire();
    links.metrics.record({ type: 'session.started', sessionId: SESSION });
    await settle();
    const queueFile = join(userDataDir, METRICS_QUEUE_DIR, 'metrics-queue.jsonl');
    // Durable before any upload: both events are in the file while nothing has been sent yet.
    expect(readFileSync(queueFile, 'utf8')).toContain('"station.started"');
    expect(readFileSync(queueFile, 'utf8')).toContain('"session.started"');

    clock.advance(10_000);
    await settle();

    const ingest = central.requests.filter((r) => r.url === 'https://central.example/api/v1/ingest');
    expect(ingest.length).toBeGreaterThanOrEqual(1);
    expect(ingest[0]).toMatchObject({ method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    const sent = ingest.flatMap((r) => (r.body as { events: { type: string }[] }).events.map((e) => e.type));
    expect(sent).toEqual(expect.arrayContaining(['station.started', 'session.started']));
  });

  it('sends help requests to central with the same token (relative tokenFile resolved beside the config)', async () => {
    const { links, central } = wire();
    expect(links.help).toBeInstanceOf(HelpClient);
    await links.help.request(
      { topic: 'kela', mode: 'come-to-me' },
      { language: 'fi', accessibilityModes: [], serviceId: null, sessionId: SESSION },
    );
    const help = central.requests.find((r) => r.url === 'https://central.example/api/v1/help/requests');
    expect(help).toMatchObject({ method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(links.help.current()).toMatchObject({ phase: 'unavailable', reason: 'no-advisors' });
  });

  it('without a central section: nothing is recorded or sent, help is offline, no queue folder is made', async () => {
    const { links, central, clock, userDataDir } = wire({ central: undefined });
    expect(links.help).toBeInstanceOf(OfflineHelp);
    links.metrics.record({ type: 'session.started', sessionId: SESSION });
    clock.advance(120_000);
    await settle();
    expect(central.requests).toEqual([]);
    expect(existsSync(join(userDataDir, METRICS_QUEUE_DIR))).toBe(false);
  });

  it('without a readable token: events stay queued, help is offline at once, the log names the problem but no token', async () => {
    const { links, central, clock, logs, userDataDir } = wire({ files: {} });
    expect(links.help).toBeInstanceOf(OfflineHelp);
    clock.advance(120_000);
    await settle();
    expect(central.requests).toEqual([]);
    expect(readFileSync(join(userDataDir, METRICS_QUEUE_DIR, 'metrics-queue.jsonl'), 'utf8')).toContain(
      '"station.started"',
    );
    expect(logs.filter((l) => l.message.startsWith('station token unavailable'))).toHaveLength(1);
    expect(logs).toContainEqual({
      message: 'station token unavailable; metrics stay queued',
      details: { problem: 'token file cannot be read (ENOENT)', tokenFile: TOKEN_PATH },
    });
  });

  it('keeps the station running with an in-memory queue when the disk queue cannot be opened', async () => {
    const { links, central, clock, logs } = wire({
      openQueue: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    });
    await settle();
    clock.advance(10_000);
    await settle();
    expect(logs.some((l) => l.message.startsWith('metrics queue cannot be opened on disk'))).toBe(true);
    expect(central.requests.some((r) => r.url.endsWith('/api/v1/ingest'))).toBe(true);
    expect(links.help).toBeInstanceOf(HelpClient);
  });
});

describe('the fleet API of a station whose config is invalid (central section only)', () => {
  const heartbeat = (): Heartbeat => ({
    reason: 'start',
    appVersion: '0.1.0',
    host: 'electron',
    state: 'out-of-order',
    outOfOrderCause: 'invalid-config',
    config: { source: 'flag', hash: 'a'.repeat(64), appliedVersion: 0, rejected: null },
    uptimeSeconds: 0,
    sessionsSinceStart: 0,
    lastReset: 'none',
    exitsSinceLastReport: {},
    crashesSinceLastReport: 0,
    freeDiskMb: null,
    freeMemoryMb: null,
    central: { reachable: true, queueBacklog: 0 },
  });
  const api = (files: Record<string, string>) => {
    const requests: { url: string; authorization: string | undefined }[] = [];
    const logs: { message: string; details?: Record<string, unknown> }[] = [];
    const fleet = wireFleetApi({
      central: { url: 'https://central.example/', tokenFile: 'station-token' },
      configPath: CONFIG_PATH,
      readText: (path) => {
        const text = files[path];
        if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
        return text;
      },
      fetch: (async (url: string, init?: RequestInit) => {
        requests.push({ url, authorization: (init?.headers as Record<string, string>)['authorization'] });
        return Response.json({ actions: [], configVersion: 0, nextHeartbeatSeconds: 60 });
      }) as typeof globalThis.fetch,
      log: (message, details) => void logs.push(details ? { message, details } : { message }),
    });
    return { fleet, requests, logs };
  };

  it('sends the heartbeat to central with the token from the file beside the config', async () => {
    const { fleet, requests } = api({ [TOKEN_PATH]: `${TOKEN}\n` });
    await fleet.heartbeat(heartbeat());
    expect(requests).toEqual([
      { url: 'https://central.example/api/v1/fleet/station/heartbeat', authorization: `Bearer ${TOKEN}` },
    ]);
  });

  it('without a token sends nothing and logs the problem once, never a token', async () => {
    const { fleet, requests, logs } = api({});
    await expect(fleet.heartbeat(heartbeat())).rejects.toThrow('no station token');
    await expect(fleet.heartbeat(heartbeat())).rejects.toThrow('no station token');
    expect(requests).toEqual([]);
    expect(logs).toEqual([
      {
        message: 'station token unavailable; the out-of-order station cannot tell IT why',
        details: { problem: 'token file cannot be read (ENOENT)', tokenFile: TOKEN_PATH },
      },
    ]);
  });
});
