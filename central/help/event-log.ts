/**
 * Live events for SSE: recent events with ids that only grow, so a client that reconnects with
 * `Last-Event-ID` gets exactly what it missed, or a fresh snapshot when the gap is older than what
 * is kept (or from before a restart: ids carry an epoch). Two implementations: this in-memory ring
 * for one process (SQLite), and `pg-event-log.ts`, shared by every replica on PostgreSQL.
 */

/** Who may see an event: every console, one advisor's consoles, or one station. */
export type Audience = 'console' | `advisor:${string}` | `station:${string}`;

export interface LiveEvent {
  id: string;
  seq: number;
  /** When it was published (central's clock); lets housekeeping forget old events. */
  at: number;
  audience: Audience;
  type: string;
  data: unknown;
}

export type LiveListener = (event: LiveEvent) => void;

export interface EventLog {
  /**
   * Queues an event for every subscriber of `audience` (on every replica, for the shared log).
   * Events from one process keep their order; `flushed()` says when they are stored.
   */
  publish(audience: Audience, type: string, data: unknown): void;
  /**
   * Resolves once every event published so far is stored (and so replayable on any replica);
   * rejects when one could not be, so an action is not acknowledged with its event lost.
   */
  flushed(): Promise<void>;
  /**
   * Events after `lastEventId` for the given audiences, or null when they cannot all be replayed
   * (unknown id, other epoch, or no longer kept): the caller then sends a snapshot.
   */
  since(lastEventId: string, audiences: ReadonlySet<Audience>): Promise<LiveEvent[] | null>;
  /** The id a snapshot taken now stands for (the last event delivered to this process). */
  currentId(): string;
  subscribe(audiences: ReadonlySet<Audience>, listener: LiveListener): () => void;
  subscriberCount(): number;
  /**
   * Drops every event published before `time` from what can be replayed. Events carry chat text,
   * so when chat is deleted from the database it must not live on here; a client whose gap
   * reaches back past the dropped events gets a snapshot instead of a replay.
   */
  forgetBefore(time: number): Promise<void>;
  /**
   * Starts receiving other replicas' events (the shared log; a no-op in memory). `onError` hears
   * trouble it recovers from by itself (the listening connection lost and reopened).
   */
  start(onError?: (error: unknown) => void): Promise<void>;
  /** Stops receiving; safe to call twice. */
  stop(): Promise<void>;
  /** False while the shared log has lost its listening connection (readiness). */
  healthy(): boolean;
}

/**
 * `epoch` distinguishes this process's ids from a previous run's (pass the boot time); `now` is
 * central's clock.
 */
export function createEventLog(options: { capacity: number; epoch: number; now: () => number }): EventLog {
  const ring: LiveEvent[] = [];
  let seq = 0;
  // The oldest sequence number still replayable; forgetting moves it forward even if the ring empties.
  let replayableFrom = 1;
  const listeners = new Set<{ audiences: ReadonlySet<Audience>; listener: LiveListener }>();
  const idOf = (n: number) => `${options.epoch}-${n}`;

  return {
    publish(audience, type, data) {
      const event: LiveEvent = { id: idOf(++seq), seq, at: options.now(), audience, type, data };
      ring.push(event);
      if (ring.length > options.capacity) replayableFrom = (ring.shift()?.seq ?? 0) + 1;
      for (const l of [...listeners]) if (l.audiences.has(audience)) l.listener(event);
    },
    flushed: async () => {},
    async since(lastEventId, audiences) {
      const match = /^(\d+)-(\d+)$/.exec(lastEventId);
      if (!match || Number(match[1]) !== options.epoch) return null;
      const last = Number(match[2]);
      if (last > seq) return null;
      if (last < replayableFrom - 1) return null;
      return ring.filter((e) => e.seq > last && audiences.has(e.audience));
    },
    currentId: () => idOf(seq),
    subscribe(audiences, listener) {
      const entry = { audiences, listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    subscriberCount: () => listeners.size,
    async forgetBefore(time) {
      while (ring.length > 0 && (ring[0]?.at ?? time) < time) replayableFrom = (ring.shift()?.seq ?? 0) + 1;
    },
    start: async () => {},
    stop: async () => {},
    healthy: () => true,
  };
}
