/**
 * Consented screen view (issue 16), central's part: who may signal whom, and when a share ends.
 *
 * Central never sees media. It relays the small WebRTC signalling messages (offer, answer, ICE)
 * and the advisor's pointer as help events to exactly one audience: the station of the request,
 * or the advisor holding its claim. Every advisor action is checked against the share: the same
 * advisor, the same login session, and the request still claimed by them. A share ends at Stop on
 * either side, at the station's reset, when the claim ends, when the advisor's session or the
 * station's token ends, and after the configured maximum; both sides are told why.
 *
 * Shares live in the database (`screen-share-store.ts`), so with several replicas (ADR 0009) any
 * replica can check a call, end a share or sweep it past its maximum, and a replica's death ends
 * nothing. Ending is one conditional UPDATE: the replica that wins it tells the peers; the audit
 * record is claimed in the database first, so exactly one replica writes it. What is kept: the
 * share row until a short while after it ended, and the audit record, both without content.
 */
import {
  HELP_CONSOLE_EVENTS,
  HELP_SCREEN_EVENTS,
  type HelpQueueItem,
  type IceServer,
  type ScreenAskResult,
  type ScreenSignal,
  type ScreenStopReason,
} from '../../protocol/help.ts';
import type { CentralClock } from '../infrastructure/clock.ts';
import type { Audience, EventLog } from './event-log.ts';
import type { ScreenShareStore, ShareRecord } from './screen-share-store.ts';
import type { HelpStore } from './store.ts';

/** Settings of the screen view (central config `help.screenShare`). */
export interface ScreenShareConfig {
  /** STUN/TURN servers both peers use; empty on a LAN or loopback. */
  iceServers: IceServer[];
  /** A share stops by itself after this long. */
  maxMinutes: number;
}

/**
 * The audit record of one share, written when it ends: who, which station, when, how long, and
 * why it ended. No picture, no pointer positions, nothing the visitor did or typed.
 */
export interface ScreenShareAuditRecord {
  shareId: string;
  stationId: string;
  /** The advisor's login name (pseudonymised with the help request after its day, see docs/privacy.md). */
  advisorId: string;
  askedAt: number;
  /** When the visitor allowed it; null when they said No or it ended before an answer. */
  startedAt: number | null;
  stoppedAt: number;
  /** Seconds from Allow to the end; 0 when never allowed. */
  durationSeconds: number;
  reason: ScreenStopReason;
}

/** Port: where audit records go (central's structured log in production; an array in tests). */
export interface ScreenShareAudit {
  record(entry: ScreenShareAuditRecord): void;
}

/** The advisor as a share needs them: the person and the one login session that asked. */
export interface ShareAdvisor {
  id: string;
  sessionIdHash: string;
}

export type ShareResult<T> =
  { ok: true; value: T } | { ok: false; status: 403 | 404 | 409; error: string; message: string };

/** Every call is checked against the database, so each answers asynchronously. */
export interface ScreenShares {
  /** The advisor holding the claim asks to see the screen; any earlier share of the request ends. */
  ask(advisor: ShareAdvisor, requestId: string): Promise<ShareResult<ScreenAskResult>>;
  /** The visitor's answer, from their station. */
  consent(stationId: string, requestId: string, shareId: string, allow: boolean): Promise<ShareResult<null>>;
  signalFromStation(stationId: string, requestId: string, signal: ScreenSignal): Promise<ShareResult<null>>;
  signalFromAdvisor(advisor: ShareAdvisor, requestId: string, signal: ScreenSignal): Promise<ShareResult<null>>;
  pointer(advisor: ShareAdvisor, requestId: string, shareId: string, x: number, y: number): Promise<ShareResult<null>>;
  stopByStation(
    stationId: string,
    requestId: string,
    shareId: string,
    reason: ScreenStopReason,
  ): Promise<ShareResult<null>>;
  stopByAdvisor(advisor: ShareAdvisor, requestId: string, shareId: string): Promise<ShareResult<null>>;
  /** A login session ended (logout, expiry, revocation): its shares end, whichever replica took them. */
  endForSession(sessionIdHash: string): Promise<void>;
  /** An account was disabled or removed: its shares end. */
  endForAdvisor(advisorId: string): Promise<void>;
  endForStation(stationId: string): Promise<void>;
  /**
   * Follows request changes on the console audience (every replica's, through the shared log on
   * PostgreSQL): a claim that ends ends its share. Errors go to `onError`.
   */
  watch(events: EventLog, onError: (error: unknown) => void): () => void;
  /**
   * Run by every replica on a timer: ends shares past the maximum and shares whose claim ended
   * unnoticed, writes audit records a dead replica left unwritten, deletes old ended shares.
   */
  sweep(): Promise<void>;
  /** Shares open now (for tests and readiness). */
  openCount(): Promise<number>;
}

export function createScreenShares(deps: {
  events: EventLog;
  store: Pick<HelpStore, 'get'>;
  shares: ScreenShareStore;
  clock: CentralClock;
  newId: () => string;
  config: ScreenShareConfig;
  /** Ended shares are deleted this long after they ended (docs/privacy.md). */
  keepEndedMs: number;
  audit: ScreenShareAudit;
  audiences: { station(id: string): Audience; advisor(id: string): Audience };
}): ScreenShares {
  const { events, shares, clock, config, audit, audiences } = deps;
  const maxMs = config.maxMinutes * 60_000;

  const refuse = (status: 403 | 404 | 409, error: string, message: string) =>
    ({ ok: false, status, error, message }) as const;
  const ok = { ok: true, value: null } as const;
  const both = { station: true, advisor: true };

  /** Writes the audit record of an ended share if this caller wins its claim. */
  async function writeAudit(share: ShareRecord): Promise<void> {
    if (share.endedAt === null || share.endReason === null) return;
    if (!(await shares.claimAudit(share.shareId, clock.now()))) return;
    audit.record({
      shareId: share.shareId,
      stationId: share.stationId,
      advisorId: share.advisorId,
      askedAt: share.askedAt,
      startedAt: share.startedAt,
      stoppedAt: share.endedAt,
      durationSeconds: share.startedAt === null ? 0 : Math.round((share.endedAt - share.startedAt) / 1000),
      reason: share.endReason,
    });
  }

  /** Ends a share if it is still live; only the winner tells the peers and writes the audit record. */
  async function end(
    share: ShareRecord,
    reason: ScreenStopReason,
    tell: { station: boolean; advisor: boolean },
  ): Promise<void> {
    const at = clock.now();
    if (!(await shares.end(share.shareId, reason, at))) return;
    const data = { requestId: share.requestId, shareId: share.shareId, reason };
    if (tell.station) events.publish(audiences.station(share.stationId), HELP_SCREEN_EVENTS.stopped, data);
    if (tell.advisor) events.publish(audiences.advisor(share.advisorId), HELP_SCREEN_EVENTS.stopped, data);
    await events.flushed();
    await writeAudit({ ...share, phase: 'ended', endedAt: at, endReason: reason });
  }
  const endAll = async (list: ShareRecord[], reason: ScreenStopReason) => {
    for (const share of list) await end(share, reason, both);
  };
  const pastMaximum = (share: ShareRecord) => share.startedAt !== null && clock.now() - share.startedAt >= maxMs;

  /** The live share of a request, if `shareId` names it and it is not past its maximum. */
  async function current(requestId: string, shareId: string): Promise<ShareRecord | null> {
    const share = await shares.get(shareId);
    if (!share || share.requestId !== requestId || share.phase === 'ended') return null;
    if (pastMaximum(share)) {
      await end(share, 'max-duration', both);
      return null;
    }
    return share;
  }
  /** Publishes one relayed message and answers once it is stored (any replica may deliver it). */
  async function relay(audience: Audience, type: string, data: unknown): Promise<ShareResult<null>> {
    events.publish(audience, type, data);
    await events.flushed();
    return ok;
  }
  const noShare = refuse(404, 'no-share', 'No such screen share on this request (it may have ended).');
  const notYours = refuse(403, 'not-yours', 'Only the advisor who asked, in the same login, may use this share.');
  const notAllowed = refuse(409, 'not-allowed', 'The visitor has not allowed the screen view.');
  const ownedBy = (share: ShareRecord, advisor: ShareAdvisor) =>
    share.advisorId === advisor.id && share.sessionIdHash === advisor.sessionIdHash;

  return {
    async ask(advisor, requestId) {
      const record = await deps.store.get(requestId);
      if (!record) return refuse(404, 'not-found', 'No such help request.');
      if (record.state !== 'claimed' || record.claimedById !== advisor.id)
        return refuse(409, 'not-yours', 'Claim the request before asking to see the screen.');
      const share = {
        shareId: deps.newId(),
        requestId,
        stationId: record.stationId,
        advisorId: advisor.id,
        sessionIdHash: advisor.sessionIdHash,
        askedAt: clock.now(),
      };
      // A new ask replaces the earlier share; an ask racing on another replica may slip in between,
      // so end what is live again until this one is stored (a few rounds at most).
      for (let attempt = 0; ; attempt++) {
        await endAll(await shares.listLive({ requestId }), 'advisor');
        if (await shares.insert(share)) break;
        if (attempt === 3) return refuse(409, 'busy', 'Another ask for this request is under way; try again.');
      }
      const maxSeconds = config.maxMinutes * 60;
      events.publish(audiences.station(record.stationId), HELP_SCREEN_EVENTS.ask, {
        requestId,
        shareId: share.shareId,
        iceServers: config.iceServers,
        maxSeconds,
      });
      await events.flushed();
      return { ok: true, value: { shareId: share.shareId, iceServers: config.iceServers, maxSeconds } };
    },

    async consent(stationId, requestId, shareId, allow) {
      const share = await current(requestId, shareId);
      if (!share || share.stationId !== stationId) return noShare;
      if (share.phase !== 'asked') return ok;
      if (allow) {
        // Only the answer that moved it tells the advisor: a repeated Allow is answered, not relayed.
        if (!(await shares.start(shareId, clock.now()))) return ok;
        return relay(audiences.advisor(share.advisorId), HELP_SCREEN_EVENTS.consent, { requestId, shareId, allow });
      }
      events.publish(audiences.advisor(share.advisorId), HELP_SCREEN_EVENTS.consent, { requestId, shareId, allow });
      await end(share, 'declined', { station: false, advisor: true });
      return ok;
    },

    async signalFromStation(stationId, requestId, signal) {
      const share = await current(requestId, signal.shareId);
      if (!share || share.stationId !== stationId) return noShare;
      if (share.phase !== 'shared') return notAllowed;
      if (signal.kind === 'answer') return refuse(409, 'wrong-side', 'The station sends the offer, not the answer.');
      return relay(audiences.advisor(share.advisorId), HELP_SCREEN_EVENTS.signal, { requestId, ...signal });
    },

    async signalFromAdvisor(advisor, requestId, signal) {
      const share = await current(requestId, signal.shareId);
      if (!share) return noShare;
      if (!ownedBy(share, advisor)) return notYours;
      if (share.phase !== 'shared') return notAllowed;
      if (signal.kind === 'offer') return refuse(409, 'wrong-side', 'The advisor sends the answer, not the offer.');
      return relay(audiences.station(share.stationId), HELP_SCREEN_EVENTS.signal, { requestId, ...signal });
    },

    async pointer(advisor, requestId, shareId, x, y) {
      const share = await current(requestId, shareId);
      if (!share) return noShare;
      if (!ownedBy(share, advisor)) return notYours;
      if (share.phase !== 'shared') return notAllowed;
      return relay(audiences.station(share.stationId), HELP_SCREEN_EVENTS.pointer, { requestId, shareId, x, y });
    },

    async stopByStation(stationId, requestId, shareId, reason) {
      const share = await shares.get(shareId);
      // Stopping twice, or a share already ended by the other side, is fine: the result is the same.
      if (!share || share.requestId !== requestId || share.stationId !== stationId) return ok;
      await end(share, reason, { station: false, advisor: true });
      return ok;
    },

    async stopByAdvisor(advisor, requestId, shareId) {
      const share = await shares.get(shareId);
      if (!share || share.requestId !== requestId || share.phase === 'ended') return ok;
      if (!ownedBy(share, advisor)) return notYours;
      await end(share, 'advisor', { station: true, advisor: false });
      return ok;
    },

    endForSession: async (sessionIdHash) => endAll(await shares.listLive({ sessionIdHash }), 'advisor-session-ended'),
    endForAdvisor: async (advisorId) => endAll(await shares.listLive({ advisorId }), 'advisor-session-ended'),
    endForStation: async (stationId) => endAll(await shares.listLive({ stationId }), 'station-revoked'),

    watch(log, onError) {
      return log.subscribe(new Set<Audience>(['console']), (event) => {
        if (event.type !== HELP_CONSOLE_EVENTS.requestUpdated) return;
        const item = event.data as HelpQueueItem;
        // Every replica hears it; the conditional UPDATE in `end` lets one of them tell the peers.
        void (async () => {
          for (const share of await shares.listLive({ requestId: item.id }))
            if (item.state !== 'claimed' || item.claimedBy?.id !== share.advisorId)
              await end(share, 'claim-ended', both);
        })().catch(onError);
      });
    },

    async sweep() {
      for (const share of await shares.listLive()) {
        if (pastMaximum(share)) {
          await end(share, 'max-duration', both);
          continue;
        }
        // A claim that ended while no replica was listening (or on one that died before acting).
        const request = await deps.store.get(share.requestId);
        if (!request || request.state !== 'claimed' || request.claimedById !== share.advisorId)
          await end(share, 'claim-ended', both);
      }
      for (const share of await shares.listUnaudited()) await writeAudit(share);
      await shares.deleteEndedBefore(clock.now() - deps.keepEndedMs);
    },

    openCount: async () => (await shares.listLive()).length,
  };
}
