import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HELP_CONSOLE_EVENTS,
  HELP_STATION_EVENTS,
  type HelpQueueItem,
  type HelpStationRequest,
} from '../../protocol/help.ts';
import { requestBody } from '../testing/help-fixtures.ts';
import { openSseStream } from '../testing/sse-reader.ts';
import { openTestSqlite, type OpenedStorage } from '../testing/storage-targets.ts';
import { createTestCentral, type UserSession, type TestCentral } from '../testing/test-app.ts';

describe('live help streams', () => {
  let db: OpenedStorage;
  let t: TestCentral;
  let base: string;
  let token: string;
  let aino: UserSession;
  const streams: { close(): void }[] = [];

  beforeEach(async () => {
    db = await openTestSqlite();
    t = await createTestCentral({ storage: db.storage });
    base = await t.listen();
    token = await t.addStation('oodi-1', { location: 'Oodi' });
    aino = await t.addOnlineAdvisor('aino');
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await t.close();
    await db.dispose();
  });

  const open = async (url: string, headers: Record<string, string>) => {
    const stream = await openSseStream(`${base}${url}`, headers);
    streams.push(stream);
    return stream;
  };
  const create = async (stationToken = token) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/help/requests',
      headers: { authorization: `Bearer ${stationToken}` },
      payload: requestBody(),
    });
    return res.json<{ request: HelpStationRequest }>().request.requestId;
  };

  it('a new request shows up on the console stream, and the claim shows up on the station stream', async () => {
    const consoleStream = await open('/api/v1/help/advisor/stream', { cookie: aino.cookie });
    const stationStream = await open('/api/v1/help/stream', { authorization: `Bearer ${token}` });
    expect((await consoleStream.next()).event).toBe(HELP_CONSOLE_EVENTS.snapshot);
    expect((await stationStream.next()).event).toBe(HELP_STATION_EVENTS.snapshot);

    const id = await create();
    const created = await consoleStream.next((e) => e.event === HELP_CONSOLE_EVENTS.requestCreated);
    expect((created.data as HelpQueueItem).id).toBe(id);

    await t.app.inject({ method: 'POST', url: `/api/v1/help/advisor/requests/${id}/claim`, headers: aino.headers });
    const claimed = await stationStream.next((e) => (e.data as HelpStationRequest).state === 'claimed');
    expect(claimed.data).toMatchObject({ requestId: id, advisorFirstName: 'aino' });
  });

  it('a console that reconnects with Last-Event-ID gets exactly the requests it missed', async () => {
    const first = await open('/api/v1/help/advisor/stream', { cookie: aino.cookie });
    await first.next();
    await create();
    const seen = await first.next((e) => e.event === HELP_CONSOLE_EVENTS.requestCreated);
    first.close();

    const other = await t.addStation('kallio-2');
    const missed = await create(other);
    const again = await open('/api/v1/help/advisor/stream', { cookie: aino.cookie, 'last-event-id': seen.id });
    const replayed = await again.next(
      (e) => e.event === HELP_CONSOLE_EVENTS.requestCreated || e.event === HELP_CONSOLE_EVENTS.snapshot,
    );
    expect(replayed.event).toBe(HELP_CONSOLE_EVENTS.requestCreated);
    expect((replayed.data as HelpQueueItem).id).toBe(missed);
  });

  it('a console reconnecting with an id from before a restart gets a full snapshot instead', async () => {
    await create();
    const stream = await open('/api/v1/help/advisor/stream', { cookie: aino.cookie, 'last-event-id': '1-5' });
    const first = await stream.next((e) => e.event !== HELP_CONSOLE_EVENTS.presence);
    expect(first.event).toBe(HELP_CONSOLE_EVENTS.snapshot);
    expect((first.data as { items: unknown[] }).items).toHaveLength(1);
  });

  it('a station stream carries only that station’s requests, and chat only reaches the advisor helping', async () => {
    const other = await t.addStation('kallio-2');
    const eero = await t.addAdvisor('eero');
    const mine = await open('/api/v1/help/stream', { authorization: `Bearer ${token}` });
    const eeroStream = await open('/api/v1/help/advisor/stream', { cookie: eero.cookie });
    await mine.next();
    await eeroStream.next();
    await create(other);
    const own = await create();
    const update = await mine.next((e) => e.event === HELP_STATION_EVENTS.requestUpdated);
    expect((update.data as HelpStationRequest).requestId).toBe(own);

    await t.app.inject({ method: 'POST', url: `/api/v1/help/advisor/requests/${own}/claim`, headers: aino.headers });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/help/requests/${own}/messages`,
      headers: { authorization: `Bearer ${token}` },
      payload: { text: 'private words' },
    });
    await mine.next((e) => (e.data as HelpStationRequest).messages?.length === 1);
    // A later event proves eero's stream moved past the chat without receiving it.
    await t.app.inject({ method: 'POST', url: `/api/v1/help/advisor/requests/${own}/resolve`, headers: aino.headers });
    const events = [];
    for (;;) {
      const e = await eeroStream.next();
      events.push(e);
      if (e.event === HELP_CONSOLE_EVENTS.requestUpdated && (e.data as HelpQueueItem).state === 'resolved') break;
    }
    expect(JSON.stringify(events)).not.toContain('private words');
  });
});
