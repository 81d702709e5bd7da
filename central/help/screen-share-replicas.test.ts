/**
 * Screen shares across two central replicas on one PostgreSQL database (issue 16 with ADR 0009):
 * real processes behind no proxy, so each call goes to the replica the test names. A share asked
 * on one replica is allowed, signalled, pointed at and stopped on the other; logout on the other
 * ends it; its maximum ends it even after the replica that took the ask is killed with SIGKILL;
 * and each share leaves exactly one audit record over both replicas' logs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HELP_CONSOLE_EVENTS,
  HELP_SCREEN_EVENTS,
  HELP_STATION_EVENTS,
  type HelpStationRequest,
} from '../../protocol/help.ts';
import type { Storage } from '../storage/storage.ts';
import { requestBody } from '../testing/help-fixtures.ts';
import {
  HELP_REPLICA_ENV,
  startHelpReplicaPair,
  loginOn,
  postJson as post,
  type HelpReplicaPair,
  type Replica,
  type ReplicaLogin,
} from '../testing/replicas.ts';
import { openSseStream, type SseEvent } from '../testing/sse-reader.ts';
import { SKIP_PG, TEST_PG_URL } from '../testing/storage-targets.ts';
import { TEST_PASSWORD } from '../testing/test-app.ts';

const ENV = {
  ...HELP_REPLICA_ENV,
  // Each replica sweeps shares every second, so the survivor notices an expired share quickly.
  CENTRAL_HELP_SWEEP_INTERVAL_SECONDS: '1',
  // The audit record is an info line of the structured log.
  CENTRAL_LOG_LEVEL: 'info',
};
const MAX_MINUTES = 20; // the default `help.screenShare.maxMinutes`

type Stream = Awaited<ReturnType<typeof openSseStream>>;

describe.skipIf(SKIP_PG)('screen shares across two central replicas', () => {
  let pair: HelpReplicaPair;
  let a: Replica;
  let b: Replica;
  let storage: Storage;
  let stationToken: string;
  const streams: Stream[] = [];
  const shareIds: string[] = [];

  const station = () => ({ authorization: `Bearer ${stationToken}` });
  const open = async (url: string, headers: Record<string, string>) => {
    const stream = await openSseStream(url, headers);
    streams.push(stream);
    return stream;
  };
  /** Logs the advisor in through `base` and sets them online. */
  const online = async (base: string): Promise<ReplicaLogin> => {
    const advisor = await loginOn(base, 'aino', TEST_PASSWORD);
    expect((await post(base, '/api/v1/help/advisor/heartbeat', advisor.headers)).status).toBe(200);
    const presence = await fetch(`${base}/api/v1/help/advisor/presence`, {
      method: 'PUT',
      headers: { ...advisor.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'online' }),
    });
    expect(presence.status).toBe(200);
    return advisor;
  };
  /** The station's and the advisor's live streams on `base`, past their snapshots. */
  const streamsOn = async (base: string, advisor: ReplicaLogin) => {
    const stationStream = await open(`${base}/api/v1/help/stream`, station());
    const consoleStream = await open(`${base}/api/v1/help/advisor/stream`, { cookie: advisor.cookie });
    await stationStream.next((e) => e.event === HELP_STATION_EVENTS.snapshot);
    await consoleStream.next((e) => e.event === HELP_CONSOLE_EVENTS.snapshot);
    return { stationStream, consoleStream };
  };
  /** A new request from the station through `via`, claimed by the advisor through `claimVia`. */
  const claimedRequest = async (advisor: ReplicaLogin, via: string, claimVia: string) => {
    const created = await post(via, '/api/v1/help/requests', station(), requestBody());
    expect(created.status).toBe(201);
    const id = (created.body.request as HelpStationRequest).requestId;
    expect((await post(claimVia, `/api/v1/help/advisor/requests/${id}/claim`, advisor.headers)).status).toBe(200);
    return id;
  };
  const screen = (id: string) => `/api/v1/help/requests/${id}/screen`;
  const advisorScreen = (id: string) => `/api/v1/help/advisor/requests/${id}/screen`;
  const is = (type: string, shareId: string) => (e: SseEvent) =>
    e.event === type && (e.data as { shareId?: string }).shareId === shareId;
  /** The advisor asks through `askVia`; the station, told on its stream, allows through `allowVia`. */
  const allowedShare = async (
    advisor: ReplicaLogin,
    id: string,
    { askVia, allowVia, stationStream }: { askVia: string; allowVia: string; stationStream: Stream },
  ) => {
    const asked = await post(askVia, `${advisorScreen(id)}/ask`, advisor.headers);
    expect(asked.status).toBe(200);
    const shareId = asked.body.shareId as string;
    shareIds.push(shareId);
    await stationStream.next(is(HELP_SCREEN_EVENTS.ask, shareId));
    expect((await post(allowVia, `${screen(id)}/consent`, station(), { shareId, allow: true })).status).toBe(200);
    return shareId;
  };
  const auditLines = (shareId: string) =>
    [a, b]
      .flatMap((r) => r.output().split('\n'))
      .filter((line) => line.includes('"audit":"screen-share"') && line.includes(shareId));

  /** Resolves once either replica's log holds the share's audit record (a killed replica's log stays). */
  const auditWritten = (shareId: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (auditLines(shareId).length === 0) return;
        for (const r of [a, b]) r.process.stdout?.off('data', check);
        resolve();
      };
      for (const r of [a, b]) r.process.stdout?.on('data', check);
      check();
    });

  beforeAll(async () => {
    pair = await startHelpReplicaPair(TEST_PG_URL, ENV, TEST_PASSWORD);
    ({ a, b, storage, stationToken } = pair);
  }, 60_000);

  afterAll(async () => {
    for (const s of streams.splice(0)) s.close();
    await pair?.close();
  });

  it('asked on A, allowed, signalled and pointed at on B, stopped on A: both peers see it end, B refuses it after', async () => {
    const advisor = await online(b.url);
    const { stationStream: stationOnB, consoleStream: consoleOnB } = await streamsOn(b.url, advisor);
    const id = await claimedRequest(advisor, a.url, a.url);
    const shareId = await allowedShare(advisor, id, { askVia: a.url, allowVia: b.url, stationStream: stationOnB });
    expect((await consoleOnB.next(is(HELP_SCREEN_EVENTS.consent, shareId))).data).toMatchObject({ allow: true });
    const offer = { shareId, kind: 'offer', data: '{"type":"offer","sdp":"v=0"}' };
    expect((await post(b.url, `${screen(id)}/signal`, station(), offer)).status).toBe(200);
    expect((await consoleOnB.next(is(HELP_SCREEN_EVENTS.signal, shareId))).data).toMatchObject({ kind: 'offer' });
    const reply = { shareId, kind: 'answer', data: '{"type":"answer","sdp":"v=0"}' };
    expect((await post(b.url, `${advisorScreen(id)}/signal`, advisor.headers, reply)).status).toBe(200);
    expect((await stationOnB.next(is(HELP_SCREEN_EVENTS.signal, shareId))).data).toMatchObject({ kind: 'answer' });
    expect(
      (await post(b.url, `${advisorScreen(id)}/pointer`, advisor.headers, { shareId, x: 0.5, y: 0.25 })).status,
    ).toBe(200);
    expect((await stationOnB.next(is(HELP_SCREEN_EVENTS.pointer, shareId))).data).toMatchObject({ x: 0.5, y: 0.25 });

    expect((await post(a.url, `${advisorScreen(id)}/stop`, advisor.headers, { shareId })).status).toBe(200);
    expect((await stationOnB.next(is(HELP_SCREEN_EVENTS.stopped, shareId))).data).toMatchObject({ reason: 'advisor' });
    // Ended for both replicas: neither relays for it any more.
    for (const r of [a, b]) expect((await post(r.url, `${screen(id)}/signal`, station(), offer)).status).toBe(404);
  }, 60_000);

  it('the advisor logging out on B ends a share asked on A, for the station on A', async () => {
    const advisor = await online(a.url);
    const { stationStream: stationOnA } = await streamsOn(a.url, advisor);
    const id = await claimedRequest(advisor, b.url, a.url);
    const shareId = await allowedShare(advisor, id, { askVia: a.url, allowVia: a.url, stationStream: stationOnA });

    expect((await post(b.url, '/api/v1/auth/logout', advisor.headers)).status).toBe(200);
    const stopped = await stationOnA.next(is(HELP_SCREEN_EVENTS.stopped, shareId));
    expect(stopped.data).toMatchObject({ reason: 'advisor-session-ended' });
  }, 60_000);

  it('the maximum ends a share even after the replica that took the ask was killed: the other sweeps it', async () => {
    const advisor = await online(b.url);
    const { stationStream: stationOnB, consoleStream: consoleOnB } = await streamsOn(b.url, advisor);
    const id = await claimedRequest(advisor, b.url, b.url);
    const shareId = await allowedShare(advisor, id, { askVia: a.url, allowVia: b.url, stationStream: stationOnB });

    a.process.kill('SIGKILL');
    expect(await a.exited).toBe('SIGKILL');
    // Rather than wait 20 real minutes: the share's start moves back past the maximum, as if the
    // visitor had allowed it that long ago. Only B is left to notice, on its own sweep.
    const moved = await storage.run('UPDATE help_screen_shares SET started_at = started_at - ? WHERE share_id = ?', [
      MAX_MINUTES * 60_000,
      shareId,
    ]);
    expect(moved.changes).toBe(1);
    expect((await stationOnB.next(is(HELP_SCREEN_EVENTS.stopped, shareId))).data).toMatchObject({
      reason: 'max-duration',
    });
    expect((await consoleOnB.next(is(HELP_SCREEN_EVENTS.stopped, shareId))).data).toMatchObject({
      reason: 'max-duration',
    });
  }, 60_000);

  it('every share left exactly one audit record over both replicas, claimed in the database, without content', async () => {
    expect(shareIds).toHaveLength(3);
    for (const shareId of shareIds) await auditWritten(shareId);
    for (const shareId of shareIds) {
      const row = await storage.get<{ audited_at: unknown }>(
        'SELECT audited_at FROM help_screen_shares WHERE share_id = ?',
        [shareId],
      );
      expect(row?.audited_at).not.toBeNull();
      const lines = auditLines(shareId);
      expect(lines).toHaveLength(1);
      const { level, time, pid, hostname, msg, ...record } = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect([level, time, pid, hostname, msg]).not.toContain(undefined);
      expect(Object.keys(record).sort()).toEqual(
        [
          'audit',
          'shareId',
          'stationId',
          'advisorId',
          'askedAt',
          'startedAt',
          'stoppedAt',
          'durationSeconds',
          'reason',
        ].sort(),
      );
      expect(record).toMatchObject({ shareId, stationId: 'oodi-1', advisorId: 'aino' });
    }
    expect(auditLines('').length).toBe(shareIds.length);
  }, 60_000);
});
