/**
 * Recomputes every rollup from what is stored (`npm run central -- rollups rebuild`, ADR 0008):
 * raw days (those with raw events, and every day from the retention cutoff on) from the raw
 * events; folded days keep their `daily_totals`, the only record left of them; site totals from the
 * station totals and each station's current site kind; month totals (station and site) as the sums
 * of those day rows; first-session keys and slots from the raw events. One transaction: the dashboard sees the old rollups or the new, never half.
 *
 * Use it after restoring raw events from a backup, after changing a station's site kind (site
 * totals follow the site kind a station had at ingest until rebuilt), or to check the rollups.
 */
import type { Storage } from '../storage/storage.ts';
import { createSqlStepRunner, type SqlSteps } from './sql-steps.ts';

/** What a rebuild wrote. */
export interface RebuildResult {
  /** Days recomputed from raw events. */
  rawDays: number;
  /** Rows of `daily_totals` after the rebuild (raw and folded days). */
  stationRows: number;
  /** Rows of `daily_site_totals` after the rebuild. */
  siteRows: number;
}

/** The statements of a rebuild; `cutoffDay` is the first day still inside the retention window. */
export function* rebuildSteps(cutoffDay: string): SqlSteps<RebuildResult> {
  const [raw] = yield { sql: 'SELECT COUNT(DISTINCT day) AS n FROM events', params: [] };
  yield {
    sql: 'DELETE FROM daily_totals WHERE day >= ? OR day IN (SELECT day FROM events)',
    params: [cutoffDay],
  };
  yield {
    sql: `INSERT INTO daily_totals (day, station_id, type, dim, events, sessions, seconds_sum)
          SELECT day, station_id, type, dim, COUNT(*), COUNT(DISTINCT session_id), COALESCE(SUM(seconds), 0)
          FROM events GROUP BY day, station_id, type, dim`,
    params: [],
  };
  yield { sql: 'DELETE FROM rollup_session_firsts', params: [] };
  yield {
    sql: `INSERT INTO rollup_session_firsts (session_id, station_id, day, type, dim)
          SELECT DISTINCT session_id, station_id, day, type, dim FROM events WHERE session_id IS NOT NULL`,
    params: [],
  };
  yield { sql: 'DELETE FROM daily_site_totals', params: [] };
  yield {
    sql: `INSERT INTO daily_site_totals (day, site_kind, type, dim, events, sessions, seconds_sum)
          SELECT t.day, s.site_kind, t.type, t.dim, SUM(t.events), SUM(t.sessions), SUM(t.seconds_sum)
          FROM daily_totals t JOIN stations s ON s.id = t.station_id GROUP BY t.day, s.site_kind, t.type, t.dim`,
    params: [],
  };
  // Month rows are by definition the sums of their days' rows (ADR 0008, amended).
  yield { sql: 'DELETE FROM monthly_totals', params: [] };
  yield {
    sql: `INSERT INTO monthly_totals (month, station_id, type, dim, events, sessions, seconds_sum)
          SELECT SUBSTR(day, 1, 7), station_id, type, dim, SUM(events), SUM(sessions), SUM(seconds_sum)
          FROM daily_totals GROUP BY SUBSTR(day, 1, 7), station_id, type, dim`,
    params: [],
  };
  yield { sql: 'DELETE FROM monthly_site_totals', params: [] };
  yield {
    sql: `INSERT INTO monthly_site_totals (month, site_kind, type, dim, events, sessions, seconds_sum)
          SELECT SUBSTR(day, 1, 7), site_kind, type, dim, SUM(events), SUM(sessions), SUM(seconds_sum)
          FROM daily_site_totals GROUP BY SUBSTR(day, 1, 7), site_kind, type, dim`,
    params: [],
  };
  yield { sql: 'DELETE FROM session_slots', params: [] };
  yield {
    sql: `INSERT INTO session_slots (day, station_id, figure, slot, events)
          SELECT day, station_id, 'hour', hour_of_week, COUNT(*) FROM events WHERE type = 'session.started'
          GROUP BY day, station_id, hour_of_week`,
    params: [],
  };
  yield {
    sql: `INSERT INTO session_slots (day, station_id, figure, slot, events)
          SELECT day, station_id, 'length-minute', seconds / 60, COUNT(*) FROM events
          WHERE type = 'session.ended' AND seconds IS NOT NULL GROUP BY day, station_id, seconds / 60`,
    params: [],
  };
  yield { sql: 'DELETE FROM site_session_slots', params: [] };
  yield {
    sql: `INSERT INTO site_session_slots (day, site_kind, figure, slot, events)
          SELECT t.day, s.site_kind, t.figure, t.slot, SUM(t.events)
          FROM session_slots t JOIN stations s ON s.id = t.station_id GROUP BY t.day, s.site_kind, t.figure, t.slot`,
    params: [],
  };
  const [stationRows] = yield { sql: 'SELECT COUNT(*) AS n FROM daily_totals', params: [] };
  const [siteRows] = yield { sql: 'SELECT COUNT(*) AS n FROM daily_site_totals', params: [] };
  return { rawDays: Number(raw?.n ?? 0), stationRows: Number(stationRows?.n ?? 0), siteRows: Number(siteRows?.n ?? 0) };
}

/** Rebuilds every rollup in one transaction. */
export function rebuildRollups(storage: Storage, cutoffDay: string): Promise<RebuildResult> {
  return createSqlStepRunner(storage).run(() => rebuildSteps(cutoffDay));
}
