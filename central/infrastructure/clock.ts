/** Central's view of time; tests pass a manual clock so rate limits and retention are testable. */
export interface CentralClock {
  now(): number;
}

/** The real clock. */
export const realClock = (): CentralClock => ({ now: () => Date.now() });
