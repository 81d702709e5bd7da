/**
 * Rate limits through `@fastify/rate-limit`, counted on central's clock: a fixed window per key
 * (station id, IP + user name) that starts on a multiple of the window, so a manual clock in tests
 * moves a key into its next window exactly as time does in production. In memory per central
 * process: with several replicas each allows the rate, which is acceptable for abuse control.
 */
import {
  type FastifyRateLimitStore,
  type FastifyRateLimitStoreCtor,
  type RateLimitOptions,
  type RateLimitPluginOptions,
} from '@fastify/rate-limit';
import type { CentralClock } from './clock.ts';

type IncrCallback = Parameters<FastifyRateLimitStore['incr']>[1];

/** Fixed-window counts on central's clock: the counting behind every rate limit here. */
export interface ClockWindowCounter {
  /** Counts one hit for `key`; returns the count in this window and the ms until it ends. */
  hit(key: string, windowMs: number): { current: number; ttl: number };
}

/** A counter whose window starts on a multiple of `windowMs` (the same for every key). */
export function clockWindowCounter(clock: CentralClock): ClockWindowCounter {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return {
    hit(key, windowMs) {
      const now = clock.now();
      const start = Math.floor(now / windowMs) * windowMs;
      // A new window starts from an empty map, so memory never grows past one window's keys.
      if (start !== windowStart) {
        windowStart = start;
        counts = new Map();
      }
      const current = (counts.get(key) ?? 0) + 1;
      counts.set(key, current);
      return { current, ttl: start + windowMs - now };
    },
  };
}

/** A store class bound to `clock`; the plugin builds one per route (`child`), so routes never share counts. */
export function clockRateStore(clock: CentralClock): FastifyRateLimitStoreCtor {
  return class ClockWindowStore implements FastifyRateLimitStore {
    #counter = clockWindowCounter(clock);

    // The plugin passes the route's window as a third argument its types leave out.
    incr(key: string, callback: IncrCallback, timeWindow = 60_000) {
      callback(null, this.#counter.hit(key, timeWindow));
    }

    child(): FastifyRateLimitStore {
      return new ClockWindowStore();
    }
  };
}

/** Error thrown for a refused request; the central error handler answers it as 429 `rate_limited`. */
class RateLimited extends Error {
  readonly statusCode = 429;
}

/**
 * Options for `@fastify/rate-limit` on the root instance (before any route): no global limit,
 * routes opt in with `config.rateLimit` (see `routeRateLimit`). Only `Retry-After` is sent, as
 * before; no `x-ratelimit-*` headers.
 */
export function rateLimitOptions(clock: CentralClock): RateLimitPluginOptions {
  return {
    global: false,
    store: clockRateStore(clock),
    addHeaders: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
      'retry-after': true,
    },
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
  };
}

/**
 * A route's limit: `max` per `windowMs` per `key(request)`, checked at `hook`, refused with `message(seconds)`.
 * Put it in the route's `config.rateLimit`.
 */
export function routeRateLimit(options: {
  max: number;
  windowMs: number;
  hook: 'onRequest' | 'preHandler';
  key: NonNullable<RateLimitOptions['keyGenerator']>;
  message: (retryAfterSeconds: number) => string;
}): RateLimitOptions {
  return {
    max: options.max,
    timeWindow: options.windowMs,
    hook: options.hook,
    keyGenerator: options.key,
    errorResponseBuilder: (_request, context) =>
      new RateLimited(options.message(Math.max(1, Math.ceil(context.ttl / 1000)))),
  };
}
