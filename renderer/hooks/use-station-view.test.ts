/**
 * The shell's first render shows the first screen, so the view must be known before it, and no
 * change may be lost between asking for the view and following it.
 */
import { describe, expect, it } from 'vitest';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';
import { followStationView } from './use-station-view.ts';

/** A host whose `station:get-view` answers only when the test says so, and which pushes on demand. */
function fakeHost() {
  const listeners: ((view: StationView) => void)[] = [];
  let answer: (view: StationView) => void = () => undefined;
  let asked = 0;
  const kiosk = {
    invoke: (async (channel: string) => {
      if (channel !== 'station:get-view') throw new Error(`unexpected ${channel}`);
      asked += 1;
      return new Promise<StationView>((resolve) => (answer = resolve));
    }) as KioskApi['invoke'],
    onViewChanged: (listener: (view: StationView) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
  } satisfies KioskApi;
  return {
    kiosk,
    asked: () => asked,
    answer: (view: StationView) => answer(view),
    push: (view: StationView) => listeners.forEach((listener) => listener(view)),
  };
}

const view = (language: StationView['language']) => ({ language }) as StationView;

describe('following the station view', () => {
  it('knows the first view before the shell renders, asking once', async () => {
    const host = fakeHost();
    const following = followStationView(host.kiosk);
    host.answer(view('sv'));
    const views = await following;
    expect(views.current().language).toBe('sv');
    expect(host.asked()).toBe(1);
  });

  it('a change pushed after the answer replaces the view and tells the shell', async () => {
    const host = fakeHost();
    const following = followStationView(host.kiosk);
    host.answer(view('fi'));
    const views = await following;
    const seen: string[] = [];
    views.subscribe(() => seen.push(views.current().language));
    host.push(view('ar'));
    expect(views.current().language).toBe('ar');
    expect(seen).toEqual(['ar']);
  });

  it('a change pushed while the answer was on its way is older than the answer', async () => {
    const host = fakeHost();
    const following = followStationView(host.kiosk);
    host.push(view('en'));
    host.answer(view('uk'));
    expect((await following).current().language).toBe('uk');
  });
});
