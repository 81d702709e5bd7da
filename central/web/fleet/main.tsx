/** Entry of the fleet view for IT staff (served by central at /fleet/). */
import 'hds-core/lib/base.min.css';
// HDS's font stack as in the other staff apps: the Helsinki Grotesk files are not in any npm
// package and central's CSP refuses the city's CDN, so a PC without the font gets Arial.
import '../shared/staff-base.css';
import '../shared/staff-shell.css';
import './fleet.css';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { FleetApp } from './components/FleetApp.tsx';
import { createFleetApi } from './fleet-api.ts';
import { createFleetI18n } from './i18n.ts';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
const i18n = createFleetI18n(window.localStorage.getItem('fleet.language') ?? navigator.language);
createRoot(root).render(
  <I18nextProvider i18n={i18n}>
    <FleetApp api={createFleetApi(window.fetch.bind(window))} />
  </I18nextProvider>,
);
