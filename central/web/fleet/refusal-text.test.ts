import { describe, expect, it } from 'vitest';
import type { OverrideRefusal } from '../../../protocol/fleet.ts';
import { createFleetI18n } from './i18n.ts';
import { refusalText } from './refusal-text.ts';

type Problem = OverrideRefusal['problems'][number];

function problem(field: string, reason: Problem['reason'], station: string | null = null): Problem {
  // The English message is central's; the view must not need it for any code it knows.
  return { field, message: 'ENGLISH SCHEMA TEXT', station, reason };
}

function say(language: string, p: Problem): string {
  return refusalText(createFleetI18n(language), p);
}

describe('refusalText', () => {
  const tooShort = problem('idleTimeoutSeconds', { code: 'too_small', origin: 'number', minimum: 30, inclusive: true });

  it('says a number limit in the IT person’s language', () => {
    expect(say('fi', tooShort)).toBe('Kenttää idleTimeoutSeconds ei hyväksytty: arvon on oltava vähintään 30.');
    expect(say('sv', tooShort)).toBe('Fältet idleTimeoutSeconds godkändes inte: värdet måste vara minst 30.');
    expect(say('en', tooShort)).toBe('Field idleTimeoutSeconds was refused: the value must be at least 30.');
  });

  it('tells limits of numbers, text lengths and lists apart, inclusive or not, in the language’s numerals', () => {
    const big = (origin: string, inclusive: boolean) =>
      problem('x', { code: 'too_big', origin, maximum: 65536, inclusive });
    expect(say('fi', big('number', true))).toContain('arvon on oltava enintään 65\u00a0536');
    expect(say('fi', big('number', false))).toContain('arvon on oltava pienempi kuin 65\u00a0536');
    expect(say('sv', big('string', true))).toContain('högst 65\u00a0536 tecken');
    expect(say('en', big('array', true))).toContain('at most 65,536 items');
    expect(say('en', problem('services', { code: 'too_small', origin: 'array', minimum: 1, inclusive: true }))).toBe(
      'Field services was refused: it must have at least 1 item.',
    );
  });

  it('names types, allowed values, missing and unknown fields, and keys central may not set', () => {
    expect(say('fi', problem('a', { code: 'invalid_type', expected: 'int' }))).toBe(
      'Kenttää a ei hyväksytty: arvon on oltava kokonaisluku.',
    );
    expect(say('sv', problem('a', { code: 'invalid_value', values: ['fi', 'sv'] }))).toBe(
      'Fältet a godkändes inte: värdet måste vara ett av: "fi", "sv".',
    );
    expect(say('fi', problem('a', { code: 'missing' }))).toBe('Kenttää a ei hyväksytty: pakollinen kenttä puuttuu.');
    expect(say('en', problem('a', { code: 'unrecognized_keys' }))).toBe('Field a was refused: unknown field.');
    expect(say('fi', problem('central', { code: 'not_overridable', values: ['idle', 'help'] }))).toBe(
      'Kenttää central ei hyväksytty: sitä ei voi asettaa keskitetysti (sallitut: idle, help).',
    );
  });

  it('names the station whose merged settings failed', () => {
    expect(say('fi', { ...tooShort, station: 'oodi-1' })).toBe(
      'Kenttää idleTimeoutSeconds ei hyväksytty päätteellä oodi-1: arvon on oltava vähintään 30.',
    );
  });

  it('falls back to central’s English only for a rule it has no words for', () => {
    expect(say('fi', problem('services[1].id', { code: 'custom' }))).toBe(
      'Kenttää services[1].id ei hyväksytty: ENGLISH SCHEMA TEXT',
    );
  });
});
