import i18next from 'i18next';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import 'hds-core/lib/base.min.css';
// HDS's font stack (--font-default: HelsinkiGroteskPro, Arial, sans-serif). The Helsinki Grotesk
// files are in no npm package: hds-core's fonts.css loads them from the city's CDN, which central's
// CSP (font-src 'self') refuses; a PC with the font installed uses it, others get Arial.
import { ConsoleApp } from './ConsoleApp.tsx';
import { createConsoleApi } from './console-api.ts';
import en from './locales/en.json';
import fi from './locales/fi.json';
import sv from './locales/sv.json';
import '../shared/staff-base.css';
import './console.css';

const saved = window.localStorage.getItem('console.language');
const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { fi: { console: fi }, sv: { console: sv }, en: { console: en } },
  lng: saved === 'sv' || saved === 'en' ? saved : 'fi',
  fallbackLng: 'fi',
  ns: ['console'],
  defaultNS: 'console',
  interpolation: { escapeValue: false },
  initAsync: false,
});
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  window.localStorage.setItem('console.language', lng);
});
document.documentElement.lang = i18n.language;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <I18nextProvider i18n={i18n}>
      <ConsoleApp api={createConsoleApi(window)} />
    </I18nextProvider>,
  );
}
