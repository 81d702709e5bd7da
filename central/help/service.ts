/**
 * The help request lifecycle: queued → claimed → resolved, with cancel (station), return to the
 * queue (advisor releases it or goes silent) and expiry. Every change is published to the live
 * event log: the station sees only its own requests, consoles see the queue, and chat goes only to
 * the station and the advisor holding the request. Chat text is never logged and never counted.
 */
import type {
  AdvisorPresence,
  AdvisorSummary,
  ChatMessage,
  HelpAvailability,
  HelpConsoleSnapshot,
  HelpCreateResult,
  HelpQueueItem,
  HelpRequestCreate,
  HelpStationRequest,
} from '../../protocol/help.ts';
import { HELP_CONSOLE_EVENTS, HELP_STATION_EVENTS, type HelpErrorCode } from '../../protocol/help.ts';
import { createHmac, randomBytes } from 'node:crypto';
import type { CentralClock } from '../infrastructure/clock.ts';
import { createLocalSlots } from '../ingest/local-time.ts';
import type { Audience, EventLog } from './event-log.ts';
import type { HelpConfig } from './help-config.ts';
import { isWithinServiceHours } from './service-hours.ts';
import type {
  HelpDailyKey,
  HelpMessageRecord,
  HelpRequestRecord,
  HelpStore,
  HelpWaitBucket,
  PresenceRecord,
} from './store.ts';

/** The station a request came from, as central's station auth knows it. */
export interface StationIdentity {
  id: string;
  /** Shown to advisors ("Oodi, 2nd floor"); the station id when central has no name for it. */
  location: string;
}

/** A logged-in advisor. */
export interface AdvisorIdentity {
  id: string;
  displayName: string;
}

/**
 * Why an action was refused, in domain terms; the routes choose the HTTP status (help-errors.ts).
 * `kind` travels to the client as the reply's `error` code.
 */
export interface HelpFailure {
  kind: HelpErrorCode;
  /** A sentence the advisor or station can act on. */
  message: string;
  /** The request's state when the action was refused. */
  state?: HelpRequestRecord['state'];
  /** Who holds the request, for `already-claimed` (null when nobody does). */
  claimedBy?: { displayName: string } | null;
}

/** An action's outcome: its value, or the domain reason it was refused. */
export type ActionResult<T> = { ok: true; value: T } | { ok: false; failure: HelpFailure };

const refuse = (failure: HelpFailure): { ok: false; failure: HelpFailure } => ({ ok: false, failure });

export interface HelpServiceDeps {
  store: HelpStore;
  config: HelpConfig;
  clock: CentralClock;
  events: EventLog;
  newId: () => string;
  /** This process among several replicas: its open console streams are counted under this id. */
  replicaId: string;
}

/** Presence rows of advisors not heard from this long are deleted (nobody is silent that long and online). */
const PRESENCE_KEPT_MS = 12 * 3600_000;
/** An advisor's "heard from" is stored at most this often per process (it is read to the minute). */
const TOUCH_WRITE_EVERY_MS = 5_000;

/** What one sweep did; every count is of requests except `chatDeleted` (lines). */
export interface HelpSweepResult {
  /** Claimed requests back in the queue because their advisor went silent. */
  returned: number;
  /** Queued requests nobody took in time, closed as expired. */
  expired: number;
  /** Claimed requests open longer than `closeClaimedAfterMinutes` since the first claim, closed as expired. */
  closedClaimed: number;
  chatDeleted: number;
  /** Closed requests of earlier days whose advisor was replaced by a pseudonym. */
  pseudonymised: number;
  /** Requests older than `requestRetentionDays` folded into `help_daily` and deleted. */
  folded: number;
}

/** The bucket of a wait from request to first claim; `not-answered` when nobody claimed it. */
export function waitBucket(record: HelpRequestRecord): HelpWaitBucket {
  if (record.firstClaimedAt === null) return 'not-answered';
  const minutes = (record.firstClaimedAt - record.createdAt) / 60_000;
  if (minutes < 1) return 'under-1-min';
  if (minutes < 5) return '1-5-min';
  if (minutes < 15) return '5-15-min';
  if (minutes < 30) return '15-30-min';
  return '30-min-or-more';
}

const firstName = (displayName: string) => displayName.trim().split(/\s+/)[0] ?? displayName;
const stationAudience = (stationId: string): Audience => `station:${stationId}`;
const advisorAudience = (advisorId: string): Audience => `advisor:${advisorId}`;

export type HelpService = ReturnType<typeof createHelpService>;

export function createHelpService({ store, config, clock, events, newId, replicaId }: HelpServiceDeps) {
  const bootedAt = clock.now();
  const slots = createLocalSlots();
  // Key of the advisor pseudonyms: random per process and never stored, so nobody (the operator
  // included) can turn a kept pseudonym back into a name; only requests pseudonymised by the same
  // process on the same day share one.
  const pseudonymKey = randomBytes(32);
  const pseudonym = (r: HelpRequestRecord): string =>
    `advisor-${createHmac('sha256', pseudonymKey)
      .update(`${slots(r.closedAt ?? r.createdAt).day}\0${r.claimedById ?? ''}`)
      .digest('hex')
      .slice(0, 12)}`;
  const dailyKey = (r: HelpRequestRecord): HelpDailyKey => ({
    day: slots(r.createdAt).day,
    stationId: r.stationId,
    topic: r.topic,
    mode: r.mode,
    outcome: r.state,
    waitBucket: waitBucket(r),
  });
  /** Local midnight of today, as `handledToday` counts "today". */
  const startOfToday = (): number => {
    const start = new Date(clock.now());
    start.setHours(0, 0, 0, 0);
    return start.getTime();
  };
  /** Exponentially weighted average of answered waits (A = 0.9·A′ + 0.1·W), in seconds. */
  let averageWaitSeconds = config.initialWaitEstimateMinutes * 60;

  // Presence is stored (help_presence), so every replica counts the same advisors. A replica's
  // stream counts stay current through its sweep; a dead replica's go stale after this window.
  const streamsFreshMs = Math.max(config.onlineWithinSeconds, 3 * config.sweepIntervalSeconds) * 1000;
  const presence = () => store.listPresence(clock.now() - streamsFreshMs);
  const isOnline = (p: PresenceRecord) =>
    p.status === 'online' && clock.now() - p.lastSeen < config.onlineWithinSeconds * 1000;
  const onlineCount = async () => (await presence()).filter(isOnline).length;
  const advisors = async (): Promise<AdvisorSummary[]> =>
    (await presence()).map((p) => ({
      id: p.advisorId,
      displayName: p.displayName,
      status: isOnline(p) ? 'online' : 'away',
      connected: p.connections > 0,
    }));

  const toMessage = (m: HelpMessageRecord): ChatMessage => ({
    id: m.id,
    from: m.from,
    text: m.text,
    at: new Date(m.at).toISOString(),
  });

  async function stationView(
    r: HelpRequestRecord,
    open: HelpRequestRecord[],
    online?: number,
  ): Promise<HelpStationRequest> {
    const queued = open.filter((o) => o.state === 'queued');
    const index = queued.findIndex((o) => o.id === r.id);
    const position = r.state === 'queued' && index >= 0 ? index + 1 : null;
    return {
      requestId: r.id,
      state: r.state,
      draft: { topic: r.topic, mode: r.mode },
      position,
      estimatedWaitMinutes:
        position === null
          ? null
          : Math.ceil((position * averageWaitSeconds) / Math.max(1, online ?? (await onlineCount())) / 60),
      advisorFirstName: r.claimedByName === null ? null : firstName(r.claimedByName),
      messages: (await store.listMessages(r.id)).map(toMessage),
    };
  }

  async function queueItem(r: HelpRequestRecord, forAdvisorId: string | null): Promise<HelpQueueItem> {
    const withChat = forAdvisorId !== null && r.claimedById === forAdvisorId;
    return {
      id: r.id,
      state: r.state,
      stationId: r.stationId,
      location: r.location,
      language: r.language,
      topic: r.topic,
      mode: r.mode,
      accessibilityModes: r.accessibilityModes,
      serviceId: r.serviceId,
      createdAt: r.createdAt,
      claimedBy: r.claimedById === null ? null : { id: r.claimedById, displayName: r.claimedByName ?? '' },
      claimedAt: r.claimedAt,
      closedAt: r.closedAt,
      returnedCount: r.returnedCount,
      messages: withChat ? (await store.listMessages(r.id)).map(toMessage) : [],
    };
  }

  /** Publishes one request's new state, and new queue positions to every station still waiting. */
  async function publishChange(id: string, consoleEvent: string = HELP_CONSOLE_EVENTS.requestUpdated): Promise<void> {
    const record = await store.get(id);
    if (!record) return;
    const open = await store.listOpen();
    const online = await onlineCount();
    events.publish('console', consoleEvent, await queueItem(record, null));
    events.publish(
      stationAudience(record.stationId),
      HELP_STATION_EVENTS.requestUpdated,
      await stationView(record, open, online),
    );
    for (const other of open) {
      if (other.id !== id && other.state === 'queued') {
        events.publish(
          stationAudience(other.stationId),
          HELP_STATION_EVENTS.requestUpdated,
          await stationView(other, open, online),
        );
      }
    }
    // Stored before the action is acknowledged: a replica dying now loses no event.
    await events.flushed();
  }

  async function publishPresence(): Promise<void> {
    events.publish('console', HELP_CONSOLE_EVENTS.presence, { advisors: await advisors() });
    await events.flushed();
  }

  async function availability(): Promise<HelpAvailability> {
    if (!isWithinServiceHours(config.serviceHours, clock.now())) return { available: false, reason: 'outside-hours' };
    const online = await onlineCount();
    return online > 0 ? { available: true, advisorsOnline: online } : { available: false, reason: 'no-advisors' };
  }

  async function ownedBy(station: StationIdentity, id: string): Promise<HelpRequestRecord | null> {
    const record = await store.get(id);
    // Another station's request answers exactly like a missing one: ids are not secrets, but nothing leaks.
    return record && record.stationId === station.id ? record : null;
  }

  const notFound = refuse({ kind: 'not-found', message: 'No such help request.' });
  const notOpenFailure = (r: HelpRequestRecord): HelpFailure => ({
    kind: 'closed',
    message: `The request is already ${r.state}.`,
    state: r.state,
  });
  const notOpen = (r: HelpRequestRecord) => refuse(notOpenFailure(r));

  // When this process last stored each advisor's "heard from": presence needs it to the
  // `onlineWithinSeconds` (60 s), so writing it on every call, a disk flush each, buys nothing.
  const touchedAt = new Map<string, number>();
  async function touch(advisor: AdvisorIdentity): Promise<void> {
    const now = clock.now();
    const last = touchedAt.get(advisor.id);
    if (last !== undefined && now >= last && now - last < TOUCH_WRITE_EVERY_MS) return;
    touchedAt.set(advisor.id, now);
    // A first sighting starts away: opening the console is not a promise to answer.
    if (await store.touchPresence(advisor, now)) await publishPresence();
  }

  return {
    availability,

    async create(station: StationIdentity, body: HelpRequestCreate): Promise<HelpCreateResult> {
      const now = clock.now();
      // A retry of the same visit's request gets the open request back instead of a second place in line.
      const existing = (await store.listForStation(station.id, now)).find(
        (r) => r.sessionId === body.sessionId && (r.state === 'queued' || r.state === 'claimed'),
      );
      if (existing) return { status: 'accepted', request: await stationView(existing, await store.listOpen()) };
      const answer = await availability();
      if (!answer.available) return { status: 'unavailable', reason: answer.reason };
      // One open request per station: a new visit's request replaces an abandoned one.
      for (const stale of await store.listForStation(station.id, now)) {
        if (await store.close(stale.id, 'cancelled', ['queued', 'claimed'], now)) await publishChange(stale.id);
      }
      const record: HelpRequestRecord = {
        id: newId(),
        stationId: station.id,
        location: station.location,
        sessionId: body.sessionId,
        language: body.language,
        topic: body.topic,
        mode: body.mode,
        accessibilityModes: body.accessibilityModes,
        serviceId: body.serviceId,
        state: 'queued',
        createdAt: now,
        claimedById: null,
        claimedByName: null,
        claimedAt: null,
        firstClaimedAt: null,
        closedAt: null,
        returnedCount: 0,
      };
      await store.insert(record);
      await publishChange(record.id, HELP_CONSOLE_EVENTS.requestCreated);
      return { status: 'accepted', request: await stationView(record, await store.listOpen()) };
    },

    async stationRequest(station: StationIdentity, id: string): Promise<ActionResult<HelpStationRequest>> {
      const record = await ownedBy(station, id);
      return record ? { ok: true, value: await stationView(record, await store.listOpen()) } : notFound;
    },

    /** The station's open requests and those closed within the chat retention time. */
    async stationSnapshot(station: StationIdentity): Promise<HelpStationRequest[]> {
      const open = await store.listOpen();
      const since = clock.now() - config.chatRetentionMinutes * 60_000;
      return Promise.all((await store.listForStation(station.id, since)).map((r) => stationView(r, open)));
    },

    async cancelByStation(station: StationIdentity, id: string): Promise<ActionResult<HelpStationRequest>> {
      const record = await ownedBy(station, id);
      if (!record) return notFound;
      if (!(await store.close(id, 'cancelled', ['queued', 'claimed'], clock.now()))) {
        const now = await store.get(id);
        // Cancelling twice is fine: the visitor's intent is already true.
        if (now?.state === 'cancelled') return { ok: true, value: await stationView(now, []) };
        return notOpen(now ?? record);
      }
      await publishChange(id);
      return { ok: true, value: await stationView((await store.get(id)) ?? record, []) };
    },

    async stationMessage(station: StationIdentity, id: string, text: string): Promise<ActionResult<ChatMessage>> {
      const record = await ownedBy(station, id);
      if (!record) return notFound;
      if (record.state !== 'queued' && record.state !== 'claimed') return notOpen(record);
      const message: HelpMessageRecord = { id: newId(), requestId: id, from: 'visitor', text, at: clock.now() };
      await store.addMessage(message);
      const open = await store.listOpen();
      events.publish(
        stationAudience(record.stationId),
        HELP_STATION_EVENTS.requestUpdated,
        await stationView(record, open),
      );
      if (record.claimedById)
        events.publish(advisorAudience(record.claimedById), HELP_CONSOLE_EVENTS.chatMessage, {
          requestId: id,
          message: toMessage(message),
        });
      await events.flushed();
      return { ok: true, value: toMessage(message) };
    },

    /**
     * Closes (as cancelled) the open requests of a station whose token was revoked or rotated: no
     * advisor should claim or chat into a request nobody can see any more. Returns how many.
     */
    async closeForStation(stationId: string): Promise<number> {
      const now = clock.now();
      let closed = 0;
      for (const r of await store.listForStation(stationId, now)) {
        if (await store.close(r.id, 'cancelled', ['queued', 'claimed'], now)) {
          closed += 1;
          await publishChange(r.id);
        }
      }
      return closed;
    },

    /** Any authenticated advisor call proves the advisor is there. */
    touch,

    async setPresence(advisor: AdvisorIdentity, status: AdvisorPresence): Promise<void> {
      await store.touchPresence(advisor, clock.now());
      await store.setPresenceStatus(advisor.id, status);
      await publishPresence();
    },

    /** Counts open console streams; returns the function to call when the stream closes. */
    async connect(advisor: AdvisorIdentity): Promise<() => Promise<void>> {
      await store.touchPresence(advisor, clock.now());
      await store.addPresenceStreams(replicaId, advisor.id, 1, clock.now());
      await publishPresence();
      return async () => {
        await store.addPresenceStreams(replicaId, advisor.id, -1, clock.now());
        await publishPresence();
      };
    },

    async consoleSnapshot(advisor: AdvisorIdentity): Promise<HelpConsoleSnapshot> {
      await touch(advisor);
      const open = await store.listOpen();
      const everyone = await presence();
      return {
        me: {
          id: advisor.id,
          displayName: advisor.displayName,
          status: everyone.find((p) => p.advisorId === advisor.id)?.status ?? 'away',
        },
        items: await Promise.all(open.map((r) => queueItem(r, advisor.id))),
        advisors: await advisors(),
        handledToday: await this.handledToday(advisor),
      };
    },

    async handledToday(advisor: AdvisorIdentity): Promise<HelpQueueItem[]> {
      return Promise.all((await store.listHandledBy(advisor.id, startOfToday())).map((r) => queueItem(r, null)));
    },

    async claim(advisor: AdvisorIdentity, id: string): Promise<ActionResult<HelpQueueItem>> {
      await touch(advisor);
      const now = clock.now();
      if (!(await store.claim(id, advisor, now))) {
        const record = await store.get(id);
        if (!record) return notFound;
        if (record.state === 'claimed' && record.claimedById === advisor.id)
          return { ok: true, value: await queueItem(record, advisor.id) };
        if (record.state === 'claimed') {
          return refuse({
            kind: 'already-claimed',
            message: `${record.claimedByName ?? 'Another advisor'} is already helping.`,
            claimedBy: { displayName: record.claimedByName ?? '' },
            state: record.state,
          });
        }
        return refuse({ ...notOpenFailure(record), claimedBy: null });
      }
      const record = await store.get(id);
      if (!record) return notFound;
      if (record.firstClaimedAt === now)
        averageWaitSeconds = 0.9 * averageWaitSeconds + 0.1 * ((now - record.createdAt) / 1000);
      await publishChange(id);
      return { ok: true, value: await queueItem(record, advisor.id) };
    },

    async release(advisor: AdvisorIdentity, id: string): Promise<ActionResult<HelpQueueItem>> {
      await touch(advisor);
      if (!(await store.release(id, advisor.id))) {
        const record = await store.get(id);
        if (!record) return notFound;
        return refuse({
          kind: 'not-yours',
          message: 'Only the advisor helping can return this request.',
          state: record.state,
        });
      }
      await publishChange(id);
      const record = await store.get(id);
      return record ? { ok: true, value: await queueItem(record, advisor.id) } : notFound;
    },

    async resolve(advisor: AdvisorIdentity, id: string): Promise<ActionResult<HelpQueueItem>> {
      await touch(advisor);
      if (!(await store.close(id, 'resolved', ['claimed'], clock.now(), advisor.id))) {
        const record = await store.get(id);
        if (!record) return notFound;
        if (record.state === 'resolved' && record.claimedById === advisor.id)
          return { ok: true, value: await queueItem(record, advisor.id) };
        return refuse({ kind: 'not-yours', message: 'Claim the request before resolving it.', state: record.state });
      }
      await publishChange(id);
      const record = await store.get(id);
      return record ? { ok: true, value: await queueItem(record, advisor.id) } : notFound;
    },

    async advisorMessage(advisor: AdvisorIdentity, id: string, text: string): Promise<ActionResult<ChatMessage>> {
      await touch(advisor);
      const record = await store.get(id);
      if (!record) return notFound;
      if (record.state !== 'claimed' || record.claimedById !== advisor.id) {
        return refuse({
          kind: 'not-yours',
          message: 'Claim the request before writing to the visitor.',
          state: record.state,
        });
      }
      const message: HelpMessageRecord = { id: newId(), requestId: id, from: 'advisor', text, at: clock.now() };
      await store.addMessage(message);
      events.publish(
        stationAudience(record.stationId),
        HELP_STATION_EVENTS.requestUpdated,
        await stationView(record, await store.listOpen()),
      );
      events.publish(advisorAudience(advisor.id), HELP_CONSOLE_EVENTS.chatMessage, {
        requestId: id,
        message: toMessage(message),
      });
      await events.flushed();
      return { ok: true, value: toMessage(message) };
    },

    /**
     * Housekeeping, run every few seconds: returns requests of silent advisors to the queue, expires
     * requests nobody took and requests claimed for too long, deletes chat past its retention,
     * pseudonymises the advisor of requests closed on earlier days, folds requests past their
     * retention into daily counts, and after any deletion makes the deleted rows unreadable on disk.
     */
    async sweep(): Promise<HelpSweepResult> {
      const now = clock.now();
      await store.refreshPresenceStreams(replicaId, now);
      const everyone = await presence();
      const seen = new Map(everyone.map((p) => [p.advisorId, p.lastSeen]));
      let returned = 0;
      for (const r of await store.listOpen()) {
        if (r.state !== 'claimed' || r.claimedById === null) continue;
        const lastSeen = seen.get(r.claimedById) ?? bootedAt;
        if (now - lastSeen > config.returnAfterSilenceSeconds * 1000 && (await store.release(r.id, null))) {
          returned += 1;
          await publishChange(r.id);
        }
      }
      let expired = 0;
      for (const r of await store.listQueuedBefore(now - config.expireQueuedAfterMinutes * 60_000)) {
        if (await store.close(r.id, 'expired', ['queued'], now)) {
          expired += 1;
          await publishChange(r.id);
        }
      }
      // An advisor who keeps the console open never goes silent, so without this cap a request
      // they never resolve would stay open, and its chat stored, for ever.
      let closedClaimed = 0;
      for (const r of await store.listClaimedBefore(now - config.closeClaimedAfterMinutes * 60_000)) {
        if (await store.close(r.id, 'expired', ['claimed'], now)) {
          closedClaimed += 1;
          await publishChange(r.id);
        }
      }
      const chatDeleted = await store.deleteChatClosedBefore(now - config.chatRetentionMinutes * 60_000);
      // Live events carry chat too: none older than the chat retention may outlive it in memory.
      await events.forgetBefore(now - config.chatRetentionMinutes * 60_000);
      await store.deletePresenceBefore(now - PRESENCE_KEPT_MS);
      const pseudonymised = await store.pseudonymiseAdvisors(startOfToday(), pseudonym);
      const folded = await store.foldClosedBefore(now - config.requestRetentionDays * 86_400_000, dailyKey);
      if (chatDeleted + pseudonymised + folded > 0) await store.reclaimDeleted();
      if (returned + expired + closedClaimed > 0 || everyone.some((p) => p.status === 'online' && !isOnline(p)))
        await publishPresence();
      return { returned, expired, closedClaimed, chatDeleted, pseudonymised, folded };
    },

    /** Daily help counts kept after requests are deleted, from `fromDay` to `toDay` (Helsinki days). */
    dailyCounts: (fromDay: string, toDay: string) => store.listDaily(fromDay, toDay),

    advisors,
    audiences: { station: stationAudience, advisor: advisorAudience },
  };
}
