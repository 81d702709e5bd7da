import type { Language } from '../../protocol/events.ts';
import type { FleetLocalizedText } from '../../protocol/fleet.ts';

/** IT's welcome-screen message as the shell shows it: one text, and the language it is really in. */
export interface WelcomeMessageView {
  text: string;
  language: Language;
}

/**
 * Picks IT's text for the visitor's language, else Finnish (the contract's rule: IT always writes
 * Finnish, and a half-translated chain of fallbacks would surprise them). Plain-language Finnish
 * falls back to Finnish.
 */
export function welcomeMessageFor(text: FleetLocalizedText, language: Language): WelcomeMessageView {
  const exact = text[language];
  return exact ? { text: exact, language } : { text: text.fi, language: 'fi' };
}
