/**
 * Dashboard benchmark (issue 12): builds a city's year of usage through central's own ingest
 * service (the function `POST /api/v1/ingest` calls: same validation, same transaction, same
 * rollups), each station uploading a week at a time on a manual clock that walks the year, several
 * uploads in flight at once; runs the real retention job as it goes so older days exist only as
 * totals; then times the dashboard summary for the issue's four filters on SQLite and PostgreSQL.
 * The route itself is only timed for one round per filter: at city size HTTP's JSON parsing of
 * 23 M events, not the product's ingest, would be what the build measures.
 *
 * "Before" is the previous query module (central/dashboard/raw-event-queries.ts, raw events grouped per
 * request) timed on the same data in the same run; "after" is central's module reading the
 * rollups. Both are called the same way (no HTTP), with the same small-count protection; one HTTP
 * round of the route is printed too. Rows touched per query: PostgreSQL's EXPLAIN ANALYZE (rows
 * read by every scan node), SQLite's query plan (which index each query searches).
 *
 * The built data is kept (SQLite file `--sqlite-file`, PostgreSQL database `--pg-database`), so
 * `--reuse` times the queries again without rebuilding; opening them applies any newer migration.
 *
 *   npm run bench:dashboard                                    (a small city: 70 stations, 365 days)
 *   npm run bench:dashboard -- --stations 700 --days 365       (the issue's size; slow to build)
 *   options: --stations N --days N --sessions N (per station and day) --rounds N (after) --before-rounds N
 *            --db sqlite|postgres|both --reuse --build-only --parallel N (uploads in flight) --step-days N (7)
 *            --sqlite-file PATH (/tmp/bench-dashboard.db) --pg-database NAME (bench_dashboard)
 *            env BENCH_PG_URL (an existing database to connect to first; default postgres://postgres@127.0.0.1:5432/test)
 */
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { DashboardFilter } from '../protocol/dashboard.ts';
import { ACCESSIBILITY_MODES, HELP_TOPICS, LANGUAGES, toMinuteTime } from '../protocol/events.ts';
import type { SiteKind } from '../central/auth/accounts.ts';
import { createDashboardQueries } from '../central/dashboard/dashboard-queries.ts';
import { createSmallCountProtection } from '../central/dashboard/suppression.ts';
import { createIngestService } from '../central/ingest/ingest-service.ts';
import { createLocalSlots, localDayMinus } from '../central/ingest/local-time.ts';
import { createRetention } from '../central/retention/retention.ts';
import { centralMigrations } from '../central/storage/central-migrations.ts';
import { openPostgresStorage } from '../central/storage/postgres-storage.ts';
import { openSqliteStorage } from '../central/storage/sqlite-storage.ts';
import type { SqlValue, Storage } from '../central/storage/storage.ts';
import { createTestCentral, manualClock } from '../central/testing/test-app.ts';
import { createBeforeDashboardQueries } from '../central/dashboard/raw-event-queries.ts';

const { values: args } = parseArgs({
  options: {
    stations: { type: 'string', default: '70' },
    days: { type: 'string', default: '365' },
    sessions: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '20' },
    'before-rounds': { type: 'string', default: '5' },
    db: { type: 'string', default: 'both' },
    reuse: { type: 'boolean', default: false },
    'build-only': { type: 'boolean', default: false },
    parallel: { type: 'string', default: '4' },
    'step-days': { type: 'string', default: '7' },
    'sqlite-file': { type: 'string', default: '/tmp/bench-dashboard.db' },
    'pg-database': { type: 'string', default: 'bench_dashboard' },
  },
});
const STATIONS = Number(args.stations);
const DAYS = Number(args.days);
const SESSIONS_PER_DAY = Number(args.sessions);
const ROUNDS = Number(args.rounds);
const BEFORE_ROUNDS = Number(args['before-rounds']);
const RETENTION_DAYS = 90;
/** Uploads in flight at once while building the data (PostgreSQL runs them on as many connections). */
const PARALLEL = Number(args.parallel);
/** Days each station uploads at once while building the data (fewer, larger transactions when higher). */
const STEP_DAYS = Number(args['step-days']);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DAY_MS = 86_400_000;
// The last simulated day: Sunday 2026-11-29, 21:00 in Helsinki; each day's visits end before this hour.
const LAST_EVENING = Date.parse('2026-11-29T19:00:00Z');

/** A seeded generator: every run and both databases get the same city. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SITES: [SiteKind, number][] = [
  ['library', 0.45],
  ['community-house', 0.25],
  ['senior-centre', 0.15],
  ['service-centre', 0.15],
];
const SERVICES = Array.from({ length: 30 }, (_, i) => `service-${i + 1}`);
// Finnish most of the time, every other language now and then.
const LANGUAGE_PICKS = [...LANGUAGES, 'fi', 'fi', 'fi', 'fi'];

/** One station's visits of one day, ~6 events each: the issue's profile. */
function dayOfVisits(random: () => number, dayStart: number): Record<string, unknown>[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  // Services by a skewed popularity: a few are opened much more often than the rest.
  const service = () => SERVICES[Math.floor(random() ** 2 * SERVICES.length)] as string;
  const events: Record<string, unknown>[] = [];
  for (let s = 0; s < SESSIONS_PER_DAY; s++) {
    const sessionId = uuidv7();
    let at = dayStart + (9 + random() * 10) * 3600_000;
    const add = (fields: Record<string, unknown>) => {
      events.push({ id: uuidv7(), at: toMinuteTime(at), sessionId, ...fields });
      at += 3 * 60_000;
    };
    add({ type: 'session.started' });
    add({ type: 'language.chosen', language: pick(LANGUAGE_PICKS) });
    add({ type: 'service.opened', serviceId: service() });
    if (random() < 0.6) add({ type: 'service.opened', serviceId: service() });
    if (random() < 0.2) add({ type: 'accessibility.changed', mode: pick(ACCESSIBILITY_MODES), enabled: true });
    if (random() < 0.08) add({ type: 'navigation.blocked', serviceId: service() });
    if (random() < 0.1) {
      const topic = pick(HELP_TOPICS);
      add({ type: 'help.requested', topic });
      add({
        type: random() < 0.85 ? 'help.answered' : 'help.cancelled',
        topic,
        waitSeconds: Math.floor(random() * 600),
      });
    }
    add({
      type: 'session.ended',
      durationSeconds: Math.floor(300 + random() * 2400),
      endedBy: pick(['idle', 'visitor']),
    });
  }
  return events;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const ms = (n: number) => `${n < 100 ? n.toFixed(1) : Math.round(n)} ms`;

async function timeIt(rounds: number, run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run(); // warm: statement caches, pages
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** Records every SQL statement a storage runs, to explain a summary's queries one by one. */
function recording(storage: Storage): { storage: Storage; statements: { sql: string; params: readonly SqlValue[] }[] } {
  const statements: { sql: string; params: readonly SqlValue[] }[] = [];
  const wrapped: Storage = {
    ...storage,
    all: (sql, params = []) => {
      statements.push({ sql, params });
      return storage.all(sql, params);
    },
    get: (sql, params = []) => {
      statements.push({ sql, params });
      return storage.get(sql, params);
    },
  };
  return { storage: wrapped, statements };
}

interface PlanNode {
  'Node Type': string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Rows read by every scan node of a PostgreSQL plan (returned and filtered out). */
function rowsScanned(node: PlanNode): number {
  const own = /Scan/.test(node['Node Type'])
    ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1)
    : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsScanned(child), 0);
}

async function explain(storage: Storage, sql: string, params: readonly SqlValue[]): Promise<string> {
  const summary = sql.replace(/\s+/g, ' ').trim().slice(0, 70);
  if (storage.handle.kind === 'postgres') {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    const result = await storage.handle.pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, params as SqlValue[]);
    const plan = (result.rows[0] as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]!.Plan;
    return `${String(rowsScanned(plan)).padStart(9)} rows  ${summary}`;
  }
  const plan = storage.handle.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return `${plan
    .map((p) => p.detail.replace(/\s+/g, ' '))
    .join('; ')
    .slice(0, 110)}  ← ${summary.slice(0, 40)}`;
}

/** Opens the kept database of `kind`, fresh unless reused; undefined when PostgreSQL is not reachable. */
async function openBenchStorage(
  kind: 'sqlite' | 'postgres',
): Promise<{ storage: Storage; existed: boolean; dispose: () => Promise<void> } | undefined> {
  if (kind === 'sqlite') {
    const file = args['sqlite-file'];
    const existed = existsSync(file);
    if (existed && !args.reuse) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    const storage = openSqliteStorage(file);
    return { storage, existed: existed && args.reuse, dispose: () => storage.close() };
  }
  const database = args['pg-database'];
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error('--pg-database must be a plain identifier');
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL skipped: not reachable at ${PG_URL} (${(error as Error).message})`);
    return undefined;
  }
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  const existed = found.rowCount === 1 && args.reuse;
  if (!existed) {
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
  }
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${database}`;
  const storage = openPostgresStorage(url.toString(), { maxConnections: Math.max(4, PARALLEL) });
  return { storage, existed, dispose: () => storage.close() };
}

/**
 * Builds the city through the ingest service on a clock that walks the year (STEP_DAYS at a time;
 * each station then uploads those days, as a station does after a few days offline), running the
 * real retention job after each step. Returns the events accepted.
 */
async function buildCity(
  kind: string,
  storage: Storage,
  clock: ReturnType<typeof manualClock>,
  stationIds: readonly string[],
  random: () => number,
): Promise<number> {
  const ingest = createIngestService({ storage, clock, retentionDays: RETENTION_DAYS });
  const retention = createRetention({ storage, clock, retentionDays: RETENTION_DAYS });
  const built = performance.now();
  let events = 0;
  for (let d = 0; d < DAYS; d += STEP_DAYS) {
    const stepDays = Math.min(STEP_DAYS, DAYS - d);
    clock.advance((stepDays - 1) * DAY_MS);
    // Generated in station order (the seeded city is the same on both databases), uploaded by
    // PARALLEL producers.
    const uploads = stationIds.map((stationId) => {
      const stationEvents: Record<string, unknown>[] = [];
      for (let back = stepDays - 1; back >= 0; back--) {
        const dayStart = clock.now() - back * DAY_MS - 21 * 3600_000; // ~00:00 in Helsinki
        stationEvents.push(...dayOfVisits(random, dayStart).filter((e) => Date.parse(e.at as string) <= clock.now()));
      }
      return { stationId, events: stationEvents };
    });
    let next = 0;
    const producer = async () => {
      while (next < uploads.length) {
        const upload = uploads[next++]!;
        const reply = await ingest.ingest(upload.stationId, { batchId: uuidv7(), events: upload.events });
        if (reply.rejected.length > 0) throw new Error(`ingest rejected: ${JSON.stringify(reply.rejected[0])}`);
        events += reply.accepted;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, producer));
    // The real retention job, as central runs it (hourly there; after each step here).
    await retention.runOnce();
    if (Math.floor((d + stepDays) / 28) > Math.floor(d / 28))
      console.log(
        `  ${kind}: day ${d + stepDays}/${DAYS}, ${events} events ingested, ${Math.round(events / ((performance.now() - built) / 1000))} events/s`,
      );
    if (d + stepDays < DAYS) clock.advance(DAY_MS);
  }
  return events;
}

async function benchOne(kind: 'sqlite' | 'postgres'): Promise<void> {
  const opened = await openBenchStorage(kind);
  if (!opened) return;
  const { storage, existed, dispose } = opened;
  // A newer migration's backfill over a city's kept rows takes longer than fastify's 10 s plugin
  // timeout at boot, so reused data is migrated first, without a timeout.
  if (existed) await storage.migrate('central', centralMigrations);
  const clock = manualClock(existed ? LAST_EVENING : LAST_EVENING - (DAYS - 1) * DAY_MS);
  const central = await createTestCentral({
    storage,
    clock,
    config: { retentionDays: RETENTION_DAYS, ingestRequestsPerMinute: 100_000 },
  });
  try {
    const slots = createLocalSlots();
    const count = async (table: string) =>
      Number((await storage.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n);
    const built = performance.now();
    if (existed) {
      console.log(`${kind}: reusing the kept data (${kind === 'sqlite' ? args['sqlite-file'] : args['pg-database']})`);
      // Tables a newer migration just filled have no planner statistics yet.
      if (storage.handle.kind === 'postgres') await storage.handle.pool.query('ANALYZE');
      else storage.handle.db.exec('ANALYZE');
    } else {
      const random = seeded(12);
      const stationIds: string[] = [];
      for (let i = 0; i < STATIONS; i++) {
        let r = random();
        const site = SITES.find(([, share]) => (r -= share) < 0)?.[0] ?? 'library';
        const id = `station-${String(i + 1).padStart(3, '0')}`;
        await central.addStation(id, { siteKind: site });
        stationIds.push(id);
      }
      const events = await buildCity(kind, storage, clock, stationIds, random);
      console.log(
        `${kind}: ${STATIONS} stations × ${DAYS} days × ${SESSIONS_PER_DAY} sessions/day built through ingest ` +
          `(${PARALLEL} in flight) in ${Math.round((performance.now() - built) / 1000)} s: ${events} events ingested, ` +
          `${Math.round(events / ((performance.now() - built) / 1000))} events/s`,
      );
      if (storage.handle.kind === 'postgres') await storage.handle.pool.query('VACUUM ANALYZE');
      else storage.handle.db.exec('ANALYZE');
    }
    const tables = [
      'events',
      'daily_totals',
      'daily_site_totals',
      'rollup_session_firsts',
      'session_slots',
      'site_session_slots',
      'monthly_totals',
      'monthly_site_totals',
    ];
    const counts = [];
    for (const table of tables) counts.push(`${table} ${await count(table)}`);
    console.log(
      `${kind}: rows now: ${counts.join(', ')}; daily_totals folded (before the raw window): ` +
        `${await count(`daily_totals WHERE day < '${localDayMinus(slots, clock.now(), RETENTION_DAYS)}'`)}`,
    );
    if (args['build-only']) return;

    const today = slots(clock.now()).day;
    const rawFrom = localDayMinus(slots, clock.now(), RETENTION_DAYS);
    const library = (
      await storage.get<{ id: string }>("SELECT id FROM stations WHERE site_kind = 'library' ORDER BY id")
    )?.id;
    const filters: [string, DashboardFilter][] = [
      ['city-wide 30 d', { from: localDayMinus(slots, clock.now(), 29), to: today }],
      ['city-wide 365 d', { from: localDayMinus(slots, clock.now(), 364), to: today }],
      ['one station 365 d', { from: localDayMinus(slots, clock.now(), 364), to: today, station: library }],
      ['libraries 90 d', { from: localDayMinus(slots, clock.now(), 89), to: today, site: 'library' }],
    ];
    const protection = (filter: DashboardFilter) =>
      createSmallCountProtection('bench-secret', `station=${filter.station ?? ''}&site=${filter.site ?? ''}`);
    const after = createDashboardQueries(storage);
    const before = createBeforeDashboardQueries(storage, rawFrom);
    // A fresh name per run: a reused database already holds earlier runs' coordinators. (Not the wall
    // clock: this bench's time is the manual clock that walked the year.)
    const coordinator = await central.login('coordinator', `coordinator-${randomUUID().slice(0, 8)}`);
    for (const [label, filter] of filters) {
      const a = await timeIt(ROUNDS, () => after.summary(filter, protection(filter)));
      const b =
        BEFORE_ROUNDS > 0 ? await timeIt(BEFORE_ROUNDS, () => before.summary(filter, protection(filter))) : null;
      const query = new URLSearchParams({ from: filter.from, to: filter.to });
      if (filter.station) query.set('station', filter.station);
      if (filter.site) query.set('site', filter.site);
      const http = await timeIt(3, () =>
        central.app.inject({
          method: 'GET',
          url: `/api/v1/dashboard/summary?${query.toString()}`,
          headers: { cookie: coordinator.cookie },
        }),
      );
      console.log(
        `${kind} ${label.padEnd(18)} after (rollups, n=${ROUNDS}): p50 ${ms(a.p50)}, p95 ${ms(a.p95)}` +
          (b
            ? `   before (raw GROUP BY, same run, n=${BEFORE_ROUNDS}): p50 ${ms(b.p50)}, p95 ${ms(b.p95)} → ratio ${(a.p95 / b.p95).toFixed(3)}x (${(b.p95 / a.p95).toFixed(0)}× faster)`
            : '') +
          `   route GET /summary p50 ${ms(http.p50)}`,
      );
      const recorded = recording(storage);
      await createDashboardQueries(recorded.storage).summary(filter, protection(filter));
      for (const statement of recorded.statements)
        console.log(`    ${await explain(storage, statement.sql, statement.params)}`);
    }
  } finally {
    await central.close();
    await dispose();
  }
}

const targets = args.db === 'both' ? (['sqlite', 'postgres'] as const) : ([args.db as 'sqlite' | 'postgres'] as const);
for (const target of targets) await benchOne(target);
