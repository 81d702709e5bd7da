import {
  Button,
  ButtonVariant,
  IconArrowLeft,
  IconDocument,
  IconGlobe,
  IconHome,
  IconSignout,
  IconTextTool,
  IconVolumeHigh,
} from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';

export interface ToolbarProps {
  view: StationView;
  kiosk: KioskApi;
  onEndSession: () => void;
  onAccessibility: () => void;
  onFiles: () => void;
  onLanguage: () => void;
  /** Speaks a text in the current language (read-aloud mode). */
  onReadAloud: (text: string) => void;
  helpButton: React.ReactNode;
}

/**
 * The toolbar that never disappears above an e-service: home, back, end session, help,
 * language, settings, and (when any) the session's files. In Electron it is the top strip of the window.
 */
export function Toolbar({
  view,
  kiosk,
  onEndSession,
  onAccessibility,
  onFiles,
  onLanguage,
  onReadAloud,
  helpButton,
}: ToolbarProps) {
  const { t } = useTranslation();
  const inService = view.activeServiceId !== null;
  return (
    <header className="toolbar" aria-label={t('toolbar.label')}>
      <div className="toolbar-group">
        <Button
          variant={ButtonVariant.Secondary}
          iconStart={<IconHome aria-hidden="true" />}
          onClick={() => void kiosk.invoke('service:home')}
          disabled={!inService && !view.blockedNotice}
        >
          {t('toolbar.home')}
        </Button>
        <Button
          variant={ButtonVariant.Secondary}
          iconStart={<IconArrowLeft aria-hidden="true" className="flip-rtl" />}
          onClick={() => void kiosk.invoke('service:back')}
          disabled={!inService}
        >
          {t('toolbar.back')}
        </Button>
        {inService && view.host.kind === 'electron' && (
          <Button variant={ButtonVariant.Clear} onClick={() => void kiosk.invoke('service:focus')}>
            {t('toolbar.toPage')}
          </Button>
        )}
        {/* In Electron the e-service is another page the shell cannot listen to; this reads what the visitor selected there. */}
        {inService && view.host.kind === 'electron' && view.accessibility.readAloud && (
          <Button
            variant={ButtonVariant.Secondary}
            iconStart={<IconVolumeHigh aria-hidden="true" />}
            onClick={() => void kiosk.invoke('service:selected-text').then(({ text }) => onReadAloud(text))}
          >
            {t('toolbar.readSelection')}
          </Button>
        )}
      </div>
      <div className="toolbar-group">
        {view.files.length > 0 && (
          <Button variant={ButtonVariant.Secondary} iconStart={<IconDocument aria-hidden="true" />} onClick={onFiles}>
            {t('toolbar.files', { count: view.files.length })}
          </Button>
        )}
        {/* The globe is the cue for visitors who cannot read the current language. */}
        <Button variant={ButtonVariant.Secondary} iconStart={<IconGlobe aria-hidden="true" />} onClick={onLanguage}>
          {t('toolbar.language')}
        </Button>
        <Button
          variant={ButtonVariant.Secondary}
          iconStart={<IconTextTool aria-hidden="true" />}
          onClick={onAccessibility}
        >
          {t('toolbar.accessibility')}
        </Button>
        {helpButton}
        <Button variant={ButtonVariant.Danger} iconStart={<IconSignout aria-hidden="true" />} onClick={onEndSession}>
          {t('toolbar.endSession')}
        </Button>
      </div>
    </header>
  );
}
