/**
 * Ports: the only ways `core/` talks to the world. Hosts (Electron main, the browser preview,
 * tests) implement them; core never imports Electron, the DOM or node:* modules.
 */
import type { UsageEventInput } from '../protocol/events.ts';

/** Opaque timer handle so core works with both browser (number) and Node (Timeout object) timers. */
export type TimerHandle = object | number;

/** Time and timers. Tests pass a manual clock; hosts pass the real one. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Where anonymous usage events go (the durable metrics queue, or nowhere). */
export interface MetricsSink {
  record(event: UsageEventInput): void;
}

/** A source of random ids (UUIDs). */
export type IdSource = () => string;

/** Real clock over the global timer functions (present in browsers and Node). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
