/**
 * Port: where the station keeps usage events until central has answered for them.
 * Hosts implement it durably (main/metrics/file-queue-store.ts, renderer/preview/
 * local-storage-queue-store.ts); `MemoryQueueStore` is for tests.
 */
import type { UsageEvent } from '../../protocol/events.ts';

/** Why events left the queue without central storing them. */
export type DropReason = 'budget' | 'rejected';

/** Size of the queue and the durable tally of events dropped, by reason. */
export interface QueueStats {
  count: number;
  /** Serialized size of the queued events (the disk budget is measured in these bytes). */
  bytes: number;
  dropped: Record<DropReason, number>;
}

export interface QueueStore {
  /** Appends events in order. Resolves only once they would survive a crash or power cut. */
  append(events: readonly UsageEvent[]): Promise<void>;
  /** Up to `max` events, oldest first, without removing them. */
  peek(max: number): Promise<UsageEvent[]>;
  /** Removes events by id (unknown ids are ignored). Durable once resolved. */
  ack(ids: readonly string[]): Promise<void>;
  stats(): Promise<QueueStats>;
  /** Adds to the durable tally of dropped events. */
  addDropped(reason: DropReason, count: number): Promise<void>;
}

/** Serialized size of one event, the unit of the disk budget. */
export function eventBytes(event: UsageEvent): number {
  // Events hold only ASCII (ids, slugs, enums, numbers), so string length equals UTF-8 bytes.
  return JSON.stringify(event).length;
}
