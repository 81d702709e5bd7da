/** Entry of the usage dashboard (served by central at /dashboard/). */
import 'hds-core/lib/base.min.css';
// HDS's font stack (--font-default: HelsinkiGroteskPro, Arial, sans-serif). The Helsinki Grotesk
// files are in no npm package: hds-core's fonts.css loads them from the city's CDN, which central's
// CSP (font-src 'self') refuses; a PC with the font installed uses it, others get Arial.
import '../shared/staff-base.css';
import '../shared/staff-shell.css';
import './dashboard.css';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createDashboardApi } from './dashboard-api.ts';
import { createDashboardI18n } from './i18n.ts';
import { App } from './components/App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
const i18n = createDashboardI18n(navigator.language);
createRoot(root).render(
  <I18nextProvider i18n={i18n}>
    <App api={createDashboardApi(window.fetch.bind(window))} />
  </I18nextProvider>,
);
