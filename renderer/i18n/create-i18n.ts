/**
 * The shell's i18next instance and its languages. One instance per app (built in the entry point,
 * never a module singleton), so tests and the preview can run several shells side by side.
 *
 * Only the station's default language is loaded before the first screen; every other language is
 * its own chunk, loaded when the visitor picks it (and prefetched while the welcome screen is
 * shown, see `ShellLanguages.prefetch`), so a start does not parse nine languages' texts.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../protocol/events.ts';
import type fiJson from './locales/fi.json';

/** The shape every locale must have: Finnish is the reference. */
export type ShellStrings = typeof fiJson;

/** Loads one language's texts of one namespace (a dynamic import, so each is its own chunk). */
export type LocaleLoaders<Strings> = Readonly<Record<Language, () => Promise<{ default: Strings }>>>;

/**
 * The `shell` namespace, one chunk per language, in the protocol's order (fi, fi-x-plain, sv, en,
 * ru, et, so, ar, uk; locales.test.ts checks the order). Each is typed against Finnish, so a
 * locale missing a key, or a protocol language without a locale, does not compile; extra keys,
 * empty texts and changed {{placeholders}} are caught by locales.test.ts.
 */
export const SHELL_LOCALES = {
  fi: () => import('./locales/fi.json'),
  'fi-x-plain': () => import('./locales/fi-x-plain.json'),
  sv: () => import('./locales/sv.json'),
  en: () => import('./locales/en.json'),
  ru: () => import('./locales/ru.json'),
  et: () => import('./locales/et.json'),
  so: () => import('./locales/so.json'),
  ar: () => import('./locales/ar.json'),
  uk: () => import('./locales/uk.json'),
} satisfies LocaleLoaders<ShellStrings>;

/** Plain-language Finnish falls back to Finnish; every other language to English, then Finnish. */
const FALLBACKS: { 'fi-x-plain': Language[]; default: Language[] } = { 'fi-x-plain': ['fi'], default: ['en', 'fi'] };

/** Languages offered in the picker, in the protocol's order (fi, fi-x-plain, sv, en, ru, et, so, ar, uk). */
export function offeredLanguages(): Language[] {
  // The keys of SHELL_LOCALES, not protocol's LANGUAGES: importing that value would bring the
  // protocol's zod schemas into the first chunk, which needs none of them.
  return Object.keys(SHELL_LOCALES) as Language[];
}

/** The languages a language's missing texts fall back to, nearest first. */
export function fallbacksOf(language: Language): Language[] {
  return (language === 'fi-x-plain' ? FALLBACKS['fi-x-plain'] : FALLBACKS.default).filter((l) => l !== language);
}

/**
 * A shell's i18next instance with its languages loaded on demand. `i18n` only ever switches to a
 * language whose texts are all in place, so a visitor never sees a key or a half-translated screen.
 */
export interface ShellLanguages {
  readonly i18n: I18n;
  /** Whether `language`'s texts (every namespace) are loaded. */
  isLoaded(language: Language): boolean;
  /** Loads `language`'s texts in every namespace, and its fallbacks; resolves when they are in `i18n`. */
  load(language: Language): Promise<void>;
  /** Loads every other language in the background, one at a time, so a later choice is instant. */
  prefetch(): Promise<void>;
  /**
   * Puts `language` (already loaded) on screen. Does nothing when it is on screen already:
   * i18next announces `languageChanged` on every switch, even to the current language, and each
   * announcement re-renders every translated component.
   */
  show(language: Language): Promise<void>;
}

/**
 * Builds the instance with `language` (the station's default) ready to render: resolves once its
 * texts are loaded. `namespaces` adds more namespaces (the help UI's `help`) loaded the same way.
 */
export async function createShellI18n(
  language: Language,
  namespaces: Readonly<Record<string, LocaleLoaders<object>>> = {},
): Promise<ShellLanguages> {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: {},
    lng: language,
    fallbackLng: FALLBACKS,
    ns: ['shell', ...Object.keys(namespaces)],
    defaultNS: 'shell',
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
    partialBundledLanguages: true,
    showSupportNotice: false, // no vendor message in the kiosk's console
  });
  const all: Record<string, LocaleLoaders<object>> = { shell: SHELL_LOCALES, ...namespaces };
  const loading = new Map<Language, Promise<void>>();
  const loaded = new Set<Language>();
  const loadOne = (lng: Language): Promise<void> => {
    let pending = loading.get(lng);
    if (!pending) {
      pending = Promise.all(
        Object.entries(all).map(async ([ns, loaders]) => {
          const strings = (await loaders[lng]()).default;
          instance.addResourceBundle(lng, ns, strings, true, true);
        }),
      ).then(
        () => void loaded.add(lng),
        (error: unknown) => {
          loading.delete(lng); // let a later choice try again
          throw error;
        },
      );
      loading.set(lng, pending);
    }
    return pending;
  };
  const languages: ShellLanguages = {
    i18n: instance,
    isLoaded: (lng) => loaded.has(lng),
    load: async (lng) => {
      await Promise.all([lng, ...fallbacksOf(lng)].map(loadOne));
    },
    prefetch: async () => {
      for (const lng of [...fallbacksOf(language), ...offeredLanguages()]) await loadOne(lng);
    },
    show: async (lng) => {
      if (instance.language !== lng) await instance.changeLanguage(lng);
    },
  };
  // The first screen waits for the default language only; its fallbacks come with the prefetch.
  await loadOne(language);
  return languages;
}
