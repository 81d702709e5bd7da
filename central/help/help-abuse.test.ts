/**
 * Attacks on the help API from a station token or a login that misbehaves: hostile characters in
 * chat, a flood of calls, and a pile of live streams. Each gets a 4xx with `{ error, message }` and
 * leaves what is stored as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../protocol/api.ts';
import { helpCreateResultSchema } from '../../protocol/help.ts';
import { requestBody } from '../testing/help-fixtures.ts';
import { openSseStream } from '../testing/sse-reader.ts';
import { openTestSqlite, type OpenedStorage } from '../testing/storage-targets.ts';
import { createTestCentral, type TestCentral, type UserSession } from '../testing/test-app.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('help API under abuse', () => {
  let db: OpenedStorage;
  let t: TestCentral;
  let token: string;
  let aino: UserSession;
  const streams: { close(): void }[] = [];

  beforeEach(async () => {
    db = await openTestSqlite();
    t = await createTestCentral({
      storage: db.storage,
      config: { help: { stationRequestsPerMinute: 20, maxStreamsPerStation: 1, maxStreamsPerSession: 1 } },
    });
    token = await t.addStation('oodi-1');
    aino = await t.addOnlineAdvisor('aino');
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await t.close();
    await db.dispose();
  });

  const claimedRequest = async () => {
    const created = helpCreateResultSchema.parse(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/help/requests',
          headers: bearer(token),
          payload: requestBody(),
        })
      ).json(),
    );
    if (created.status !== 'accepted') throw new Error('not accepted');
    const id = created.request.requestId;
    await t.app.inject({ method: 'POST', url: `/api/v1/help/advisor/requests/${id}/claim`, headers: aino.headers });
    return id;
  };

  it('refuses chat with control or bidi-override characters from either side, keeps newlines and the stored chat', async () => {
    const id = await claimedRequest();
    const send = (side: 'station' | 'advisor', text: string) =>
      side === 'station'
        ? t.app.inject({
            method: 'POST',
            url: `/api/v1/help/requests/${id}/messages`,
            headers: bearer(token),
            payload: { text },
          })
        : t.app.inject({
            method: 'POST',
            url: `/api/v1/help/advisor/requests/${id}/messages`,
            headers: aino.headers,
            payload: { text },
          });
    expect((await send('station', 'first line\nsecond line')).statusCode).toBe(201);
    // Trojan-Source style reordering, terminal escapes, NUL, C1 and isolates.
    const hostile = [
      'pay \u202Eevil\u202C now',
      'a\u2066b\u2069',
      'bell\u0007',
      '\u001b[31mred',
      'nul\u0000',
      'c1\u0085',
      'tab\there',
    ];
    const refused = [];
    for (const text of hostile)
      for (const side of ['station', 'advisor'] as const) {
        const response = await send(side, text);
        refused.push(response.statusCode);
        expect(apiErrorSchema.safeParse(response.json()).success).toBe(true);
      }
    expect(refused.every((status) => status === 400)).toBe(true);
    const messages = await t.storage.all<{ text: string }>('SELECT text FROM help_messages');
    expect(messages.map((m) => m.text)).toEqual(['first line\nsecond line']);
  });

  it('slows down a station flooding the help routes with 429, per station, and lets it in again next minute', async () => {
    const other = await t.addStation('kallio-1');
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++)
      statuses.push(
        (await t.app.inject({ method: 'GET', url: '/api/v1/help/availability', headers: bearer(token) })).statusCode,
      );
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/help/availability', headers: bearer(token) });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json()).toMatchObject({ error: 'rate_limited' });
    // Another station is not slowed by this one.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/help/availability', headers: bearer(other) })).statusCode,
    ).toBe(200);
    t.clock.advance(60_000);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/help/availability', headers: bearer(token) })).statusCode,
    ).toBe(200);
  });

  it('caps open live streams per station and per login session (here 1), and frees the slot when a stream closes', async () => {
    const base = await t.listen();
    const station = { url: `${base}/api/v1/help/stream`, headers: bearer(token) };
    const advisor = { url: `${base}/api/v1/help/advisor/stream`, headers: { cookie: aino.cookie } };
    for (const target of [station, advisor]) {
      const first = await openSseStream(target.url, target.headers);
      const second = await fetch(target.url, { headers: target.headers });
      expect(second.status).toBe(429);
      expect(apiErrorSchema.parse(await second.json()).error).toBe('too_many_streams');
      first.close();
      // The server hears the close asynchronously; a new stream is let in once it has.
      await expect
        .poll(async () => {
          const again = await fetch(target.url, { headers: target.headers });
          if (again.ok) await again.body?.cancel();
          return again.status;
        })
        .toBe(200);
    }
  });
});
