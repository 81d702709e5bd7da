import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { IngestReply } from '../../protocol/ingest.ts';
import { ManualClock } from '../testing/manual-clock.ts';
import { backoffDelay, parseRetryAfter } from './backoff.ts';
import type { MetricsHttp, MetricsHttpResponse } from './metrics-http.ts';
import { MetricsRecorder } from './metrics-recorder.ts';
import { MetricsUploader } from './metrics-uploader.ts';
import { MemoryQueueStore } from './memory-queue-store.ts';
import { createStationMetrics } from './station-metrics.ts';

/** A fake central: answers from a script, remembers what it got. */
class FakeCentral implements MetricsHttp {
  readonly batches: { events: { id: string }[] }[] = [];
  constructor(public answer: (events: { id: string }[]) => MetricsHttpResponse | Error) {}
  async postJson(_url: string, json: string): Promise<MetricsHttpResponse> {
    const body = JSON.parse(json) as { events: { id: string }[] };
    this.batches.push(body);
    const answer = this.answer(body.events);
    if (answer instanceof Error) throw answer;
    return answer;
  }
}
const ok = (events: { id: string }[], rejectedIds: string[] = []): MetricsHttpResponse => {
  const reply: IngestReply = {
    accepted: events.length - rejectedIds.length,
    duplicates: 0,
    rejected: rejectedIds.map((id) => ({ id, reason: 'x' })),
  };
  return { status: 200, retryAfter: null, body: reply };
};
const status = (code: number, retryAfter: string | null = null): MetricsHttpResponse => ({
  status: code,
  retryAfter,
  body: { error: 'e', message: 'm' },
});

function setup(answer: FakeCentral['answer'], options: { budgetBytes?: number } = {}) {
  const clock = new ManualClock();
  const store = new MemoryQueueStore();
  const central = new FakeCentral(answer);
  const logs: string[] = [];
  const uploader = new MetricsUploader({
    store,
    http: central,
    clock,
    ids: uuidv7,
    centralUrl: 'http://central.test/',
    token: () => 'kst_token',
    random: () => 0.5,
    log: (message) => logs.push(message),
  });
  const recorder = new MetricsRecorder({ store, clock, ids: uuidv7, ...options, log: (message) => logs.push(message) });
  const record = async (n: number) => {
    for (let i = 0; i < n; i++) recorder.record({ type: 'session.started', sessionId: uuidv7() });
    await recorder.settled();
  };
  return { clock, store, central, uploader, recorder, record, logs };
}

describe('recording usage events on the station', () => {
  it('queues events with a time-ordered id and a minute-rounded time', async () => {
    const { store, record, clock } = setup(() => status(500));
    clock.advance(37_123);
    await record(2);
    const [first, second] = await store.peek(10);
    expect(first?.at).toBe('2026-11-23T10:00:00.000Z');
    expect(first!.id < second!.id).toBe(true);
  });

  it('refuses to queue an event that breaks the protocol (e.g. a URL as service id)', async () => {
    const { store, recorder, logs } = setup(() => status(500));
    recorder.record({ type: 'service.opened', sessionId: uuidv7(), serviceId: 'https://example.com/?q=me' });
    await recorder.settled();
    expect((await store.stats()).count).toBe(0);
    expect(logs[0]).toMatch(/does not match the protocol/);
  });

  it('stays within its disk budget offline: oldest events go first and are counted', async () => {
    const { store, record } = setup(() => new Error('offline'), { budgetBytes: 20_000 });
    await record(400);
    const stats = await store.stats();
    expect(stats.bytes).toBeLessThanOrEqual(20_000);
    expect(stats.count + stats.dropped.budget).toBe(400);
    expect(stats.dropped.budget).toBeGreaterThan(0);
    const remaining = await store.peek(1000);
    // What remains is the newest events, in order.
    expect(remaining.map((e) => e.id)).toEqual([...remaining.map((e) => e.id)].sort());
  });
});

describe('uploading queued events to central', () => {
  it('sends batches of at most 500 and empties the queue once central answered', async () => {
    const { store, record, uploader, central } = setup((events) => ok(events));
    await record(1200);
    const results = [
      await uploader.uploadOnce(),
      await uploader.uploadOnce(),
      await uploader.uploadOnce(),
      await uploader.uploadOnce(),
    ];
    expect(central.batches.map((b) => b.events.length)).toEqual([500, 500, 200]);
    expect(results.map((r) => r.kind)).toEqual(['sent', 'sent', 'sent', 'empty']);
    expect((await store.stats()).count).toBe(0);
  });

  it('drops and counts events central rejected, keeping none of the batch queued', async () => {
    const { store, record, uploader, logs } = setup((events) => ok(events, [events[0]!.id]));
    await record(3);
    await uploader.uploadOnce();
    expect(await store.stats()).toMatchObject({ count: 0, dropped: { rejected: 1 } });
    expect(logs.some((l) => /rejected by central/.test(l))).toBe(true);
  });

  it('drops a batch central refuses with a 400 and logs it', async () => {
    const { store, record, uploader } = setup(() => status(400));
    await record(3);
    expect(await uploader.uploadOnce()).toMatchObject({ kind: 'dropped', count: 3, status: 400 });
    expect(await store.stats()).toMatchObject({ count: 0, dropped: { rejected: 3 } });
  });

  it.each([500, 502, 503, 401])('keeps events and retries later when central answers %i', async (code) => {
    const { store, record, uploader } = setup(() => status(code));
    await record(3);
    expect(await uploader.uploadOnce()).toMatchObject({ kind: 'retry' });
    expect((await store.stats()).count).toBe(3);
  });

  it('keeps events through network errors, backing off with jitter from seconds up to an hour', async () => {
    const { record, uploader } = setup(() => new Error('ECONNREFUSED'));
    await record(1);
    const delays: number[] = [];
    for (let i = 0; i < 16; i++) {
      const result = await uploader.uploadOnce();
      if (result.kind === 'retry') delays.push(result.delayMs);
    }
    expect(delays[0]).toBeLessThan(5_000);
    expect(delays[5]).toBeGreaterThan(delays[0]!);
    expect(Math.max(...delays)).toBeLessThanOrEqual(3_600_000);
    expect(delays.at(-1)).toBeGreaterThan(1_000_000);
  });

  it('spreads retries: full jitter covers the whole range up to the cap', () => {
    expect(backoffDelay(3, () => 0)).toBe(1_000);
    expect(backoffDelay(3, () => 1)).toBe(16_000);
    expect(backoffDelay(40, () => 1)).toBe(3_600_000);
  });

  it('honours Retry-After on 429 (seconds or a date)', async () => {
    const { record, uploader, clock } = setup(() => status(429, '120'));
    await record(1);
    expect(await uploader.uploadOnce()).toMatchObject({ kind: 'retry', delayMs: 120_000 });
    expect(parseRetryAfter(new Date(clock.now() + 30_000).toUTCString(), clock.now())).toBe(30_000);
  });

  it('halves the batch when central says it is too large, and sends the halves', async () => {
    const { store, record, uploader, central } = setup((events) => (events.length > 100 ? status(413) : ok(events)));
    await record(300);
    expect(await uploader.uploadOnce()).toMatchObject({ kind: 'split', batchSize: 150 });
    expect(await uploader.uploadOnce()).toMatchObject({ kind: 'split', batchSize: 75 });
    for (let i = 0; i < 4; i++) await uploader.uploadOnce();
    expect((await store.stats()).count).toBe(0);
    expect(central.batches.slice(2).map((b) => b.events.length)).toEqual([75, 75, 75, 75]);
  });

  it('runs on its own: sends soon after events are recorded, waits out an outage, then catches up', async () => {
    const clock = new ManualClock();
    const store = new MemoryQueueStore();
    let up = false;
    const central = new FakeCentral((events) => (up ? ok(events) : status(503, '600')));
    const { recorder, uploader } = createStationMetrics({
      store,
      http: central,
      clock,
      ids: uuidv7,
      centralUrl: 'http://c',
      token: () => 't',
    });
    uploader.start();
    recorder.record({ type: 'session.started', sessionId: uuidv7() });
    await recorder.settled();
    const settle = async (ms: number) => {
      clock.advance(ms);
      for (let i = 0; i < 20; i++) await Promise.resolve();
    };
    await settle(5_000);
    // The nudge gathered events for 5 s, then central was down and asked for 10 minutes.
    expect(central.batches).toHaveLength(1);
    expect((await store.stats()).count).toBe(1);
    up = true;
    await settle(599_000);
    expect((await store.stats()).count).toBe(1);
    await settle(1_000);
    expect((await store.stats()).count).toBe(0);
    uploader.stop();
  });
});
