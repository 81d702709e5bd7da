import { describe, expect, it } from 'vitest';
import { HelpClient } from '../help/help-client.ts';
import { MemoryQueueStore } from '../metrics/memory-queue-store.ts';
import { OfflineHelp } from '../session/offline-help.ts';
import type { HelpPort } from '../session/station-controller.ts';
import { ManualClock } from '../testing/manual-clock.ts';
import { linkCentral, offlineLinks, type CentralLinkPorts } from './central-links.ts';

const TOKEN = 'kst_station_token_123';
const SESSION = '00000000-0000-4000-8000-000000000001';
const CONTEXT: Parameters<HelpPort['request']>[1] = {
  language: 'fi',
  accessibilityModes: [],
  serviceId: null,
  sessionId: SESSION,
};

/** A fake central behind `fetch` that answers without real streams, so microtasks are enough to settle. */
function fakeCentral() {
  const requests: { url: string; headers: Record<string, string>; body: unknown }[] = [];
  const fetch = (async (input: string, init?: RequestInit) => {
    const url = input;
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : null;
    requests.push({ url, headers: { ...(init?.headers as Record<string, string>) }, body });
    const reply = url.endsWith('/api/v1/ingest')
      ? { accepted: (body as { events: unknown[] }).events.length, duplicates: 0, rejected: [] }
      : { status: 'unavailable', reason: 'no-advisors' };
    return {
      status: 200,
      ok: true,
      body: null,
      headers: { get: () => null },
      text: async () => JSON.stringify(reply),
      json: async () => reply,
    } as unknown as Response;
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

function link(overrides: Partial<CentralLinkPorts> = {}) {
  const clock = new ManualClock();
  const central = fakeCentral();
  const queue = Object.assign(new MemoryQueueStore(), { closed: false, close: () => void (queue.closed = true) });
  let ids = 0;
  const links = linkCentral({
    centralUrl: 'https://central.example/',
    queue,
    token: () => TOKEN,
    fetch: central.fetch,
    clock,
    ids: () => `0190a000-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
    appVersion: '0.1.0',
    log: () => undefined,
    ...overrides,
  });
  return { links, clock, central, queue };
}

describe('the station links to central', () => {
  it('queues station.started, then delivers the queue to central with the station token', async () => {
    const { links, clock, central, queue } = link();
    links.metrics.record({ type: 'session.started', sessionId: SESSION });
    await settle();
    expect(queue.state.oldest(10).map((e) => e.type)).toEqual(['station.started', 'session.started']);

    clock.advance(10_000);
    await settle();
    const ingest = central.requests.filter((r) => r.url === 'https://central.example/api/v1/ingest');
    expect(ingest[0]?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}` });
    expect(ingest.flatMap((r) => (r.body as { events: { type: string }[] }).events.map((e) => e.type))).toEqual([
      'station.started',
      'session.started',
    ]);
    expect(queue.state.oldest(10)).toEqual([]);
    links.stop();
  });

  it('sends help requests to central with the same token', async () => {
    const { links, central } = link();
    expect(links.help).toBeInstanceOf(HelpClient);
    await links.help.request({ topic: 'kela', mode: 'come-to-me' }, CONTEXT);
    expect(central.requests.find((r) => r.url.endsWith('/api/v1/help/requests'))?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
    });
    expect(links.help.current()).toMatchObject({ phase: 'unavailable', reason: 'no-advisors' });
    links.stop();
  });

  it('keeps events queued and offers help offline at once while the station has no token', async () => {
    const { links, clock, central, queue } = link({ token: () => null });
    expect(links.help).toBeInstanceOf(OfflineHelp);
    clock.advance(120_000);
    await settle();
    expect(central.requests).toEqual([]);
    expect(queue.state.oldest(10).map((e) => e.type)).toEqual(['station.started']);
    links.stop();
  });

  it('stops the upload loop and closes the queue', () => {
    const { links, clock, queue } = link();
    links.stop();
    expect(clock.pendingTimers()).toBe(0);
    expect(queue.closed).toBe(true);
  });

  it('without central: help offers the phone line and the desk at once', async () => {
    const links = offlineLinks();
    links.metrics.record({ type: 'session.started', sessionId: SESSION });
    await links.help.request({ topic: 'kela', mode: 'come-to-me' }, CONTEXT);
    expect(links.help.current()).toMatchObject({ phase: 'unavailable', reason: 'unreachable' });
  });
});
