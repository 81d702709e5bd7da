/** i18next for a staff app whose texts are one flat table a language (fi, sv, en). */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { staffLanguage, type StaffLanguage } from './display-names.ts';

/**
 * One i18next instance per page (no global singleton), starting from `tag` (the browser's or a
 * saved language) and falling back to Finnish for a missing key or an unknown language.
 */
export function createStaffI18n(tag: string, texts: Record<StaffLanguage, Record<string, string>>): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: staffLanguage(tag),
    fallbackLng: 'fi',
    resources: { fi: { translation: texts.fi }, sv: { translation: texts.sv }, en: { translation: texts.en } },
    interpolation: { escapeValue: false },
    initImmediate: false,
  } as Parameters<i18n['init']>[0]);
  return instance;
}
