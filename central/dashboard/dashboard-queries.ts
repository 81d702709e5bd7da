/**
 * The dashboard's figures, read from the rollups kept at ingest (central/rollups/, ADR 0008), never
 * from raw events: city-wide and per-site figures from the site rollups, one station's and the
 * per-station figure from the station rollups. A range is read as whole months from the month
 * rollups (`monthly_totals`, `monthly_site_totals`) and the days at its edges from the day rollups
 * (`daily_totals`, `daily_site_totals`): a month row is the sum of its day rows, so the figures are
 * the same as summing the days, at a dozen rows per key for a year instead of 365. Sessions per day
 * read the day rollups. Totals cover every day (raw and folded); the heatmap and the median session
 * length come from `session_slots`/`site_session_slots`, which like the raw events cover only the
 * last `retentionDays`; docs/privacy.md says so. The queries of a summary are independent and run
 * at once (on PostgreSQL on several pooled connections).
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

/** Which rollup tables answer a filter, and the condition (after the period's) that picks its rows. */
interface Scope {
  daily: 'daily_totals' | 'daily_site_totals';
  monthly: 'monthly_totals' | 'monthly_site_totals';
  slots: 'session_slots' | 'site_session_slots';
  /** `AND …` on the scope's columns, empty for the whole city. */
  sql: string;
  params: SqlValue[];
}

/** A day range as whole months (read from the month rollups) and the days around them. */
export interface RangeParts {
  /** First and last whole month (`YYYY-MM`), or null when the range holds no whole month. */
  months: [string, string] | null;
  /** Day ranges (inclusive) outside the whole months: at most one before and one after. */
  days: [string, string][];
}

const dayShift = (day: string, days: number): string => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
const monthShift = (month: string, months: number): string => {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 7);
};

/** Splits `from`..`to` (inclusive days) into whole months and the edge days. */
export function splitIntoMonths(from: string, to: string): RangeParts {
  if (from > to) return { months: null, days: [] };
  const firstMonth = from.endsWith('-01') ? from.slice(0, 7) : monthShift(from.slice(0, 7), 1);
  const lastMonth = dayShift(to, 1).endsWith('-01') ? to.slice(0, 7) : monthShift(to.slice(0, 7), -1);
  if (firstMonth > lastMonth) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  const monthsStart = `${firstMonth}-01`;
  const afterMonths = `${monthShift(lastMonth, 1)}-01`;
  if (from < monthsStart) days.push([from, dayShift(monthsStart, -1)]);
  if (to >= afterMonths) days.push([afterMonths, to]);
  return { months: [firstMonth, lastMonth], days };
}

/** Most events first, then by key in code-unit order (the same on both databases). */
const byEventsThenKey = (a: Totals, b: Totals) => b.events - a.events || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function createDashboardQueries(storage: Storage) {
  /** One station: its own rows; otherwise the site rollups, for one site kind or all. */
  const scopeOf = (filter: DashboardFilter): Scope => {
    if (filter.station) {
      let sql = ' AND station_id = ?';
      const params: SqlValue[] = [filter.station];
      if (filter.site) {
        sql += ' AND station_id IN (SELECT id FROM stations WHERE site_kind = ?)';
        params.push(filter.site);
      }
      return { daily: 'daily_totals', monthly: 'monthly_totals', slots: 'session_slots', sql, params };
    }
    const site = filter.site ? { sql: ' AND site_kind = ?', params: [filter.site] } : { sql: '', params: [] };
    return { daily: 'daily_site_totals', monthly: 'monthly_site_totals', slots: 'site_session_slots', ...site };
  };

  /**
   * `columns` of the rows of `range` that match `scope` and `where`: one UNION ALL branch for the
   * whole months (month table) and one per edge (day table), each an index range scan.
   */
  const periodRows = (
    range: RangeParts,
    tables: { daily: string; monthly: string },
    scope: { sql: string; params: SqlValue[] },
    columns: string,
    where: string,
    whereParams: SqlValue[],
  ): { sql: string; params: SqlValue[] } => {
    const branches: string[] = [];
    const params: SqlValue[] = [];
    const branch = (table: string, period: string, first: string, last: string) => {
      branches.push(`SELECT ${columns} FROM ${table} WHERE ${period} >= ? AND ${period} <= ?${scope.sql} AND ${where}`);
      params.push(first, last, ...scope.params, ...whereParams);
    };
    if (range.months) branch(tables.monthly, 'month', ...range.months);
    for (const [first, last] of range.days) branch(tables.daily, 'day', first, last);
    // An empty range still yields a (rowless) query of the right shape.
    if (branches.length === 0) branch(tables.daily, 'day', '9999-12-31', '0000-01-01');
    return { sql: branches.join(' UNION ALL '), params };
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

  /** Session starts per day in scope (the day rollup: one row per day and site kind or station). */
  const sessionsPerDay = async (filter: DashboardFilter, scope: Scope): Promise<Totals[]> =>
    toTotals(
      await storage.all(
        `SELECT day AS key, SUM(events) AS events FROM ${scope.daily}
         WHERE type = 'session.started' AND day >= ? AND day <= ?${scope.sql} GROUP BY day`,
        [filter.from, filter.to, ...scope.params],
      ),
    );

  /** Session starts per site kind in scope. */
  const sessionsPerSite = async (range: RangeParts, scope: Scope): Promise<Totals[]> => {
    if (scope.daily === 'daily_site_totals') {
      const rows = periodRows(range, scope, scope, 'site_kind, events', "type = 'session.started'", []);
      return toTotals(
        await storage.all(
          `SELECT site_kind AS key, SUM(events) AS events FROM (${rows.sql}) t GROUP BY site_kind`,
          rows.params,
        ),
      );
    }
    const rows = periodRows(range, scope, scope, 'station_id, events', "type = 'session.started'", []);
    return toTotals(
      await storage.all(
        `SELECT s.site_kind AS key, SUM(t.events) AS events FROM (${rows.sql}) t JOIN stations s ON s.id = t.station_id
         GROUP BY s.site_kind`,
        rows.params,
      ),
    );
  };

  /** Sums per (type, dim) for every category figure, in one query. */
  const categories = async (range: RangeParts, scope: Scope): Promise<Record<CategoryType, Totals[]>> => {
    const rows = periodRows(
      range,
      scope,
      scope,
      'type, dim, events, sessions, seconds_sum',
      `type IN (${CATEGORY_TYPES.map(() => '?').join(', ')})`,
      [...CATEGORY_TYPES],
    );
    const sums = await storage.all<{ type: string; key: string; events: number; sessions: number; seconds: number }>(
      `SELECT type, dim AS key, SUM(events) AS events, SUM(sessions) AS sessions, SUM(seconds_sum) AS seconds
       FROM (${rows.sql}) t GROUP BY type, dim`,
      rows.params,
    );
    return Object.fromEntries(
      CATEGORY_TYPES.map((type) => [type, toTotals(sums.filter((r) => r.type === type))]),
    ) as Record<CategoryType, Totals[]>;
  };

  /** Session starts per station: the one figure that always needs station rows. */
  const perStationOf = async (filter: DashboardFilter, range: RangeParts): Promise<Totals[]> => {
    let sql = '';
    const params: SqlValue[] = [];
    if (filter.station) {
      sql += ' AND station_id = ?';
      params.push(filter.station);
    }
    if (filter.site) {
      sql += ' AND station_id IN (SELECT id FROM stations WHERE site_kind = ?)';
      params.push(filter.site);
    }
    const rows = periodRows(
      range,
      { daily: 'daily_totals', monthly: 'monthly_totals' },
      { sql, params },
      'station_id, events',
      "type = 'session.started'",
      [],
    );
    return toTotals(
      await storage.all(
        `SELECT station_id AS key, SUM(events) AS events FROM (${rows.sql}) t GROUP BY station_id`,
        rows.params,
      ),
    );
  };

  /** Slot sums (heatmap, session lengths) in scope, from the raw window's slot rollups. */
  const slotSums = (filter: DashboardFilter, scope: Scope, figure: string) =>
    storage.all<{ slot: number; n: number }>(
      `SELECT slot, SUM(events) AS n FROM ${scope.slots}
       WHERE figure = ? AND day >= ? AND day <= ?${scope.sql} GROUP BY slot ORDER BY slot`,
      [figure, filter.from, filter.to, ...scope.params],
    );

  return {
    /**
     * Every figure for `filter`, protected by `protection` (suppression.ts): small categories only
     * in `other`, counts rounded, visit zeros as 0.
     */
    async summary(filter: DashboardFilter, protection: SmallCountProtection): Promise<DashboardSummary> {
      const scope = scopeOf(filter);
      const range = splitIntoMonths(filter.from, filter.to);
      // Independent reads, started together: on PostgreSQL they run on several pooled connections.
      const [stations, perDay, perStation, perSite, byType, heat, lengthRows] = await Promise.all([
        storage.all<{ id: string; location: string; site_kind: string }>(
          'SELECT id, location, site_kind FROM stations ORDER BY id',
        ),
        sessionsPerDay(filter, scope),
        perStationOf(filter, range),
        sessionsPerSite(range, scope),
        categories(range, scope),
        slotSums(filter, scope, 'hour'),
        // Median from a per-minute histogram (reported as the middle of its minute): bounded in size.
        slotSums(filter, scope, 'length-minute'),
      ]);
      const locationOf = new Map(stations.map((s) => [s.id, s.location]));
      // Stations the filter covers, listed even without visits: a silent station is an operations fact.
      const inScope = stations.filter(
        (s) => (!filter.station || s.id === filter.station) && (!filter.site || s.site_kind === filter.site),
      );
      const services = byType['service.opened'];
      const languages = byType['language.chosen'];
      const modes = byType['accessibility.changed'].filter((m) => m.key.endsWith(':on'));
      const blocked = byType['navigation.blocked'];
      const helpByType = {
        requested: byType['help.requested'],
        answered: byType['help.answered'],
        cancelled: byType['help.cancelled'],
      };
      const heatByHour = new Map(heat.map((h) => [Number(h.slot), Number(h.n)]));
      const lengths = lengthRows.map((l) => ({ minute: Number(l.slot), n: Number(l.n) }));
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
