/**
 * The in-memory picture of a queue that adapters rebuild from their durable form and keep in step
 * with it: live events in arrival order (a Map keeps insertion order), their bytes, drop tallies.
 */
import type { UsageEvent } from '../../protocol/events.ts';
import { eventBytes, type DropReason, type QueueStats } from './queue-store.ts';

export class QueueState {
  private readonly live = new Map<string, UsageEvent>();
  private liveBytes = 0;
  readonly dropped: Record<DropReason, number> = { budget: 0, rejected: 0 };

  /** Adds events; an id already queued is kept once (a replayed log must not duplicate). */
  add(events: Iterable<UsageEvent>): void {
    for (const event of events) {
      if (this.live.has(event.id)) continue;
      this.live.set(event.id, event);
      this.liveBytes += eventBytes(event);
    }
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) {
      const event = this.live.get(id);
      if (!event) continue;
      this.live.delete(id);
      this.liveBytes -= eventBytes(event);
    }
  }

  oldest(max: number): UsageEvent[] {
    const result: UsageEvent[] = [];
    for (const event of this.live.values()) {
      if (result.length >= max) break;
      result.push(event);
    }
    return result;
  }

  all(): UsageEvent[] {
    return [...this.live.values()];
  }

  stats(): QueueStats {
    return { count: this.live.size, bytes: this.liveBytes, dropped: { ...this.dropped } };
  }
}
