/**
 * Several central replicas on one PostgreSQL database (issue 12): real processes
 * (`central/start-central.ts`), started together on a fresh schema, talking only through the
 * database. Requests, claims, chat and presence cross replicas; a replica killed with SIGKILL loses
 * nothing acknowledged and its clients carry on at the other with Last-Event-ID; SIGTERM tells
 * clients to reconnect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HELP_CONSOLE_EVENTS,
  HELP_STATION_EVENTS,
  HELP_STREAM_RECONNECT_EVENT,
  type HelpQueueItem,
  type HelpStationRequest,
} from '../../protocol/help.ts';
import type { Storage } from '../storage/storage.ts';
import { requestBody } from '../testing/help-fixtures.ts';
import {
  HELP_REPLICA_ENV,
  startHelpReplicaPair,
  loginOn,
  postJson as post,
  startReplica,
  type HelpReplicaPair,
  type Replica,
  type ReplicaLogin,
} from '../testing/replicas.ts';
import { openSseStream, type SseEvent } from '../testing/sse-reader.ts';
import { SKIP_PG, TEST_PG_URL } from '../testing/storage-targets.ts';
import { batch, sessionStarted, TEST_PASSWORD } from '../testing/test-app.ts';

const ENV = HELP_REPLICA_ENV;

describe.skipIf(SKIP_PG)('two central replicas on one PostgreSQL database', () => {
  let pair: HelpReplicaPair;
  let schema: HelpReplicaPair['schema'];
  let a: Replica;
  let b: Replica;
  let storage: Storage;
  let stationToken: string;
  let advisor: ReplicaLogin;
  const streams: { close(): void }[] = [];

  const station = () => ({ authorization: `Bearer ${stationToken}` });
  const open = async (url: string, headers: Record<string, string>) => {
    const stream = await openSseStream(url, headers);
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    pair = await startHelpReplicaPair(TEST_PG_URL, ENV, TEST_PASSWORD);
    ({ schema, a, b, storage, stationToken } = pair);
    advisor = await loginOn(b.url, 'aino', TEST_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    for (const s of streams.splice(0)) s.close();
    await pair?.close();
  });

  it('migrated once although both replicas started together, and both are ready', async () => {
    const versions = await storage.all<{ owner: string; version: number }>(
      'SELECT owner, version FROM schema_migrations ORDER BY owner, version',
    );
    expect(new Set(versions.map((v) => `${v.owner}:${v.version}`)).size).toBe(versions.length);
    expect(versions.some((v) => v.owner === 'help' && v.version === 3)).toBe(true);
    for (const r of [a, b]) {
      expect((await fetch(`${r.url}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${r.url}/readyz`)).json()).toEqual({ ready: true });
    }
  });

  it('an advisor online on B makes help available on A; a request on A reaches the console on B, and the claim on B the station on A', async () => {
    expect((await post(b.url, '/api/v1/help/advisor/heartbeat', advisor.headers)).status).toBe(200);
    const online = await fetch(`${b.url}/api/v1/help/advisor/presence`, {
      method: 'PUT',
      headers: { ...advisor.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'online' }),
    });
    expect(online.status).toBe(200);
    expect(await (await fetch(`${a.url}/api/v1/help/availability`, { headers: station() })).json()).toEqual({
      available: true,
      advisorsOnline: 1,
    });

    const consoleOnB = await open(`${b.url}/api/v1/help/advisor/stream`, { cookie: advisor.cookie });
    const stationOnA = await open(`${a.url}/api/v1/help/stream`, station());
    await consoleOnB.next((e) => e.event === HELP_CONSOLE_EVENTS.snapshot);
    await stationOnA.next((e) => e.event === HELP_STATION_EVENTS.snapshot);

    const created = await post(a.url, '/api/v1/help/requests', station(), requestBody());
    expect(created.status).toBe(201);
    const id = (created.body as { request: HelpStationRequest }).request.requestId;
    const seen = await consoleOnB.next((e) => e.event === HELP_CONSOLE_EVENTS.requestCreated);
    expect((seen.data as HelpQueueItem).id).toBe(id);

    expect((await post(b.url, `/api/v1/help/advisor/requests/${id}/claim`, advisor.headers)).status).toBe(200);
    const claimed = await stationOnA.next(
      (e) => e.event === HELP_STATION_EVENTS.requestUpdated && (e.data as HelpStationRequest).state === 'claimed',
    );
    expect((claimed.data as HelpStationRequest).advisorFirstName).toBe('aino');
  });

  it('SIGKILL of A mid-chat loses no acknowledged line or claim; the station resumes on B with Last-Event-ID', async () => {
    const id = (
      (await storage.get<{ id: string }>("SELECT id FROM help_requests WHERE state = 'claimed'")) as { id: string }
    ).id;
    const consoleOnB = await open(`${b.url}/api/v1/help/advisor/stream`, { cookie: advisor.cookie });
    await consoleOnB.next((e) => e.event === HELP_CONSOLE_EVENTS.snapshot);
    const stationOnA = await open(`${a.url}/api/v1/help/stream`, station());
    const snapshot = await stationOnA.next((e) => e.event === HELP_STATION_EVENTS.snapshot);
    let lastEventId = snapshot.id;
    const stationSaw = new Set<string>();
    const seenOnA = (e: SseEvent) => {
      lastEventId = e.id || lastEventId;
      for (const m of (e.data as HelpStationRequest).messages ?? []) stationSaw.add(m.text);
    };

    // Both sides write while A dies: the visitor through A, the advisor through B.
    const visitorAcked: string[] = [];
    const advisorAcked: string[] = [];
    let stop = false;
    const visitor = (async () => {
      for (let i = 0; !stop; i++) {
        const text = `visitor ${i}`;
        try {
          const r = await post(a.url, `/api/v1/help/requests/${id}/messages`, station(), { text });
          if (r.status === 201) visitorAcked.push(text);
        } catch {
          return; // A is gone: nothing unacknowledged counts.
        }
      }
    })();
    const advisorWrites = (async () => {
      for (let i = 0; !stop; i++) {
        const text = `advisor ${i}`;
        const r = await post(b.url, `/api/v1/help/advisor/requests/${id}/messages`, advisor.headers, { text });
        if (r.status === 201) advisorAcked.push(text);
      }
    })();

    // Read the station stream on A until a few lines have crossed, then kill A.
    while (stationSaw.size < 6) seenOnA(await stationOnA.next());
    a.process.kill('SIGKILL');
    expect(await a.exited).toBe('SIGKILL');
    while (stationOnA.untaken().length > 0) seenOnA(await stationOnA.next());
    await stationOnA.ended;
    // A few more advisor lines while the station is away.
    const target = advisorAcked.length + 5;
    while (advisorAcked.length < target) await new Promise<void>((resolve) => setImmediate(resolve));
    stop = true;
    await Promise.all([visitor, advisorWrites]);

    // The station comes back through the proxy to B, saying what it saw last: a replay, not a snapshot.
    const resumed = await open(`${b.url}/api/v1/help/stream`, { ...station(), 'last-event-id': lastEventId });
    const lastAdvisorLine = advisorAcked.at(-1)!;
    for (;;) {
      const e = await resumed.next();
      expect(e.event).not.toBe(HELP_STATION_EVENTS.snapshot);
      seenOnA(e);
      if (stationSaw.has(lastAdvisorLine)) break;
    }
    for (const text of advisorAcked) expect(stationSaw).toContain(text);

    // Every line A acknowledged before it died reached the advisor's console on B, and is stored.
    expect(visitorAcked.length).toBeGreaterThan(0);
    const consoleSaw = new Set<string>();
    const lastVisitorLine = visitorAcked.at(-1)!;
    while (!consoleSaw.has(lastVisitorLine)) {
      const e = await consoleOnB.next((ev) => ev.event === HELP_CONSOLE_EVENTS.chatMessage);
      consoleSaw.add((e.data as { message: { text: string } }).message.text);
    }
    for (const text of visitorAcked) expect(consoleSaw).toContain(text);
    const stored = new Set(
      (await storage.all<{ text: string }>('SELECT text FROM help_messages WHERE request_id = ?', [id])).map(
        (m) => m.text,
      ),
    );
    for (const text of [...visitorAcked, ...advisorAcked]) expect(stored).toContain(text);
    expect((await storage.get<{ state: string }>('SELECT state FROM help_requests WHERE id = ?', [id]))?.state).toBe(
      'claimed',
    );
  }, 60_000);

  it('a replica killed mid-ingest loses no acknowledged event, and a re-sent batch is counted once', async () => {
    const c = await startReplica({ ...ENV, CENTRAL_DB: schema.url, CENTRAL_INGEST_REQUESTS_PER_MINUTE: '100000' });
    const upload = (base: string, body: unknown) =>
      fetch(`${base}/api/v1/ingest`, {
        method: 'POST',
        headers: { ...station(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const batches = Array.from({ length: 400 }, () => {
      const events = [sessionStarted(Date.now()), sessionStarted(Date.now())];
      return { body: batch(events), ids: events.map((e) => e.id) };
    });
    const acked: typeof batches = [];
    const sending = (async () => {
      for (const body of batches) {
        try {
          const response = await upload(c.url, body.body);
          if (response.status === 200) acked.push(body);
        } catch {
          return; // C is gone
        }
      }
    })();
    while (acked.length < 20) await new Promise<void>((resolve) => setImmediate(resolve));
    c.process.kill('SIGKILL');
    expect(await c.exited).toBe('SIGKILL');
    await sending;

    const ids = acked.flatMap((sent) => sent.ids);
    const stored = await storage.all<{ n: number }>(
      `SELECT COUNT(*) AS n FROM events WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    expect(Number(stored[0]?.n)).toBe(ids.length);
    // The station re-sends everything it has no answer for, and one it had: B counts each once.
    const unanswered = batches.slice(acked.length - 1, acked.length + 2);
    const answers: { accepted: number; duplicates: number }[] = [];
    for (const sent of unanswered) {
      const answer = (await (await upload(b.url, sent.body)).json()) as { accepted: number; duplicates: number };
      answers.push(answer);
    }
    // The acknowledged one is all duplicates; the one C may have stored without answering, either.
    expect(answers[0]?.duplicates).toBe(2);
    for (const answer of answers) expect(answer.accepted + answer.duplicates).toBe(2);
    const all = unanswered.flatMap((sent) => sent.ids);
    const counted = await storage.all<{ n: number }>(
      `SELECT COUNT(*) AS n FROM events WHERE id IN (${all.map(() => '?').join(', ')})`,
      all,
    );
    expect(Number(counted[0]?.n)).toBe(all.length);
  }, 60_000);

  it('SIGTERM tells open streams to reconnect elsewhere (not stream.ended), then the replica exits cleanly', async () => {
    const stationOnB = await open(`${b.url}/api/v1/help/stream`, station());
    await stationOnB.next((e) => e.event === HELP_STATION_EVENTS.snapshot);
    b.process.kill('SIGTERM');
    const told = await stationOnB.next((e) => e.event === HELP_STREAM_RECONNECT_EVENT);
    expect(told.data).toEqual({ reason: 'shutdown' });
    await stationOnB.ended;
    expect(await b.exited).toBe(0);
  }, 30_000);
});
