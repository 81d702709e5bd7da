import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../protocol/events.ts';
import { loadFailureShown, pageFailureDocument, pageFailureUrl, shellRecovery } from './crash-policy.ts';
import { EXIT_CODES } from './exit-codes.ts';

describe('what the station does when a renderer fails', () => {
  it('reloads the shell after a one-off crash and gives up on the third within ten minutes', () => {
    const min = 60_000;
    expect(shellRecovery([0], 0)).toBe('reload');
    expect(shellRecovery([0, 2 * min], 2 * min)).toBe('reload');
    expect(shellRecovery([0, 2 * min, 4 * min], 4 * min)).toBe('exit');
    expect(shellRecovery([0, 2 * min, 11 * min], 11 * min)).toBe('reload');
  });

  it('shows the failure page for a failed main frame, never for an aborted navigation or a sub-frame', () => {
    expect(loadFailureShown(-105, true)).toBe(true);
    expect(loadFailureShown(-3, true)).toBe(false);
    expect(loadFailureShown(-105, false)).toBe(false);
  });

  it.each(LANGUAGES)('the failure page in %s has a title, Retry and Home, and works without script', (language) => {
    const doc = pageFailureDocument(language);
    expect(doc).not.toContain('<script');
    expect(doc).toContain('https://kiosk-action.invalid/retry');
    expect(doc).toContain('https://kiosk-action.invalid/home');
    expect(doc).toMatch(/<html lang="[a-z]{2}" dir="(ltr|rtl)">/);
    expect(pageFailureUrl(language)).toMatch(/^data:text\/html;charset=utf-8,/);
  });

  it('reads right to left in Arabic and grows with the visitor text size', () => {
    expect(pageFailureDocument('ar')).toContain('dir="rtl"');
    expect(pageFailureDocument('en', 200)).toContain('font-size:36px');
  });
});

describe('exit codes for the supervisor', () => {
  it('are distinct, and the recycle codes stay 75/76/77', () => {
    const codes = Object.values(EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    expect(EXIT_CODES).toMatchObject({ sessionLimit: 75, memoryCeiling: 76, resetStepFailed: 77, fatalError: 70 });
  });
});
