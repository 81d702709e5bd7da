/**
 * Help latency on loopback: (1) a station's POST /requests → the request visible on an advisor
 * console's SSE stream, and (2) an advisor's claim → the claim visible on the station's SSE stream.
 * 200 requests each, p50/p99, next to the in-run "live push" baseline from
 * /work/shared/reference/baselines.md (bare Node SSE server, POST → broadcast to one client).
 *
 *   npm run bench:help [-- --requests 200]
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { HELP_CONSOLE_EVENTS, type HelpQueueItem, type HelpStationRequest } from '../protocol/help.ts';
import { requestBody } from '../central/testing/help-fixtures.ts';
import { openSseStream } from '../central/testing/sse-reader.ts';
import { openTestSqlite } from '../central/testing/storage-targets.ts';
import { createTestCentral, realTestClock } from '../central/testing/test-app.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '200' } } });
const N = Number(values.requests);

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const summary = (samples: number[]) => ({ p50: percentile(samples, 50), p99: percentile(samples, 99) });
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

const baseline = summary(await liveBaseline(N));
const help = await helpLatency(N);
const press = summary(help.toConsole);
const claim = summary(help.toStation);
console.log(`help latency on loopback, ${N} requests (SQLite, one console, one station stream per request)`);
console.log(`  baseline live push (bare SSE, POST → 1 client): p50 ${ms(baseline.p50)}  p99 ${ms(baseline.p99)}`);
console.log(
  `  button press → console:  p50 ${ms(press.p50)}  p99 ${ms(press.p99)}  (×${(press.p50 / baseline.p50).toFixed(1)} / ×${(press.p99 / baseline.p99).toFixed(1)} of baseline)`,
);
console.log(
  `  claim → station:         p50 ${ms(claim.p50)}  p99 ${ms(claim.p99)}  (×${(claim.p50 / baseline.p50).toFixed(1)} / ×${(claim.p99 / baseline.p99).toFixed(1)} of baseline)`,
);
