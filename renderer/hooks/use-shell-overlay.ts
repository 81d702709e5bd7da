import { useEffect } from 'react';
import type { KioskApi } from '../../protocol/ipc.ts';

/**
 * Tells the host while a shell dialog is open, so Electron lets the shell cover the e-service view
 * (over a service the shell is only a toolbar strip, and a dialog would be clipped to it).
 * Sends `shell:overlay` { open: true } when `open` becomes true, and { open: false } when it turns
 * false or the component unmounts.
 *
 * The host keeps one flag, not a count: call this once per shell with every dialog's state OR-ed
 * together, or closing one of two open dialogs would uncover the page under the other.
 */
export function useShellOverlay(kiosk: KioskApi, open: boolean): void {
  useEffect(() => {
    if (!open) return;
    // A refused call (e.g. while the station resets) must not break the dialog; the layout then
    // follows the station view alone, which covers the page in every phase but browsing.
    void kiosk.invoke('shell:overlay', { open: true }).catch(() => undefined);
    return () => {
      void kiosk.invoke('shell:overlay', { open: false }).catch(() => undefined);
    };
  }, [kiosk, open]);
}
