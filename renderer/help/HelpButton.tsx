import { useTranslation } from 'react-i18next';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';
import type { HelpPanelState } from './help-panel-state.ts';
import './help.css';

/**
 * The always-visible "Help" button. While a request is open it also says where it stands
 * ("Help: 2nd in line", "Help: Aino is coming"), so the visitor can close the panel and keep working.
 */
export function HelpButton({ view, panel }: { view: StationView; kiosk: KioskApi; panel: HelpPanelState }) {
  const { t } = useTranslation('help');
  const help = view.help;
  const status =
    help.phase === 'queued'
      ? t('button.queued', { position: help.position })
      : help.phase === 'claimed'
        ? t('button.claimed', { name: help.advisorFirstName })
        : null;
  return (
    // A native button: HDS Button takes only a text child, and this one carries a second status line.
    <button
      type="button"
      className="help-button"
      aria-haspopup="dialog"
      onClick={() => panel.setOpen(true)}
      data-testid="help-button"
    >
      <span className="help-button__label">{t('button.label')}</span>
      {status && <span className="help-button__status">{status}</span>}
    </button>
  );
}
