/**
 * Small-count protection for every dashboard figure, applied in the API before anything leaves
 * central (the page and both CSVs only ever see protected values). The threat it answers is a
 * curious coordinator: one station and one day, or two overlapping ranges subtracted (43 − 42 = 1),
 * must not show what one visitor did. The rule, in docs/privacy.md ("Small numbers"):
 *
 * - a category (language, mode, service, help topic, blocked service) behind fewer than 5 sessions
 *   is never listed; it is summed into its figure's `other` row;
 * - every published count is rounded to a multiple of 5, up or down with odds by distance
 *   (unbiased), the choice drawn from a keyed hash of the figure, the cell, the station/site filter
 *   and the true count, so asking again gives the same answer and two overlapping ranges differ by a
 *   multiple of 5, never by the hidden 1;
 * - visit counts (per day, hour, station, site, total) show 0 as 0 (a station with no visits is an
 *   operations fact) and 1–4 as "<5"; counts of what visitors did show 0–4 as "<5";
 * - averages need 5 sessions behind them and are rounded to a step.
 */
import { createHmac } from 'node:crypto';
import type { Cell } from '../../protocol/dashboard.ts';

/** Fewer sessions than this behind a figure and the figure is hidden. */
export const MIN_SESSIONS_PER_FIGURE = 5;
/** Published counts are multiples of this. */
export const ROUNDING_BASE = 5;

/** Protects one summary's figures; `scope` names the station/site filter the figures are for. */
export interface SmallCountProtection {
  /**
   * A count of visits (an operations fact): 0 stays 0, 1–4 is "<5", from 5 up a multiple of 5.
   * `cell` names the figure and key, e.g. `day:2026-11-23`.
   */
  visits: (cell: string, count: number) => Cell;
  /** A count of what visitors did (a language, a service...): 0–4 is "<5", from 5 up a multiple of 5. */
  activity: (cell: string, count: number, sessions: number) => Cell;
  /** An average or median: "<5" below 5 sessions, else rounded to the nearest `step`. */
  average: (value: number, sessions: number, step: number) => Cell;
}

/** Categories with at least 5 sessions, and the rest, which only ever appear summed as `other`. */
export function foldSmallCategories<T>(rows: readonly T[], sessions: (row: T) => number): { listed: T[]; other: T[] } {
  const listed: T[] = [];
  const other: T[] = [];
  for (const row of rows) (sessions(row) >= MIN_SESSIONS_PER_FIGURE ? listed : other).push(row);
  return { listed, other };
}

/**
 * Builds the protection for one summary. `secret` is the installation's key (kept in central's
 * database): without it nobody can tell from a published value which way a count was rounded.
 */
export function createSmallCountProtection(secret: string, scope: string): SmallCountProtection {
  /** A number in [0, 1) fixed by the secret, the cell and the true count. */
  const draw = (cell: string, count: number): number =>
    createHmac('sha256', secret).update(`${scope}\0${cell}\0${count}`).digest().readUInt32BE(0) / 2 ** 32;
  const round = (cell: string, count: number): number => {
    const below = Math.floor(count / ROUNDING_BASE) * ROUNDING_BASE;
    const rest = count - below;
    if (rest === 0) return count;
    // Up with probability rest/5: the expected published value is the true count, yet no single
    // published value, nor a difference of two, says which way it went.
    return draw(cell, count) < rest / ROUNDING_BASE ? below + ROUNDING_BASE : below;
  };
  return {
    visits(cell, count) {
      if (count === 0) return 0;
      return count < MIN_SESSIONS_PER_FIGURE ? '<5' : round(cell, count);
    },
    activity(cell, count, sessions) {
      return sessions < MIN_SESSIONS_PER_FIGURE || count < MIN_SESSIONS_PER_FIGURE ? '<5' : round(cell, count);
    },
    average(value, sessions, step) {
      return sessions < MIN_SESSIONS_PER_FIGURE ? '<5' : Math.round(value / step) * step;
    },
  };
}
