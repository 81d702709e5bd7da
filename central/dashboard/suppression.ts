/**
 * Small-cell suppression: any figure computed from fewer than 5 sessions is shown as "<5", so a
 * coordinator can never single out one visitor's visit. Applied in the API, before anything leaves
 * central; the UI and the CSV only ever see the suppressed value.
 */
import type { Cell } from '../../protocol/dashboard.ts';

/** Fewer sessions than this behind a figure and the figure is hidden. */
export const MIN_SESSIONS_PER_FIGURE = 5;

/** `value` when at least 5 sessions stand behind it, else "<5". */
export function suppress(value: number, sessions: number): Cell {
  return sessions < MIN_SESSIONS_PER_FIGURE ? '<5' : value;
}
