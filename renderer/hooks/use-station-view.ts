import { useEffect, useState } from 'react';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';

/** The current station view, kept up to date from the host's `station:changed` pushes. */
export function useStationView(kiosk: KioskApi): StationView | null {
  const [view, setView] = useState<StationView | null>(null);
  useEffect(() => {
    let alive = true;
    const unsubscribe = kiosk.onViewChanged((next) => alive && setView(next));
    void kiosk.invoke('station:get-view').then((first) => alive && setView((current) => current ?? first));
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [kiosk]);
  return view;
}
