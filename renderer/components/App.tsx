import { Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Language } from '../../protocol/events.ts';
import type { KioskApi, StationPhase, StationView } from '../../protocol/ipc.ts';
import { useActivityReporter } from '../hooks/use-activity-reporter.ts';
import { useAfterFirstPaint } from '../hooks/use-after-first-paint.ts';
import { useDocumentSettings } from '../hooks/use-document-settings.ts';
import { useShellOverlay } from '../hooks/use-shell-overlay.ts';
import { useStationView, type StationViews } from '../hooks/use-station-view.ts';
import type { ShellLanguages } from '../i18n/create-i18n.ts';
import { useReadAloud } from '../read-aloud/use-read-aloud.ts';
import { markStart } from '../start-marks.ts';
import { ScreenFocus } from './ScreenFocus.tsx';
import type { ShellParts } from './shell-parts.ts';
import { WelcomeScreen } from './WelcomeScreen.tsx';

/** Help UI supplied by the composition root (renderer/help), so the shell does not depend on its internals. */
export interface HelpUi {
  /** The always-visible help button. */
  button: (props: { view: StationView; kiosk: KioskApi }) => React.ReactNode;
  /** The help dialog/panel; renders nothing while closed. */
  panel: (props: { view: StationView; kiosk: KioskApi }) => React.ReactNode;
  /** Whether the panel is open, so the shell can cover an e-service while it is (see `useShellOverlay`). */
  panelOpen?: { isOpen: () => boolean; subscribe: (listener: () => void) => () => void };
  /** Loads the panel's code ahead of need (it is not part of the first screen's chunk). */
  preload?: () => Promise<void>;
}

/** Everything the shell is built from, made once per shell by the entry point (`main.tsx`). */
export interface ShellProps {
  kiosk: KioskApi;
  /** The station's view, already known when the shell is first rendered (`followStationView`). */
  views: StationViews;
  /** The i18next instance and its on-demand languages; the station's default language is loaded. */
  languages: ShellLanguages;
  help: HelpUi;
  /** The screens and dialogs after the welcome screen, loaded on demand (`createShellParts`). */
  parts: ShellParts;
}

/** What shows while a screen's code is still loading: announced, and the same in every language. */
const loading = (
  <p className="center-screen" role="status">
    …
  </p>
);

const noSubscription = () => () => undefined;
const closed = () => false;

export function App(props: ShellProps) {
  return (
    <I18nextProvider i18n={props.languages.i18n}>
      <Shell {...props} />
    </I18nextProvider>
  );
}

function Shell({ kiosk, views, languages, help, parts }: ShellProps) {
  const view = useStationView(views);
  useDocumentSettings(view, languages);
  const sayAloud = useReadAloud(view?.accessibility.readAloud ?? false, view?.language ?? 'fi');
  useActivityReporter(kiosk);
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'end' | 'a11y' | 'files' | 'language' | null>(null);
  // The third argument serves the build-time render of the welcome screen (renderer/welcome).
  const helpOpen = useSyncExternalStore(
    help.panelOpen?.subscribe ?? noSubscription,
    help.panelOpen?.isOpen ?? closed,
    help.panelOpen?.isOpen ?? closed,
  );
  // One flag for every shell dialog: the end-session dialog, accessibility and files panels, and help.
  // The screen view's consent question and its "stopped" notice are dialogs too (issue 16).
  const screenShareDialog = view?.screenShare.phase === 'asking' || view?.screenShare.phase === 'stopped';
  useShellOverlay(kiosk, dialog !== null || helpOpen || screenShareDialog);
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
  // A language is switched to once its texts are loaded (usually already, by the prefetch), so
  // the station and the whole screen change together. The last choice wins.
  const chosenLanguage = useRef<Language | null>(null);
  const chooseLanguage = useCallback(
    (language: Language) => {
      chosenLanguage.current = language;
      void languages.load(language).then(
        () => {
          if (chosenLanguage.current === language) void kiosk.invoke('language:set', { language });
        },
        () => undefined, // texts that cannot load: stay in the current language rather than show keys
      );
    },
    [languages, kiosk],
  );

  // "Start" waits for the launcher's code (already there once prefetched) before the station
  // moves on, so a quick visitor sees the welcome screen a moment longer, never a blank one.
  const start = useCallback(() => {
    const begin = () => void kiosk.invoke('session:start');
    parts.preloadSession().then(begin, begin);
  }, [kiosk, parts]);

  // For the start bench and the performance panel: the first screen is in the page.
  useLayoutEffect(() => markStart('committed'), []);

  // Once the first screen is on display, load what comes next while the visitor reads it: the
  // launcher first, so "Start" does not wait; then dialogs, help and the other languages.
  const firstScreenShown = useAfterFirstPaint(view !== null);
  useEffect(() => {
    if (!firstScreenShown) return;
    const ignore = () => undefined; // best effort: a part that failed to load is loaded again when needed
    void parts
      .prefetch()
      .then(() => help.preload?.())
      .then(() => languages.prefetch())
      .catch(ignore);
  }, [firstScreenShown, parts, help, languages]);

  if (!view) return loading;

  const close = () => setDialog(null);
  const helpButton = help.button({ view, kiosk });
  const { Toolbar, Launcher, ServiceArea, BlockedNotice, ResetScreen, OutOfOrderScreen } = parts;
  const { AccessibilityPanel, EndSessionDialog, FilesPanel, LanguageDialog, IdleWarningDialog } = parts;
  let screen: React.ReactNode;
  if (view.phase === 'out-of-order') screen = <OutOfOrderScreen.Component view={view} />;
  else if (view.phase === 'resetting' || view.phase === 'reset-done')
    screen = <ResetScreen.Component view={view} kiosk={kiosk} />;
  else if (screenPhase === 'welcome')
    screen = (
      <WelcomeScreen
        view={view}
        onStart={start}
        onAccessibility={() => setDialog('a11y')}
        chooseLanguage={chooseLanguage}
        helpButton={helpButton}
      />
    );
  else
    screen = (
      <>
        <Toolbar.Component
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
            <BlockedNotice.Component view={view} kiosk={kiosk} />
          </main>
        ) : view.activeServiceId ? (
          <ServiceArea.Component view={view} />
        ) : (
          <main id="main">
            <Launcher.Component view={view} kiosk={kiosk} />
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
      <Suspense fallback={loading}>
        {screen}
        <ScreenFocus screenKey={screenKey} />
      </Suspense>
      {/* A closed HDS dialog renders nothing, so each is mounted only while open: its code loads
          with the prefetch, or on first use. */}
      <Suspense fallback={null}>
        {dialog === 'end' && <EndSessionDialog.Component kiosk={kiosk} isOpen close={close} />}
      </Suspense>
      <Suspense fallback={null}>
        {dialog === 'a11y' && <AccessibilityPanel.Component view={view} kiosk={kiosk} isOpen close={close} />}
      </Suspense>
      <Suspense fallback={null}>
        {dialog === 'files' && <FilesPanel.Component view={view} isOpen close={close} />}
      </Suspense>
      <Suspense fallback={null}>
        {dialog === 'language' && (
          <LanguageDialog.Component view={view} chooseLanguage={chooseLanguage} isOpen close={close} />
        )}
      </Suspense>
      <Suspense fallback={null}>
        {view.phase === 'idle-warning' && <IdleWarningDialog.Component view={view} kiosk={kiosk} />}
      </Suspense>
      {/* The help panel also holds the live region that announces help news, so it is mounted
          as soon as the first screen is shown, and at once if help is already under way. */}
      {view.phase !== 'out-of-order' && (firstScreenShown || view.help.phase !== 'none' || helpOpen) && (
        <Suspense fallback={null}>{help.panel({ view, kiosk })}</Suspense>
      )}
    </div>
  );
}
