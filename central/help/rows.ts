/** Row ↔ record mapping shared by the SQLite and PostgreSQL adapters. */
import type { HelpMessageRow, HelpRequestRow } from './migrations.ts';
import type { HelpMessageRecord, HelpRequestRecord } from './store.ts';

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

export function rowToRecord(row: HelpRequestRow): HelpRequestRecord {
  return {
    id: row.id,
    stationId: row.station_id,
    location: row.location,
    sessionId: row.session_id,
    language: row.language as HelpRequestRecord['language'],
    topic: row.topic as HelpRequestRecord['topic'],
    mode: row.mode as HelpRequestRecord['mode'],
    accessibilityModes: JSON.parse(row.accessibility_modes) as HelpRequestRecord['accessibilityModes'],
    serviceId: row.service_id,
    state: row.state as HelpRequestRecord['state'],
    createdAt: Number(row.created_at),
    claimedById: row.claimed_by_id,
    claimedByName: row.claimed_by_name,
    claimedAt: num(row.claimed_at),
    firstClaimedAt: num(row.first_claimed_at),
    closedAt: num(row.closed_at),
    returnedCount: Number(row.returned_count),
  };
}

export function recordToParams(r: HelpRequestRecord): (string | number | null)[] {
  return [
    r.id,
    r.stationId,
    r.location,
    r.sessionId,
    r.language,
    r.topic,
    r.mode,
    JSON.stringify(r.accessibilityModes),
    r.serviceId,
    r.state,
    r.createdAt,
    r.claimedById,
    r.claimedByName,
    r.claimedAt,
    r.firstClaimedAt,
    r.closedAt,
    r.returnedCount,
  ];
}

export const INSERT_COLUMNS =
  'id, station_id, location, session_id, language, topic, mode, accessibility_modes, service_id, state, created_at, claimed_by_id, claimed_by_name, claimed_at, first_claimed_at, closed_at, returned_count';

export function rowToMessage(row: HelpMessageRow): HelpMessageRecord {
  return {
    id: row.id,
    requestId: row.request_id,
    from: row.sender as HelpMessageRecord['from'],
    text: row.text,
    at: Number(row.at),
  };
}
