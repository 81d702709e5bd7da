/**
 * The station's `MetricsSink`: gives each event a time-ordered id and a minute-rounded time,
 * checks it against the protocol, writes it to the durable queue, and keeps the queue within its
 * disk budget by dropping the oldest events (and counting them).
 */
import { parseUsageEvent, toMinuteTime, type UsageEvent, type UsageEventInput } from '../../protocol/events.ts';
import type { Clock, IdSource, MetricsSink } from '../ports.ts';
import { eventBytes, type QueueStore } from './queue-store.ts';

/** Default disk budget: about 50 000 events, weeks of a busy station offline. */
export const DEFAULT_QUEUE_BUDGET_BYTES = 10 * 1024 * 1024;

export interface MetricsRecorderOptions {
  store: QueueStore;
  clock: Clock;
  /** Time-ordered ids (UUIDv7) keep central's primary-key index append-only. */
  ids: IdSource;
  budgetBytes?: number;
  /** Told after each event is durably queued (the uploader uses it to send soon). */
  onQueued?: () => void;
  /** Where problems go (an event that fails its own schema is a bug; it is dropped, not queued). */
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export class MetricsRecorder implements MetricsSink {
  private pending: Promise<void> = Promise.resolve();
  private readonly budgetBytes: number;

  constructor(private readonly options: MetricsRecorderOptions) {
    this.budgetBytes = options.budgetBytes ?? DEFAULT_QUEUE_BUDGET_BYTES;
  }

  /** Records one event. Writes happen in order; `settled()` waits for them. */
  record(input: UsageEventInput): void {
    const candidate = { ...input, id: this.options.ids(), at: toMinuteTime(this.options.clock.now()) };
    const parsed = parseUsageEvent(candidate);
    if (!parsed.ok) {
      this.options.log?.('metrics event dropped: does not match the protocol', {
        type: input.type,
        reason: parsed.reason,
      });
      return;
    }
    this.pending = this.pending
      .then(() => this.write(parsed.event))
      .catch((error: unknown) => {
        this.options.log?.('metrics event could not be queued', { error: String(error) });
      });
  }

  /** Resolves when every event recorded so far is on durable storage (or failed and was logged). */
  settled(): Promise<void> {
    return this.pending;
  }

  private async write(event: UsageEvent): Promise<void> {
    await this.options.store.append([event]);
    await this.enforceBudget();
    this.options.onQueued?.();
  }

  /** Oldest first: recent behaviour matters more to coordinators than the oldest backlog. */
  private async enforceBudget(): Promise<void> {
    let stats = await this.options.store.stats();
    while (stats.bytes > this.budgetBytes && stats.count > 0) {
      const excess = stats.bytes - this.budgetBytes;
      // Drop enough of the oldest in one step: events are ~150 bytes each.
      const victims = await this.options.store.peek(Math.max(1, Math.ceil(excess / 100)));
      let freed = 0;
      const ids: string[] = [];
      for (const event of victims) {
        if (freed >= excess) break;
        ids.push(event.id);
        freed += eventBytes(event);
      }
      await this.options.store.ack(ids);
      await this.options.store.addDropped('budget', ids.length);
      this.options.log?.('metrics queue over its disk budget: oldest events dropped', { dropped: ids.length });
      stats = await this.options.store.stats();
    }
  }
}
