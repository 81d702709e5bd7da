import type { Language } from '../../protocol/events.ts';

/** A config text per language; Finnish always present. */
export type TextByLanguage = { fi: string } & Partial<Record<string, string>>;

/**
 * Picks the text for a language, falling back the way visitors expect: plain-language Finnish
 * falls back to Finnish; any other missing language to English, then Finnish.
 */
export function localize(texts: TextByLanguage, language: Language): { text: string; language: Language } {
  const exact = texts[language];
  if (exact) return { text: exact, language };
  if (language === 'fi-x-plain') return { text: texts.fi, language: 'fi' };
  if (texts.en) return { text: texts.en, language: 'en' };
  return { text: texts.fi, language: 'fi' };
}
