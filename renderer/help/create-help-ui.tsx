import type { KioskApi, StationView } from '../../protocol/ipc.ts';
import { lazyPart } from '../components/lazy-part.tsx';
import { createHelpPanelState } from './help-panel-state.ts';
import { HelpButton } from './HelpButton.tsx';

/**
 * Builds the help button and panel for one shell, sharing one open/closed state. Matches the
 * shell's `HelpUi` slot. The button is on the first screen; the panel (topics, chat, contacts) is
 * its own chunk, loaded with the shell's prefetch or when first shown. The `help` texts are loaded
 * with the shell's (`createShellI18n(language, { help: HELP_LOCALES })` in main.tsx).
 */
export function createHelpUi() {
  const panel = createHelpPanelState();
  const HelpPanel = lazyPart(() => import('./HelpPanel.tsx').then((m) => m.HelpPanel));
  // The screen view (issue 16) only follows a claimed request, so it loads with the panel.
  const ScreenShare = lazyPart(() => import('../screen-share/ScreenShareLayer.tsx').then((m) => m.ScreenShareLayer));
  return {
    button: (props: { view: StationView; kiosk: KioskApi }) => <HelpButton {...props} panel={panel} />,
    panel: (props: { view: StationView; kiosk: KioskApi }) => (
      <>
        <HelpPanel.Component {...props} panel={panel} />
        <ScreenShare.Component {...props} />
      </>
    ),
    // Read-only view of the open flag: the shell covers an e-service while the panel is open.
    panelOpen: { isOpen: panel.isOpen, subscribe: panel.subscribe },
    preload: () => Promise.all([HelpPanel.preload(), ScreenShare.preload()]).then(() => undefined),
  };
}
