/**
 * Persistence for help requests and their chat. Two adapters (SQLite, PostgreSQL) implement it on
 * the raw handles central's storage exposes; both run the same contract tests.
 */
import type { AccessibilityMode, HelpTopic, Language } from '../../protocol/events.ts';
import type { HelpMode, HelpRequestState } from '../../protocol/help.ts';

/** One stored request. Times are epoch milliseconds. */
export interface HelpRequestRecord {
  id: string;
  stationId: string;
  location: string;
  sessionId: string;
  language: Language;
  topic: HelpTopic;
  mode: HelpMode;
  accessibilityModes: AccessibilityMode[];
  serviceId: string | null;
  state: HelpRequestState;
  createdAt: number;
  claimedById: string | null;
  claimedByName: string | null;
  claimedAt: number | null;
  /** First time any advisor claimed it: the visitor's wait ends here (metrics are the station's). */
  firstClaimedAt: number | null;
  closedAt: number | null;
  returnedCount: number;
}

/** One chat line. Deleted with the request's chat after the retention time. */
export interface HelpMessageRecord {
  id: string;
  requestId: string;
  from: 'visitor' | 'advisor';
  text: string;
  at: number;
}

export const OPEN_STATES = ['queued', 'claimed'] as const;

/** Storage port for the help service. Every write that races is a single conditional statement. */
export interface HelpStore {
  /** Creates tables on first use; safe to call at every start. */
  migrate(): Promise<void>;
  insert(record: HelpRequestRecord): Promise<void>;
  get(id: string): Promise<HelpRequestRecord | null>;
  /** Queued and claimed requests, oldest first. */
  listOpen(): Promise<HelpRequestRecord[]>;
  /** A station's open requests plus those closed at or after `closedSince`, oldest first. */
  listForStation(stationId: string, closedSince: number): Promise<HelpRequestRecord[]>;
  /** Requests closed at or after `since` that `advisorId` held last, newest first. */
  listHandledBy(advisorId: string, since: number): Promise<HelpRequestRecord[]>;
  /** `UPDATE … WHERE state='queued'`: true only for the one caller that won the request. */
  claim(id: string, advisor: { id: string; displayName: string }, at: number): Promise<boolean>;
  /** Back to the queue, only if still claimed (by `advisorId` when given). */
  release(id: string, advisorId: string | null): Promise<boolean>;
  /** Moves an open request to a closed state, only if it is in one of `from`. */
  close(
    id: string,
    to: 'resolved' | 'cancelled' | 'expired',
    from: readonly HelpRequestState[],
    at: number,
    advisorId?: string,
  ): Promise<boolean>;
  /** Queued requests created before `before` (candidates for expiry). */
  listQueuedBefore(before: number): Promise<HelpRequestRecord[]>;
  addMessage(message: HelpMessageRecord): Promise<void>;
  listMessages(requestId: string): Promise<HelpMessageRecord[]>;
  /** Deletes chat of requests closed before `closedBefore`; returns how many lines went. */
  deleteChatClosedBefore(closedBefore: number): Promise<number>;
  /** Claimed requests first claimed before `before` (candidates for the claimed-too-long cap). */
  listClaimedBefore(before: number): Promise<HelpRequestRecord[]>;
  /**
   * Replaces the advisor of requests closed before `closedBefore` by `pseudonym(record)` and drops
   * the advisor's name; returns how many requests changed.
   */
  pseudonymiseAdvisors(closedBefore: number, pseudonym: (record: HelpRequestRecord) => string): Promise<number>;
  /**
   * Deletes requests closed before `closedBefore` (their chat with them) and adds each to its
   * `help_daily` row, `row(record)` naming the row. Each request is deleted before it is counted,
   * so a crash in between loses one count rather than keeping one request. Returns how many went.
   */
  foldClosedBefore(closedBefore: number, row: (record: HelpRequestRecord) => HelpDailyKey): Promise<number>;
  /** Daily help counts from `fromDay` to `toDay` inclusive (for statistics and tests). */
  listDaily(fromDay: string, toDay: string): Promise<HelpDailyRow[]>;
  /** After deletions: make deleted rows unreadable from the files on disk (central's `Storage.reclaimDeleted`). */
  reclaimDeleted(): Promise<void>;
  /**
   * Records that an advisor was heard from at `at` (first sight: status `away`). True when the
   * advisor had no presence row before, so the caller announces the new advisor.
   */
  touchPresence(advisor: { id: string; displayName: string }, at: number): Promise<boolean>;
  /** Sets an advisor's chosen status (the row exists: touch first). */
  setPresenceStatus(advisorId: string, status: 'online' | 'away'): Promise<void>;
  /**
   * Every advisor with a presence row, first seen first, with the console streams open on all
   * replicas whose counts were refreshed at or after `streamsFreshSince`.
   */
  listPresence(streamsFreshSince: number): Promise<PresenceRecord[]>;
  /** Adds `delta` (±1) to this replica's open console streams of one advisor. */
  addPresenceStreams(replicaId: string, advisorId: string, delta: number, at: number): Promise<void>;
  /** Marks this replica's stream counts as current (its sweep), and drops its zero rows. */
  refreshPresenceStreams(replicaId: string, at: number): Promise<void>;
  /** Forgets advisors not heard from since `before`, and stream counts not refreshed since then. */
  deletePresenceBefore(before: number): Promise<number>;
}

/** An advisor's presence as stored, shared by every replica. */
export interface PresenceRecord {
  advisorId: string;
  displayName: string;
  status: 'online' | 'away';
  lastSeen: number;
  /** Open console streams over all live replicas. */
  connections: number;
}

/** Wait until an advisor first took a request, in buckets; `not-answered` when nobody did. */
export const HELP_WAIT_BUCKETS = [
  'not-answered',
  'under-1-min',
  '1-5-min',
  '5-15-min',
  '15-30-min',
  '30-min-or-more',
] as const;
export type HelpWaitBucket = (typeof HELP_WAIT_BUCKETS)[number];

/** Which `help_daily` row a deleted request is counted in. */
export interface HelpDailyKey {
  /** Helsinki local day the request was made. */
  day: string;
  stationId: string;
  topic: string;
  mode: string;
  /** `resolved`, `cancelled` or `expired`. */
  outcome: string;
  waitBucket: HelpWaitBucket;
}

/** One `help_daily` row: how many requests, and how often they went back to the queue. */
export interface HelpDailyRow extends HelpDailyKey {
  requests: number;
  returned: number;
}
