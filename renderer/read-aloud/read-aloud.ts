/**
 * Read aloud: speaks what the visitor points at (the focused control, or text they select) in the
 * voice of the shell's current language. Built on the Web Speech API (`speechSynthesis`), which
 * Chromium and Electron provide; on Linux, Electron speaks through speech-dispatcher (see
 * docs/accessibility.md for the packages a station needs).
 *
 * Privacy: the text goes only to the local speech engine. It is never logged, stored or sent.
 */
import type { Language } from '../../protocol/events.ts';

/** The part of `window.speechSynthesis` this module needs (a fake in tests). */
export interface SpeechPort {
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
  getVoices(): SpeechSynthesisVoice[];
}

/** BCP 47 tags the speech engine understands, per shell language. */
export const SPEECH_LANGUAGE: Record<Language, string> = {
  fi: 'fi-FI',
  'fi-x-plain': 'fi-FI', // plain-language Finnish is Finnish to a speech engine
  sv: 'sv-FI',
  en: 'en-GB',
  ru: 'ru-RU',
  et: 'et-EE',
  so: 'so-SO',
  ar: 'ar',
  uk: 'uk-UA',
};

/** Longest text spoken at once; a visitor who selects a whole page gets its start, not minutes of speech. */
export const MAX_SPOKEN_CHARS = 2000;

/**
 * Picks the best voice for a language: exact tag, then same primary language (sv-SE for sv-FI),
 * else none (the engine then uses `utterance.lang`, or its default voice).
 */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], tag: string): SpeechSynthesisVoice | null {
  const lower = tag.toLowerCase();
  const primary = lower.split('-')[0];
  return (
    voices.find((v) => v.lang.toLowerCase() === lower) ??
    voices.find((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === primary) ??
    null
  );
}

/** Collapses whitespace and trims to `MAX_SPOKEN_CHARS`; returns '' when there is nothing to say. */
export function speakableText(raw: string | null | undefined): string {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  return text.length > MAX_SPOKEN_CHARS ? text.slice(0, MAX_SPOKEN_CHARS) : text;
}

/**
 * What a focused element "says": its accessible name as a screen reader would start it — an
 * explicit aria-label, the text of aria-labelledby, else its visible text — plus, for switches
 * and toggle buttons, whether it is on (in the shell's language, via `stateWords`).
 */
export function describeElement(el: Element, stateWords: { on: string; off: string }): string {
  const doc = el.ownerDocument;
  let name = el.getAttribute('aria-label') ?? '';
  if (!name) {
    const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
    name = ids.map((id) => doc.getElementById(id)?.textContent ?? '').join(' ');
  }
  if (!name) name = (el as HTMLElement).innerText ?? el.textContent ?? '';
  if (!name && el.tagName === 'INPUT') {
    const input = el as HTMLInputElement;
    name = input.labels?.[0]?.textContent ?? input.placeholder;
  }
  const state = el.getAttribute('aria-checked') ?? el.getAttribute('aria-pressed');
  const suffix = state === 'true' ? `, ${stateWords.on}` : state === 'false' ? `, ${stateWords.off}` : '';
  const text = speakableText(name);
  return text ? text + suffix : '';
}

/** Speaks one text at a time: a new request interrupts the previous one, as visitors expect. */
export class ReadAloud {
  constructor(
    private readonly speech: SpeechPort,
    private readonly makeUtterance: (text: string) => SpeechSynthesisUtterance,
  ) {}

  /** Speaks `text` in `language`; returns false when there was nothing to say. */
  say(text: string, language: Language): boolean {
    const spoken = speakableText(text);
    if (!spoken) return false;
    this.speech.cancel();
    const utterance = this.makeUtterance(spoken);
    const tag = SPEECH_LANGUAGE[language];
    utterance.lang = tag;
    const voice = pickVoice(this.speech.getVoices(), tag);
    if (voice) utterance.voice = voice;
    this.speech.speak(utterance);
    return true;
  }

  /** Stops speaking (mode switched off, session reset). */
  stop(): void {
    this.speech.cancel();
  }
}
