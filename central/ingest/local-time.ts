/**
 * Helsinki local day and hour of week for an event time. Computed once at ingest and stored, so
 * dashboard queries are the same plain SQL on SQLite and PostgreSQL.
 */

/** Where the stations are; the dashboard shows days and hours in this zone. */
export const STATION_TIME_ZONE = 'Europe/Helsinki';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Local calendar day (`YYYY-MM-DD`) and hour of week (0 = Monday 00-01 ... 167 = Sunday 23-24). */
export interface LocalSlot {
  day: string;
  hourOfWeek: number;
}

/** Returns a converter with a small cache: a batch's events mostly share a handful of hours. */
export function createLocalSlots(timeZone = STATION_TIME_ZONE): (epochMs: number) => LocalSlot {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  });
  const cache = new Map<number, LocalSlot>();
  return (epochMs) => {
    // Helsinki's offset changes only on whole UTC hours, so the UTC hour is a safe cache key.
    const hourKey = Math.floor(epochMs / 3_600_000);
    const cached = cache.get(hourKey);
    if (cached) return cached;
    const parts = Object.fromEntries(format.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
    const slot: LocalSlot = {
      day: `${parts.year}-${parts.month}-${parts.day}`,
      hourOfWeek: WEEKDAYS.indexOf(parts.weekday ?? '') * 24 + Number(parts.hour),
    };
    if (cache.size > 5000) cache.clear();
    cache.set(hourKey, slot);
    return slot;
  };
}

/** The local day `days` before the local day of `epochMs` (calendar arithmetic on the date). */
export function localDayMinus(slots: (epochMs: number) => LocalSlot, epochMs: number, days: number): string {
  const today = slots(epochMs).day;
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}
