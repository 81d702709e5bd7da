/**
 * Maintenance access for IT at the station: a key chord opens a PIN prompt; the right PIN resets
 * any visitor session and offers station info, restart and exit. Decided here: how many wrong
 * tries lock the prompt and for how long. The PIN itself is checked by the host (a slow hash
 * from the config) and never stored, shown or logged.
 */
import type { Clock } from '../ports.ts';

/** Five wrong PINs lock the prompt for five minutes: guessing a 6-digit PIN then takes years. */
export const MAINTENANCE_LOCK = { maxWrongTries: 5, lockMs: 5 * 60_000 } as const;

export type PinAttempt =
  { outcome: 'accepted' } | { outcome: 'wrong'; triesLeft: number } | { outcome: 'locked'; untilMs: number };

/** Counts wrong PINs and locks the prompt; one instance per station process. */
export class PinAttempts {
  private wrong = 0;
  private lockedUntil: number | null = null;

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  /** When the prompt is locked, until when (ms since epoch); null when it is open. */
  locked(): number | null {
    if (this.lockedUntil !== null && this.clock.now() >= this.lockedUntil) {
      this.lockedUntil = null;
      this.wrong = 0;
    }
    return this.lockedUntil;
  }

  /** Records the result of one check (`correct` from the host's hash comparison). */
  record(correct: boolean): PinAttempt {
    const until = this.locked();
    if (until !== null) return { outcome: 'locked', untilMs: until };
    if (correct) {
      this.wrong = 0;
      return { outcome: 'accepted' };
    }
    this.wrong += 1;
    if (this.wrong >= MAINTENANCE_LOCK.maxWrongTries) {
      this.lockedUntil = this.clock.now() + MAINTENANCE_LOCK.lockMs;
      return { outcome: 'locked', untilMs: this.lockedUntil };
    }
    return { outcome: 'wrong', triesLeft: MAINTENANCE_LOCK.maxWrongTries - this.wrong };
  }
}
