import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HELP_CONSOLE_EVENTS, HELP_SCREEN_EVENTS, type ScreenStopReason } from '../../protocol/help.ts';
import { requestBody } from '../testing/help-fixtures.ts';
import { openTestSqlite, type OpenedStorage } from '../testing/storage-targets.ts';
import {
  createTestCentral,
  manualClock,
  type TestCentral,
  type TestClock,
  type UserSession,
} from '../testing/test-app.ts';
import { createEventLog, type Audience, type EventLog, type LiveEvent } from './event-log.ts';
import { HELP_MIGRATIONS } from './migrations.ts';
import { createScreenShareStore, type ScreenShareStore } from './screen-share-store.ts';
import { createScreenShares, type ScreenShareAuditRecord, type ScreenShares } from './screen-share.ts';
import type { HelpRequestRecord } from './store.ts';

const REQUEST = '0190c2a0-0000-7000-8000-000000000001';
const SHARE_IDS = ['0190c2a0-0000-7000-8000-0000000000a1', '0190c2a0-0000-7000-8000-0000000000a2'];

describe('screen shares (central relay)', () => {
  let opened: OpenedStorage;
  let store: ScreenShareStore;
  let clock: TestClock;
  let shares: ScreenShares;
  let events: EventLog;
  let toStation: LiveEvent[];
  let toAdvisor: LiveEvent[];
  let audit: ScreenShareAuditRecord[];
  let record: Pick<HelpRequestRecord, 'stationId' | 'state' | 'claimedById'>;
  const aino = { id: 'aino', sessionIdHash: 'session-a' };

  /** One replica's view of the shares: its own relay over the shared store and event log. */
  const replica = (newId: () => string) =>
    createScreenShares({
      events,
      store: { get: async (id) => (id === REQUEST ? ({ id, ...record } as HelpRequestRecord) : null) },
      shares: store,
      clock,
      newId,
      config: { iceServers: [{ urls: ['stun:stun.example.org:3478'] }], maxMinutes: 20 },
      keepEndedMs: 15 * 60_000,
      audit: { record: (entry) => audit.push(entry) },
      audiences: { station: (id) => `station:${id}`, advisor: (id) => `advisor:${id}` },
    });
  const failOnError = (error: unknown) => {
    throw error;
  };

  beforeEach(async () => {
    opened = await openTestSqlite();
    await opened.storage.migrate('help', HELP_MIGRATIONS);
    store = createScreenShareStore(opened.storage);
    clock = manualClock();
    events = createEventLog({ capacity: 100, epoch: 1, now: () => clock.now() });
    toStation = [];
    toAdvisor = [];
    audit = [];
    events.subscribe(new Set<Audience>(['station:oodi-1']), (e) => toStation.push(e));
    events.subscribe(new Set<Audience>(['advisor:aino']), (e) => toAdvisor.push(e));
    record = { stationId: 'oodi-1', state: 'claimed', claimedById: 'aino' };
    const ids = [...SHARE_IDS];
    shares = replica(() => ids.shift() ?? 'x');
    shares.watch(events, failOnError);
  });
  afterEach(() => opened.dispose());

  const signal = (kind: 'offer' | 'answer' | 'ice', shareId = SHARE_IDS[0]!) => ({
    shareId,
    kind,
    data: '{"sdp":"x"}',
  });
  const lastStop = (list: LiveEvent[]) =>
    (list.filter((e) => e.type === HELP_SCREEN_EVENTS.stopped).at(-1)?.data as { reason: ScreenStopReason } | undefined)
      ?.reason;
  /** Resolves with the next event of `type` to `audience` (the claim watch ends shares asynchronously). */
  const nextEvent = (audience: Audience, type: string) =>
    new Promise<LiveEvent>((resolve) => {
      const off = events.subscribe(new Set<Audience>([audience]), (e) => {
        if (e.type !== type) return;
        off();
        resolve(e);
      });
    });

  it('only the advisor holding the claim can ask; the station is asked with the ICE servers', async () => {
    expect(await shares.ask({ id: 'eero', sessionIdHash: 'session-e' }, REQUEST)).toMatchObject({
      ok: false,
      status: 409,
    });
    const asked = await shares.ask(aino, REQUEST);
    expect(asked).toMatchObject({ ok: true, value: { shareId: SHARE_IDS[0], maxSeconds: 1200 } });
    expect(toStation.map((e) => e.type)).toEqual([HELP_SCREEN_EVENTS.ask]);
    expect(toStation[0]?.data).toMatchObject({ iceServers: [{ urls: ['stun:stun.example.org:3478'] }] });
  });

  it('relays nothing before the visitor allows, then offer to the advisor and answer to the station only', async () => {
    await shares.ask(aino, REQUEST);
    expect(await shares.signalFromStation('oodi-1', REQUEST, signal('offer'))).toMatchObject({ status: 409 });
    expect(await shares.consent('oodi-1', REQUEST, SHARE_IDS[0]!, true)).toEqual({ ok: true, value: null });
    expect(toAdvisor.at(-1)).toMatchObject({ type: HELP_SCREEN_EVENTS.consent, data: { allow: true } });
    expect(await shares.signalFromStation('oodi-1', REQUEST, signal('offer'))).toMatchObject({ ok: true });
    expect(toAdvisor.at(-1)).toMatchObject({
      type: HELP_SCREEN_EVENTS.signal,
      data: { kind: 'offer', requestId: REQUEST },
    });
    expect(await shares.signalFromStation('oodi-1', REQUEST, signal('answer'))).toMatchObject({ status: 409 });
    expect(await shares.signalFromStation('kallio-1', REQUEST, signal('ice'))).toMatchObject({ status: 404 });
    // Another advisor, or aino from another login, is refused.
    expect(
      await shares.signalFromAdvisor({ id: 'eero', sessionIdHash: 'session-e' }, REQUEST, signal('answer')),
    ).toMatchObject({
      status: 403,
    });
    expect(
      await shares.signalFromAdvisor({ id: 'aino', sessionIdHash: 'other' }, REQUEST, signal('answer')),
    ).toMatchObject({
      status: 403,
    });
    expect(await shares.signalFromAdvisor(aino, REQUEST, signal('answer'))).toMatchObject({ ok: true });
    expect(toStation.at(-1)).toMatchObject({ type: HELP_SCREEN_EVENTS.signal, data: { kind: 'answer' } });
    expect(await shares.pointer(aino, REQUEST, SHARE_IDS[0]!, 0.5, 0.25)).toMatchObject({ ok: true });
    expect(toStation.at(-1)).toMatchObject({ type: HELP_SCREEN_EVENTS.pointer, data: { x: 0.5, y: 0.25 } });
  });

  it('a No ends the share and the advisor is told; the audit record has no duration', async () => {
    await shares.ask(aino, REQUEST);
    await shares.consent('oodi-1', REQUEST, SHARE_IDS[0]!, false);
    expect(toAdvisor.at(-1)).toMatchObject({ type: HELP_SCREEN_EVENTS.stopped, data: { reason: 'declined' } });
    expect(await shares.openCount()).toBe(0);
    expect(audit).toEqual([
      expect.objectContaining({ reason: 'declined', startedAt: null, durationSeconds: 0, advisorId: 'aino' }),
    ]);
  });

  it('ends when the claim ends, when the advisor session ends, and after the maximum, telling both sides', async () => {
    await shares.ask(aino, REQUEST);
    await shares.consent('oodi-1', REQUEST, SHARE_IDS[0]!, true);
    // A claim change reaches every console as request.updated; the share follows it.
    const advisorTold = nextEvent('advisor:aino', HELP_SCREEN_EVENTS.stopped);
    events.publish('console', HELP_CONSOLE_EVENTS.requestUpdated, {
      id: REQUEST,
      state: 'resolved',
      claimedBy: null,
    });
    await advisorTold;
    expect(lastStop(toStation)).toBe('claim-ended');
    expect(lastStop(toAdvisor)).toBe('claim-ended');

    await shares.ask(aino, REQUEST);
    await shares.consent('oodi-1', REQUEST, SHARE_IDS[1]!, true);
    clock.advance(90_000);
    await shares.endForSession('session-a');
    expect(lastStop(toStation)).toBe('advisor-session-ended');
    expect(audit.at(-1)).toMatchObject({ reason: 'advisor-session-ended', durationSeconds: 90 });
  });

  it('stops by itself at the configured maximum', async () => {
    await shares.ask(aino, REQUEST);
    await shares.consent('oodi-1', REQUEST, SHARE_IDS[0]!, true);
    clock.advance(20 * 60_000);
    await shares.sweep();
    expect(lastStop(toStation)).toBe('max-duration');
    expect(await shares.signalFromAdvisor(aino, REQUEST, signal('ice'))).toMatchObject({ status: 404 });
  });

  const stops = (list: LiveEvent[]) => list.filter((e) => e.type === HELP_SCREEN_EVENTS.stopped).length;

  it('two replicas ending the same share at once: each peer is told once, and one audit record is written', async () => {
    const other = replica(() => 'unused');
    await shares.ask(aino, REQUEST);
    await shares.consent('oodi-1', REQUEST, SHARE_IDS[0]!, true);
    await Promise.all([shares.endForSession('session-a'), other.endForSession('session-a')]);
    expect([stops(toStation), stops(toAdvisor)]).toEqual([1, 1]);
    expect(audit).toHaveLength(1);
    await Promise.all([shares.sweep(), other.sweep()]);
    expect(audit).toHaveLength(1);
  });

  it('two asks racing on two replicas leave one live share for the request', async () => {
    const other = replica(() => SHARE_IDS[1]!);
    const answers = await Promise.all([shares.ask(aino, REQUEST), other.ask(aino, REQUEST)]);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(1);
    expect(await store.listLive({ requestId: REQUEST })).toHaveLength(1);
  });

  it("a replica's sweep acts on shares another replica took: a claim ended unnoticed, an audit a dead replica left unwritten", async () => {
    await shares.ask(aino, REQUEST);
    await shares.consent('oodi-1', REQUEST, SHARE_IDS[0]!, true);
    const other = replica(() => 'unused');
    // The request was resolved while no replica heard it (no request.updated event).
    record = { ...record, state: 'resolved' };
    await other.sweep();
    expect(lastStop(toStation)).toBe('claim-ended');
    expect(audit).toEqual([expect.objectContaining({ shareId: SHARE_IDS[0], reason: 'claim-ended' })]);

    // A replica ended the next share in the database and died before telling anyone or auditing.
    record = { ...record, state: 'claimed' };
    await shares.ask(aino, REQUEST);
    expect(await store.end(SHARE_IDS[1]!, 'advisor', clock.now())).toBe(true);
    await other.sweep();
    expect(audit.at(-1)).toMatchObject({ shareId: SHARE_IDS[1], reason: 'advisor', startedAt: null });
    expect(audit).toHaveLength(2);
  });

  it('an ended share is deleted once the chat retention has passed, not before', async () => {
    await shares.ask(aino, REQUEST);
    await shares.stopByAdvisor(aino, REQUEST, SHARE_IDS[0]!);
    clock.advance(15 * 60_000 - 1);
    await shares.sweep();
    expect(await store.get(SHARE_IDS[0]!)).toMatchObject({ phase: 'ended', endReason: 'advisor' });
    clock.advance(2);
    await shares.sweep();
    expect(await store.get(SHARE_IDS[0]!)).toBeNull();
  });
});

describe('screen-share routes', () => {
  let t: TestCentral;
  let token: string;
  let aino: UserSession;
  let eero: UserSession;
  beforeEach(async () => {
    t = await createTestCentral();
    token = await t.addStation('oodi-1', { location: 'Oodi' });
    aino = await t.addOnlineAdvisor('aino');
    eero = await t.addOnlineAdvisor('eero');
    return () => t.close();
  });

  it('an advisor who logs out cannot keep the share, and a stranger or another station is refused', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/help/requests',
      headers: { authorization: `Bearer ${token}` },
      payload: requestBody(),
    });
    const id = created.json<{ request: { requestId: string } }>().request.requestId;
    await t.app.inject({ method: 'POST', url: `/api/v1/help/advisor/requests/${id}/claim`, headers: aino.headers });
    const ask = (who: UserSession) =>
      t.app.inject({ method: 'POST', url: `/api/v1/help/advisor/requests/${id}/screen/ask`, headers: who.headers });
    expect((await ask(eero)).statusCode).toBe(409);
    const unauthenticated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/help/advisor/requests/${id}/screen/ask`,
    });
    expect(unauthenticated.statusCode).toBe(401);
    const asked = await ask(aino);
    expect(asked.statusCode).toBe(200);
    const shareId = asked.json<{ shareId: string }>().shareId;
    const other = await t.addStation('kallio-1');
    const consent = (stationToken: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/help/requests/${id}/screen/consent`,
        headers: { authorization: `Bearer ${stationToken}` },
        payload: { shareId, allow: true },
      });
    expect((await consent(other)).statusCode).toBe(404);
    expect((await consent(token)).statusCode).toBe(200);

    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: aino.headers });
    const offer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/help/requests/${id}/screen/signal`,
      headers: { authorization: `Bearer ${token}` },
      payload: { shareId, kind: 'offer', data: '{"type":"offer","sdp":"v=0"}' },
    });
    expect(offer.statusCode).toBe(404);
  });
});
