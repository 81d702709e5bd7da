/**
 * The shell's i18next instance. One instance per app (built in the entry point, never a module
 * singleton), so tests and the preview can run several shells side by side.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../protocol/events.ts';
import arJson from './locales/ar.json';
import enJson from './locales/en.json';
import etJson from './locales/et.json';
import fiPlainJson from './locales/fi-x-plain.json';
import fiJson from './locales/fi.json';
import ruJson from './locales/ru.json';
import soJson from './locales/so.json';
import svJson from './locales/sv.json';
import ukJson from './locales/uk.json';

/** The shape every locale must have: Finnish is the reference. */
export type ShellStrings = typeof fiJson;

// Each locale is typed against Finnish, so a missing key is a compile error naming the file.
// (Extra keys, empty texts and changed {{placeholders}} are caught by locales.test.ts.)
const fi: ShellStrings = fiJson;
const fiPlain: ShellStrings = fiPlainJson;
const sv: ShellStrings = svJson;
const en: ShellStrings = enJson;
const ru: ShellStrings = ruJson;
const et: ShellStrings = etJson;
const so: ShellStrings = soJson;
const ar: ShellStrings = arJson;
const uk: ShellStrings = ukJson;

/** Locales the shell ships: one for every language in the protocol (a new language won't compile without one). */
export const SHELL_LOCALES: Readonly<Record<Language, ShellStrings>> = {
  fi,
  'fi-x-plain': fiPlain,
  sv,
  en,
  ru,
  et,
  so,
  ar,
  uk,
} satisfies Record<Language, ShellStrings>;

/** Languages written right to left. */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set<Language>(['ar']);

/** Plain-language Finnish falls back to Finnish; every other language to English, then Finnish. */
const FALLBACKS = { 'fi-x-plain': ['fi'], default: ['en', 'fi'] };

/** Languages offered in the picker, in the protocol's order (fi, fi-x-plain, sv, en, ru, et, so, ar, uk). */
export function offeredLanguages(): Language[] {
  return LANGUAGES.filter((language) => language in SHELL_LOCALES);
}

export function createShellI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(SHELL_LOCALES).map(([lng, strings]) => [lng, { shell: strings }])),
    lng: language,
    fallbackLng: FALLBACKS,
    ns: ['shell'],
    defaultNS: 'shell',
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
    showSupportNotice: false, // no vendor message in the kiosk's console
  });
  return instance;
}
