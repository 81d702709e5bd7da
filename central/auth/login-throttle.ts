/**
 * Per-account login delay: after a few wrong passwords an account must wait before its next
 * attempt, the wait doubling with each further failure up to a ceiling. Unlike a hard lockout, a
 * stranger can never keep the real person out for longer than the ceiling: attempts refused
 * during a wait are not checked and do not count, so they cannot lengthen it, and the right
 * password is accepted as soon as the wait is over (and clears it).
 *
 * Counted in central's database (`login_throttle`), so replicas behind one proxy count an
 * account's wrong passwords together: kept per process, each replica gave a guesser its own free
 * attempts and its own shorter waits. Counted on central's clock; keys are user names as typed,
 * trimmed and lower-cased, known or not, so the answer never tells whether a name exists. A row is
 * deleted by a right password, or within a minute of being forgotten by the sweep
 * (`forgetOld`, run by auth-routes.ts): a "name" may be a password typed into the wrong field.
 */
import type { CentralClock } from '../infrastructure/clock.ts';
import type { SqlRunner } from '../storage/storage.ts';

export interface LoginThrottleOptions {
  /** Wrong passwords allowed before the first wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait: the most a stranger can hold the real person back. */
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

export interface LoginThrottle {
  /** Milliseconds this account must still wait before a password is checked; 0 when it may try now. */
  waitMs(name: string): Promise<number>;
  /** Records a wrong password (only for attempts that were checked). */
  failed(name: string): Promise<void>;
  /** Clears the account's failures after a correct password. */
  succeeded(name: string): Promise<void>;
  /** Deletes every account's failures that are old enough to be forgotten. */
  forgetOld(): Promise<void>;
}

/** The wait after `failures` wrong passwords in a row: none while they are free, then doubling to the ceiling. */
function delayAfter(failures: number, options: LoginThrottleOptions): number {
  const over = failures - options.freeFailures;
  return over > 0 ? Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (over - 1)) : 0;
}

/** The throttle over central's storage (table `login_throttle`, central migration 6). */
export function createLoginThrottle(db: SqlRunner, clock: CentralClock, options: LoginThrottleOptions): LoginThrottle {
  const keyOf = (name: string) => name.trim().toLowerCase();
  return {
    async waitMs(name) {
      // A forgotten row may still be there until the sweep: it no longer counts. A read only, so a
      // login attempt writes nothing unless its password is checked and wrong.
      const now = clock.now();
      const row = await db.get<{ allowed_at: number | string }>(
        'SELECT allowed_at FROM login_throttle WHERE name_key = ? AND last_failure_at > ?',
        [keyOf(name), now - options.forgetAfterMs],
      );
      return row ? Math.max(0, Number(row.allowed_at) - now) : 0;
    },
    async failed(name) {
      const now = clock.now();
      const key = keyOf(name);
      // One atomic count per wrong password, whichever replica checked it; a count old enough to be
      // forgotten (it may have aged during the password check) starts again at 1.
      const counted = await db.get<{ failures: number | string }>(
        `INSERT INTO login_throttle (name_key, failures, last_failure_at, allowed_at) VALUES (?, 1, ?, ?)
         ON CONFLICT (name_key) DO UPDATE SET
           failures = CASE WHEN login_throttle.last_failure_at <= ? THEN 1 ELSE login_throttle.failures + 1 END,
           last_failure_at = excluded.last_failure_at
         RETURNING failures`,
        [key, now, now, now - options.forgetAfterMs],
      );
      const failures = Number(counted?.failures ?? 1);
      // Only while no later failure has counted: a slower replica never shortens a longer wait.
      await db.run('UPDATE login_throttle SET allowed_at = ? WHERE name_key = ? AND failures = ?', [
        now + delayAfter(failures, options),
        key,
        failures,
      ]);
    },
    async succeeded(name) {
      await db.run('DELETE FROM login_throttle WHERE name_key = ?', [keyOf(name)]);
    },
    async forgetOld() {
      await db.run('DELETE FROM login_throttle WHERE last_failure_at <= ?', [clock.now() - options.forgetAfterMs]);
    },
  };
}
