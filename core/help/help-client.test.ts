import { describe, expect, it } from 'vitest';
import type { UsageEventInput } from '../../protocol/events.ts';
import type { HelpStationRequest } from '../../protocol/help.ts';
import type { Clock } from '../ports.ts';
import { HelpClient, type HelpRequestContext } from './help-client.ts';
import type { Http, HttpResponse, LiveStreamHandlers } from './ports.ts';

const REQUEST_ID = '0190a4b2-7c3d-7e8f-9a0b-1c2d3e4f5a6b';
const context: HelpRequestContext = {
  language: 'fi',
  accessibilityModes: [],
  serviceId: 'kela',
  sessionId: '0190a4b2-0000-7000-8000-000000000001',
};
const draft = { topic: 'kela', mode: 'chat-here' } as const;

function manualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock & { advance(ms: number): void } = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
  };
  return clock;
}

const json = (status: number, body: unknown): HttpResponse => ({ status, json: async () => body });
const remote = (overrides: Partial<HelpStationRequest> = {}): HelpStationRequest => ({
  requestId: REQUEST_ID,
  state: 'queued',
  draft,
  position: 2,
  estimatedWaitMinutes: 6,
  advisorFirstName: null,
  messages: [],
  ...overrides,
});

/** A central that answers by route; `null` = never answers, an Error = network failure. */
function fakeCentral(routes: Record<string, HttpResponse | Error | null | (() => HttpResponse | Error | null)>) {
  const calls: string[] = [];
  const http: Http = {
    request(url, init) {
      const key = `${init.method} ${url.replace('http://central/api/v1/help', '')}`;
      calls.push(key);
      const route = routes[key];
      const answer = typeof route === 'function' ? route() : route;
      if (answer === undefined) return Promise.resolve(json(404, { error: 'not-found' }));
      if (answer === null) return new Promise(() => {});
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
  return { http, calls };
}

function fakeStreams() {
  const opened: { url: string; handlers: LiveStreamHandlers; closed: boolean }[] = [];
  return {
    opened,
    source: {
      open(url: string, _headers: Record<string, string>, handlers: LiveStreamHandlers) {
        const entry = { url, handlers, closed: false };
        opened.push(entry);
        return { close: () => void (entry.closed = true) };
      },
    },
    last: () => opened.at(-1)!,
  };
}

function setup(routes: Parameters<typeof fakeCentral>[0], centralUrl: string | null = 'http://central') {
  const clock = manualClock();
  const central = fakeCentral(routes);
  const streams = fakeStreams();
  const events: UsageEventInput[] = [];
  const client = new HelpClient({
    http: central.http,
    streams: streams.source,
    clock,
    metrics: { record: (e) => events.push(e) },
    centralUrl,
    token: 'kst_token',
    answerTimeoutMs: 4000,
    pollIntervalMs: 5000,
  });
  return { client, clock, central, streams, events };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('HelpClient', () => {
  it('shows the visitor their place in the queue and estimated wait', async () => {
    const { client, events } = setup({ 'POST /requests': json(201, { status: 'accepted', request: remote() }) });
    await client.request(draft, context);
    expect(client.getState().view).toMatchObject({ phase: 'queued', position: 2, estimatedWaitMinutes: 6 });
    expect(events).toEqual([{ type: 'help.requested', sessionId: context.sessionId, topic: 'kela' }]);
  });

  it('says at once that no advisor is online', async () => {
    const { client } = setup({ 'POST /requests': json(200, { status: 'unavailable', reason: 'no-advisors' }) });
    await client.request(draft, context);
    expect(client.getState().view).toEqual({ phase: 'unavailable', reason: 'no-advisors', draft });
  });

  it('says at once that help is outside its hours', async () => {
    const { client } = setup({ 'POST /requests': json(200, { status: 'unavailable', reason: 'outside-hours' }) });
    await client.request(draft, context);
    expect(client.getState().view).toMatchObject({ phase: 'unavailable', reason: 'outside-hours' });
  });

  it('shows the alternatives when central cannot be reached', async () => {
    const { client } = setup({ 'POST /requests': new TypeError('fetch failed') });
    await client.request(draft, context);
    expect(client.getState().view).toMatchObject({ phase: 'unavailable', reason: 'unreachable' });
  });

  it('shows the alternatives after a few seconds when central does not answer, instead of spinning', async () => {
    const { client, clock } = setup({ 'POST /requests': null });
    const pending = client.request(draft, context);
    expect(client.getState().view.phase).toBe('sending');
    clock.advance(3999);
    await flush();
    expect(client.getState().view.phase).toBe('sending');
    clock.advance(1);
    await pending;
    expect(client.getState().view).toMatchObject({ phase: 'unavailable', reason: 'unreachable' });
  });

  it('shows the alternatives when the station has no central configured', async () => {
    const { client } = setup({}, null);
    await client.request(draft, context);
    expect(client.getState().view).toMatchObject({ phase: 'unavailable', reason: 'unreachable' });
  });

  it('shows the advisor first name, keeps the idle reset away while helped, and records the wait once', async () => {
    const { client, clock, streams, events } = setup({
      'POST /requests': json(201, { status: 'accepted', request: remote() }),
    });
    await client.request(draft, context);
    clock.advance(95_000);
    const stream = streams.last();
    stream.handlers.onOpen();
    stream.handlers.onEvent(
      'request.updated',
      JSON.stringify(remote({ state: 'claimed', position: null, advisorFirstName: 'Aino' })),
      '1-1',
    );
    expect(client.getState()).toMatchObject({
      advisorHelping: true,
      view: { phase: 'claimed', advisorFirstName: 'Aino' },
    });
    stream.handlers.onEvent(
      'request.updated',
      JSON.stringify(
        remote({
          state: 'claimed',
          position: null,
          advisorFirstName: 'Aino',
          messages: [{ id: 'm1', from: 'advisor', text: 'Hei', at: '2026-11-23T10:00:00.000Z' }],
        }),
      ),
      '1-2',
    );
    expect(events.filter((e) => e.type === 'help.answered')).toEqual([
      { type: 'help.answered', sessionId: context.sessionId, topic: 'kela', waitSeconds: 95 },
    ]);
    stream.handlers.onEvent(
      'request.updated',
      JSON.stringify(remote({ state: 'resolved', position: null, advisorFirstName: 'Aino' })),
      '1-3',
    );
    expect(client.getState()).toMatchObject({ advisorHelping: false, view: { phase: 'resolved' } });
    expect(stream.closed).toBe(true);
  });

  it('keeps following the request by polling when the live stream drops, and goes back to the stream', async () => {
    let state: HelpStationRequest = remote();
    const { client, clock, streams, central } = setup({
      'POST /requests': json(201, { status: 'accepted', request: remote() }),
      [`GET /requests/${REQUEST_ID}`]: () => json(200, state),
    });
    await client.request(draft, context);
    streams.last().handlers.onOpen();
    streams.last().handlers.onError();
    state = remote({ state: 'claimed', position: null, advisorFirstName: 'Eero' });
    clock.advance(5000);
    await flush();
    expect(central.calls).toContain(`GET /requests/${REQUEST_ID}`);
    expect(client.getState().view).toMatchObject({ phase: 'claimed', advisorFirstName: 'Eero' });
    expect(streams.opened).toHaveLength(2);
    streams.last().handlers.onOpen();
    const polls = central.calls.length;
    clock.advance(20_000);
    await flush();
    expect(central.calls.length).toBe(polls);
  });

  it('cancels an open request when the session resets, and records the cancel', async () => {
    const { client, clock, central, events, streams } = setup({
      'POST /requests': json(201, { status: 'accepted', request: remote() }),
      [`POST /requests/${REQUEST_ID}/cancel`]: json(200, remote({ state: 'cancelled' })),
    });
    await client.request(draft, context);
    clock.advance(30_000);
    await client.resetSession();
    expect(central.calls).toContain(`POST /requests/${REQUEST_ID}/cancel`);
    expect(client.getState().view).toEqual({ phase: 'none' });
    expect(events.at(-1)).toEqual({
      type: 'help.cancelled',
      sessionId: context.sessionId,
      topic: 'kela',
      waitSeconds: 30,
    });
    expect(streams.last().closed).toBe(true);
  });

  it('a reset while the request is still being sent cancels what central then creates', async () => {
    let answer: (r: HttpResponse) => void = () => {};
    const { client, central } = setup({ [`POST /requests/${REQUEST_ID}/cancel`]: json(200, {}) });
    central.http.request = (url, init) => {
      central.calls.push(`${init.method} ${url.replace('http://central/api/v1/help', '')}`);
      return url.endsWith('/requests') ? new Promise((resolve) => (answer = resolve)) : Promise.resolve(json(200, {}));
    };
    const pending = client.request(draft, context);
    await client.resetSession();
    answer(json(201, { status: 'accepted', request: remote() }));
    await pending;
    await flush();
    expect(client.getState().view).toEqual({ phase: 'none' });
    expect(central.calls).toContain(`POST /requests/${REQUEST_ID}/cancel`);
  });

  it('shows the visitor their own chat line even while the stream is down', async () => {
    const message = { id: 'm9', from: 'visitor', text: 'My code does not work', at: '2026-11-23T10:00:00.000Z' };
    const { client, streams } = setup({
      'POST /requests': json(201, {
        status: 'accepted',
        request: remote({ state: 'claimed', position: null, advisorFirstName: 'Aino' }),
      }),
      [`POST /requests/${REQUEST_ID}/messages`]: json(201, message),
    });
    await client.request(draft, context);
    streams.last().handlers.onError();
    await client.sendMessage('My code does not work');
    expect(client.getState().view).toMatchObject({ phase: 'claimed', messages: [message] });
  });

  it('tells the visitor about other ways to get help when nobody answered in time', async () => {
    const { client, streams } = setup({ 'POST /requests': json(201, { status: 'accepted', request: remote() }) });
    await client.request(draft, context);
    streams
      .last()
      .handlers.onEvent('request.updated', JSON.stringify(remote({ state: 'expired', position: null })), '1-4');
    expect(client.getState().view).toMatchObject({ phase: 'unavailable', reason: 'no-advisors' });
    client.dismiss();
    expect(client.getState().view).toEqual({ phase: 'none' });
  });

  it('asks the visitor to show the screen only for the claimed request, relays signals, and stops at reset', async () => {
    const SHARE = '0190a4b2-0000-7000-8000-0000000000a1';
    const screen = (path: string) => `POST /requests/${REQUEST_ID}/screen/${path}`;
    const { client, central, streams } = setup({
      'POST /requests': json(201, { status: 'accepted', request: remote() }),
      [screen('consent')]: json(200, { ok: true }),
      [screen('signal')]: json(200, { ok: true }),
      [screen('stop')]: json(200, { ok: true }),
      [`POST /requests/${REQUEST_ID}/cancel`]: json(200, remote({ state: 'cancelled' })),
    });
    await client.request(draft, context);
    const stream = streams.last();
    const ask = JSON.stringify({ requestId: REQUEST_ID, shareId: SHARE, iceServers: [], maxSeconds: 600 });
    // Still queued: nobody holds the request, so there is nobody to show the screen to.
    stream.handlers.onEvent('screen.ask', ask, '1-1');
    expect(client.screenShare().current()).toEqual({ phase: 'off' });
    stream.handlers.onEvent(
      'request.updated',
      JSON.stringify(remote({ state: 'claimed', position: null, advisorFirstName: 'Aino' })),
      '1-2',
    );
    stream.handlers.onEvent('screen.ask', ask, '1-3');
    expect(client.screenShare().current()).toEqual({ phase: 'asking', shareId: SHARE, advisorFirstName: 'Aino' });
    await client.screenShare().answer(true);
    await client.screenShare().sendSignal('offer', '{"type":"offer"}');
    stream.handlers.onEvent(
      'screen.signal',
      JSON.stringify({ requestId: REQUEST_ID, shareId: SHARE, kind: 'answer', data: '{"type":"answer"}' }),
      '1-4',
    );
    stream.handlers.onEvent(
      'screen.pointer',
      JSON.stringify({ requestId: REQUEST_ID, shareId: SHARE, x: 0.1, y: 0.9 }),
      '1-5',
    );
    expect(client.screenShare().current()).toMatchObject({
      phase: 'sharing',
      inbox: [{ kind: 'answer', data: '{"type":"answer"}' }],
      pointer: { x: 0.1, y: 0.9 },
    });
    await client.resetSession();
    expect(central.calls.filter((c) => c.includes('/screen/'))).toEqual([
      screen('consent'),
      screen('signal'),
      screen('stop'),
    ]);
    expect(client.screenShare().current()).toEqual({ phase: 'off' });
  });
});
