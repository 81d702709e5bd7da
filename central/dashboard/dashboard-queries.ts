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
import type { DashboardFilter, DashboardSummary } from '../../protocol/dashboard.ts';
import type { SqlValue, Storage } from '../storage/storage.ts';
import type { SmallCountProtection } from './suppression.ts';
import { assembleSummary, type Totals } from './summary-assembly.ts';

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
      return assembleSummary(filter, protection, {
        stations,
        perDay,
        perStation,
        perSite,
        services: byType['service.opened'],
        languages: byType['language.chosen'],
        modes: byType['accessibility.changed'].filter((m) => m.key.endsWith(':on')),
        blocked: byType['navigation.blocked'],
        helpByType: {
          requested: byType['help.requested'],
          answered: byType['help.answered'],
          cancelled: byType['help.cancelled'],
        },
        heatByHour: new Map(heat.map((h) => [Number(h.slot), Number(h.n)])),
        lengths: lengthRows.map((l) => ({ minute: Number(l.slot), n: Number(l.n) })),
      });
    },
  };
}

export type DashboardQueries = ReturnType<typeof createDashboardQueries>;

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
