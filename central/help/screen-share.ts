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
 * Shares live in this process's memory: they are short and die with the process (the peers then
 * see their connection drop). The only thing kept is the audit record, without content.
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

interface Share {
  shareId: string;
  requestId: string;
  stationId: string;
  advisorId: string;
  sessionIdHash: string;
  askedAt: number;
  startedAt: number | null;
}

export interface ScreenShares {
  /** The advisor holding the claim asks to see the screen; any earlier share of the request ends. */
  ask(advisor: ShareAdvisor, requestId: string): Promise<ShareResult<ScreenAskResult>>;
  /** The visitor's answer, from their station. */
  consent(stationId: string, requestId: string, shareId: string, allow: boolean): ShareResult<null>;
  signalFromStation(stationId: string, requestId: string, signal: ScreenSignal): ShareResult<null>;
  signalFromAdvisor(advisor: ShareAdvisor, requestId: string, signal: ScreenSignal): ShareResult<null>;
  pointer(advisor: ShareAdvisor, requestId: string, shareId: string, x: number, y: number): ShareResult<null>;
  stopByStation(stationId: string, requestId: string, shareId: string, reason: ScreenStopReason): ShareResult<null>;
  stopByAdvisor(advisor: ShareAdvisor, requestId: string, shareId: string): ShareResult<null>;
  /** A login session ended (logout, expiry, revocation): its shares end. */
  endForSession(sessionIdHash: string): void;
  /** An account was disabled or removed: its shares end. */
  endForAdvisor(advisorId: string): void;
  endForStation(stationId: string): void;
  /** Follows request changes on the console audience: a claim that ends ends its share. */
  watch(events: EventLog): () => void;
  /** Ends shares past the maximum (called from housekeeping and on every relay). */
  sweep(): void;
  /** Shares open now (for tests and readiness). */
  openCount(): number;
}

export function createScreenShares(deps: {
  events: EventLog;
  store: Pick<HelpStore, 'get'>;
  clock: CentralClock;
  newId: () => string;
  config: ScreenShareConfig;
  audit: ScreenShareAudit;
  audiences: { station(id: string): Audience; advisor(id: string): Audience };
}): ScreenShares {
  const { events, clock, config, audit, audiences } = deps;
  const byRequest = new Map<string, Share>();
  const maxMs = config.maxMinutes * 60_000;

  const refuse = (status: 403 | 404 | 409, error: string, message: string) =>
    ({ ok: false, status, error, message }) as const;
  const ok = { ok: true, value: null } as const;

  function end(share: Share, reason: ScreenStopReason, tell: { station: boolean; advisor: boolean }): void {
    if (byRequest.get(share.requestId) !== share) return;
    byRequest.delete(share.requestId);
    const data = { requestId: share.requestId, shareId: share.shareId, reason };
    if (tell.station) events.publish(audiences.station(share.stationId), HELP_SCREEN_EVENTS.stopped, data);
    if (tell.advisor) events.publish(audiences.advisor(share.advisorId), HELP_SCREEN_EVENTS.stopped, data);
    const stoppedAt = clock.now();
    audit.record({
      shareId: share.shareId,
      stationId: share.stationId,
      advisorId: share.advisorId,
      askedAt: share.askedAt,
      startedAt: share.startedAt,
      stoppedAt,
      durationSeconds: share.startedAt === null ? 0 : Math.round((stoppedAt - share.startedAt) / 1000),
      reason,
    });
  }
  const both = { station: true, advisor: true };

  /** The live share of a request, if `shareId` names it and it is not past its maximum. */
  function current(requestId: string, shareId: string): Share | null {
    const share = byRequest.get(requestId);
    if (!share || share.shareId !== shareId) return null;
    if (share.startedAt !== null && clock.now() - share.startedAt >= maxMs) {
      end(share, 'max-duration', both);
      return null;
    }
    return share;
  }
  const noShare = refuse(404, 'no-share', 'No such screen share on this request (it may have ended).');
  const notYours = refuse(403, 'not-yours', 'Only the advisor who asked, in the same login, may use this share.');
  const ownedBy = (share: Share, advisor: ShareAdvisor) =>
    share.advisorId === advisor.id && share.sessionIdHash === advisor.sessionIdHash;

  return {
    async ask(advisor, requestId) {
      const record = await deps.store.get(requestId);
      if (!record) return refuse(404, 'not-found', 'No such help request.');
      if (record.state !== 'claimed' || record.claimedById !== advisor.id)
        return refuse(409, 'not-yours', 'Claim the request before asking to see the screen.');
      const earlier = byRequest.get(requestId);
      if (earlier) end(earlier, 'advisor', both);
      const share: Share = {
        shareId: deps.newId(),
        requestId,
        stationId: record.stationId,
        advisorId: advisor.id,
        sessionIdHash: advisor.sessionIdHash,
        askedAt: clock.now(),
        startedAt: null,
      };
      byRequest.set(requestId, share);
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

    consent(stationId, requestId, shareId, allow) {
      const share = current(requestId, shareId);
      if (!share || share.stationId !== stationId) return noShare;
      if (share.startedAt !== null) return ok;
      events.publish(audiences.advisor(share.advisorId), HELP_SCREEN_EVENTS.consent, { requestId, shareId, allow });
      if (allow) share.startedAt = clock.now();
      else end(share, 'declined', { station: false, advisor: true });
      return ok;
    },

    signalFromStation(stationId, requestId, signal) {
      const share = current(requestId, signal.shareId);
      if (!share || share.stationId !== stationId) return noShare;
      if (share.startedAt === null) return refuse(409, 'not-allowed', 'The visitor has not allowed the screen view.');
      if (signal.kind === 'answer') return refuse(409, 'wrong-side', 'The station sends the offer, not the answer.');
      events.publish(audiences.advisor(share.advisorId), HELP_SCREEN_EVENTS.signal, { requestId, ...signal });
      return ok;
    },

    signalFromAdvisor(advisor, requestId, signal) {
      const share = current(requestId, signal.shareId);
      if (!share) return noShare;
      if (!ownedBy(share, advisor)) return notYours;
      if (share.startedAt === null) return refuse(409, 'not-allowed', 'The visitor has not allowed the screen view.');
      if (signal.kind === 'offer') return refuse(409, 'wrong-side', 'The advisor sends the answer, not the offer.');
      events.publish(audiences.station(share.stationId), HELP_SCREEN_EVENTS.signal, { requestId, ...signal });
      return ok;
    },

    pointer(advisor, requestId, shareId, x, y) {
      const share = current(requestId, shareId);
      if (!share) return noShare;
      if (!ownedBy(share, advisor)) return notYours;
      if (share.startedAt === null) return refuse(409, 'not-allowed', 'The visitor has not allowed the screen view.');
      events.publish(audiences.station(share.stationId), HELP_SCREEN_EVENTS.pointer, { requestId, shareId, x, y });
      return ok;
    },

    stopByStation(stationId, requestId, shareId, reason) {
      const share = byRequest.get(requestId);
      // Stopping twice, or a share already ended by the other side, is fine: the result is the same.
      if (!share || share.shareId !== shareId || share.stationId !== stationId) return ok;
      end(share, reason, { station: false, advisor: true });
      return ok;
    },

    stopByAdvisor(advisor, requestId, shareId) {
      const share = byRequest.get(requestId);
      if (!share || share.shareId !== shareId) return ok;
      if (!ownedBy(share, advisor)) return notYours;
      end(share, 'advisor', { station: true, advisor: false });
      return ok;
    },

    endForSession(sessionIdHash) {
      for (const share of [...byRequest.values()])
        if (share.sessionIdHash === sessionIdHash) end(share, 'advisor-session-ended', both);
    },
    endForAdvisor(advisorId) {
      for (const share of [...byRequest.values()])
        if (share.advisorId === advisorId) end(share, 'advisor-session-ended', both);
    },
    endForStation(stationId) {
      for (const share of [...byRequest.values()])
        if (share.stationId === stationId) end(share, 'station-revoked', both);
    },

    watch(log) {
      return log.subscribe(new Set<Audience>(['console']), (event) => {
        if (event.type !== HELP_CONSOLE_EVENTS.requestUpdated) return;
        const item = event.data as HelpQueueItem;
        const share = byRequest.get(item.id);
        if (share && (item.state !== 'claimed' || item.claimedBy?.id !== share.advisorId))
          end(share, 'claim-ended', both);
      });
    },

    sweep() {
      for (const share of [...byRequest.values()]) current(share.requestId, share.shareId);
    },

    openCount: () => byRequest.size,
  };
}
