import { useEffect } from 'react';
import type { i18n as I18n } from 'i18next';
import type { StationView } from '../../protocol/ipc.ts';
import { RTL_LANGUAGES } from '../i18n/create-i18n.ts';

/**
 * Mirrors language and accessibility settings onto <html>: `lang`, `dir`, text scale and theme
 * attributes that the stylesheet keys on. Everything is sized in rem, so scaling the root font
 * scales the whole shell without zoom artefacts.
 */
export function useDocumentSettings(view: StationView | null, i18n: I18n): void {
  const language = view?.language;
  const a11y = view?.accessibility;
  useEffect(() => {
    if (!language) return;
    void i18n.changeLanguage(language);
    const root = document.documentElement;
    root.lang = language === 'fi-x-plain' ? 'fi' : language;
    root.dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
  }, [language, i18n]);
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
