/**
 * Fleet heartbeat benchmark (issue 13): 700 stations send heartbeats over loopback HTTP to a central
 * this script builds itself, on SQLite and on PostgreSQL. Central runs on a manual clock that the
 * script moves one minute per round, so 15 simulated minutes of heartbeats (each station one
 * interval beat a minute, a tenth of them also a reset beat, as a visitor leaves) take seconds and
 * the history sampling behaves as in production. Prints requests/s, p50/p95 latency, rows written
 * per simulated minute, and the alert run and a city-wide override check over 700 stations.
 *
 * Baseline measured in the same run: a bare fastify route that validates nothing and UPSERTs one
 * row per request into a better-sqlite3 table, the least any "one row per station" design costs.
 *
 *   npm run bench:fleet            (env BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/test)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import type { Heartbeat } from '../protocol/fleet.ts';
import { createTestCentral, manualClock } from '../central/testing/test-app.ts';
import { storageTargets } from '../central/testing/storage-targets.ts';

const STATIONS = 700;
const MINUTES = 15;
const RESET_SHARE = 0.1;
const CONCURRENCY = 50;

const body = (reason: Heartbeat['reason']): Heartbeat => ({
  reason,
  appVersion: '0.1.0',
  host: 'electron',
  state: 'idle',
  outOfOrderCause: null,
  config: { source: 'flag', hash: 'c'.repeat(64), appliedVersion: 0, rejected: null },
  uptimeSeconds: 3600,
  sessionsSinceStart: 3,
  lastReset: 'ok',
  exitsSinceLastReport: {},
  crashesSinceLastReport: 0,
  freeDiskMb: 40_000,
  freeMemoryMb: 3_000,
  central: { reachable: true, queueBacklog: 0 },
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Sends `jobs` with CONCURRENCY in flight; returns each request's latency in ms. */
async function drive(jobs: { url: string; headers: Record<string, string>; payload: string }[]): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const started = performance.now();
      const response = await fetch(job.url, { method: 'POST', headers: job.headers, body: job.payload });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`heartbeat answered ${response.status}`);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return latencies;
}

interface Figures {
  label: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  rowsPerMinute?: number;
  historyPerMinute?: number;
}

async function runCentral(
  target: (typeof storageTargets)[number],
): Promise<Figures & { alertMs: number; overrideMs: number }> {
  const opened = await target.open();
  const clock = manualClock(Date.parse('2026-11-23T10:00:00Z'));
  const central = await createTestCentral({ storage: opened.storage, clock });
  try {
    const url = `${await central.listen()}/api/v1/fleet/station/heartbeat`;
    const tokens: string[] = [];
    for (let i = 0; i < STATIONS; i++) tokens.push(await central.addStation(`site${Math.floor(i / 5)}-${i % 5}`));
    const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    // Minute 0: every station starts (not timed: a cold start of the fleet, not the steady state).
    await drive(tokens.map((t) => ({ url, headers: headers(t), payload: JSON.stringify(body('start')) })));
    const count = async (table: string) =>
      Number((await opened.storage.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n);
    const historyBefore = await count('fleet_health_history');
    const latencies: number[] = [];
    let seconds = 0;
    for (let minute = 1; minute <= MINUTES; minute++) {
      clock.advance(60_000);
      const jobs = tokens.map((t) => ({ url, headers: headers(t), payload: JSON.stringify(body('interval')) }));
      tokens.forEach((t, i) => {
        if ((i + minute) % Math.round(1 / RESET_SHARE) === 0)
          jobs.push({ url, headers: headers(t), payload: JSON.stringify(body('reset')) });
      });
      const started = performance.now();
      latencies.push(...(await drive(jobs)));
      seconds += (performance.now() - started) / 1000;
    }
    const history = (await count('fleet_health_history')) - historyBefore;
    latencies.sort((a, b) => a - b);
    const alertStarted = performance.now();
    await central.services.fleetAlerts.evaluate();
    const alertMs = performance.now() - alertStarted;
    const overrideStarted = performance.now();
    const result = await central.services.fleet.setOverrides(
      { level: 'city', target: '', overrides: { idle: { idleWarningAfterSeconds: 240 } } },
      'bench',
    );
    const overrideMs = performance.now() - overrideStarted;
    if (!result.ok) throw new Error(`override refused: ${JSON.stringify(result.problems)}`);
    return {
      label: `central fleet heartbeat (${target.name})`,
      requests: latencies.length,
      perSecond: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      // Each heartbeat updates its station's one row; history rows come on top.
      rowsPerMinute: (latencies.length + history) / MINUTES,
      historyPerMinute: history / MINUTES,
      alertMs,
      overrideMs,
    };
  } finally {
    await central.close();
    await opened.dispose();
  }
}

async function runBaseline(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-baseline-'));
  const db = new Database(join(dir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE beats (station_id TEXT PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)');
  const upsert = db.prepare(
    'INSERT INTO beats (station_id, at, body) VALUES (?, ?, ?) ON CONFLICT (station_id) DO UPDATE SET at = excluded.at, body = excluded.body',
  );
  const app = Fastify();
  app.post<{ Params: { id: string } }>('/beat/:id', async (request) => {
    upsert.run(request.params.id, Date.now(), JSON.stringify(request.body));
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  try {
    const jobs = Array.from({ length: STATIONS * MINUTES * (1 + RESET_SHARE) }, (_, i) => ({
      url: `http://127.0.0.1:${port}/beat/s${i % STATIONS}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body('interval')),
    }));
    const started = performance.now();
    const latencies = (await drive(jobs)).sort((a, b) => a - b);
    const seconds = (performance.now() - started) / 1000;
    return {
      label: 'baseline: bare fastify + one SQLite upsert',
      requests: latencies.length,
      perSecond: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
    };
  } finally {
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const baseline = await runBaseline();
const runs = [];
for (const target of storageTargets) runs.push(await runCentral(target));
const fmt = (n: number) => n.toFixed(1);
console.log(
  `\n${STATIONS} stations, ${MINUTES} simulated minutes (one interval heartbeat each a minute, ${RESET_SHARE * 100} % also a reset heartbeat), ${CONCURRENCY} in flight\n`,
);
console.log(
  `${baseline.label}: ${fmt(baseline.perSecond)} req/s, p50 ${fmt(baseline.p50)} ms, p95 ${fmt(baseline.p95)} ms`,
);
for (const run of runs) {
  console.log(
    `${run.label}: ${fmt(run.perSecond)} req/s (${fmt(run.perSecond / baseline.perSecond)}× baseline), p50 ${fmt(run.p50)} ms, p95 ${fmt(run.p95)} ms (${fmt(run.p95 / baseline.p95)}× baseline)`,
  );
  console.log(
    `  needed at ${STATIONS} stations: ${fmt((STATIONS * (1 + RESET_SHARE)) / 60)} req/s; rows written per minute: ${fmt(run.rowsPerMinute!)} (${fmt(STATIONS * (1 + RESET_SHARE))} station-row updates + ${fmt(run.historyPerMinute!)} history inserts)`,
  );
  console.log(
    `  alert run over ${STATIONS} stations: ${fmt(run.alertMs)} ms; city-wide override checked for ${STATIONS} stations: ${fmt(run.overrideMs)} ms`,
  );
}
