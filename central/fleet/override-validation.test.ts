import { describe, expect, it } from 'vitest';
import { loadRepresentativeBase, mergedProblems } from './override-validation.ts';

/** The reason of each refused field in `overrides` merged over the shipped base, by field. */
function reasons(overrides: Record<string, unknown>) {
  return Object.fromEntries(mergedProblems(loadRepresentativeBase(), overrides, null).map((p) => [p.field, p.reason]));
}

describe('refusal reasons', () => {
  it('carry the zod issue code and the limits the fleet view puts into words', () => {
    expect(
      reasons({
        defaultLanguage: 'de',
        idle: { idleWarningAfterSeconds: 4000, idleCountdownSeconds: 'soon', surprise: 1 },
        localHttpOrigins: ['ftp://printer'],
      }),
    ).toEqual({
      defaultLanguage: {
        code: 'invalid_value',
        values: ['fi', 'fi-x-plain', 'sv', 'en', 'ru', 'et', 'so', 'ar', 'uk'],
      },
      'idle.idleWarningAfterSeconds': { code: 'too_big', origin: 'number', maximum: 3600, inclusive: true },
      'idle.idleCountdownSeconds': { code: 'invalid_type', expected: 'number' },
      'idle.surprise': { code: 'unrecognized_keys' },
      'localHttpOrigins[0]': { code: 'invalid_format', format: 'regex' },
    });
  });

  it('say "missing" for an absent required field and "custom" for a cross-field rule', () => {
    const base = loadRepresentativeBase() as { services: { id: string; name: unknown }[] };
    const first = base.services[0]!;
    const { name: _, ...unnamed } = first;
    expect(reasons({ services: [first, first, unnamed] })).toEqual({
      'services[2].name': { code: 'missing' },
      'services[1].id': { code: 'custom' },
      'services[2].id': { code: 'custom' },
    });
  });
});
