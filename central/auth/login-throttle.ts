/**
 * Per-account login delay: after a few wrong passwords an account must wait before its next
 * attempt, the wait doubling with each further failure up to a ceiling. Unlike a hard lockout, a
 * stranger can never keep the real person out for longer than the ceiling: attempts refused
 * during a wait are not checked and do not count, so they cannot lengthen it, and the right
 * password is accepted as soon as the wait is over (and clears it).
 *
 * Counted on central's clock, in memory per process (like the rate limits); keys are user names as
 * typed, lower-cased, known or not, so the answer never tells whether a name exists.
 */
import type { CentralClock } from '../infrastructure/clock.ts';

export interface LoginThrottleOptions {
  /** Wrong passwords allowed before the first wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait: the most a stranger can hold the real person back. */
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
  /** Most accounts remembered at once (a spray over many names cannot grow memory without bound). */
  maxEntries?: number;
}

export interface LoginThrottle {
  /** Milliseconds this account must still wait before a password is checked; 0 when it may try now. */
  waitMs(name: string): number;
  /** Records a wrong password (only for attempts that were checked). */
  failed(name: string): void;
  /** Clears the account's failures after a correct password. */
  succeeded(name: string): void;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  allowedAt: number;
}

export function createLoginThrottle(clock: CentralClock, options: LoginThrottleOptions): LoginThrottle {
  const entries = new Map<string, Entry>();
  const maxEntries = options.maxEntries ?? 10_000;
  const keyOf = (name: string) => name.trim().toLowerCase();
  const current = (name: string): Entry | undefined => {
    const entry = entries.get(keyOf(name));
    if (entry && clock.now() - entry.lastFailureAt >= options.forgetAfterMs) {
      entries.delete(keyOf(name));
      return undefined;
    }
    return entry;
  };
  return {
    waitMs(name) {
      const entry = current(name);
      return entry ? Math.max(0, entry.allowedAt - clock.now()) : 0;
    },
    failed(name) {
      const now = clock.now();
      const entry = current(name) ?? { failures: 0, lastFailureAt: now, allowedAt: now };
      entry.failures += 1;
      entry.lastFailureAt = now;
      const over = entry.failures - options.freeFailures;
      entry.allowedAt = over > 0 ? now + Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (over - 1)) : now;
      if (!entries.has(keyOf(name)) && entries.size >= maxEntries) {
        // Forget the oldest account first; Map keeps insertion order.
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(keyOf(name), entry);
    },
    succeeded(name) {
      entries.delete(keyOf(name));
    },
  };
}
