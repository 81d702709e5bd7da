import type { i18n as I18n } from 'i18next';
import type { Language } from '../../protocol/events.ts';
import ar from './locales/ar.json';
import en from './locales/en.json';
import et from './locales/et.json';
import fi from './locales/fi.json';
import ru from './locales/ru.json';
import so from './locales/so.json';
import sv from './locales/sv.json';
import uk from './locales/uk.json';

/** Every help locale has the Finnish keys (the compiler checks the shape). */
export type HelpStrings = typeof fi;

export const HELP_LOCALES: Partial<Record<Language, HelpStrings>> = { fi, sv, en, ru, et, so, ar, uk };

/** Adds the `help` namespace to a shell's i18next instance (plain-language Finnish falls back to fi). */
export function registerHelpTranslations(i18n: I18n): void {
  for (const [language, strings] of Object.entries(HELP_LOCALES)) i18n.addResourceBundle(language, 'help', strings, true, true);
}
