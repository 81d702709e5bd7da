/**
 * A refused override field as one sentence in the fleet view's language, built from the reason
 * central sends as data (`OverrideReason`: zod issue code and limits). Central's English message
 * is used only where no sentence exists: a cross-field rule (`custom`) or a pattern (`invalid_format`).
 */
import type { i18n } from 'i18next';
import type { OverrideRefusal } from '../../../protocol/fleet.ts';

type Problem = OverrideRefusal['problems'][number];
type Reason = Problem['reason'];

/** What a limit counts: a number's value, a text's characters or a list's items. */
function measured(origin: string | undefined): 'number' | 'string' | 'array' {
  return origin === 'string' || origin === 'array' ? origin : 'number';
}

/** The sentence after the colon: why the value was refused. */
function why(i18n: i18n, reason: Reason, englishMessage: string): string {
  const t = i18n.t.bind(i18n);
  const number = (n: number) => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : i18n.language).format(n);
  switch (reason.code) {
    case 'too_small':
    case 'too_big': {
      const limit = reason.code === 'too_small' ? reason.minimum : reason.maximum;
      if (limit === undefined) break;
      const what = measured(reason.origin);
      const side = reason.code === 'too_small' ? 'min' : 'max';
      if (what === 'number') {
        const key = reason.inclusive === false ? `refusal.${side}Exclusive.number` : `refusal.${side}.number`;
        return t(key, { n: number(limit) });
      }
      // Lengths and counts are whole: "more than 2" is "at least 3".
      const whole = reason.inclusive === false ? limit + (side === 'min' ? 1 : -1) : limit;
      return t(`refusal.${side}.${what}`, { count: whole, n: number(whole) });
    }
    case 'invalid_type': {
      const expected = reason.expected ?? '';
      const key = `refusal.type.${expected}`;
      return t('refusal.type', { type: i18n.exists(key) ? t(key) : expected });
    }
    case 'invalid_value':
      return t('refusal.oneOf', { values: (reason.values ?? []).map((v) => JSON.stringify(v)).join(', ') });
    case 'invalid_format':
      return `${t('refusal.format')} (${englishMessage})`;
    case 'not_multiple_of':
      if (reason.divisor === undefined) break;
      return t('refusal.multipleOf', { n: number(reason.divisor) });
    case 'missing':
      return t('refusal.missing');
    case 'unrecognized_keys':
      return t('refusal.unknown');
    case 'not_overridable':
      return t('refusal.notOverridable', { values: (reason.values ?? []).join(', ') });
    case 'custom':
      break;
  }
  return englishMessage;
}

/** "Kenttää idle.idleCountdownSeconds ei hyväksytty: arvon on oltava vähintään 20." */
export function refusalText(i18n: i18n, problem: Problem): string {
  const because = why(i18n, problem.reason, problem.message);
  return problem.station
    ? i18n.t('refusal.fieldAtStation', { field: problem.field, station: problem.station, why: because })
    : i18n.t('refusal.field', { field: problem.field, why: because });
}
