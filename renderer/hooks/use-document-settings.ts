import { useLayoutEffect } from 'react';
import type { StationView } from '../../protocol/ipc.ts';
import { accessibilityAttributes, languageAttributes } from '../../protocol/welcome-page.ts';
import type { ShellLanguages } from '../i18n/create-i18n.ts';

/**
 * Mirrors language and accessibility settings onto <html>: `lang`, `dir`, text scale and theme
 * attributes that the stylesheet keys on. Everything is sized in rem, so scaling the root font
 * scales the whole shell without zoom artefacts.
 *
 * Layout effects, not effects: the settings are in place before the screen is painted, so a
 * station that starts in high contrast or large text never flashes the default look, and the first
 * screen is styled and laid out once instead of again right after its first paint. An attribute is
 * written only when it changes: the attributes on <html> are what the whole stylesheet keys on.
 *
 * A language whose texts are not loaded yet (the picker loads them before it asks the station to
 * switch, so this is rare) is switched to once they are: texts, `lang` and `dir` change together,
 * and the visitor never sees a key.
 */
export function useDocumentSettings(view: StationView | null, languages: ShellLanguages): void {
  const language = view?.language;
  const a11y = view?.accessibility;
  useLayoutEffect(() => {
    if (!language) return;
    let current = true;
    const apply = () => {
      if (!current) return;
      void languages.show(language);
      const root = document.documentElement;
      const { lang, dir } = languageAttributes(language);
      setIfChanged(root, 'lang', lang);
      setIfChanged(root, 'dir', dir);
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
  useLayoutEffect(() => {
    if (!a11y) return;
    const root = document.documentElement;
    const { fontSize, attributes } = accessibilityAttributes(a11y);
    if (root.style.fontSize !== fontSize) root.style.fontSize = fontSize;
    for (const [name, value] of Object.entries(attributes)) setIfChanged(root, name, value);
  }, [a11y]);
}

function setIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
