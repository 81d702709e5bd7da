import { useSyncExternalStore } from 'react';
import type { HelpPanelState } from './help-panel-state.ts';

/** The panel's open flag as React state. */
export function useHelpPanelOpen(state: HelpPanelState): boolean {
  return useSyncExternalStore(state.subscribe, state.isOpen);
}
