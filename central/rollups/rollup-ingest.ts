/**
 * The statements of one ingest transaction: store the new events and add them to the rollups the
 * dashboard reads (ADR 0008). Generic over (type, dim): every event type that maps to a row of
 * `events` (ingest/event-rows.ts) is counted without code here.
 *
 * Counting rules, the same as a GROUP BY over the raw events (rollups.test.ts checks it):
 * - events: only rows that were really inserted (a re-sent event id adds nothing);
 * - sessions: COUNT(DISTINCT session_id) per (day, station, type, dim): a key counts the first time
 *   `rollup_session_firsts` takes it, whichever batch brings it;
 * - seconds: the sum of `seconds` of inserted rows;
 * - site rows add the same deltas under the station's site kind; slots count session starts per
 *   hour of week and session lengths per minute, for the raw window only;
 * - month rows add the same deltas as the day rows, under the day's month (`YYYY-MM`): a month row
 *   is always the sum of its days' rows, sessions included (a visit counted on two days of a month
 *   counts twice there, as summing the days always did).
 *
 * Rows and keys are sorted before each statement so concurrent transactions on PostgreSQL take row
 * locks in the same order and never deadlock on a shared site row.
 */
import type { SqlValue } from '../storage/storage.ts';
import type { SqlStep, SqlSteps } from './sql-steps.ts';

/** An event row in `EVENT_COLUMNS` order, as ingest/event-rows.ts builds it. */
export interface RollupEventRow {
  id: string;
  stationId: string;
  type: string;
  day: string;
  hourOfWeek: number;
  sessionId: string | null;
  dim: string;
  seconds: number | null;
}

/** Primary keys of the rollup tables (central-migrations.ts, versions 4 and 5), the upserts' conflict targets. */
const TOTALS_KEYS: Record<string, string> = {
  daily_totals: 'day, station_id, type, dim',
  daily_site_totals: 'type, day, site_kind, dim',
  monthly_totals: 'station_id, type, month, dim',
  monthly_site_totals: 'type, month, site_kind, dim',
  session_slots: 'station_id, figure, day, slot',
  site_session_slots: 'figure, day, site_kind, slot',
};

/** Reads the columns the rollups need from a row laid out as `columns`. */
export function rollupRowReader(columns: readonly string[]): (row: readonly SqlValue[]) => RollupEventRow {
  const at = (name: string): number => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`event rows lack the column ${name}`);
    return index;
  };
  const [id, station, type, day, hour, session, dim, seconds] = [
    'id',
    'station_id',
    'type',
    'day',
    'hour_of_week',
    'session_id',
    'dim',
    'seconds',
  ].map(at) as [number, number, number, number, number, number, number, number];
  return (row) => ({
    id: String(row[id]),
    stationId: String(row[station]),
    type: String(row[type]),
    day: String(row[day]),
    hourOfWeek: Number(row[hour]),
    sessionId: row[session] === null || row[session] === undefined ? null : String(row[session]),
    dim: String(row[dim]),
    seconds: row[seconds] === null || row[seconds] === undefined ? null : Number(row[seconds]),
  });
}

/** The slot figures kept per day (raw window only): which event type, and its slot. */
export const SLOT_FIGURES = {
  /** Session starts per hour of week (the heatmap). */
  hour: { type: 'session.started', slot: (row: RollupEventRow) => row.hourOfWeek },
  /** Session lengths per whole minute (the median's histogram). */
  'length-minute': {
    type: 'session.ended',
    slot: (row: RollupEventRow) => (row.seconds === null ? null : Math.floor(row.seconds / 60)),
  },
} as const;

/** The month (`YYYY-MM`) of a day (`YYYY-MM-DD`): the key of the month rollups. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** Rows per multi-row statement: a whole batch (500 events) in one, under both parameter limits. */
const ROWS_PER_STATEMENT = 500;

/** Splits `items` into chunks of at most ROWS_PER_STATEMENT. */
export function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT)
    yield items.slice(start, start + ROWS_PER_STATEMENT);
}

const tuples = (count: number, width: number): string =>
  Array.from({ length: count }, () => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ');

interface Delta {
  events: number;
  sessions: number;
  seconds: number;
}

/** Sum deltas per key, keys sorted. */
class Deltas {
  private readonly map = new Map<string, { key: SqlValue[]; delta: Delta }>();
  add(key: SqlValue[], delta: Partial<Delta>): void {
    const name = JSON.stringify(key);
    let entry = this.map.get(name);
    if (!entry) {
      entry = { key, delta: { events: 0, sessions: 0, seconds: 0 } };
      this.map.set(name, entry);
    }
    entry.delta.events += delta.events ?? 0;
    entry.delta.sessions += delta.sessions ?? 0;
    entry.delta.seconds += delta.seconds ?? 0;
  }
  sorted(): { key: SqlValue[]; delta: Delta }[] {
    return [...this.map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
  }
}

/**
 * Inserts `rows` (one station's, ids unique within the batch) into `events` skipping stored ids,
 * and adds the inserted ones to every rollup. Returns how many were inserted.
 */
export function* ingestSteps(
  stationId: string,
  columns: readonly string[],
  rows: readonly SqlValue[][],
): SqlSteps<number> {
  if (rows.length === 0) return 0;
  const toRollupRow = rollupRowReader(columns);
  const [station] = yield { sql: 'SELECT site_kind FROM stations WHERE id = ?', params: [stationId] };
  if (typeof station?.site_kind !== 'string') throw new Error(`station ${stationId} is not registered`);
  const siteKind = station.site_kind;

  const idIndex = columns.indexOf('id');
  const byId = new Map(rows.map((row) => [String(row[idIndex]), row]));
  const sortedRows = [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  const inserted: RollupEventRow[] = [];
  for (const chunk of chunks(sortedRows)) {
    const returned = yield {
      sql: `INSERT INTO events (${columns.join(', ')}) VALUES ${tuples(chunk.length, columns.length)} ON CONFLICT (id) DO NOTHING RETURNING id`,
      params: chunk.flat(),
    };
    for (const r of returned) {
      const row = byId.get(String(r.id));
      if (row) inserted.push(toRollupRow(row));
    }
  }
  if (inserted.length === 0) return 0;

  // First sightings of (station, day, type, dim, session): each one taken adds a session.
  const firstKeys = new Map<string, SqlValue[]>();
  for (const row of inserted) {
    if (row.sessionId === null) continue;
    const key = [row.sessionId, stationId, row.day, row.type, row.dim];
    firstKeys.set(JSON.stringify(key), key);
  }
  const sessionsTaken = new Map<string, number>();
  const keyName = (day: unknown, type: unknown, dim: unknown) => JSON.stringify([day, type, dim]);
  const sortedFirsts = [...firstKeys.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, key]) => key);
  for (const chunk of chunks(sortedFirsts)) {
    const taken = yield {
      sql: `INSERT INTO rollup_session_firsts (session_id, station_id, day, type, dim) VALUES ${tuples(chunk.length, 5)} ON CONFLICT DO NOTHING RETURNING day, type, dim`,
      params: chunk.flat(),
    };
    for (const t of taken) {
      const name = keyName(t.day, t.type, t.dim);
      sessionsTaken.set(name, (sessionsTaken.get(name) ?? 0) + 1);
    }
  }

  const totals = new Deltas();
  const slots = new Deltas();
  for (const row of inserted) totals.add([row.day, row.type, row.dim], { events: 1, seconds: row.seconds ?? 0 });
  for (const [name, count] of sessionsTaken) totals.add(JSON.parse(name) as SqlValue[], { sessions: count });
  for (const [figure, { type, slot }] of Object.entries(SLOT_FIGURES)) {
    for (const row of inserted) {
      const value = row.type === type ? slot(row) : null;
      if (value !== null) slots.add([row.day, figure, value], { events: 1 });
    }
  }

  // Month rows: the day deltas summed under their month, so a month row stays the sum of its days.
  const months = new Deltas();
  for (const { key, delta } of totals.sorted()) months.add([monthOf(String(key[0])), key[1]!, key[2]!], delta);

  // Station rows first, the site rows every station shares last: on PostgreSQL their row locks
  // are then held only for the last statements before COMMIT.
  const sortedTotals = totals.sorted();
  const sortedMonths = months.sorted();
  const sortedSlots = slots.sorted();
  const totalsUpsert = (
    table: string,
    periodColumn: 'day' | 'month',
    scopeColumn: string,
    scope: string,
    chunk: typeof sortedTotals,
  ): SqlStep => ({
    sql: `INSERT INTO ${table} (${periodColumn}, ${scopeColumn}, type, dim, events, sessions, seconds_sum) VALUES ${tuples(chunk.length, 7)}
          ON CONFLICT (${TOTALS_KEYS[table]}) DO UPDATE SET events = ${table}.events + excluded.events,
          sessions = ${table}.sessions + excluded.sessions, seconds_sum = ${table}.seconds_sum + excluded.seconds_sum`,
    params: chunk.flatMap(({ key: [period, type, dim], delta }) => [
      period ?? null,
      scope,
      type ?? null,
      dim ?? null,
      delta.events,
      delta.sessions,
      delta.seconds,
    ]),
  });
  const slotsUpsert = (table: string, scopeColumn: string, scope: string, chunk: typeof sortedSlots): SqlStep => ({
    sql: `INSERT INTO ${table} (day, ${scopeColumn}, figure, slot, events) VALUES ${tuples(chunk.length, 5)}
          ON CONFLICT (${TOTALS_KEYS[table]}) DO UPDATE SET events = ${table}.events + excluded.events`,
    params: chunk.flatMap(({ key: [day, figure, slot], delta }) => [
      day ?? null,
      scope,
      figure ?? null,
      slot ?? null,
      delta.events,
    ]),
  });
  for (const chunk of chunks(sortedTotals)) yield totalsUpsert('daily_totals', 'day', 'station_id', stationId, chunk);
  for (const chunk of chunks(sortedMonths))
    yield totalsUpsert('monthly_totals', 'month', 'station_id', stationId, chunk);
  for (const chunk of chunks(sortedSlots)) yield slotsUpsert('session_slots', 'station_id', stationId, chunk);
  for (const chunk of chunks(sortedTotals))
    yield totalsUpsert('daily_site_totals', 'day', 'site_kind', siteKind, chunk);
  for (const chunk of chunks(sortedSlots)) yield slotsUpsert('site_session_slots', 'site_kind', siteKind, chunk);
  // The month site rows are the hottest (every station of a kind, a whole month): last of all.
  for (const chunk of chunks(sortedMonths))
    yield totalsUpsert('monthly_site_totals', 'month', 'site_kind', siteKind, chunk);
  return inserted.length;
}
