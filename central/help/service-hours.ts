/** Whether people answer help requests at a given moment, by the configured service hours. */
import type { ServiceHours, Weekday } from './help-config.ts';

/** True when `epochMs` falls inside `hours` (always true without hours). */
export function isWithinServiceHours(hours: ServiceHours | null, epochMs: number): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: hours.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('weekday').toLowerCase().slice(0, 3) as Weekday;
  const now = `${part('hour')}:${part('minute')}`;
  return (hours.weekly[day] ?? []).some(([open, close]) => now >= open && now < close);
}
