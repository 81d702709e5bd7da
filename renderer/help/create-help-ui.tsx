import type { i18n as I18n } from 'i18next';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';
import { createHelpPanelState } from './help-panel-state.ts';
import { HelpButton } from './HelpButton.tsx';
import { HelpPanel } from './HelpPanel.tsx';
import { registerHelpTranslations } from './register-help-translations.ts';

/**
 * Builds the help button and panel for one shell: adds the `help` translations to `i18n` and gives
 * both components the same open/closed state. Matches the shell's `HelpUi` slot.
 */
export function createHelpUi(i18n: I18n) {
  registerHelpTranslations(i18n);
  const panel = createHelpPanelState();
  return {
    button: (props: { view: StationView; kiosk: KioskApi }) => <HelpButton {...props} panel={panel} />,
    panel: (props: { view: StationView; kiosk: KioskApi }) => <HelpPanel {...props} panel={panel} />,
    // Read-only view of the open flag: the shell covers an e-service while the panel is open.
    panelOpen: { isOpen: panel.isOpen, subscribe: panel.subscribe },
  };
}
