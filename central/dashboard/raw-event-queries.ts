/**
 * REFERENCE ONLY (tests and bench, never central's routes): the dashboard's queries as they were
 * before issue 12 (central/dashboard/dashboard-queries.ts at commit da5048c), grouping raw events
 * per request. `npm run bench:dashboard` measures "before" and "after" with it on the same data in
 * the same run, and dashboard-months.test.ts checks the rollups give exactly its figures.
 * The published figures are assembled by summary-assembly.ts, as central's. One change:
 * `daily_totals` now holds raw days too (kept at ingest), which the old code never saw, so its branch reads only days before the raw
 * window (`rawFrom`), as the old table held. Not used by central.
 */
import type { DashboardFilter, DashboardSummary } from '../../protocol/dashboard.ts';
import type { SqlValue, Storage } from '../storage/storage.ts';
import type { SmallCountProtection } from './suppression.ts';
import { assembleSummary, type Totals } from './summary-assembly.ts';

export function createBeforeDashboardQueries(storage: Storage, rawFrom: string) {
  /** Filter on day range and station/site, shared by raw and rollup tables. */
  const where = (filter: DashboardFilter): { sql: string; params: SqlValue[] } => {
    let sql = 'day >= ? AND day <= ?';
    const params: SqlValue[] = [filter.from, filter.to];
    if (filter.station) {
      sql += ' AND station_id = ?';
      params.push(filter.station);
    }
    if (filter.site) {
      sql += ' AND station_id IN (SELECT id FROM stations WHERE site_kind = ?)';
      params.push(filter.site);
    }
    return { sql, params };
  };

  /** Raw events grouped like daily_totals, united with daily_totals: one table for all days. */
  const combined = (filter: DashboardFilter, types: string[]): { sql: string; params: SqlValue[] } => {
    const w = where(filter);
    const typeList = types.map(() => '?').join(', ');
    return {
      sql: `(SELECT day, station_id, type, dim, COUNT(*) AS events, COUNT(DISTINCT session_id) AS sessions, COALESCE(SUM(seconds), 0) AS seconds_sum
              FROM events WHERE ${w.sql} AND type IN (${typeList}) GROUP BY day, station_id, type, dim
             UNION ALL
             SELECT day, station_id, type, dim, events, sessions, seconds_sum
              FROM daily_totals WHERE ${w.sql} AND day < ? AND type IN (${typeList})) AS t`,
      params: [...w.params, ...types, ...w.params, rawFrom, ...types],
    };
  };

  /** Sums of events, sessions and seconds per `keyExpr` for one event type. */
  const totalsBy = async (filter: DashboardFilter, type: string, keyExpr: string, join = ''): Promise<Totals[]> => {
    const source = combined(filter, [type]);
    const rows = await storage.all<{ key: string; events: number; sessions: number; seconds: number }>(
      `SELECT ${keyExpr} AS key, SUM(t.events) AS events, SUM(t.sessions) AS sessions, SUM(t.seconds_sum) AS seconds
       FROM ${source.sql} ${join} GROUP BY ${keyExpr} ORDER BY events DESC, key`,
      source.params,
    );
    return rows.map((r) => ({
      key: String(r.key),
      events: Number(r.events),
      sessions: Number(r.sessions),
      seconds: Number(r.seconds),
    }));
  };

  return {
    /**
     * Every figure for `filter`, protected by `protection` (suppression.ts): small categories only
     * in `other`, counts rounded, visit zeros as 0.
     */
    async summary(filter: DashboardFilter, protection: SmallCountProtection): Promise<DashboardSummary> {
      const w = where(filter);
      const stations = await storage.all<{ id: string; location: string; site_kind: string }>(
        'SELECT id, location, site_kind FROM stations ORDER BY id',
      );

      // A session.started event is one session, so for sessions the event count is the session count.
      const perDay = await totalsBy(filter, 'session.started', 't.day');
      const perStation = await totalsBy(filter, 'session.started', 't.station_id');
      const perSite = await totalsBy(
        filter,
        'session.started',
        's.site_kind',
        'JOIN stations s ON s.id = t.station_id',
      );
      const services = await totalsBy(filter, 'service.opened', 't.dim');
      const languages = await totalsBy(filter, 'language.chosen', 't.dim');
      const modes = (await totalsBy(filter, 'accessibility.changed', 't.dim')).filter((m) => m.key.endsWith(':on'));
      const blocked = await totalsBy(filter, 'navigation.blocked', 't.dim');
      const helpByType = {
        requested: await totalsBy(filter, 'help.requested', 't.dim'),
        answered: await totalsBy(filter, 'help.answered', 't.dim'),
        cancelled: await totalsBy(filter, 'help.cancelled', 't.dim'),
      };

      const heat = await storage.all<{ hour_of_week: number; n: number }>(
        `SELECT hour_of_week, COUNT(*) AS n FROM events WHERE ${w.sql} AND type = 'session.started' GROUP BY hour_of_week`,
        w.params,
      );

      // Median from a per-minute histogram (reported as the middle of its minute): bounded in size.
      const lengths = await storage.all<{ minute: number; n: number }>(
        `SELECT seconds / 60 AS minute, COUNT(*) AS n FROM events WHERE ${w.sql} AND type = 'session.ended' GROUP BY seconds / 60 ORDER BY minute`,
        w.params,
      );
      return assembleSummary(filter, protection, {
        stations,
        perDay,
        perStation,
        perSite,
        services,
        languages,
        modes,
        blocked,
        helpByType,
        heatByHour: new Map(heat.map((h) => [Number(h.hour_of_week), Number(h.n)])),
        lengths: lengths.map((l) => ({ minute: Number(l.minute), n: Number(l.n) })),
      });
    },
  };
}
