/**
 * The shell UI's app, imported by the page's boot module (`boot.ts`). In Electron the preload has put `window.kiosk` in place; in a
 * plain browser there is none, so the preview host (core running in the page) is loaded and
 * installed instead. The preview code is a separate chunk and never loads inside Electron.
 *
 * This chunk holds only what the welcome screen needs; the station's default language is loaded
 * before the first render, everything else (launcher, dialogs, help panel, other languages) is
 * loaded on demand and prefetched once the welcome screen is shown (`createShellParts`, `App`).
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { KioskApi } from '../protocol/ipc.ts';
import { App } from './components/App.tsx';
import { createShellParts } from './components/shell-parts.ts';
import { createHelpUi } from './help/create-help-ui.tsx';
import { followStationView } from './hooks/use-station-view.ts';
import { HELP_LOCALES } from './help/register-help-translations.ts';
import { createShellI18n } from './i18n/create-i18n.ts';
import { markStart } from './start-marks.ts';
import type { WelcomeHandover } from './welcome/held-action.ts';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

/**
 * Starts the shell in the page. `handover` is the served welcome screen's (null when the page came
 * without one): the app's first render then replaces that markup in one synchronous commit, and
 * focus and a press held meanwhile carry over.
 */
export async function startShell(handover: WelcomeHandover | null): Promise<void> {
  markStart('boot');
  let kiosk = window.kiosk;
  if (!kiosk) {
    const { startPreviewHost } = await import('./preview/preview-host.ts');
    kiosk = await startPreviewHost(window);
  }
  const host = kiosk;
  const views = await followStationView(kiosk);
  markStart('view');
  const languages = await createShellI18n(views.current().language, { help: HELP_LOCALES });
  markStart('languages');
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
  const reactRoot = createRoot(root);
  const render = () =>
    reactRoot.render(
      <App
        kiosk={host}
        views={views}
        languages={languages}
        help={createHelpUi()}
        parts={createShellParts(languages)}
      />,
    );
  if (handover) handover.takeOver(() => flushSync(render));
  else render();
}
