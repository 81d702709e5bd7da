/**
 * Where screen shares live (issue 16): the table `help_screen_shares` on central's storage, the
 * same SQL on SQLite and PostgreSQL, so every replica sees the same shares. Every change that two
 * replicas may race for is one conditional `UPDATE`: only the caller that changed the row acts on
 * it (tells the peers, writes the audit record).
 */
import type { ScreenStopReason } from '../../protocol/help.ts';
import type { SqlValue, Storage } from '../storage/storage.ts';

/** A share's phase: asked (waiting for the visitor), shared (allowed), ended. */
export type SharePhase = 'asked' | 'shared' | 'ended';

/** One share as stored. Times are epoch milliseconds. Nothing of what was seen. */
export interface ShareRecord {
  shareId: string;
  requestId: string;
  stationId: string;
  /** The advisor's login name. */
  advisorId: string;
  /** The login session that asked: later advisor calls must come from it. */
  sessionIdHash: string;
  phase: SharePhase;
  askedAt: number;
  /** When the visitor allowed it. */
  startedAt: number | null;
  endedAt: number | null;
  endReason: ScreenStopReason | null;
}

/** Which live shares to list: one request's, one login session's, one advisor's or one station's. */
export type LiveShareFilter =
  { requestId: string } | { sessionIdHash: string } | { advisorId: string } | { stationId: string };

/** Storage port for screen shares. */
export interface ScreenShareStore {
  /** Stores a new asked share; false when the request already has a live one (another ask won). */
  insert(share: Omit<ShareRecord, 'phase' | 'startedAt' | 'endedAt' | 'endReason'>): Promise<boolean>;
  get(shareId: string): Promise<ShareRecord | null>;
  /** Shares not ended, matching the filter (all of them without one). */
  listLive(filter?: LiveShareFilter): Promise<ShareRecord[]>;
  /** Asked → shared at `at`; true only for the caller that moved it. */
  start(shareId: string, at: number): Promise<boolean>;
  /** Any live phase → ended with `reason`; true only for the one caller that ended it. */
  end(shareId: string, reason: ScreenStopReason, at: number): Promise<boolean>;
  /** Claims the audit record of an ended share; true only for the one caller that may write it. */
  claimAudit(shareId: string, at: number): Promise<boolean>;
  /** Ended shares whose audit record nobody has claimed (its replica died in between). */
  listUnaudited(): Promise<ShareRecord[]>;
  /** Deletes audited shares that ended before `before`; returns how many went. */
  deleteEndedBefore(before: number): Promise<number>;
}

interface ShareRow {
  share_id: string;
  request_id: string;
  station_id: string;
  advisor_id: string;
  session_id_hash: string;
  phase: string;
  asked_at: number | string;
  started_at: number | string | null;
  ended_at: number | string | null;
  end_reason: string | null;
}

// pg returns BIGINT as text.
const time = (value: number | string | null) => (value === null ? null : Number(value));
const toRecord = (row: ShareRow): ShareRecord => ({
  shareId: row.share_id,
  requestId: row.request_id,
  stationId: row.station_id,
  advisorId: row.advisor_id,
  sessionIdHash: row.session_id_hash,
  phase: row.phase as SharePhase,
  askedAt: Number(row.asked_at),
  startedAt: time(row.started_at),
  endedAt: time(row.ended_at),
  endReason: row.end_reason as ScreenStopReason | null,
});

const FILTER_COLUMNS = {
  requestId: 'request_id',
  sessionIdHash: 'session_id_hash',
  advisorId: 'advisor_id',
  stationId: 'station_id',
} as const;

/** The share store on central's storage (either adapter). */
export function createScreenShareStore(storage: Storage): ScreenShareStore {
  const shares = async (sql: string, params: readonly SqlValue[] = []) =>
    ((await storage.all(sql, params)) as unknown as ShareRow[]).map(toRecord);
  const changed = async (sql: string, params: readonly SqlValue[]) => (await storage.run(sql, params)).changes === 1;

  return {
    insert: (share) =>
      // The partial unique index allows one live share per request: a racing second ask inserts nothing.
      changed(
        `INSERT INTO help_screen_shares (share_id, request_id, station_id, advisor_id, session_id_hash, phase, asked_at)
         VALUES (?, ?, ?, ?, ?, 'asked', ?) ON CONFLICT DO NOTHING`,
        [share.shareId, share.requestId, share.stationId, share.advisorId, share.sessionIdHash, share.askedAt],
      ),
    async get(shareId) {
      return (await shares('SELECT * FROM help_screen_shares WHERE share_id = ?', [shareId]))[0] ?? null;
    },
    listLive(filter) {
      if (!filter) return shares(`SELECT * FROM help_screen_shares WHERE phase <> 'ended' ORDER BY asked_at`);
      const [key, value] = Object.entries(filter)[0] as [keyof typeof FILTER_COLUMNS, string];
      return shares(
        `SELECT * FROM help_screen_shares WHERE phase <> 'ended' AND ${FILTER_COLUMNS[key]} = ? ORDER BY asked_at`,
        [value],
      );
    },
    start: (shareId, at) =>
      changed(`UPDATE help_screen_shares SET phase = 'shared', started_at = ? WHERE share_id = ? AND phase = 'asked'`, [
        at,
        shareId,
      ]),
    end: (shareId, reason, at) =>
      changed(
        `UPDATE help_screen_shares SET phase = 'ended', ended_at = ?, end_reason = ? WHERE share_id = ? AND phase <> 'ended'`,
        [at, reason, shareId],
      ),
    claimAudit: (shareId, at) =>
      changed(
        `UPDATE help_screen_shares SET audited_at = ? WHERE share_id = ? AND phase = 'ended' AND audited_at IS NULL`,
        [at, shareId],
      ),
    listUnaudited: () =>
      shares(`SELECT * FROM help_screen_shares WHERE phase = 'ended' AND audited_at IS NULL ORDER BY ended_at`),
    async deleteEndedBefore(before) {
      return (
        await storage.run(
          `DELETE FROM help_screen_shares WHERE phase = 'ended' AND audited_at IS NOT NULL AND ended_at < ?`,
          [before],
        )
      ).changes;
    },
  };
}
