import { useEffect, useState, useSyncExternalStore } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { KioskApi, StationPhase, StationView } from '../../protocol/ipc.ts';
import { useActivityReporter } from '../hooks/use-activity-reporter.ts';
import { useDocumentSettings } from '../hooks/use-document-settings.ts';
import { useShellOverlay } from '../hooks/use-shell-overlay.ts';
import { useStationView } from '../hooks/use-station-view.ts';
import { useReadAloud } from '../read-aloud/use-read-aloud.ts';
import { useScreenFocus } from '../hooks/use-screen-focus.ts';
import { AccessibilityPanel } from './AccessibilityPanel.tsx';
import { BlockedNotice } from './BlockedNotice.tsx';
import { EndSessionDialog } from './EndSessionDialog.tsx';
import { FilesPanel } from './FilesPanel.tsx';
import { IdleWarningDialog } from './IdleWarningDialog.tsx';
import { LanguageDialog } from './LanguageDialog.tsx';
import { Launcher } from './Launcher.tsx';
import { OutOfOrderScreen } from './OutOfOrderScreen.tsx';
import { ResetScreen } from './ResetScreen.tsx';
import { ServiceArea } from './ServiceArea.tsx';
import { Toolbar } from './Toolbar.tsx';
import { WelcomeScreen } from './WelcomeScreen.tsx';

/** Help UI supplied by the composition root (renderer/help), so the shell does not depend on its internals. */
export interface HelpUi {
  /** The always-visible help button. */
  button: (props: { view: StationView; kiosk: KioskApi }) => React.ReactNode;
  /** The help dialog/panel; renders nothing while closed. */
  panel: (props: { view: StationView; kiosk: KioskApi }) => React.ReactNode;
  /** Whether the panel is open, so the shell can cover an e-service while it is (see `useShellOverlay`). */
  panelOpen?: { isOpen: () => boolean; subscribe: (listener: () => void) => () => void };
}

const noSubscription = () => () => undefined;
const closed = () => false;

export function App({ kiosk, i18n, help }: { kiosk: KioskApi; i18n: I18n; help: HelpUi }) {
  return (
    <I18nextProvider i18n={i18n}>
      <Shell kiosk={kiosk} i18n={i18n} help={help} />
    </I18nextProvider>
  );
}

function Shell({ kiosk, i18n, help }: { kiosk: KioskApi; i18n: I18n; help: HelpUi }) {
  const view = useStationView(kiosk);
  useDocumentSettings(view, i18n);
  const sayAloud = useReadAloud(view?.accessibility.readAloud ?? false, view?.language ?? 'fi');
  useActivityReporter(kiosk);
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'end' | 'a11y' | 'files' | 'language' | null>(null);
  const helpOpen = useSyncExternalStore(help.panelOpen?.subscribe ?? noSubscription, help.panelOpen?.isOpen ?? closed);
  // One flag for every shell dialog: the end-session dialog, accessibility and files panels, and help.
  useShellOverlay(kiosk, dialog !== null || helpOpen);
  // The idle warning overlays whatever screen the visitor was on; remember it.
  const [screenPhase, setScreenPhase] = useState<StationPhase>('welcome');
  useEffect(() => {
    if (view && view.phase !== 'idle-warning') setScreenPhase(view.phase);
    if (view && view.phase !== 'welcome' && view.phase !== 'in-session') setDialog(null);
  }, [view]);

  // Which screen is showing (not the dialogs over it): a change moves focus to its heading.
  const screenKey = view
    ? `${view.phase === 'idle-warning' ? screenPhase : view.phase}:${view.activeServiceId ?? ''}:${view.blockedNotice ? 'blocked' : ''}`
    : 'loading';
  useScreenFocus(screenKey);

  if (!view)
    return (
      <p className="center-screen" role="status">
        …
      </p>
    );

  const close = () => setDialog(null);
  const helpButton = help.button({ view, kiosk });
  let screen: React.ReactNode;
  if (view.phase === 'out-of-order') screen = <OutOfOrderScreen view={view} />;
  else if (view.phase === 'resetting' || view.phase === 'reset-done') screen = <ResetScreen view={view} />;
  else if (screenPhase === 'welcome')
    screen = (
      <WelcomeScreen view={view} kiosk={kiosk} onAccessibility={() => setDialog('a11y')} helpButton={helpButton} />
    );
  else
    screen = (
      <>
        <Toolbar
          view={view}
          kiosk={kiosk}
          onEndSession={() => setDialog('end')}
          onAccessibility={() => setDialog('a11y')}
          onFiles={() => setDialog('files')}
          onLanguage={() => setDialog('language')}
          onReadAloud={sayAloud}
          helpButton={helpButton}
        />
        {view.blockedNotice ? (
          <main id="main">
            <BlockedNotice view={view} kiosk={kiosk} />
          </main>
        ) : view.activeServiceId ? (
          <ServiceArea view={view} />
        ) : (
          <main id="main">
            <Launcher view={view} kiosk={kiosk} />
          </main>
        )}
      </>
    );

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {view.host.limitations.length > 0 && view.phase !== 'out-of-order' && (
        <aside className="preview-banner" aria-label="preview">
          {t('preview.banner', {
            limitations: view.host.limitations
              .map((code) => t(`preview.limitations.${code}`, { defaultValue: code }))
              .join(' '),
          })}
        </aside>
      )}
      {screen}
      <EndSessionDialog kiosk={kiosk} isOpen={dialog === 'end'} close={close} />
      <AccessibilityPanel view={view} kiosk={kiosk} isOpen={dialog === 'a11y'} close={close} />
      <FilesPanel view={view} isOpen={dialog === 'files'} close={close} />
      <LanguageDialog view={view} kiosk={kiosk} isOpen={dialog === 'language'} close={close} />
      <IdleWarningDialog view={view} kiosk={kiosk} />
      {view.phase !== 'out-of-order' && help.panel({ view, kiosk })}
    </div>
  );
}
