/**
 * Retention: raw events older than `retentionDays` (Helsinki calendar days) are deleted, with the
 * per-event detail kept beside them for the raw window (first-session keys, session slots). Their
 * totals are already in `daily_totals` and `daily_site_totals`, kept at ingest in the same
 * transaction as each insert (ADR 0008), so nothing is folded here any more. Ingest refuses events
 * older than the window, so the first-session keys deleted here are never needed again; deleting
 * is idempotent, so a crash or a second replica running it is safe.
 */
import type { CentralClock } from '../infrastructure/clock.ts';
import { createLocalSlots, localDayMinus } from '../ingest/local-time.ts';
import { createSqlStepRunner, type SqlSteps } from '../rollups/sql-steps.ts';
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

/** Tables that hold raw-window detail, deleted by day together. */
export const RAW_WINDOW_TABLES = ['rollup_session_firsts', 'session_slots', 'site_session_slots'] as const;

export function createRetention(deps: { storage: Storage; clock: CentralClock; retentionDays: number }): Retention {
  const slots = createLocalSlots();
  const transactions = createSqlStepRunner(deps.storage);
  return {
    async runOnce() {
      const cutoffDay = localDayMinus(slots, deps.clock.now(), deps.retentionDays);
      const deletedEvents = await transactions.run(function* (): SqlSteps<number> {
        const [counted] = yield { sql: 'SELECT COUNT(*) AS n FROM events WHERE day < ?', params: [cutoffDay] };
        for (const table of ['events', ...RAW_WINDOW_TABLES])
          yield { sql: `DELETE FROM ${table} WHERE day < ?`, params: [cutoffDay] };
        return Number(counted?.n ?? 0);
      });
      return { cutoffDay, deletedEvents };
    },
  };
}
