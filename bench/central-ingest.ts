/**
 * Ingest benchmark: 700 simulated stations upload batches of usage events over loopback to a
 * central this script starts itself, first on SQLite, then on PostgreSQL. Bounded: a fixed number
 * of batches per station and a time cap per run; it stops by itself.
 *
 * In the same run it measures a baseline (the team's "HTTP ingest" reference set-up): a bare fastify
 * POST of 100-event batches into a better-sqlite3 table with a UUIDv7 text key, 50 concurrent
 * connections, and prints our figure as a ratio of it.
 *
 *   npm run bench:ingest            (env BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/test)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { toMinuteTime } from '../protocol/events.ts';
import { createAccounts } from '../central/auth/accounts.ts';
import { realClock } from '../central/infrastructure/clock.ts';
import { centralMigrations } from '../central/storage/central-migrations.ts';
import { openStorage } from '../central/storage/open-storage.ts';
import { startCentral } from '../central/start-central.ts';

const STATIONS = 700;
const BATCHES_PER_STATION = 4;
const EVENTS_PER_BATCH = 100;
const CONCURRENCY = 50;
const DUPLICATE_SHARE = 0.1;
const TIME_CAP_MS = 60_000;
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface RunResult {
  label: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One station's batches: realistic event mix, ~10 % re-sent events (as after a lost reply). */
function makeBatches(): string[] {
  const batches: string[] = [];
  let previous: unknown[] = [];
  for (let b = 0; b < BATCHES_PER_STATION; b++) {
    const events: unknown[] = [];
    const resend = b === 0 ? 0 : Math.round(EVENTS_PER_BATCH * DUPLICATE_SHARE);
    events.push(...previous.slice(0, resend));
    while (events.length < EVENTS_PER_BATCH) {
      const sessionId = uuidv7();
      const at = toMinuteTime(Date.now() - Math.floor(Math.random() * 7 * 86400_000));
      events.push({ id: uuidv7(), type: 'session.started', at, sessionId });
      events.push({ id: uuidv7(), type: 'service.opened', at, sessionId, serviceId: 'kela' });
      events.push({ id: uuidv7(), type: 'language.chosen', at, sessionId, language: 'fi' });
      events.push({ id: uuidv7(), type: 'session.ended', at, sessionId, durationSeconds: 600, endedBy: 'idle' });
    }
    events.length = EVENTS_PER_BATCH;
    previous = events;
    batches.push(JSON.stringify({ batchId: uuidv7(), events }));
  }
  return batches;
}

function post(
  agent: Agent,
  url: URL,
  path: string,
  body: string,
  token: string,
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}

/** Sends every station's batches with CONCURRENCY requests in flight; stops at the time cap. */
async function drive(
  label: string,
  baseUrl: string,
  path: string,
  work: { token: string; body: string }[],
): Promise<RunResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < work.length && performance.now() - started < TIME_CAP_MS) {
      const item = work[next++]!;
      const { status, ms } = await post(agent, url, path, item.body, item.token);
      if (status !== 200) errors++;
      latencies.push(ms);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  const events = latencies.length * EVENTS_PER_BATCH;
  return { label, events, seconds, eventsPerSecond: events / seconds, p50: pct(50), p99: pct(99), errors };
}

/** Interleaves stations so consecutive requests come from different stations, as in the field. */
function workFor(tokens: string[]): { token: string; body: string }[] {
  const perStation = tokens.map((token) => ({ token, batches: makeBatches() }));
  const work: { token: string; body: string }[] = [];
  for (let b = 0; b < BATCHES_PER_STATION; b++)
    for (const s of perStation) work.push({ token: s.token, body: s.batches[b]! });
  return work;
}

async function benchCentral(label: string, db: string): Promise<RunResult> {
  const storage = await openStorage(db);
  await storage.migrate('central', centralMigrations);
  const accounts = createAccounts(storage, realClock());
  const tokens: string[] = [];
  for (let i = 0; i < STATIONS; i++)
    tokens.push((await accounts.addStation({ id: `bench-${i}`, location: `Bench ${i}`, siteKind: 'library' })).token);
  await storage.close();
  const central = await startCentral({ port: 0, db, config: { ingestRequestsPerMinute: 1000 } });
  try {
    return await drive(label, central.url, '/api/v1/ingest', workFor(tokens));
  } finally {
    await central.close();
  }
}

/** The "HTTP ingest" reference set-up, measured here and now. */
async function benchBaseline(dir: string): Promise<RunResult> {
  const db = new Database(join(dir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE events (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT OR IGNORE INTO events (id, body) VALUES (?, ?)');
  const insertAll = db.transaction((events: { id: string }[]) => {
    for (const e of events) insert.run(e.id, JSON.stringify(e));
  });
  const app = Fastify({ bodyLimit: 1024 * 1024 });
  app.post('/ingest', async (req) => {
    insertAll((req.body as { events: { id: string }[] }).events);
    return { ok: true };
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    return await drive(
      'baseline (bare fastify + better-sqlite3, UUIDv7)',
      address,
      '/ingest',
      workFor(Array.from({ length: STATIONS }, () => 'x')),
    );
  } finally {
    await app.close();
    db.close();
  }
}

function print(result: RunResult, baseline: RunResult | null): void {
  const ratio = baseline
    ? `  ratio vs baseline ${(result.eventsPerSecond / baseline.eventsPerSecond).toFixed(2)}x events/s, p50 ${(result.p50 / baseline.p50).toFixed(2)}x`
    : '';
  console.log(
    `${result.label.padEnd(52)} ${Math.round(result.eventsPerSecond).toString().padStart(7)} events/s  p50 ${result.p50.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  (${result.events} events in ${result.seconds.toFixed(1)} s, non-200: ${result.errors})${ratio}`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  console.log(
    `${STATIONS} stations x ${BATCHES_PER_STATION} batches x ${EVENTS_PER_BATCH} events, ${CONCURRENCY} concurrent, ${DUPLICATE_SHARE * 100}% re-sent events, loopback`,
  );
  try {
    const baseline = await benchBaseline(dir);
    print(baseline, null);
    print(await benchCentral('central on SQLite', join(dir, 'central.db')), baseline);
    const schema = `bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
    } catch (error) {
      console.log(`central on PostgreSQL: skipped, ${PG_URL} not reachable (${(error as Error).message})`);
      return;
    }
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      print(
        await benchCentral(
          'central on PostgreSQL',
          `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        ),
        baseline,
      );
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
    console.log('published reference (autocannon, 20 s, faster machine): UUIDv7 ≈ 137k events/s, p50 32 ms');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
