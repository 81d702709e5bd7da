/**
 * Whether a help contact (the phone line, the in-person desk) is open now, and if not, when it
 * opens next, in Helsinki time. The visitor is shown "open now, until 12:00" or "opens Monday at
 * 9:00" instead of a list of hours to compare with the clock.
 *
 * Pure: the caller passes the instant (`clock.now()`), so tests use a manual clock. The local
 * time comes from `Intl` with the `Europe/Helsinki` zone, so summer time is handled by the
 * platform's time-zone data, not by us.
 */
import type { OpeningStatus, Weekday } from '../../protocol/help.ts';

/** A period when a contact is open, as local clock times "HH:MM" ("24:00" allowed for closing). */
export interface OpenPeriod {
  opens: string;
  closes: string;
}

/** Structured opening hours in Helsinki time (the config's `openingHours`). */
export interface OpeningHours {
  /** Regular weekly hours; a day left out is closed. */
  weekly: { [D in Weekday]?: OpenPeriod[] | undefined };
  /** Local dates "YYYY-MM-DD" when the contact is closed all day (public holidays). */
  closedDates: string[];
  /** Local dates with other hours than the weekly ones (e.g. a shorter day before a holiday). */
  specialDates: ({ date: string } & OpenPeriod)[];
}

export const HELSINKI_TIME_ZONE = 'Europe/Helsinki';
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** How far ahead to look for the next opening; beyond that the card shows only the hours text. */
const LOOKAHEAD_DAYS = 21;

interface LocalTime {
  /** Local date as days since the epoch (UTC arithmetic on the local calendar date). */
  day: number;
  minutes: number;
}

/** The status of a contact with these hours at `nowMs`. */
export function openingStatus(hours: OpeningHours, nowMs: number): OpeningStatus {
  const now = helsinkiTime(nowMs);
  const today = periodsOn(hours, now.day);
  const current = today.find((p) => p.opens <= now.minutes && now.minutes < p.closes);
  if (current) return { state: 'open', closes: clockText(current.closes) };
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
    const day = now.day + offset;
    const next = periodsOn(hours, day).find((p) => offset > 0 || p.opens > now.minutes);
    if (!next) continue;
    const date = isoDate(day);
    const when: Extract<OpeningStatus, { state: 'closed' }>['opens']['day'] =
      offset === 0 ? 'today' : offset === 1 ? 'tomorrow' : offset < 7 ? weekdayOf(day) : 'date';
    return { state: 'closed', opens: { day: when, date, time: clockText(next.opens) } };
  }
  return { state: 'unknown' };
}

function periodsOn(hours: OpeningHours, day: number): { opens: number; closes: number }[] {
  const date = isoDate(day);
  if (hours.closedDates.includes(date)) return [];
  const special = hours.specialDates.filter((s) => s.date === date);
  const periods = special.length > 0 ? special : (hours.weekly[weekdayOf(day)] ?? []);
  return periods
    .map((p) => ({ opens: minutesOf(p.opens), closes: minutesOf(p.closes) }))
    .filter((p) => p.opens < p.closes)
    .sort((a, b) => a.opens - b.opens);
}

let formatter: Intl.DateTimeFormat | undefined;

/**
 * Made on first use, not at module load: the first `Intl.DateTimeFormat` of a process loads the
 * platform's locale and time-zone data, 30–100 ms in a fresh Chromium page (issue 15).
 */
function helsinkiFormatter(): Intl.DateTimeFormat {
  return (formatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: HELSINKI_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }));
}

function helsinkiTime(nowMs: number): LocalTime {
  const parts = Object.fromEntries(
    helsinkiFormatter()
      .formatToParts(new Date(nowMs))
      .map((p) => [p.type, p.value]),
  );
  const day = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000;
  return { day, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function weekdayOf(day: number): Weekday {
  return WEEKDAYS[new Date(day * 86_400_000).getUTCDay()] ?? 'mon';
}

function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
