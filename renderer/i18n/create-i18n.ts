/**
 * The shell's i18next instance. One instance per app (built in the entry point, never a module
 * singleton), so tests and the preview can run several shells side by side.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../protocol/events.ts';
import en from './locales/en.json';
import fi from './locales/fi.json';
import sv from './locales/sv.json';

/** The shape every locale must have: Finnish is the reference. */
export type ShellStrings = typeof fi;

/** Locales the shell ships. A language without one falls back (see `FALLBACKS`). */
export const SHELL_LOCALES: Partial<Record<Language, ShellStrings>> = { fi, sv, en };

/** Languages written right to left. */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set<Language>(['ar']);

/** Plain-language Finnish falls back to Finnish; every other language to English, then Finnish. */
const FALLBACKS = { 'fi-x-plain': ['fi'], default: ['en', 'fi'] };

/** Languages offered in the picker: the ones with a locale. */
export function offeredLanguages(): Language[] {
  return Object.keys(SHELL_LOCALES) as Language[];
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
  });
  return instance;
}
