/**
 * Named moments of the shell's start, as User Timing marks: the start bench
 * (`bench/station-start-reset.ts`) prints them next to "interactive", and they show in the
 * performance panel of Chromium's developer tools on a station. Marks cost microseconds and hold
 * no data about the visitor. Each is set once per page: the first start is what is measured.
 */
export const START_MARKS = {
  /**
   * The app's module (`main.tsx`) and everything it imports have been evaluated; `startShell()`
   * runs. When the host served the welcome screen (ADR 0015) this is after it was painted.
   */
  boot: 'shell:boot',
  /** The station's first view is known (from the host; in the preview, once core is composed). */
  view: 'shell:view',
  /** The default language's texts are loaded; React is about to render. */
  languages: 'shell:languages',
  /** React has put the first screen into the page (its first layout effects run). */
  committed: 'shell:committed',
} as const;

export type StartMark = keyof typeof START_MARKS;

/** Sets the mark `name` unless this page has set it already. */
export function markStart(name: StartMark): void {
  const mark = START_MARKS[name];
  if (performance.getEntriesByName(mark, 'mark').length === 0) performance.mark(mark);
}
