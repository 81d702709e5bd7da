/**
 * Calendar days in Helsinki time, whatever the browser's or the server's time zone: "today" for an
 * advisor or coordinator in Helsinki starts at Helsinki midnight, also on a PC set to UTC.
 */

/** The city's time zone. */
export const HELSINKI_TIME_ZONE = 'Europe/Helsinki';

/** `YYYY-MM-DD` of the Helsinki calendar day that contains `epochMs`. */
export function helsinkiDay(epochMs: number): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Date(epochMs).toLocaleDateString('en-CA', {
    timeZone: HELSINKI_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
}

/**
 * The Helsinki day `days` calendar days before the day of `epochMs` (negative = later). Works on
 * the calendar date, so daylight-saving changes never shift it by one.
 */
export function helsinkiDayBefore(epochMs: number, days: number): string {
  const [y, m, d] = helsinkiDay(epochMs).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** Clock time `HH:MM` in Helsinki, written the way the given language writes it. */
export function helsinkiTime(epochMs: number, language: string): string {
  return new Date(epochMs).toLocaleTimeString(language, {
    timeZone: HELSINKI_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
  });
}
