import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  helpConsoleSnapshotSchema,
  helpCreateResultSchema,
  helpQueueItemSchema,
  helpStationRequestSchema,
  type HelpQueueItem,
  type HelpStationRequest,
} from '../../protocol/help.ts';
import { requestBody } from '../testing/help-fixtures.ts';
import { storageTargets, type OpenedStorage } from '../testing/storage-targets.ts';
import { createTestCentral, type UserSession, type TestCentral } from '../testing/test-app.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(storageTargets)('help requests on $name', ({ open }) => {
  let db: OpenedStorage;
  let t: TestCentral;
  let token: string;
  let aino: UserSession;

  beforeEach(async () => {
    db = await open();
    t = await createTestCentral({ storage: db.storage });
    token = await t.addStation('oodi-1', { location: 'Oodi, 2nd floor' });
    aino = await t.addOnlineAdvisor('aino');
  });
  afterEach(async () => {
    await t.close();
    await db.dispose();
  });

  const create = async (stationToken = token, overrides: Record<string, unknown> = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/help/requests',
      headers: bearer(stationToken),
      payload: requestBody(overrides),
    });
    return { status: res.statusCode, body: helpCreateResultSchema.parse(res.json()) };
  };
  const advisorPost = (who: UserSession, url: string, payload?: Record<string, unknown>) =>
    payload === undefined
      ? t.app.inject({ method: 'POST', url: `/api/v1/help/advisor${url}`, headers: who.headers })
      : t.app.inject({ method: 'POST', url: `/api/v1/help/advisor${url}`, headers: who.headers, payload });
  const stationGet = async (id: string, stationToken = token) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/help/requests/${id}`,
      headers: bearer(stationToken),
    });
    return res.statusCode === 200 ? helpStationRequestSchema.parse(res.json()) : res.statusCode;
  };
  const acceptedId = async (stationToken = token) => {
    const { body } = await create(stationToken);
    if (body.status !== 'accepted') throw new Error(`expected accepted, got ${body.reason}`);
    return body.request.requestId;
  };

  it('a visitor asking for help lands first in the queue with a wait estimate, and the advisor sees where and what', async () => {
    const { status, body } = await create();
    expect(status).toBe(201);
    if (body.status !== 'accepted') throw new Error('not accepted');
    expect(body.request).toMatchObject({
      state: 'queued',
      position: 1,
      draft: { topic: 'kela', mode: 'chat-here' },
      advisorFirstName: null,
    });
    expect(body.request.estimatedWaitMinutes).toBeGreaterThanOrEqual(1);
    const queue = helpConsoleSnapshotSchema.parse(
      (await t.app.inject({ method: 'GET', url: '/api/v1/help/advisor/queue', headers: aino.headers })).json(),
    );
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({
      location: 'Oodi, 2nd floor',
      language: 'fi',
      topic: 'kela',
      accessibilityModes: ['text-150'],
      state: 'queued',
    });
  });

  it('the visitor sees the advisor first name after a claim, chats both ways, and sees resolved', async () => {
    const id = await acceptedId();
    const claim = await advisorPost(aino, `/requests/${id}/claim`);
    expect(claim.statusCode).toBe(200);
    expect(await stationGet(id)).toMatchObject({ state: 'claimed', advisorFirstName: 'aino', position: null });

    await t.app.inject({
      method: 'POST',
      url: `/api/v1/help/requests/${id}/messages`,
      headers: bearer(token),
      payload: { text: 'Kela login fails' },
    });
    expect((await advisorPost(aino, `/requests/${id}/messages`, { text: 'I am coming' })).statusCode).toBe(201);
    const view = (await stationGet(id)) as HelpStationRequest;
    expect(view.messages.map((m) => [m.from, m.text])).toEqual([
      ['visitor', 'Kela login fails'],
      ['advisor', 'I am coming'],
    ]);

    expect((await advisorPost(aino, `/requests/${id}/resolve`)).statusCode).toBe(200);
    expect(await stationGet(id)).toMatchObject({ state: 'resolved' });
    const handled = (
      await t.app.inject({ method: 'GET', url: '/api/v1/help/advisor/handled-today', headers: aino.headers })
    ).json<{ items: HelpQueueItem[] }>();
    expect(handled.items.map((i) => i.id)).toEqual([id]);
  });

  it('when two advisors claim at once exactly one gets it and the other is told who has it', async () => {
    const eero = await t.addAdvisor('eero');
    const id = await acceptedId();
    const [a, b] = await Promise.all([
      advisorPost(aino, `/requests/${id}/claim`),
      advisorPost(eero, `/requests/${id}/claim`),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = helpQueueItemSchema.parse((a.statusCode === 200 ? a : b).json());
    expect(loser.json()).toMatchObject({
      error: 'already-claimed',
      claimedBy: { displayName: winner.claimedBy?.displayName },
    });
  });

  it('a claimed request goes back to the queue when its advisor goes silent', async () => {
    const id = await acceptedId();
    await advisorPost(aino, `/requests/${id}/claim`);
    t.clock.advance(60_000);
    expect(await t.services.help.sweep()).toMatchObject({ returned: 0 });
    t.clock.advance(31_000); // default returnAfterSilenceSeconds: 90
    expect(await t.services.help.sweep()).toMatchObject({ returned: 1 });
    expect(await stationGet(id)).toMatchObject({ state: 'queued', position: 1, advisorFirstName: null });
  });

  it('an advisor can hand a request back to the queue and another advisor takes it', async () => {
    const eero = await t.addAdvisor('eero');
    const id = await acceptedId();
    await advisorPost(aino, `/requests/${id}/claim`);
    expect((await advisorPost(eero, `/requests/${id}/release`)).statusCode).toBe(409);
    expect((await advisorPost(aino, `/requests/${id}/release`)).statusCode).toBe(200);
    expect(helpQueueItemSchema.parse((await advisorPost(eero, `/requests/${id}/claim`)).json())).toMatchObject({
      returnedCount: 1,
      claimedBy: { id: 'eero' },
    });
  });

  it('the station is told at once when no advisor is online, and nothing is queued', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/help/advisor/presence',
      headers: aino.headers,
      payload: { status: 'away' },
    });
    expect((await create()).body).toEqual({ status: 'unavailable', reason: 'no-advisors' });
    const availability = await t.app.inject({
      method: 'GET',
      url: '/api/v1/help/availability',
      headers: bearer(token),
    });
    expect(availability.json()).toEqual({ available: false, reason: 'no-advisors' });
  });

  it('an advisor who stopped sending heartbeats no longer counts as online', async () => {
    t.clock.advance(61_000);
    expect((await create()).body).toEqual({ status: 'unavailable', reason: 'no-advisors' });
  });

  it('a station cannot see, cancel or write to another station’s request', async () => {
    const other = await t.addStation('kallio-2');
    const id = await acceptedId();
    expect(await stationGet(id, other)).toBe(404);
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/help/requests/${id}/cancel`,
      headers: bearer(other),
    });
    expect(cancel.statusCode).toBe(404);
    const write = await t.app.inject({
      method: 'POST',
      url: `/api/v1/help/requests/${id}/messages`,
      headers: bearer(other),
      payload: { text: 'hi' },
    });
    expect(write.statusCode).toBe(404);
    expect(await stationGet(id)).toMatchObject({ state: 'queued' });
  });

  it('a station reset while an advisor is helping ends the request on the console too', async () => {
    const id = await acceptedId();
    await advisorPost(aino, `/requests/${id}/claim`);
    await t.app.inject({ method: 'POST', url: `/api/v1/help/requests/${id}/cancel`, headers: bearer(token) });
    const queue = helpConsoleSnapshotSchema.parse(
      (await t.app.inject({ method: 'GET', url: '/api/v1/help/advisor/queue', headers: aino.headers })).json(),
    );
    expect(queue.items).toEqual([]);
    expect((await advisorPost(aino, `/requests/${id}/messages`, { text: 'still there?' })).statusCode).toBe(409);
  });

  it('the visitor can cancel, and a second cancel is harmless', async () => {
    const id = await acceptedId();
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/help/requests/${id}/cancel`,
        headers: bearer(token),
      });
      expect(res.json()).toMatchObject({ state: 'cancelled' });
    }
    expect((await advisorPost(aino, `/requests/${id}/claim`)).statusCode).toBe(409);
  });

  it('chat text is gone a short while after the request closes', async () => {
    const id = await acceptedId();
    await advisorPost(aino, `/requests/${id}/claim`);
    await advisorPost(aino, `/requests/${id}/messages`, { text: 'My name is secret' });
    await advisorPost(aino, `/requests/${id}/resolve`);
    t.clock.advance(14 * 60_000);
    await t.app.inject({ method: 'POST', url: '/api/v1/help/advisor/heartbeat', headers: aino.headers });
    expect((await t.services.help.sweep()).chatDeleted).toBe(0);
    t.clock.advance(2 * 60_000);
    expect((await t.services.help.sweep()).chatDeleted).toBe(1);
    expect(((await stationGet(id)) as HelpStationRequest).messages).toEqual([]);
    const rows = await db.storage.all('SELECT text FROM help_messages');
    expect(rows).toEqual([]);
  });

  it('a request nobody answers expires after the configured time', async () => {
    const id = await acceptedId();
    t.clock.advance(61 * 60_000);
    expect((await t.services.help.sweep()).expired).toBe(1);
    expect(await stationGet(id)).toMatchObject({ state: 'expired' });
  });

  it('positions move up when someone ahead leaves the queue', async () => {
    const second = await t.addStation('kallio-2');
    const first = await acceptedId();
    const next = await acceptedId(second);
    expect(await stationGet(next, second)).toMatchObject({ position: 2 });
    await t.app.inject({ method: 'POST', url: `/api/v1/help/requests/${first}/cancel`, headers: bearer(token) });
    expect(await stationGet(next, second)).toMatchObject({ position: 1 });
  });
});

describe('help API security and validation', () => {
  let db: OpenedStorage;
  let t: TestCentral;
  beforeEach(async () => {
    db = await storageTargets[0]!.open();
    t = await createTestCentral({
      storage: db.storage,
      config: { help: { serviceHours: { timeZone: 'Europe/Helsinki', weekly: { mon: [['09:00', '16:00']] } } } },
    });
  });
  afterEach(async () => {
    await t.close();
    await db.dispose();
  });

  it('an advisor action without the CSRF header is refused', async () => {
    const aino = await t.addAdvisor('aino');
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/help/advisor/presence',
      headers: { cookie: aino.cookie },
      payload: { status: 'online' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'csrf' });
  });

  it('station endpoints refuse a missing token and advisor endpoints refuse a station token', async () => {
    const token = await t.addStation('oodi-1');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/help/requests', payload: requestBody() })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/help/advisor/queue', headers: bearer(token) })).statusCode,
    ).toBe(401);
  });

  it('the browser preview host on another origin may call station routes, never advisor routes', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/help/requests',
      headers: { origin: 'http://127.0.0.1:5999', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    const advisor = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/help/advisor/queue',
      headers: { origin: 'http://127.0.0.1:5999' },
    });
    expect(advisor.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a request carrying a URL or an unknown field is rejected with a reason', async () => {
    const token = await t.addStation('oodi-1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/help/requests',
      headers: bearer(token),
      payload: requestBody({ serviceId: 'https://kela.fi/x', pageUrl: 'x' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toMatch(/serviceId|unknown field/);
  });

  it('outside service hours the station is told so, even with advisors online', async () => {
    const token = await t.addStation('oodi-1');
    const aino = await t.addOnlineAdvisor('aino');
    // The manual clock starts on Monday 2026-11-23 at 12:00 in Helsinki: open.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/help/availability', headers: bearer(token) })).json(),
    ).toMatchObject({ available: true });
    t.clock.advance(5 * 3600_000); // 17:00
    await t.app.inject({ method: 'POST', url: '/api/v1/help/advisor/heartbeat', headers: aino.headers });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/help/availability', headers: bearer(token) })).json(),
    ).toEqual({ available: false, reason: 'outside-hours' });
  });
});
