import { useSyncExternalStore } from 'react';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';

/** The station's view as the shell follows it: the latest one, and news of the next. */
export interface StationViews {
  current: () => StationView;
  subscribe: (listener: () => void) => () => void;
}

/**
 * Follows the host's view for the life of the shell; resolves once the first view is known, so
 * the first render already shows the first screen (no placeholder render, no second
 * `station:get-view` round trip). It listens before it asks, so no change is missed in between:
 * a `station:changed` that arrives before the answer was sent before it, and the answer wins;
 * every later one replaces it.
 */
export async function followStationView(kiosk: KioskApi): Promise<StationViews> {
  const listeners = new Set<() => void>();
  let latest: StationView | null = null;
  kiosk.onViewChanged((next) => {
    latest = next;
    for (const listener of listeners) listener();
  });
  const first = await kiosk.invoke('station:get-view');
  latest = first;
  return {
    current: () => latest ?? first,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The current station view, kept up to date from the host's `station:changed` pushes. */
export function useStationView(views: StationViews): StationView {
  // The same snapshot on the server: the build renders the welcome screen to markup (renderer/welcome).
  return useSyncExternalStore(views.subscribe, views.current, views.current);
}
