/**
 * Attack: keep listening after the right to listen ended. Before issue 10 an advisor's console
 * stream kept receiving new requests, claims and chat after logout or session expiry, and a
 * station's stream kept receiving after `station revoke`. Now each ends with `stream.ended` and its
 * reason, and the connection closes, so nothing published afterwards reaches it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HELP_CONSOLE_EVENTS, HELP_STATION_EVENTS, HELP_STREAM_END_EVENT } from '../../protocol/help.ts';
import { requestBody } from '../testing/help-fixtures.ts';
import { openSseStream } from '../testing/sse-reader.ts';
import { storageTargets, type OpenedStorage } from '../testing/storage-targets.ts';
import { createTestCentral, type TestCentral, type UserSession } from '../testing/test-app.ts';

describe.each(storageTargets)('a live stream ends when its right ends ($name)', (target) => {
  let db: OpenedStorage;
  let t: TestCentral;
  let base: string;
  let token: string;
  let aino: UserSession;
  const streams: { close(): void }[] = [];

  beforeEach(async () => {
    db = await target.open();
    // One-second heartbeats: the re-check that catches expiry and changes from another process.
    t = await createTestCentral({ storage: db.storage, config: { help: { streamHeartbeatSeconds: 1 } } });
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
  const consoleStream = async (who = aino) => {
    const stream = await open('/api/v1/help/advisor/stream', { cookie: who.cookie });
    expect((await stream.next()).event).toBe(HELP_CONSOLE_EVENTS.snapshot);
    return stream;
  };
  const createRequest = () =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/help/requests',
      headers: { authorization: `Bearer ${token}` },
      payload: requestBody(),
    });

  /** The stream got `stream.ended` with `reason`, closed, and a request created afterwards never reached it. */
  const expectEndedWith = async (stream: Awaited<ReturnType<typeof open>>, reason: string) => {
    const last = await stream.next((e) => e.event === HELP_STREAM_END_EVENT);
    expect(last.data).toEqual({ reason });
    await stream.ended;
    await createRequest();
    expect(stream.untaken().filter((e) => e.event !== HELP_CONSOLE_EVENTS.presence)).toEqual([]);
  };

  it('logging out ends the console stream at once', async () => {
    const stream = await consoleStream();
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: aino.headers });
    await expectEndedWith(stream, 'logged-out');
  });

  it('an expired session ends the console stream at the next heartbeat', async () => {
    const stream = await consoleStream();
    t.clock.advance(12 * 3600_000 + 1);
    await expectEndedWith(stream, 'session-expired');
  });

  it('"log out everywhere" and disabling the account end every console stream of that person', async () => {
    const stream = await consoleStream();
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-everywhere', headers: aino.headers });
    expect(out.json()).toEqual({ ended: 1 });
    await expectEndedWith(stream, 'session-revoked');

    const eero = await t.addAdvisor('eero');
    const second = await consoleStream(eero);
    await t.services.accounts.disableUser('eero');
    await expectEndedWith(second, 'account-disabled');
  });

  it('revoking a station ends its stream at once and closes its open request', async () => {
    const created = await createRequest();
    const id = created.json<{ request: { requestId: string } }>().request.requestId;
    const stream = await open('/api/v1/help/stream', { authorization: `Bearer ${token}` });
    expect((await stream.next()).event).toBe(HELP_STATION_EVENTS.snapshot);
    await t.services.accounts.revokeStation('oodi-1');
    const last = await stream.next((e) => e.event === HELP_STREAM_END_EVENT);
    expect(last.data).toEqual({ reason: 'station-revoked' });
    await stream.ended;
    const claim = await t.app.inject({
      method: 'POST',
      url: `/api/v1/help/advisor/requests/${id}/claim`,
      headers: aino.headers,
    });
    expect(claim.statusCode).toBe(409);
    expect(claim.json()).toMatchObject({ error: 'closed', state: 'cancelled' });
  });

  it('a station revoked by the CLI (another process) loses its stream at the next heartbeat', async () => {
    const stream = await open('/api/v1/help/stream', { authorization: `Bearer ${token}` });
    expect((await stream.next()).event).toBe(HELP_STATION_EVENTS.snapshot);
    // What `npm run central -- station revoke` does from its own process: the row only.
    await t.storage.run('UPDATE stations SET revoked_at = ? WHERE id = ?', [t.clock.now(), 'oodi-1']);
    const last = await stream.next((e) => e.event === HELP_STREAM_END_EVENT);
    expect(last.data).toEqual({ reason: 'station-revoked' });
    await stream.ended;
  });
});
