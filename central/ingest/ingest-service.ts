/**
 * Validates a batch event by event and stores the good ones, skipping ids already stored.
 * One bad event is reported in `rejected` and never sinks its batch. The dashboard's rollups are
 * updated in the same transaction as the insert (central/rollups/).
 */
import { parseUsageEvent } from '../../protocol/events.ts';
import type { IngestBatch, IngestReply } from '../../protocol/ingest.ts';
import type { CentralClock } from '../infrastructure/clock.ts';
import { ingestSteps } from '../rollups/rollup-ingest.ts';
import { createSqlStepRunner } from '../rollups/sql-steps.ts';
import type { SqlValue, Storage } from '../storage/storage.ts';
import { EVENT_COLUMNS, toEventRow } from './event-rows.ts';
import { createLocalSlots, localDayMinus } from './local-time.ts';

/** Events may be this far in the future (a station clock a little ahead) and no further. */
const MAX_FUTURE_MS = 24 * 3600_000;

export interface IngestService {
  /** Stores a batch whose envelope the route's schema already validated; events are checked here. */
  ingest(stationId: string, batch: IngestBatch): Promise<IngestReply>;
}

export function createIngestService(deps: {
  storage: Storage;
  clock: CentralClock;
  retentionDays: number;
}): IngestService {
  const slots = createLocalSlots();
  const transactions = createSqlStepRunner(deps.storage);
  return {
    async ingest(stationId, batch) {
      const now = deps.clock.now();
      // Events older than the retention window would land in days already folded into totals.
      const oldestDay = localDayMinus(slots, now, deps.retentionDays);
      const rejected: IngestReply['rejected'] = [];
      const rows: SqlValue[][] = [];
      const seen = new Set<string>();
      let duplicatesInBatch = 0;
      for (const raw of batch.events) {
        const rawId = (raw as { id?: unknown } | null)?.id;
        const id = typeof rawId === 'string' ? rawId.slice(0, 64) : null;
        const parsed = parseUsageEvent(raw);
        if (!parsed.ok) {
          rejected.push({ id, reason: parsed.reason });
          continue;
        }
        const event = parsed.event;
        const atMs = Date.parse(event.at);
        if (Number.isNaN(atMs)) {
          rejected.push({ id, reason: 'at: not a real date' });
          continue;
        }
        if (atMs > now + MAX_FUTURE_MS) {
          rejected.push({ id, reason: 'at: more than 24 hours in the future (check the station clock)' });
          continue;
        }
        const slot = slots(atMs);
        if (slot.day < oldestDay) {
          rejected.push({ id, reason: `at: older than the ${deps.retentionDays}-day retention window` });
          continue;
        }
        if (seen.has(event.id)) {
          duplicatesInBatch++;
          continue;
        }
        seen.add(event.id);
        rows.push(toEventRow(event, stationId, atMs, slot));
      }
      // The events and the dashboard's rollups in one transaction (ADR 0008): a crash leaves both or neither.
      const accepted = await transactions.run(() => ingestSteps(stationId, EVENT_COLUMNS, rows));
      return { accepted, duplicates: rows.length - accepted + duplicatesInBatch, rejected };
    },
  };
}
