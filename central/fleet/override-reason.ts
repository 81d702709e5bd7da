/**
 * The station schema's zod issues as `OverrideReason`s: the issue code and the limits it carries,
 * so the fleet view can put a refusal in the IT person's language instead of the schema's English.
 */
import type { z } from 'zod';
import type { OverrideReason } from '../../protocol/fleet.ts';

type Issue = z.core.$ZodIssue;
type Value = NonNullable<OverrideReason['values']>[number];

/** Only JSON-safe, finite numbers go on the wire (zod allows bigint limits, a schema here never uses them). */
function finite(value: number | bigint | undefined): number | undefined {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

function plainValues(values: readonly unknown[]): Value[] {
  return values.filter(
    (v): v is Value => v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number',
  );
}

/** The reason for one issue; codes the fleet view has no sentence for become `custom`. */
export function reasonOfIssue(issue: Issue): OverrideReason {
  switch (issue.code) {
    case 'too_small':
      return { code: 'too_small', origin: issue.origin, minimum: finite(issue.minimum), inclusive: !!issue.inclusive };
    case 'too_big':
      return { code: 'too_big', origin: issue.origin, maximum: finite(issue.maximum), inclusive: !!issue.inclusive };
    case 'invalid_type':
      return { code: 'invalid_type', expected: issue.expected };
    case 'invalid_value':
      return { code: 'invalid_value', values: plainValues(issue.values) };
    case 'invalid_format':
      return { code: 'invalid_format', format: issue.format };
    case 'not_multiple_of':
      return { code: 'not_multiple_of', divisor: finite(issue.divisor) };
    case 'unrecognized_keys':
      return { code: 'unrecognized_keys' };
    default:
      return { code: 'custom' };
  }
}
