/**
 * Sends queued events to central in batches. An event leaves the queue only after central answered
 * for it: accepted, duplicate (already stored) or rejected (dropped, counted and logged).
 *
 * | answer | what happens |
 * |---|---|
 * | 200 | every event of the batch leaves the queue; rejected ones are counted and logged |
 * | 413 | the batch is halved and sent again; a single event still too large is dropped |
 * | 401, 403 | kept and retried with backoff: a token problem is fixed by staff, not by deleting data |
 * | 408, 425, 429, 5xx, network error, unreadable reply | kept and retried with backoff, honouring Retry-After |
 * | other 4xx | the batch is dropped, counted as rejected and logged (central will never take it) |
 */
import type { UsageEvent } from '../../protocol/events.ts';
import { ingestReplySchema, MAX_EVENTS_PER_BATCH, type IngestReply } from '../../protocol/ingest.ts';
import type { Clock, IdSource, TimerHandle } from '../ports.ts';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter, type BackoffPolicy } from './backoff.ts';
import type { MetricsHttp } from './metrics-http.ts';
import type { QueueStore } from './queue-store.ts';

export interface MetricsUploaderOptions {
  store: QueueStore;
  http: MetricsHttp;
  clock: Clock;
  /** Ids for batches (UUIDv7). */
  ids: IdSource;
  /** Central's base URL, e.g. `https://central.example` (the path is added here). */
  centralUrl: string;
  /** The station token, read when needed (null: not enrolled yet, nothing is sent). */
  token: () => string | null;
  /** Defaults to Math.random; tests pass a fixed one. */
  random?: () => number;
  /** Most events per batch; at most MAX_EVENTS_PER_BATCH. */
  batchSize?: number;
  backoff?: BackoffPolicy;
  /** Wait after the queue empties before looking again, in case `nudge` is not wired. */
  idleDelayMs?: number;
  /** After a nudge, wait this long so events recorded together travel together. */
  gatherDelayMs?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

/** What one upload attempt did. */
export type UploadResult =
  | { kind: 'empty' }
  | { kind: 'sent'; reply: IngestReply }
  | { kind: 'dropped'; count: number; status: number }
  | { kind: 'split'; batchSize: number }
  | { kind: 'retry'; delayMs: number; reason: string };

export class MetricsUploader {
  private failures = 0;
  private batchSize: number;
  private timer: TimerHandle | null = null;
  private running = false;
  private busy = false;
  /** When the next attempt is due; a nudge may bring an idle wait forward, never a backoff. */
  private backingOff = false;

  constructor(private readonly options: MetricsUploaderOptions) {
    this.batchSize = Math.min(options.batchSize ?? MAX_EVENTS_PER_BATCH, MAX_EVENTS_PER_BATCH);
  }

  /** Starts the upload loop (first attempt right away). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** New events are queued: send them soon unless central asked us to wait. */
  nudge(): void {
    if (!this.running || this.backingOff || this.busy) return;
    this.schedule(this.options.gatherDelayMs ?? 5_000);
  }

  /** One attempt: send the oldest batch and act on central's answer. */
  async uploadOnce(): Promise<UploadResult> {
    const { store, clock } = this.options;
    const token = this.options.token();
    if (token === null) return this.retry('no station token configured', null);
    const events = await store.peek(this.batchSize);
    if (events.length === 0) return { kind: 'empty' };
    const body = JSON.stringify({ batchId: this.options.ids(), events });
    let response;
    try {
      response = await this.options.http.postJson(`${this.options.centralUrl.replace(/\/$/, '')}/api/v1/ingest`, body, {
        authorization: `Bearer ${token}`,
      });
    } catch (error) {
      return this.retry(`network error: ${String(error)}`, null);
    }
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.retryAfter, clock.now());
    if (status === 200) {
      const reply = ingestReplySchema.safeParse(response.body);
      if (!reply.success) return this.retry('central answered 200 with an unreadable reply', retryAfterMs);
      await this.settle(events, reply.data);
      this.failures = 0;
      return { kind: 'sent', reply: reply.data };
    }
    if (status === 413) return this.split(events);
    if (status === 401 || status === 403 || status === 408 || status === 425 || status === 429 || status >= 500) {
      return this.retry(`central answered ${status}`, retryAfterMs);
    }
    if (status >= 400) {
      await store.ack(events.map((e) => e.id));
      await store.addDropped('rejected', events.length);
      this.options.log?.('metrics batch refused by central and dropped', {
        status,
        events: events.length,
        body: response.body,
      });
      this.failures = 0;
      return { kind: 'dropped', count: events.length, status };
    }
    return this.retry(`unexpected status ${status}`, retryAfterMs);
  }

  private async settle(events: UsageEvent[], reply: IngestReply): Promise<void> {
    const { store } = this.options;
    // Central answered for the whole batch: stored, already stored, or refused for a reason.
    await store.ack(events.map((e) => e.id));
    if (reply.rejected.length > 0) {
      await store.addDropped('rejected', reply.rejected.length);
      this.options.log?.('metrics events rejected by central and dropped', { rejected: reply.rejected });
    }
  }

  private async split(events: UsageEvent[]): Promise<UploadResult> {
    if (events.length > 1) {
      this.batchSize = Math.max(1, Math.floor(events.length / 2));
      return { kind: 'split', batchSize: this.batchSize };
    }
    await this.options.store.ack(events.map((e) => e.id));
    await this.options.store.addDropped('rejected', events.length);
    this.options.log?.('a single metrics event is larger than central accepts; dropped', { id: events[0]?.id });
    return { kind: 'dropped', count: events.length, status: 413 };
  }

  private retry(reason: string, retryAfterMs: number | null): UploadResult {
    const jittered = backoffDelay(
      this.failures,
      this.options.random ?? Math.random,
      this.options.backoff ?? DEFAULT_BACKOFF,
    );
    this.failures++;
    const maxDelay = (this.options.backoff ?? DEFAULT_BACKOFF).maxDelayMs;
    const delayMs = retryAfterMs === null ? jittered : Math.min(maxDelay, Math.max(retryAfterMs, jittered));
    this.options.log?.('metrics upload will be retried', { reason, delayMs });
    return { kind: 'retry', delayMs, reason };
  }

  private schedule(delayMs: number): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    if (!this.running || this.busy) return;
    this.busy = true;
    let result: UploadResult;
    try {
      result = await this.uploadOnce();
    } catch (error) {
      // A failing queue store must not end the loop; try again later.
      result = this.retry(`queue store failed: ${String(error)}`, null);
    } finally {
      this.busy = false;
    }
    if (!this.running) return;
    this.backingOff = result.kind === 'retry';
    if (result.kind === 'retry') this.schedule(result.delayMs);
    else if (result.kind === 'empty') this.schedule(this.options.idleDelayMs ?? 60_000);
    else this.schedule(0);
  }
}
