/** Helpers for figures that may be suppressed ("<5"). */
import type { Cell } from '../dashboard-api.ts';

/** Length to draw: a suppressed figure draws nothing (its label still says "<5"). */
export const drawable = (cell: Cell): number => (cell === '<5' ? 0 : cell);

export const cellText = (cell: Cell): string => (cell === '<5' ? '<5' : cell.toLocaleString());

/**
 * Whether a chart has nothing to draw because its figures are hidden, not absent: none is above
 * zero and at least one is "<5". Its scale would read "0–0" next to totals that say "<5", which
 * a coordinator of a small site would take for no visits at all.
 */
export const onlyHidden = (cells: readonly Cell[]): boolean =>
  cells.some((cell) => cell === '<5') && cells.every((cell) => drawable(cell) === 0);
