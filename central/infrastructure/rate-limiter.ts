/**
 * Fixed-window rate limiter keyed by any string (station id, IP + user name). In memory per
 * central node: with several replicas each allows the rate, which is acceptable for abuse control.
 */
import type { CentralClock } from './clock.ts';

/** Outcome of one attempt. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one attempt for `key` and says whether it is within the limit. */
  take(key: string): RateDecision;
}

/** Allows `max` attempts per key per window of `windowMs`. */
export function createRateLimiter(options: { max: number; windowMs: number; clock: CentralClock }): RateLimiter {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return {
    take(key) {
      const now = options.clock.now();
      const start = Math.floor(now / options.windowMs) * options.windowMs;
      // A new window starts from an empty map, so memory never grows past one window's keys.
      if (start !== windowStart) {
        windowStart = start;
        counts = new Map();
      }
      const used = (counts.get(key) ?? 0) + 1;
      counts.set(key, used);
      if (used <= options.max) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + options.windowMs - now) / 1000)) };
    },
  };
}
