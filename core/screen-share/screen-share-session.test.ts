import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.ts';
import { ScreenShareSession, type ScreenShareLink } from './screen-share-session.ts';

const REQUEST = '0190c2a0-0000-7000-8000-000000000001';
const SHARE = '0190c2a0-0000-7000-8000-0000000000a1';
const ask = { requestId: REQUEST, shareId: SHARE, iceServers: [], maxSeconds: 600 };

describe('the station side of a screen share', () => {
  let clock: ManualClock;
  let calls: string[];
  let session: ScreenShareSession;
  beforeEach(() => {
    clock = new ManualClock();
    calls = [];
    const link: ScreenShareLink = {
      consent: async (_r, _s, allow) => void calls.push(`consent:${allow}`),
      signal: async (_r, signal) => void calls.push(`signal:${signal.kind}`),
      stop: async (_r, _s, reason) => void calls.push(`stop:${reason}`),
    };
    session = new ScreenShareSession({ link, clock });
  });

  it('asks the visitor first and shows nothing shared until they allow', async () => {
    session.ask(ask, 'Aino');
    expect(session.current()).toEqual({ phase: 'asking', shareId: SHARE, advisorFirstName: 'Aino' });
    await session.sendSignal('offer', '{}');
    expect(calls).toEqual([]);
    await session.answer(true);
    expect(session.current()).toMatchObject({ phase: 'sharing', endsAt: clock.now() + 600_000 });
    await session.sendSignal('offer', '{}');
    expect(calls).toEqual(['consent:true', 'signal:offer']);
  });

  it('a No ends it at once and tells central', async () => {
    session.ask(ask, 'Aino');
    await session.answer(false);
    expect(session.current()).toEqual({ phase: 'off' });
    expect(calls).toEqual(['consent:false']);
  });

  it('passes the advisor answer, candidates and pointer to the shell once each, only for this share', async () => {
    session.ask(ask, 'Aino');
    await session.answer(true);
    session.received({ shareId: SHARE, kind: 'answer', data: 'a' });
    session.received({ shareId: 'other', kind: 'ice', data: 'x' });
    session.received({ shareId: SHARE, kind: 'ice', data: 'c' });
    session.pointer(SHARE, 0.5, 0.5);
    const view = session.current();
    expect(view.phase === 'sharing' && view.inbox.map((m) => [m.seq, m.kind])).toEqual([
      [1, 'answer'],
      [2, 'ice'],
    ]);
    expect(view.phase === 'sharing' && view.pointer).toEqual({ seq: 3, x: 0.5, y: 0.5 });
  });

  it('the visitor sees that it stopped, whoever stopped it', async () => {
    session.ask(ask, 'Aino');
    await session.answer(true);
    await session.stop('visitor');
    expect(session.current()).toEqual({ phase: 'stopped', reason: 'visitor' });
    expect(calls.at(-1)).toBe('stop:visitor');
    session.dismiss();
    expect(session.current()).toEqual({ phase: 'off' });

    session.ask(ask, 'Aino');
    await session.answer(true);
    session.ended(SHARE, 'advisor-session-ended');
    expect(session.current()).toEqual({ phase: 'stopped', reason: 'advisor-session-ended' });
  });

  it('stops by itself at the maximum the advisor side was given', async () => {
    session.ask(ask, 'Aino');
    await session.answer(true);
    clock.advance(599_999);
    expect(session.current().phase).toBe('sharing');
    clock.advance(1);
    expect(session.current()).toEqual({ phase: 'stopped', reason: 'max-duration' });
    expect(calls.at(-1)).toBe('stop:max-duration');
  });

  it('a reset ends it without leaving a notice for the next visitor', async () => {
    session.ask(ask, 'Aino');
    await session.answer(true);
    await session.stop('reset');
    expect(session.current()).toEqual({ phase: 'off' });
    expect(calls.at(-1)).toBe('stop:reset');
  });

  it('ends with the help request', async () => {
    session.ask(ask, 'Aino');
    session.requestEnded();
    expect(session.current()).toEqual({ phase: 'stopped', reason: 'claim-ended' });
  });
});
