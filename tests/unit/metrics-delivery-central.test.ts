/**
 * Station metrics end to end: recorder → file queue on disk → uploader → a real central (in
 * process, via inject). A station that dies after central stored a batch but before it removed the
 * batch from its queue re-sends it after restart; central counts duplicates and stores each once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCentral, type TestCentral } from '../../central/testing/test-app.ts';
import type { MetricsHttp } from '../../core/metrics/metrics-http.ts';
import { MetricsRecorder } from '../../core/metrics/metrics-recorder.ts';
import { MetricsUploader } from '../../core/metrics/metrics-uploader.ts';
import { ManualClock } from '../../core/testing/manual-clock.ts';
import { openFileQueueStore } from '../../main/metrics/file-queue-store.ts';

/** MetricsHttp over fastify's inject: the real central without a socket. */
function injectHttp(central: TestCentral, afterReply?: () => void): MetricsHttp {
  return {
    async postJson(url, json, headers) {
      const response = await central.app.inject({
        method: 'POST',
        url: new URL(url).pathname,
        headers: { 'content-type': 'application/json', ...headers },
        payload: json,
      });
      afterReply?.();
      const retryAfter = response.headers['retry-after'];
      return {
        status: response.statusCode,
        retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
        body: response.json(),
      };
    },
  };
}

let central: TestCentral;
let dir: string;
afterEach(async () => {
  await central?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a station delivering usage events to central', () => {
  it('loses and duplicates nothing when the station dies mid-upload and restarts', async () => {
    central = await createTestCentral();
    const token = await central.addStation('oodi-1');
    dir = mkdtempSync(join(tmpdir(), 'station-metrics-'));
    const clock = new ManualClock(central.clock.now());

    // First life: 30 events queued on disk; central stores the batch, then the station dies
    // before it can take the batch off its queue (the reply is lost with the process).
    const firstStore = openFileQueueStore(dir);
    const recorder = new MetricsRecorder({ store: firstStore, clock, ids: uuidv7 });
    for (let i = 0; i < 30; i++) recorder.record({ type: 'service.opened', sessionId: uuidv7(), serviceId: 'kela' });
    await recorder.settled();
    const dying = new MetricsUploader({
      store: firstStore,
      http: injectHttp(central, () => {
        throw new Error('station killed before it read the reply');
      }),
      clock,
      ids: uuidv7,
      centralUrl: 'http://central.test',
      token: () => token,
    });
    expect((await dying.uploadOnce()).kind).toBe('retry');
    firstStore.close();

    // Second life: the queue comes back from disk and is sent again.
    const secondStore = openFileQueueStore(dir);
    expect((await secondStore.stats()).count).toBe(30);
    const uploader = new MetricsUploader({
      store: secondStore,
      http: injectHttp(central),
      clock,
      ids: uuidv7,
      centralUrl: 'http://central.test',
      token: () => token,
    });
    expect(await uploader.uploadOnce()).toEqual({ kind: 'sent', reply: { accepted: 0, duplicates: 30, rejected: [] } });
    expect((await secondStore.stats()).count).toBe(0);
    expect((await central.storage.get<{ n: number }>('SELECT COUNT(*) AS n FROM events'))?.n).toBe(30);
    secondStore.close();
  });
});
