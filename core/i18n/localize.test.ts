import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../protocol/events.ts';
import { localize } from './localize.ts';

describe('localize (service tile texts from the config)', () => {
  const full = { fi: 'Terveys', 'fi-x-plain': 'Terveys (selko)', sv: 'Hälsa', en: 'Health', ru: 'Здоровье' };

  it('uses the text in the chosen language when the config has it', () => {
    expect(localize(full, 'sv')).toEqual({ text: 'Hälsa', language: 'sv' });
    expect(localize(full, 'fi-x-plain')).toEqual({ text: 'Terveys (selko)', language: 'fi-x-plain' });
    expect(localize(full, 'ru')).toEqual({ text: 'Здоровье', language: 'ru' });
  });

  it('falls back from plain-language Finnish to Finnish, never to English', () => {
    expect(localize({ fi: 'Terveys', en: 'Health' }, 'fi-x-plain')).toEqual({ text: 'Terveys', language: 'fi' });
  });

  it('falls back from any other language to English first', () => {
    for (const language of ['sv', 'ru', 'et', 'so', 'ar', 'uk'] as const)
      expect(localize({ fi: 'Terveys', en: 'Health' }, language)).toEqual({ text: 'Health', language: 'en' });
  });

  it('falls back to Finnish when English is missing too', () => {
    expect(localize({ fi: 'Terveys' }, 'ar')).toEqual({ text: 'Terveys', language: 'fi' });
    expect(localize({ fi: 'Terveys', sv: 'Hälsa' }, 'en')).toEqual({ text: 'Terveys', language: 'fi' });
  });

  it('treats an empty text as missing', () => {
    expect(localize({ fi: 'Terveys', en: 'Health', uk: '' }, 'uk')).toEqual({ text: 'Health', language: 'en' });
  });

  it('always returns a text, for every protocol language', () => {
    for (const language of LANGUAGES) expect(localize({ fi: 'Terveys' }, language).text).toBe('Terveys');
  });
});
