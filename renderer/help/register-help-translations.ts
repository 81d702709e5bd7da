import type { LocaleLoaders } from '../i18n/create-i18n.ts';
import type fiJson from './locales/fi.json';

/** Every help locale has the Finnish keys: each loader below is typed against Finnish, so a missing key does not compile. */
export type HelpStrings = typeof fiJson;

/**
 * The `help` namespace, one chunk per language, loaded with the shell's texts of the same
 * language (`createShellI18n(language, { help: HELP_LOCALES })`). Extra keys, empty texts and
 * placeholders: see renderer/i18n/locales.test.ts. A missing text falls back like the shell's:
 * fi-x-plain → fi, others → en → fi.
 */
export const HELP_LOCALES = {
  fi: () => import('./locales/fi.json'),
  'fi-x-plain': () => import('./locales/fi-x-plain.json'),
  sv: () => import('./locales/sv.json'),
  en: () => import('./locales/en.json'),
  ru: () => import('./locales/ru.json'),
  et: () => import('./locales/et.json'),
  so: () => import('./locales/so.json'),
  ar: () => import('./locales/ar.json'),
  uk: () => import('./locales/uk.json'),
} satisfies LocaleLoaders<HelpStrings>;
