/** Retry timing: exponential backoff with full jitter, and `Retry-After` parsing. */

export interface BackoffPolicy {
  /** First retry waits up to this long. */
  minDelayMs: number;
  /** No wait is longer than this (an hour: stations catch up within the hour after an outage). */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { minDelayMs: 2_000, maxDelayMs: 3_600_000 };

/**
 * Full jitter (a random wait between a floor and the exponential cap) spreads 700 stations' retries
 * after an outage instead of having them return in lockstep.
 */
export function backoffDelay(failures: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const cap = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** Math.min(failures, 30));
  const floor = Math.min(1_000, cap);
  return Math.round(floor + random() * (cap - floor));
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
