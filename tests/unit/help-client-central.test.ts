/**
 * The station's HelpClient over the real fetch adapters against a real central: the same path the
 * station host uses, with no fakes between them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UsageEventInput } from '../../protocol/events.ts';
import { openTestSqlite, type OpenedStorage } from '../../central/testing/storage-targets.ts';
import {
  createTestCentral,
  realTestClock,
  type TestCentral,
  type UserSession,
} from '../../central/testing/test-app.ts';
import { fetchHttp, fetchLiveStreams } from '../../core/help/fetch-adapters.ts';
import { HelpClient, type HelpClientState } from '../../core/help/help-client.ts';
import { systemClock } from '../../core/ports.ts';

const context = {
  language: 'sv' as const,
  accessibilityModes: [],
  serviceId: null,
  sessionId: '0190a4b2-0000-7000-8000-00000000abcd',
};

describe('HelpClient against central', () => {
  let db: OpenedStorage;
  let t: TestCentral;
  let url: string;
  let aino: UserSession;
  let client: HelpClient;
  const events: UsageEventInput[] = [];

  /** Resolves when the client's state matches. */
  const until = (predicate: (s: HelpClientState) => boolean) =>
    new Promise<HelpClientState>((resolve) => {
      if (predicate(client.getState())) return resolve(client.getState());
      const off = client.subscribe((s) => {
        if (predicate(s)) {
          off();
          resolve(s);
        }
      });
    });

  beforeEach(async () => {
    db = await openTestSqlite();
    t = await createTestCentral({ storage: db.storage, clock: realTestClock() });
    url = await t.listen();
    aino = await t.addAdvisor('aino');
    const token = await t.addStation('oodi-1');
    client = new HelpClient({
      http: fetchHttp(fetch),
      streams: fetchLiveStreams(fetch),
      clock: systemClock,
      metrics: { record: (e) => events.push(e) },
      centralUrl: url,
      token,
      pollIntervalMs: 200,
    });
  });
  afterEach(async () => {
    client.dispose();
    await t.close();
    await db.dispose();
  });

  it('a visitor is told at once that nobody is online, then gets an advisor who writes back and resolves', async () => {
    await client.request({ topic: 'email', mode: 'chat-here' }, context);
    expect(client.getState().view).toMatchObject({ phase: 'unavailable', reason: 'no-advisors' });
    client.dismiss();

    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/help/advisor/presence',
      headers: aino.headers,
      payload: { status: 'online' },
    });
    await client.request({ topic: 'email', mode: 'chat-here' }, context);
    const queued = client.getState().view;
    expect(queued).toMatchObject({ phase: 'queued', position: 1 });
    const id = queued.phase === 'queued' ? queued.requestId : '';

    await t.app.inject({ method: 'POST', url: `/api/v1/help/advisor/requests/${id}/claim`, headers: aino.headers });
    expect((await until((s) => s.advisorHelping)).view).toMatchObject({ phase: 'claimed', advisorFirstName: 'aino' });

    await client.sendMessage('Hej, jag kommer inte in');
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/help/advisor/requests/${id}/messages`,
      headers: aino.headers,
      payload: { text: 'Jag kommer' },
    });
    await until((s) => s.view.phase === 'claimed' && s.view.messages.length === 2);

    await t.app.inject({ method: 'POST', url: `/api/v1/help/advisor/requests/${id}/resolve`, headers: aino.headers });
    await until((s) => s.view.phase === 'resolved');
    expect(events.map((e) => e.type)).toEqual(['help.requested', 'help.requested', 'help.answered']);
    expect(JSON.stringify(events)).not.toContain('kommer');
  });

  it('the visitor still sees the advisor arrive when the live stream breaks', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/help/advisor/presence',
      headers: aino.headers,
      payload: { status: 'online' },
    });
    await client.request({ topic: 'kela', mode: 'come-to-me' }, context);
    const view = client.getState().view;
    const id = view.phase === 'queued' ? view.requestId : '';
    // Cut every open connection (the station's stream among them), then claim.
    t.app.server.closeAllConnections();
    await t.app.inject({ method: 'POST', url: `/api/v1/help/advisor/requests/${id}/claim`, headers: aino.headers });
    expect((await until((s) => s.advisorHelping)).view).toMatchObject({ phase: 'claimed', advisorFirstName: 'aino' });
  });

  it('a session reset cancels the request on central', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/help/advisor/presence',
      headers: aino.headers,
      payload: { status: 'online' },
    });
    await client.request({ topic: 'computer', mode: 'come-to-me' }, context);
    const view = client.getState().view;
    const id = view.phase === 'queued' ? view.requestId : '';
    await client.resetSession();
    const queue = (
      await t.app.inject({ method: 'GET', url: '/api/v1/help/advisor/queue', headers: aino.headers })
    ).json<{ items: { id: string }[] }>();
    expect(queue.items.map((i) => i.id)).not.toContain(id);
  });
});
