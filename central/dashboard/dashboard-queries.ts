/**
 * The dashboard's figures, read from the rollups kept at ingest (central/rollups/, ADR 0008), never
 * from raw events: city-wide and per-site figures from `daily_site_totals` (a few hundred rows a
 * day), one station's from `daily_totals`, the per-station figure from `daily_totals`' session
 * starts. Totals cover every day (raw and folded); the heatmap and the median session length come
 * from `session_slots`/`site_session_slots`, which like the raw events cover only the last
 * `retentionDays`; docs/privacy.md says so.
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

/** Event types whose categories (`dim`) the summary lists. */
const CATEGORY_TYPES = [
  'service.opened',
  'language.chosen',
  'accessibility.changed',
  'navigation.blocked',
  'help.requested',
  'help.answered',
  'help.cancelled',
] as const;
type CategoryType = (typeof CATEGORY_TYPES)[number];

/** Which rollup tables answer a filter, and the condition that picks its rows. */
interface Scope {
  totals: 'daily_totals' | 'daily_site_totals';
  slots: 'session_slots' | 'site_session_slots';
  sql: string;
  params: SqlValue[];
}

/** Most events first, then by key in code-unit order (the same on both databases). */
const byEventsThenKey = (a: Totals, b: Totals) => b.events - a.events || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function createDashboardQueries(storage: Storage) {
  /** One station: its own rows; otherwise the site rollup, for one site kind or all. */
  const scopeOf = (filter: DashboardFilter): Scope => {
    let sql = 'day >= ? AND day <= ?';
    const params: SqlValue[] = [filter.from, filter.to];
    if (filter.station) {
      sql += ' AND station_id = ?';
      params.push(filter.station);
      if (filter.site) {
        sql += ' AND station_id IN (SELECT id FROM stations WHERE site_kind = ?)';
        params.push(filter.site);
      }
      return { totals: 'daily_totals', slots: 'session_slots', sql, params };
    }
    if (filter.site) {
      sql += ' AND site_kind = ?';
      params.push(filter.site);
    }
    return { totals: 'daily_site_totals', slots: 'site_session_slots', sql, params };
  };

  const toTotals = (rows: { key: unknown; events: unknown; sessions?: unknown; seconds?: unknown }[]): Totals[] =>
    rows
      .map((r) => ({
        key: String(r.key),
        events: Number(r.events),
        sessions: Number(r.sessions ?? 0),
        seconds: Number(r.seconds ?? 0),
      }))
      .sort(byEventsThenKey);

  /** Session starts per `keyExpr` (day or site kind) in scope. */
  const sessionsBy = async (scope: Scope, keyExpr: string, join = ''): Promise<Totals[]> =>
    toTotals(
      await storage.all(
        `SELECT ${keyExpr} AS key, SUM(t.events) AS events
         FROM (SELECT * FROM ${scope.totals} WHERE ${scope.sql} AND type = 'session.started') t ${join}
         GROUP BY ${keyExpr}`,
        scope.params,
      ),
    );

  /** Sums per (type, dim) for every category figure, in one query. */
  const categories = async (scope: Scope): Promise<Record<CategoryType, Totals[]>> => {
    const rows = await storage.all<{ type: string; key: string; events: number; sessions: number; seconds: number }>(
      `SELECT type, dim AS key, SUM(events) AS events, SUM(sessions) AS sessions, SUM(seconds_sum) AS seconds
       FROM ${scope.totals} WHERE ${scope.sql} AND type IN (${CATEGORY_TYPES.map(() => '?').join(', ')}) GROUP BY type, dim`,
      [...scope.params, ...CATEGORY_TYPES],
    );
    return Object.fromEntries(
      CATEGORY_TYPES.map((type) => [type, toTotals(rows.filter((r) => r.type === type))]),
    ) as Record<CategoryType, Totals[]>;
  };

  /** Session starts per station: the one figure that always needs station rows. */
  const perStationOf = async (filter: DashboardFilter): Promise<Totals[]> => {
    let sql = `SELECT station_id AS key, SUM(events) AS events FROM daily_totals
               WHERE type = 'session.started' AND day >= ? AND day <= ?`;
    const params: SqlValue[] = [filter.from, filter.to];
    if (filter.station) {
      sql += ' AND station_id = ?';
      params.push(filter.station);
    }
    if (filter.site) {
      sql += ' AND station_id IN (SELECT id FROM stations WHERE site_kind = ?)';
      params.push(filter.site);
    }
    return toTotals(await storage.all(`${sql} GROUP BY station_id`, params));
  };

  return {
    /**
     * Every figure for `filter`, protected by `protection` (suppression.ts): small categories only
     * in `other`, counts rounded, visit zeros as 0.
     */
    async summary(filter: DashboardFilter, protection: SmallCountProtection): Promise<DashboardSummary> {
      const scope = scopeOf(filter);
      const stations = await storage.all<{ id: string; location: string; site_kind: string }>(
        'SELECT id, location, site_kind FROM stations ORDER BY id',
      );
      const locationOf = new Map(stations.map((s) => [s.id, s.location]));
      // Stations the filter covers, listed even without visits: a silent station is an operations fact.
      const inScope = stations.filter(
        (s) => (!filter.station || s.id === filter.station) && (!filter.site || s.site_kind === filter.site),
      );

      // A session.started event is one session, so for sessions the event count is the session count.
      const perDay = await sessionsBy(scope, 't.day');
      const perStation = await perStationOf(filter);
      const perSite =
        scope.totals === 'daily_site_totals'
          ? await sessionsBy(scope, 't.site_kind')
          : await sessionsBy(scope, 's.site_kind', 'JOIN stations s ON s.id = t.station_id');
      const byType = await categories(scope);
      const services = byType['service.opened'];
      const languages = byType['language.chosen'];
      const modes = byType['accessibility.changed'].filter((m) => m.key.endsWith(':on'));
      const blocked = byType['navigation.blocked'];
      const helpByType = {
        requested: byType['help.requested'],
        answered: byType['help.answered'],
        cancelled: byType['help.cancelled'],
      };

      const heat = await storage.all<{ hour_of_week: number; n: number }>(
        `SELECT slot AS hour_of_week, SUM(events) AS n FROM ${scope.slots} WHERE ${scope.sql} AND figure = 'hour' GROUP BY slot`,
        scope.params,
      );
      const heatByHour = new Map(heat.map((h) => [Number(h.hour_of_week), Number(h.n)]));
      // Median from a per-minute histogram (reported as the middle of its minute): bounded in size.
      const lengths = await storage.all<{ minute: number; n: number }>(
        `SELECT slot AS minute, SUM(events) AS n FROM ${scope.slots} WHERE ${scope.sql} AND figure = 'length-minute' GROUP BY slot ORDER BY slot`,
        scope.params,
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

/** The Monday on or before `day` and the Sunday on or after `to`: whole ISO weeks around a range. */
export function widenToWeeks(from: string, to: string): { from: string; to: string } {
  const shift = (day: string, toward: 'monday' | 'sunday') => {
    const date = new Date(`${day}T00:00:00Z`);
    const weekday = (date.getUTCDay() + 6) % 7; // 0 = Monday
    date.setUTCDate(date.getUTCDate() + (toward === 'monday' ? -weekday : 6 - weekday));
    return date.toISOString().slice(0, 10);
  };
  return { from: shift(from, 'monday'), to: shift(to, 'sunday') };
}

/** Every day from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
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
