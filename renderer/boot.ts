/**
 * The page's module script, and small. When the host served the welcome screen inside the page
 * (ADR 0015, protocol/welcome-page.ts), that screen is often painted before this runs, and a press
 * on it is held by the page's inline script (`HOLD_PRESS_SCRIPT`); the app (`main.tsx`, with
 * React, i18next and hds-react) is imported only after the first frame, so its evaluation never
 * delays the screen, and carries the press out (`welcomeHandover`). Without a served screen the
 * app is imported at once and draws the first screen.
 *
 * The stylesheets are imported here, not in the app, so they are in the page's head and the served
 * screen is painted styled (hds-react's component rules come inline with the markup).
 */
import 'hds-core/lib/base.min.css';
import './styles/shell.css';
import './help/help.css';
import { afterFirstFrame } from './after-first-frame.ts';
import { welcomeHandover } from './welcome/held-action.ts';

/** If no frame comes (a window that is hidden paints none), import the app anyway after this long. */
const NO_FRAME_MS = 500;

/**
 * After a start that failed (the app's chunk did not load, the host did not answer), the page is
 * loaded again this long after: the served screen must not stay up looking alive while nothing
 * carries out a press, and a passing fault (a busy disk, a restarting host) mends itself.
 */
const RETRY_MS = 3000;

const handover = welcomeHandover(document.getElementById('root'));
const startApp = () =>
  void import('./main.tsx')
    .then(({ startShell }) => startShell(handover))
    .catch((error: unknown) => {
      console.error('the shell could not start; loading the page again', error);
      setTimeout(() => location.reload(), RETRY_MS);
    });
if (handover) afterFirstFrame(startApp, NO_FRAME_MS);
else startApp();
