/** Maps a validated usage event to a row of the `events` table (see central-migrations.ts). */
import type { UsageEvent } from '../../protocol/events.ts';
import type { SqlValue } from '../storage/storage.ts';
import type { LocalSlot } from './local-time.ts';

export const EVENT_COLUMNS = [
  'id',
  'station_id',
  'type',
  'at_minute',
  'day',
  'hour_of_week',
  'session_id',
  'dim',
  'seconds',
] as const;

/** The one categorical value and the one measure of each event type. */
function dimAndSeconds(event: UsageEvent): { dim: string; seconds: number | null } {
  switch (event.type) {
    case 'station.started':
      return { dim: event.appVersion, seconds: null };
    case 'session.started':
      return { dim: '', seconds: null };
    case 'session.ended':
      return { dim: event.endedBy, seconds: event.durationSeconds };
    case 'service.opened':
    case 'navigation.blocked':
      return { dim: event.serviceId, seconds: null };
    case 'language.chosen':
      return { dim: event.language, seconds: null };
    case 'accessibility.changed':
      return { dim: `${event.mode}:${event.enabled ? 'on' : 'off'}`, seconds: null };
    case 'help.requested':
      return { dim: event.topic, seconds: null };
    case 'help.answered':
    case 'help.cancelled':
      return { dim: event.topic, seconds: event.waitSeconds };
    // `outcome` or `outcome:reason`; per service `service:outcome` or `service:outcome:reason`, so a
    // rollup over (type, dim) counts answers per service without a join (see service-report.ts).
    case 'feedback.given':
      return { dim: feedbackDim(event.outcome, event.reason), seconds: null };
    case 'feedback.service':
      return { dim: `${event.serviceId}:${feedbackDim(event.outcome, event.reason)}`, seconds: null };
  }
}

function feedbackDim(outcome: string, reason: string | undefined): string {
  return reason ? `${outcome}:${reason}` : outcome;
}

export function toEventRow(event: UsageEvent, stationId: string, atMs: number, slot: LocalSlot): SqlValue[] {
  const { dim, seconds } = dimAndSeconds(event);
  const sessionId = 'sessionId' in event ? event.sessionId : null;
  return [
    event.id,
    stationId,
    event.type,
    Math.floor(atMs / 60_000),
    slot.day,
    slot.hourOfWeek,
    sessionId,
    dim,
    seconds,
  ];
}
