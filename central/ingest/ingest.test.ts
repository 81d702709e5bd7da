import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { toMinuteTime } from '../../protocol/events.ts';
import { MAX_EVENTS_PER_BATCH, MAX_INGEST_BODY_BYTES } from '../../protocol/ingest.ts';
import { batch, createTestCentral, sessionStarted, type TestCentral } from '../testing/test-app.ts';

let central: TestCentral;
afterEach(async () => central?.close());

async function post(token: string | null, body: unknown, headers: Record<string, string> = {}) {
  return central.app.inject({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
}
const storedCount = async () =>
  Number((await central.storage.get<{ n: number }>('SELECT COUNT(*) AS n FROM events'))?.n);

describe('a station uploading usage events', () => {
  it('stores a valid batch and says how many were accepted', async () => {
    central = await createTestCentral();
    const token = await central.addStation();
    const now = central.clock.now();
    const response = await post(token, batch([sessionStarted(now), sessionStarted(now)]));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await storedCount()).toBe(2);
  });

  it('takes the station id from the token, not from the body', async () => {
    central = await createTestCentral();
    const token = await central.addStation('kallio-3');
    await post(token, batch([sessionStarted(central.clock.now())]));
    const row = await central.storage.get<{ station_id: string }>('SELECT station_id FROM events');
    expect(row?.station_id).toBe('kallio-3');
    const spoof = await post(token, { ...batch([sessionStarted(central.clock.now())]), stationId: 'other' });
    expect(spoof.statusCode).toBe(400);
  });

  it('counts a re-sent event as a duplicate and never stores it twice', async () => {
    central = await createTestCentral();
    const token = await central.addStation();
    const event = sessionStarted(central.clock.now());
    await post(token, batch([event]));
    const again = await post(token, batch([event, event, sessionStarted(central.clock.now())]));
    expect(again.json()).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    expect(await storedCount()).toBe(2);
  });

  it('accepts a gzip-compressed batch', async () => {
    central = await createTestCentral();
    const token = await central.addStation();
    const body = gzipSync(JSON.stringify(batch([sessionStarted(central.clock.now())])));
    const response = await post(token, body, { 'content-encoding': 'gzip' });
    expect(response.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('answers 400, not 500, for a corrupt gzip body or broken JSON', async () => {
    central = await createTestCentral();
    const token = await central.addStation();
    expect((await post(token, Buffer.from('not gzip'), { 'content-encoding': 'gzip' })).statusCode).toBe(400);
    expect((await post(token, '{"batchId":')).statusCode).toBe(400);
    expect((await post(token, Buffer.from('x'), { 'content-encoding': 'br' })).statusCode).toBe(415);
  });

  it('refuses a missing, wrong or revoked token with 401', async () => {
    central = await createTestCentral();
    const body = batch([sessionStarted(central.clock.now())]);
    expect((await post(null, body)).statusCode).toBe(401);
    expect((await post('kst_wrongwrongwrongwrong', body)).statusCode).toBe(401);
    const token = await central.addStation('s-1');
    await central.storage.run("UPDATE stations SET revoked_at = 1 WHERE id = 's-1'");
    expect((await post(token, body)).statusCode).toBe(401);
    expect(await storedCount()).toBe(0);
  });

  it('refuses a body over the limit with 413, also when gzip hides the size', async () => {
    central = await createTestCentral();
    const token = await central.addStation();
    const huge = JSON.stringify({
      ...batch([sessionStarted(central.clock.now())]),
      pad: 'a'.repeat(MAX_INGEST_BODY_BYTES),
    });
    expect((await post(token, huge)).statusCode).toBe(413);
    const bomb = gzipSync(huge);
    expect(bomb.length).toBeLessThan(MAX_INGEST_BODY_BYTES / 10);
    expect((await post(token, bomb, { 'content-encoding': 'gzip' })).statusCode).toBe(413);
  });

  it('slows down a station that uploads too often: 429 with Retry-After, then accepts again', async () => {
    central = await createTestCentral({ config: { ingestRequestsPerMinute: 2 } });
    const token = await central.addStation();
    const other = await central.addStation('other');
    for (let i = 0; i < 2; i++)
      expect((await post(token, batch([sessionStarted(central.clock.now())]))).statusCode).toBe(200);
    const limited = await post(token, batch([sessionStarted(central.clock.now())]));
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await post(other, batch([sessionStarted(central.clock.now())]))).statusCode).toBe(200);
    central.clock.advance(60_000);
    expect((await post(token, batch([sessionStarted(central.clock.now())]))).statusCode).toBe(200);
  });

  it('refuses a batch envelope that is not a batch with a reason', async () => {
    central = await createTestCentral();
    const token = await central.addStation();
    const tooMany = Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, () => sessionStarted(central.clock.now()));
    for (const body of [{ events: [] }, { batchId: 'nope', events: [{}] }, batch([]), batch(tooMany), [1, 2]]) {
      const response = await post(token, body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'bad_batch' });
    }
  });

  describe('rejects one bad event with a reason and keeps the rest', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    const sessionId = uuidv7();
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['an unknown event type', { type: 'page.viewed' }, /unknown event type/],
      [
        'an unknown field',
        { type: 'session.started', sessionId, visitorName: 'Matti' },
        /unknown field\(s\): visitorName/,
      ],
      [
        'a URL where a service id belongs',
        { type: 'service.opened', sessionId, serviceId: 'https://kela.fi/x?ssn=1' },
        /serviceId/,
      ],
      [
        'free text where a service id belongs',
        { type: 'navigation.blocked', sessionId, serviceId: 'Matti Meikäläinen typed this' },
        /serviceId/,
      ],
      [
        'an out-of-range duration',
        { type: 'session.ended', sessionId, durationSeconds: 999_999, endedBy: 'idle' },
        /durationSeconds/,
      ],
      ['a negative wait', { type: 'help.answered', sessionId, topic: 'kela', waitSeconds: -1 }, /waitSeconds/],
      ['a language not on the list', { type: 'language.chosen', sessionId, language: 'xx' }, /language/],
      [
        'a time not rounded to the minute',
        { type: 'session.started', sessionId, at: '2026-11-23T10:00:17Z' },
        /minute/,
      ],
      [
        'a date that does not exist',
        { type: 'session.started', sessionId, at: '2026-13-45T10:00:00Z' },
        /not a real date/,
      ],
      [
        'a time far in the future',
        { type: 'session.started', sessionId, at: toMinuteTime(now + 3 * 86400_000) },
        /future/,
      ],
      [
        'a time older than the retention window',
        { type: 'session.started', sessionId, at: toMinuteTime(now - 100 * 86400_000) },
        /retention/,
      ],
      ['a non-UUID id', { type: 'session.started', sessionId, id: 'abc' }, /id/],
      ['a session id that is not a random UUID', { type: 'session.started', sessionId: 'visitor-42' }, /sessionId/],
    ];
    it.each(cases)('%s', async (_name, fields, reason) => {
      central = await createTestCentral();
      const token = await central.addStation();
      const bad = { id: uuidv7(), at: toMinuteTime(now), ...fields };
      const response = await post(token, batch([bad, sessionStarted(now)]));
      expect(response.statusCode).toBe(200);
      const reply = response.json<{ accepted: number; rejected: { id: string; reason: string }[] }>();
      expect(reply.accepted).toBe(1);
      expect(reply.rejected).toHaveLength(1);
      expect(reply.rejected[0]?.id).toBe(String(bad.id));
      expect(reply.rejected[0]?.reason).toMatch(reason);
      expect(await storedCount()).toBe(1);
    });
  });

  it('can be called from the browser preview on another origin (CORS, bearer token only)', async () => {
    central = await createTestCentral();
    const preflight = await central.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/ingest',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    const refused = await post(null, batch([]), { origin: 'http://127.0.0.1:5173' });
    expect(refused.headers['access-control-allow-origin']).toBe('*');
  });

  it('never touches what is already stored when a later batch is bad', async () => {
    central = await createTestCentral();
    const token = await central.addStation();
    await post(token, batch([sessionStarted(central.clock.now())]));
    await post(token, '{"oops"');
    await post(token, batch([{ id: 1 }, null, 'x']));
    expect(await storedCount()).toBe(1);
  });

  it('refuses an event typed constructor, __proto__ or toString as unknown and keeps the valid events of its batch', async () => {
    central = await createTestCentral();
    const token = await central.addStation();
    const now = central.clock.now();
    const inherited = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'].map((type) => ({
      ...sessionStarted(now),
      type,
    }));
    const response = await post(token, batch([sessionStarted(now), ...inherited, sessionStarted(now)]));
    expect(response.statusCode).toBe(200);
    const reply = response.json<{ accepted: number; rejected: { reason: string }[] }>();
    expect(reply.accepted).toBe(2);
    expect(reply.rejected.map((r) => r.reason)).toEqual(inherited.map(() => 'unknown event type'));
    expect(await storedCount()).toBe(2);
  });
});
