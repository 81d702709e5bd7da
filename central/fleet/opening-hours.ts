/**
 * Opening hours of the places stations stand in, held on central so that a station switched off
 * when its library closes is `closed`, not an alarm. Set per scope; the strongest scope set wins:
 * station, then site, then site kind, then the city default, then `BUILT_IN_OPENING_HOURS`.
 */
import type { OpeningHours, OverrideLevel } from '../../protocol/fleet.ts';
import { isWithinServiceHours } from '../help/service-hours.ts';

/** Until IT sets the city default: weekdays 8–20, weekends 10–16 (most libraries are open within these). */
export const BUILT_IN_OPENING_HOURS: OpeningHours = {
  mon: [['08:00', '20:00']],
  tue: [['08:00', '20:00']],
  wed: [['08:00', '20:00']],
  thu: [['08:00', '20:00']],
  fri: [['08:00', '20:00']],
  sat: [['10:00', '16:00']],
  sun: [['10:00', '16:00']],
};

/** Stations' places are in Helsinki; hours are wall-clock Helsinki time, daylight saving included. */
export const FLEET_TIME_ZONE = 'Europe/Helsinki';

/** Where a station stands, for picking its hours and overrides. */
export interface StationPlace {
  stationId: string;
  siteKind: string;
  site: string;
}

/** Scope keys from strongest to weakest. */
export function scopesOf(place: StationPlace): { level: OverrideLevel; target: string }[] {
  return [
    { level: 'station', target: place.stationId },
    { level: 'site', target: place.site },
    { level: 'site-kind', target: place.siteKind },
    { level: 'city', target: '' },
  ];
}

/** The hours that apply to a station: the strongest scope that has some. */
export function hoursFor(place: StationPlace, entries: ReadonlyMap<string, OpeningHours>): OpeningHours {
  for (const scope of scopesOf(place)) {
    const hours = entries.get(`${scope.level}:${scope.target}`);
    if (hours) return hours;
  }
  return BUILT_IN_OPENING_HOURS;
}

/** Whether the place is open at `epochMs`. */
export function isOpen(hours: OpeningHours, epochMs: number): boolean {
  return isWithinServiceHours({ timeZone: FLEET_TIME_ZONE, weekly: hours }, epochMs);
}

/**
 * Milliseconds within (`from`, `to`] that fell inside opening hours, sampled per minute: how long a
 * station has been offline "while it mattered". Capped at `capMs` so a long outage costs little.
 */
export function openMillisBetween(hours: OpeningHours, from: number, to: number, capMs: number): number {
  let open = 0;
  const step = 60_000;
  for (let t = to; t > from && open < capMs; t -= step) if (isOpen(hours, t)) open += Math.min(step, t - from);
  return open;
}
