import type { i18n as I18n } from 'i18next';
import type { Language } from '../../protocol/events.ts';
import arJson from './locales/ar.json';
import enJson from './locales/en.json';
import etJson from './locales/et.json';
import fiPlainJson from './locales/fi-x-plain.json';
import fiJson from './locales/fi.json';
import ruJson from './locales/ru.json';
import soJson from './locales/so.json';
import svJson from './locales/sv.json';
import ukJson from './locales/uk.json';

/** Every help locale has the Finnish keys: each import below is typed against Finnish, so a missing key does not compile. */
export type HelpStrings = typeof fiJson;

const fi: HelpStrings = fiJson;
const fiPlain: HelpStrings = fiPlainJson;
const sv: HelpStrings = svJson;
const en: HelpStrings = enJson;
const ru: HelpStrings = ruJson;
const et: HelpStrings = etJson;
const so: HelpStrings = soJson;
const ar: HelpStrings = arJson;
const uk: HelpStrings = ukJson;

/** One help locale for every protocol language (extra keys, empty texts and placeholders: see renderer/i18n/locales.test.ts). */
export const HELP_LOCALES: Readonly<Record<Language, HelpStrings>> = {
  fi,
  'fi-x-plain': fiPlain,
  sv,
  en,
  ru,
  et,
  so,
  ar,
  uk,
} satisfies Record<Language, HelpStrings>;

/** Adds the `help` namespace to a shell's i18next instance (a missing text falls back like the shell: fi-x-plain → fi, others → en → fi). */
export function registerHelpTranslations(i18n: I18n): void {
  for (const [language, strings] of Object.entries(HELP_LOCALES))
    i18n.addResourceBundle(language, 'help', strings, true, true);
}
