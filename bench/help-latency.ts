/**
 * Help latency on loopback: (1) a station's POST /requests → the request visible on an advisor
 * console's SSE stream, and (2) an advisor's claim → the claim visible on the station's SSE stream.
 * 200 requests each, p50/p95/p99, next to the in-run "live push" baseline from
 * /work/shared/reference/baselines.md (bare Node SSE server, POST → broadcast to one client).
 *
 * `--replicas`: the same two paths across real central processes on one fresh PostgreSQL schema
 * (issue 12): one replica serving station and console (the single-process figure), then two, the
 * station on A and the console on B, so the request travels A → PostgreSQL NOTIFY → B and the
 * claim B → A; prints the ratio of two replicas to one, measured in the same run. Stops by itself.
 *
 *   npm run bench:help [-- --requests 200] [-- --replicas]
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { HELP_CONSOLE_EVENTS, type HelpQueueItem, type HelpStationRequest } from '../protocol/help.ts';
import { requestBody } from '../central/testing/help-fixtures.ts';
import { openSseStream } from '../central/testing/sse-reader.ts';
import { createAccounts } from '../central/auth/accounts.ts';
import { realClock } from '../central/infrastructure/clock.ts';
import { openStorage } from '../central/storage/open-storage.ts';
import { freshPgSchema, startReplica } from '../central/testing/replicas.ts';
import { openTestSqlite, TEST_PG_URL } from '../central/testing/storage-targets.ts';
import { createTestCentral, realTestClock, TEST_PASSWORD } from '../central/testing/test-app.ts';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '200' }, replicas: { type: 'boolean', default: false } },
});
const N = Number(values.requests);

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const summary = (samples: number[]) => ({
  p50: percentile(samples, 50),
  p95: percentile(samples, 95),
  p99: percentile(samples, 99),
});
const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Baseline: the smallest SSE server — POST → write to one open stream. */
async function liveBaseline(n: number): Promise<number[]> {
  let client: ServerResponse | null = null;
  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hi\n\n');
      client = res;
      return;
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      client?.write(`event: ping\ndata: ${body}\n\n`);
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stream = await openSseStream(base, {});
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const seen = stream.next((e) => (e.data as { i: number }).i === i);
    const start = performance.now();
    await fetch(base, { method: 'POST', body: JSON.stringify({ i }) });
    await seen;
    samples.push(performance.now() - start);
  }
  stream.close();
  server.closeAllConnections();
  server.close();
  return samples;
}

async function helpLatency(n: number) {
  const db = await openTestSqlite();
  const t = await createTestCentral({ storage: db.storage, clock: realTestClock() });
  const base = await t.listen();
  const aino = await t.addAdvisor('aino');
  await t.app.inject({
    method: 'PUT',
    url: '/api/v1/help/advisor/presence',
    headers: aino.headers,
    payload: { status: 'online' },
  });
  const consoleStream = await openSseStream(`${base}/api/v1/help/advisor/stream`, { cookie: aino.cookie });
  await consoleStream.next((e) => e.event === HELP_CONSOLE_EVENTS.snapshot);

  const toConsole: number[] = [];
  const toStation: number[] = [];
  for (let i = 0; i < n; i++) {
    const token = await t.addStation(`bench-${i}`);
    const auth = { authorization: `Bearer ${token}` };
    const stationStream = await openSseStream(`${base}/api/v1/help/stream`, auth);
    await stationStream.next();

    // Button press → visible in the console.
    const created = consoleStream.next((e) => e.event === HELP_CONSOLE_EVENTS.requestCreated);
    let start = performance.now();
    const response = await fetch(`${base}/api/v1/help/requests`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(requestBody()),
    });
    const id = ((await response.json()) as { request: HelpStationRequest }).request.requestId;
    const seen = await created;
    toConsole.push(performance.now() - start);
    if ((seen.data as HelpQueueItem).id !== id) throw new Error('console saw another request');

    // Claim → visible on the station.
    const claimed = stationStream.next((e) => (e.data as HelpStationRequest).state === 'claimed');
    start = performance.now();
    await fetch(`${base}/api/v1/help/advisor/requests/${id}/claim`, { method: 'POST', headers: aino.headers });
    await claimed;
    toStation.push(performance.now() - start);

    await fetch(`${base}/api/v1/help/advisor/requests/${id}/resolve`, { method: 'POST', headers: aino.headers });
    stationStream.close();
  }
  consoleStream.close();
  await t.close();
  await db.dispose();
  return { toConsole, toStation };
}

/** Press → console and claim → station over HTTP, the station on `stationBase`, the console on `consoleBase`. */
async function crossLatency(
  n: number,
  stationBase: string,
  consoleBase: string,
  addStation: (id: string) => Promise<string>,
  advisor: { cookie: string; headers: Record<string, string> },
) {
  const consoleStream = await openSseStream(`${consoleBase}/api/v1/help/advisor/stream`, { cookie: advisor.cookie });
  await consoleStream.next((e) => e.event === HELP_CONSOLE_EVENTS.snapshot);
  const toConsole: number[] = [];
  const toStation: number[] = [];
  for (let i = 0; i < n; i++) {
    const auth = {
      authorization: `Bearer ${await addStation(`bench-${i}-${Math.random().toString(36).slice(2, 8)}`)}`,
    };
    const stationStream = await openSseStream(`${stationBase}/api/v1/help/stream`, auth);
    await stationStream.next();
    const created = consoleStream.next((e) => e.event === HELP_CONSOLE_EVENTS.requestCreated);
    let start = performance.now();
    const response = await fetch(`${stationBase}/api/v1/help/requests`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(requestBody()),
    });
    const id = ((await response.json()) as { request: HelpStationRequest }).request.requestId;
    // Earlier requests' events may still arrive; wait for this one.
    for (let seen = await created; (seen.data as HelpQueueItem).id !== id;)
      seen = await consoleStream.next((e) => e.event === HELP_CONSOLE_EVENTS.requestCreated);
    toConsole.push(performance.now() - start);

    const claimed = stationStream.next((e) => (e.data as HelpStationRequest).state === 'claimed');
    start = performance.now();
    await fetch(`${consoleBase}/api/v1/help/advisor/requests/${id}/claim`, {
      method: 'POST',
      headers: advisor.headers,
    });
    await claimed;
    toStation.push(performance.now() - start);
    await fetch(`${consoleBase}/api/v1/help/advisor/requests/${id}/resolve`, {
      method: 'POST',
      headers: advisor.headers,
    });
    stationStream.close();
  }
  consoleStream.close();
  return { toConsole, toStation };
}

/** One replica, then two, as real processes on one fresh PostgreSQL schema. */
async function replicaLatency(n: number) {
  const schema = await freshPgSchema(TEST_PG_URL);
  const env = {
    CENTRAL_DB: schema.url,
    CENTRAL_DEV_MODE: 'true',
    CENTRAL_PASSWORD_SCRYPT_LOG2N: '14',
    CENTRAL_LOG_LEVEL: 'error',
  };
  const [a, b] = await Promise.all([startReplica(env), startReplica(env)]);
  const storage = await openStorage(schema.url);
  try {
    const accounts = createAccounts(storage, realClock(), { scrypt: { N: 2 ** 14, r: 8, p: 1 } });
    await accounts.addUser({ name: 'aino', role: 'advisor', password: TEST_PASSWORD });
    const login = await fetch(`${b.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'aino', password: TEST_PASSWORD }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const advisor = { cookie, headers: { cookie, 'x-csrf-token': csrfToken } };
    await fetch(`${b.url}/api/v1/help/advisor/presence`, {
      method: 'PUT',
      headers: { ...advisor.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'online' }),
    });
    const addStation = async (id: string) =>
      (await accounts.addStation({ id, location: id, siteKind: 'library' })).token;
    // Alternate so neither mode always runs on a warmer process.
    const one = { toConsole: [] as number[], toStation: [] as number[] };
    const two = { toConsole: [] as number[], toStation: [] as number[] };
    for (let round = 0; round < 4; round++) {
      const single = await crossLatency(Math.ceil(n / 4), b.url, b.url, addStation, advisor);
      const cross = await crossLatency(Math.ceil(n / 4), a.url, b.url, addStation, advisor);
      one.toConsole.push(...single.toConsole);
      one.toStation.push(...single.toStation);
      two.toConsole.push(...cross.toConsole);
      two.toStation.push(...cross.toStation);
    }
    return { one, two };
  } finally {
    a.process.kill('SIGTERM');
    b.process.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
    await storage.close();
    await schema.drop();
  }
}

const line = (name: string, s: ReturnType<typeof summary>, base: ReturnType<typeof summary>, baseName: string) =>
  `  ${name} p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  (×${(s.p50 / base.p50).toFixed(2)} / ×${(s.p95 / base.p95).toFixed(2)} / ×${(s.p99 / base.p99).toFixed(2)} of ${baseName})`;

if (values.replicas) {
  const { one, two } = await replicaLatency(N);
  console.log(
    `help latency across replicas on loopback, ${N} requests each (PostgreSQL, real central processes; then SQLite in-process)`,
  );
  const onePress = summary(one.toConsole);
  const oneClaim = summary(one.toStation);
  console.log(line('one replica,  press → console:', onePress, onePress, 'one replica'));
  console.log(line('two replicas, press on A → console on B:', summary(two.toConsole), onePress, 'one replica'));
  console.log(line('one replica,  claim → station:', oneClaim, oneClaim, 'one replica'));
  console.log(line('two replicas, claim on B → station on A:', summary(two.toStation), oneClaim, 'one replica'));
  // The figure issue 12 started from: one in-process central on SQLite, same run.
  const sqlite = await helpLatency(N);
  const sqlitePress = summary(sqlite.toConsole);
  const sqliteClaim = summary(sqlite.toStation);
  console.log(line('SQLite in-process, press → console:', sqlitePress, sqlitePress, 'SQLite'));
  console.log(line('two replicas, press on A → console on B:', summary(two.toConsole), sqlitePress, 'SQLite'));
  console.log(line('SQLite in-process, claim → station:', sqliteClaim, sqliteClaim, 'SQLite'));
  console.log(line('two replicas, claim on B → station on A:', summary(two.toStation), sqliteClaim, 'SQLite'));
  process.exit(0);
}

const baseline = summary(await liveBaseline(N));
const help = await helpLatency(N);
const press = summary(help.toConsole);
const claim = summary(help.toStation);
console.log(`help latency on loopback, ${N} requests (SQLite, one console, one station stream per request)`);
console.log(
  `  baseline live push (bare SSE, POST → 1 client): p50 ${ms(baseline.p50)}  p95 ${ms(baseline.p95)}  p99 ${ms(baseline.p99)}`,
);
console.log(line('button press → console:', press, baseline, 'baseline'));
console.log(line('claim → station:        ', claim, baseline, 'baseline'));
