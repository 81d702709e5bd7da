/** A queue store in memory only: for tests, and for a station configured to keep nothing. */
import type { UsageEvent } from '../../protocol/events.ts';
import { QueueState } from './queue-state.ts';
import type { DropReason, QueueStats, QueueStore } from './queue-store.ts';

export class MemoryQueueStore implements QueueStore {
  readonly state = new QueueState();

  async append(events: readonly UsageEvent[]): Promise<void> {
    this.state.add(events);
  }
  async peek(max: number): Promise<UsageEvent[]> {
    return this.state.oldest(max);
  }
  async ack(ids: readonly string[]): Promise<void> {
    this.state.remove(ids);
  }
  async stats(): Promise<QueueStats> {
    return this.state.stats();
  }
  async addDropped(reason: DropReason, count: number): Promise<void> {
    this.state.dropped[reason] += count;
  }
}
