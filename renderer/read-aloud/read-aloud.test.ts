import { describe, expect, it } from 'vitest';
import { MAX_SPOKEN_CHARS, pickVoice, ReadAloud, speakableText, type SpeechPort } from './read-aloud.ts';

const voice = (lang: string, name = lang) =>
  ({ lang, name, default: false, localService: true, voiceURI: name }) as SpeechSynthesisVoice;

class FakeSpeech implements SpeechPort {
  spoken: { text: string; lang: string; voice: string | null }[] = [];
  cancels = 0;
  constructor(private readonly voices: SpeechSynthesisVoice[]) {}
  speak(u: SpeechSynthesisUtterance) {
    this.spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null });
  }
  cancel() {
    this.cancels++;
  }
  getVoices() {
    return this.voices;
  }
}
const utterance = (text: string) => ({ text, lang: '', voice: null }) as unknown as SpeechSynthesisUtterance;

describe('read aloud', () => {
  it('speaks in the voice of the shell language, falling back to a voice of the same language', () => {
    const speech = new FakeSpeech([voice('en-US'), voice('sv-SE'), voice('fi-FI', 'Satu')]);
    const reader = new ReadAloud(speech, utterance);
    reader.say('Tervetuloa', 'fi-x-plain');
    reader.say('Välkommen', 'sv');
    expect(speech.spoken).toEqual([
      { text: 'Tervetuloa', lang: 'fi-FI', voice: 'Satu' },
      { text: 'Välkommen', lang: 'sv-FI', voice: 'sv-SE' },
    ]);
  });

  it('leaves the voice to the engine when it has none for the language, but still tags the text', () => {
    const speech = new FakeSpeech([voice('en-GB')]);
    new ReadAloud(speech, utterance).say('Soo dhawoow', 'so');
    expect(speech.spoken).toEqual([{ text: 'Soo dhawoow', lang: 'so-SO', voice: null }]);
  });

  it('interrupts what it was saying when asked to say something new, and says nothing for blank text', () => {
    const speech = new FakeSpeech([]);
    const reader = new ReadAloud(speech, utterance);
    expect(reader.say('  \n ', 'fi')).toBe(false);
    expect(speech.spoken).toHaveLength(0);
    reader.say('Yksi', 'fi');
    reader.say('Kaksi', 'fi');
    expect(speech.cancels).toBe(2);
    expect(speech.spoken.map((s) => s.text)).toEqual(['Yksi', 'Kaksi']);
  });

  it('reads a long selection only up to the limit, with whitespace collapsed', () => {
    expect(speakableText(' a \n\t b ')).toBe('a b');
    expect(speakableText('x'.repeat(MAX_SPOKEN_CHARS + 500))).toHaveLength(MAX_SPOKEN_CHARS);
  });

  it('prefers an exact voice over a same-language one', () => {
    expect(pickVoice([voice('sv-SE'), voice('sv-FI')], 'sv-FI')?.lang).toBe('sv-FI');
    expect(pickVoice([voice('ar_SA')], 'ar')?.lang).toBe('ar_SA');
    expect(pickVoice([], 'fi-FI')).toBeNull();
  });
});
