/**
 * Browser adapter of core's `QueueStore` for the preview host: the queue lives in localStorage
 * under one key, rewritten whole on each change. localStorage writes are synchronous and
 * survive a closed tab or a killed browser once `setItem` returns. The budget is small in the
 * preview (localStorage holds ~5 MB per origin), see `PREVIEW_QUEUE_BUDGET_BYTES`.
 */
import type { UsageEvent } from '../../protocol/events.ts';
import { QueueState } from '../../core/metrics/queue-state.ts';
import type { DropReason, QueueStats, QueueStore } from '../../core/metrics/queue-store.ts';

/** A budget that fits comfortably in a browser's localStorage. */
export const PREVIEW_QUEUE_BUDGET_BYTES = 1024 * 1024;

/** The part of the Web Storage API this adapter needs (tests pass a Map-backed fake). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

interface Persisted {
  events: UsageEvent[];
  dropped: Record<DropReason, number>;
}

export function createLocalStorageQueueStore(storage: KeyValueStorage, key = 'kiosk.metrics-queue'): QueueStore {
  const state = new QueueState();
  try {
    const saved = JSON.parse(storage.getItem(key) ?? 'null') as Persisted | null;
    if (saved) {
      state.add(saved.events);
      Object.assign(state.dropped, saved.dropped);
    }
  } catch {
    // Unreadable (edited by hand?): start empty rather than never sending again.
  }
  const save = () => {
    const persisted: Persisted = { events: state.all(), dropped: state.dropped };
    storage.setItem(key, JSON.stringify(persisted));
  };
  return {
    async append(events) {
      state.add(events);
      save();
    },
    async peek(max) {
      return state.oldest(max);
    },
    async ack(ids) {
      state.remove(ids);
      save();
    },
    async stats(): Promise<QueueStats> {
      return state.stats();
    },
    async addDropped(reason, count) {
      state.dropped[reason] += count;
      save();
    },
  };
}
