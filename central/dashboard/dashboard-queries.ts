/**
 * The dashboard's figures, in portable SQL over raw events (the last `retentionDays`) united with
 * `daily_totals` (older days). Heatmap and median session length need per-event detail and so
 * cover only the raw window; docs/privacy.md says so.
 */
import type { DashboardFilter, DashboardSummary } from '../../protocol/dashboard.ts';
import type { SqlValue, Storage } from '../storage/storage.ts';
import { suppress } from './suppression.ts';

interface Totals {
  key: string;
  events: number;
  sessions: number;
  seconds: number;
}

export function createDashboardQueries(storage: Storage) {
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
              FROM daily_totals WHERE ${w.sql} AND type IN (${typeList})) AS t`,
      params: [...w.params, ...types, ...w.params, ...types],
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
    async summary(filter: DashboardFilter): Promise<DashboardSummary> {
      const w = where(filter);
      const stations = await storage.all<{ id: string; location: string; site_kind: string }>(
        'SELECT id, location, site_kind FROM stations ORDER BY id',
      );
      const locationOf = new Map(stations.map((s) => [s.id, s.location]));

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
      const heatByHour = new Map(heat.map((h) => [Number(h.hour_of_week), Number(h.n)]));
      // Median from a per-minute histogram (reported as the middle of its minute): bounded in size.
      const lengths = await storage.all<{ minute: number; n: number }>(
        `SELECT seconds / 60 AS minute, COUNT(*) AS n FROM events WHERE ${w.sql} AND type = 'session.ended' GROUP BY seconds / 60 ORDER BY minute`,
        w.params,
      );
      const endedCount = lengths.reduce((sum, l) => sum + Number(l.n), 0);
      const totalSessions = perDay.reduce((sum, d) => sum + d.events, 0);

      const topics = [
        ...new Set([...helpByType.requested, ...helpByType.answered, ...helpByType.cancelled].map((h) => h.key)),
      ].sort();
      const find = (list: Totals[], key: string) =>
        list.find((t) => t.key === key) ?? { key, events: 0, sessions: 0, seconds: 0 };

      return {
        filter,
        stations: stations.map((s) => ({ id: s.id, location: s.location, siteKind: s.site_kind })),
        totalSessions: suppress(totalSessions, totalSessions),
        medianSessionSeconds: suppress(medianFromHistogram(lengths) * 60 + 30, endedCount),
        sessionsPerDay: daysBetween(filter.from, filter.to).map((day) => {
          const n = find(perDay, day).events;
          return { day, sessions: suppress(n, n) };
        }),
        sessionsPerHourOfWeek: Array.from({ length: 168 }, (_, hourOfWeek) => {
          const n = heatByHour.get(hourOfWeek) ?? 0;
          return { hourOfWeek, sessions: suppress(n, n) };
        }),
        sessionsBySite: perSite.map((s) => ({ siteKind: s.key, sessions: suppress(s.events, s.events) })),
        sessionsByStation: perStation.map((s) => ({
          stationId: s.key,
          location: locationOf.get(s.key) ?? '',
          sessions: suppress(s.events, s.events),
        })),
        topServices: services.map((s) => ({ serviceId: s.key, opens: suppress(s.events, s.sessions) })),
        languages: languages.map((l) => ({ language: l.key, sessions: suppress(l.sessions, l.sessions) })),
        accessibilityModes: modes.map((m) => ({
          mode: m.key.replace(/:on$/, ''),
          sessions: suppress(m.sessions, m.sessions),
        })),
        help: topics.map((topic) => {
          const requested = find(helpByType.requested, topic);
          const answered = find(helpByType.answered, topic);
          const cancelled = find(helpByType.cancelled, topic);
          return {
            topic,
            requested: suppress(requested.events, requested.sessions),
            answered: suppress(answered.events, answered.sessions),
            cancelled: suppress(cancelled.events, cancelled.sessions),
            averageWaitSeconds: suppress(
              answered.events ? Math.round(answered.seconds / answered.events) : 0,
              answered.sessions,
            ),
          };
        }),
        blockedNavigations: blocked.map((b) => ({ serviceId: b.key, blocked: suppress(b.events, b.sessions) })),
      };
    },
  };
}

export type DashboardQueries = ReturnType<typeof createDashboardQueries>;

/** Median of a histogram of (minute, count) rows sorted by minute; the lower median for even counts. */
function medianFromHistogram(rows: { minute: number; n: number }[]): number {
  const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
  let seen = 0;
  for (const row of rows) {
    seen += Number(row.n);
    if (seen * 2 >= total) return Number(row.minute);
  }
  return 0;
}

/** Every day from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const date = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (date <= end && days.length < 400) {
    days.push(date.toISOString().slice(0, 10));
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return days;
}
