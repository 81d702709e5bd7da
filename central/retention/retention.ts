/**
 * Retention: raw events older than `retentionDays` (Helsinki calendar days) are folded into
 * `daily_totals` and deleted. The fold replaces totals rather than adding to them, and ingest refuses
 * events older than the window, so re-running after a crash between the two steps is safe.
 */
import type { CentralClock } from '../infrastructure/clock.ts';
import { createLocalSlots, localDayMinus } from '../ingest/local-time.ts';
import type { Storage } from '../storage/storage.ts';

export interface RetentionResult {
  /** Days before this one (exclusive) now exist only as daily totals. */
  cutoffDay: string;
  /** Raw events deleted in this run. */
  deletedEvents: number;
}

export interface Retention {
  runOnce(): Promise<RetentionResult>;
}

export function createRetention(deps: { storage: Storage; clock: CentralClock; retentionDays: number }): Retention {
  const slots = createLocalSlots();
  return {
    async runOnce() {
      const cutoffDay = localDayMinus(slots, deps.clock.now(), deps.retentionDays);
      await deps.storage.run(
        `INSERT INTO daily_totals (day, station_id, type, dim, events, sessions, seconds_sum)
         SELECT day, station_id, type, dim, COUNT(*), COUNT(DISTINCT session_id), COALESCE(SUM(seconds), 0)
         FROM events WHERE day < ? GROUP BY day, station_id, type, dim
         ON CONFLICT (day, station_id, type, dim) DO UPDATE SET
           events = excluded.events, sessions = excluded.sessions, seconds_sum = excluded.seconds_sum`,
        [cutoffDay],
      );
      const { changes } = await deps.storage.run('DELETE FROM events WHERE day < ?', [cutoffDay]);
      return { cutoffDay, deletedEvents: changes };
    },
  };
}
