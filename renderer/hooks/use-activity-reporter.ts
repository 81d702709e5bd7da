import { useEffect } from 'react';
import type { KioskApi } from '../../protocol/ipc.ts';

/** At most one activity report per this many ms: the idle limit is minutes, input is constant. */
const THROTTLE_MS = 2000;

/** Reports the visitor's input in the shell UI to the host's idle policy. */
export function useActivityReporter(kiosk: KioskApi): void {
  useEffect(() => {
    let last = 0;
    const report = () => {
      const now = Date.now();
      if (now - last < THROTTLE_MS) return;
      last = now;
      void kiosk.invoke('session:activity');
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, report, { capture: true, passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, report, { capture: true });
    };
  }, [kiosk]);
}
