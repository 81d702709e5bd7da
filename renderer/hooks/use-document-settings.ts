import { useEffect } from 'react';
import type { StationView } from '../../protocol/ipc.ts';
import { RTL_LANGUAGES, type ShellLanguages } from '../i18n/create-i18n.ts';

/**
 * Mirrors language and accessibility settings onto <html>: `lang`, `dir`, text scale and theme
 * attributes that the stylesheet keys on. Everything is sized in rem, so scaling the root font
 * scales the whole shell without zoom artefacts.
 *
 * A language whose texts are not loaded yet (the picker loads them before it asks the station to
 * switch, so this is rare) is switched to once they are: texts, `lang` and `dir` change together,
 * and the visitor never sees a key.
 */
export function useDocumentSettings(view: StationView | null, languages: ShellLanguages): void {
  const language = view?.language;
  const a11y = view?.accessibility;
  useEffect(() => {
    if (!language) return;
    let current = true;
    const apply = () => {
      if (!current) return;
      void languages.i18n.changeLanguage(language);
      const root = document.documentElement;
      root.lang = language === 'fi-x-plain' ? 'fi' : language;
      root.dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
    };
    if (languages.isLoaded(language)) apply();
    else
      void languages.load(language).then(apply, () => {
        // The texts could not be loaded: stay in the language on screen rather than show keys.
      });
    return () => {
      current = false;
    };
  }, [language, languages]);
  useEffect(() => {
    if (!a11y) return;
    const root = document.documentElement;
    root.style.fontSize = `${a11y.textScalePercent}%`;
    root.dataset['contrast'] = a11y.highContrast ? 'high' : 'normal';
    root.dataset['font'] = a11y.readableFont ? 'readable' : 'normal';
    root.dataset['motion'] = a11y.reducedMotion ? 'reduced' : 'normal';
    root.dataset['pointer'] = a11y.largePointer ? 'large' : 'normal';
  }, [a11y]);
}
