/** Helpers for figures that may be suppressed ("<5"). */
import type { Cell } from '../dashboard-api.ts';

/** Length to draw: a suppressed figure draws nothing (its label still says "<5"). */
export const drawable = (cell: Cell): number => (cell === '<5' ? 0 : cell);

export const cellText = (cell: Cell): string => (cell === '<5' ? '<5' : cell.toLocaleString());
