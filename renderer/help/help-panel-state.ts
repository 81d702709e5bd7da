/**
 * Whether the help panel is open. Shared by the button and the panel, created once per shell by
 * `createHelpUi` (never a module singleton, so several shells can run side by side in tests).
 */
export interface HelpPanelState {
  // Properties, not methods: React calls them detached (useSyncExternalStore), so they must not use `this`.
  isOpen: () => boolean;
  setOpen: (open: boolean) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createHelpPanelState(): HelpPanelState {
  let open = false;
  const listeners = new Set<() => void>();
  return {
    isOpen: () => open,
    setOpen(next) {
      if (next === open) return;
      open = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
