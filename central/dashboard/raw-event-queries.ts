/**
 * REFERENCE ONLY (tests and bench, never central's routes): the dashboard's queries as they were
 * before issue 12 (central/dashboard/dashboard-queries.ts at commit da5048c), grouping raw events
 * per request. `npm run bench:dashboard` measures "before" and "after" with it on the same data in
 * the same run, and dashboard-months.test.ts checks the rollups give exactly its figures. One change: `daily_totals` now holds raw days too
 * (kept at ingest), which the old code never saw, so its branch reads only days before the raw
 * window (`rawFrom`), as the old table held. Not used by central.
 */
import type { Cell, DashboardFilter, DashboardSummary } from '../../protocol/dashboard.ts';
import type { SqlValue, Storage } from '../storage/storage.ts';
import {
  foldSmallCategories,
  MIN_SESSIONS_PER_FIGURE,
  ROUNDING_BASE,
  type SmallCountProtection,
} from './suppression.ts';

/** Average waits are published to this step: an exact average times a count would give a sum away. */
const WAIT_STEP_SECONDS = 30;

interface Totals {
  key: string;
  events: number;
  sessions: number;
  seconds: number;
}

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
      const locationOf = new Map(stations.map((s) => [s.id, s.location]));
      // Stations the filter covers, listed even without visits: a silent station is an operations fact.
      const inScope = stations.filter(
        (s) => (!filter.station || s.id === filter.station) && (!filter.site || s.site_kind === filter.site),
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
      const heatByHour = new Map(heat.map((h) => [Number(h.hour_of_week), Number(h.n)]));
      // Median from a per-minute histogram (reported as the middle of its minute): bounded in size.
      const lengths = await storage.all<{ minute: number; n: number }>(
        `SELECT seconds / 60 AS minute, COUNT(*) AS n FROM events WHERE ${w.sql} AND type = 'session.ended' GROUP BY seconds / 60 ORDER BY minute`,
        w.params,
      );
      const endedCount = lengths.reduce((sum, l) => sum + Number(l.n), 0);
      const totalSessions = perDay.reduce((sum, d) => sum + d.events, 0);

      const find = (list: Totals[], key: string) =>
        list.find((t) => t.key === key) ?? { key, events: 0, sessions: 0, seconds: 0 };
      const sum = (list: Totals[], value: (t: Totals) => number) => list.reduce((total, t) => total + value(t), 0);
      const { visits, activity, average } = protection;

      // Categories below the threshold are summed into `other`, never listed one by one.
      const servicesFold = foldSmallCategories(services, (s) => s.sessions);
      const languagesFold = foldSmallCategories(languages, (l) => l.sessions);
      const modesFold = foldSmallCategories(modes, (m) => m.sessions);
      const blockedFold = foldSmallCategories(blocked, (b) => b.sessions);
      const topics = [
        ...new Set([...helpByType.requested, ...helpByType.answered, ...helpByType.cancelled].map((h) => h.key)),
      ].sort();
      const listedTopics = topics.filter(
        (topic) => find(helpByType.requested, topic).sessions >= MIN_SESSIONS_PER_FIGURE,
      );
      const otherTopics = topics.filter((topic) => !listedTopics.includes(topic));
      const otherHelp = (list: Totals[], name: string): Cell => {
        const rows = otherTopics.map((topic) => find(list, topic));
        return activity(
          `other:help:${name}`,
          sum(rows, (r) => r.events),
          sum(rows, (r) => r.sessions),
        );
      };
      const otherOf = (figure: string, rows: Totals[], value: (t: Totals) => number): Cell =>
        activity(
          `other:${figure}`,
          sum(rows, value),
          sum(rows, (r) => r.sessions),
        );

      const siteKinds = [...new Set([...inScope.map((s) => s.site_kind), ...perSite.map((s) => s.key)])];
      return {
        filter,
        stations: stations.map((s) => ({ id: s.id, location: s.location, siteKind: s.site_kind })),
        totalSessions: visits('total', totalSessions),
        medianSessionSeconds: average(medianFromHistogram(lengths) * 60 + 30, endedCount, 1),
        sessionsPerDay: daysBetween(filter.from, filter.to).map((day) => ({
          day,
          sessions: visits(`day:${day}`, find(perDay, day).events),
        })),
        sessionsPerHourOfWeek: Array.from({ length: 168 }, (_, hourOfWeek) => ({
          hourOfWeek,
          sessions: visits(`hour:${hourOfWeek}`, heatByHour.get(hourOfWeek) ?? 0),
        })),
        sessionsBySite: siteKinds
          .map((siteKind) => ({ siteKind, n: find(perSite, siteKind).events }))
          .sort((a, b) => b.n - a.n || a.siteKind.localeCompare(b.siteKind))
          .map(({ siteKind, n }) => ({ siteKind, sessions: visits(`site:${siteKind}`, n) })),
        sessionsByStation: [...new Set([...inScope.map((s) => s.id), ...perStation.map((s) => s.key)])]
          .map((stationId) => ({ stationId, n: find(perStation, stationId).events }))
          .sort((a, b) => b.n - a.n || a.stationId.localeCompare(b.stationId))
          .map(({ stationId, n }) => ({
            stationId,
            location: locationOf.get(stationId) ?? '',
            sessions: visits(`station:${stationId}`, n),
          })),
        topServices: servicesFold.listed.map((s) => ({
          serviceId: s.key,
          opens: activity(`service:${s.key}`, s.events, s.sessions),
        })),
        languages: languagesFold.listed.map((l) => ({
          language: l.key,
          sessions: activity(`language:${l.key}`, l.sessions, l.sessions),
        })),
        accessibilityModes: modesFold.listed.map((m) => ({
          mode: m.key.replace(/:on$/, ''),
          sessions: activity(`mode:${m.key}`, m.sessions, m.sessions),
        })),
        help: listedTopics.map((topic) => {
          const requested = find(helpByType.requested, topic);
          const answered = find(helpByType.answered, topic);
          const cancelled = find(helpByType.cancelled, topic);
          return {
            topic,
            requested: activity(`help:requested:${topic}`, requested.events, requested.sessions),
            answered: activity(`help:answered:${topic}`, answered.events, answered.sessions),
            cancelled: activity(`help:cancelled:${topic}`, cancelled.events, cancelled.sessions),
            averageWaitSeconds: average(
              answered.events ? answered.seconds / answered.events : 0,
              answered.sessions,
              WAIT_STEP_SECONDS,
            ),
          };
        }),
        blockedNavigations: blockedFold.listed.map((b) => ({
          serviceId: b.key,
          blocked: activity(`blocked:${b.key}`, b.events, b.sessions),
        })),
        other: {
          topServices: otherOf('services', servicesFold.other, (s) => s.events),
          languages: otherOf('languages', languagesFold.other, (l) => l.sessions),
          accessibilityModes: otherOf('modes', modesFold.other, (m) => m.sessions),
          blockedNavigations: otherOf('blocked', blockedFold.other, (b) => b.events),
          help: {
            requested: otherHelp(helpByType.requested, 'requested'),
            answered: otherHelp(helpByType.answered, 'answered'),
            cancelled: otherHelp(helpByType.cancelled, 'cancelled'),
          },
        },
        protection: {
          minSessions: MIN_SESSIONS_PER_FIGURE,
          roundedTo: ROUNDING_BASE,
          widenedToWeeks: filter.station !== undefined,
        },
      };
    },
  };
}

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
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const date = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  // 400 days plus the widening to whole weeks.
  while (date <= end && days.length < 420) {
    days.push(date.toISOString().slice(0, 10));
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return days;
}
