/**
 * Live events for SSE: a bounded ring of recent events with ids that only grow, so a client that
 * reconnects with `Last-Event-ID` gets exactly what it missed, or a fresh snapshot when the gap
 * is older than the ring (or from before a restart: ids carry the boot epoch).
 */

/** Who may see an event: every console, one advisor's consoles, or one station. */
export type Audience = 'console' | `advisor:${string}` | `station:${string}`;

export interface LiveEvent {
  id: string;
  seq: number;
  audience: Audience;
  type: string;
  data: unknown;
}

export type LiveListener = (event: LiveEvent) => void;

export interface EventLog {
  publish(audience: Audience, type: string, data: unknown): LiveEvent;
  /**
   * Events after `lastEventId` for the given audiences, or null when they cannot all be replayed
   * (unknown id, other boot, or fallen out of the ring): the caller then sends a snapshot.
   */
  since(lastEventId: string, audiences: ReadonlySet<Audience>): LiveEvent[] | null;
  /** The id a snapshot taken now stands for. */
  currentId(): string;
  subscribe(audiences: ReadonlySet<Audience>, listener: LiveListener): () => void;
  subscriberCount(): number;
}

/** `epoch` distinguishes this process's ids from a previous run's (pass the boot time). */
export function createEventLog(options: { capacity: number; epoch: number }): EventLog {
  const ring: LiveEvent[] = [];
  let seq = 0;
  const listeners = new Set<{ audiences: ReadonlySet<Audience>; listener: LiveListener }>();
  const idOf = (n: number) => `${options.epoch}-${n}`;

  return {
    publish(audience, type, data) {
      const event: LiveEvent = { id: idOf(++seq), seq, audience, type, data };
      ring.push(event);
      if (ring.length > options.capacity) ring.shift();
      for (const l of [...listeners]) if (l.audiences.has(audience)) l.listener(event);
      return event;
    },
    since(lastEventId, audiences) {
      const match = /^(\d+)-(\d+)$/.exec(lastEventId);
      if (!match || Number(match[1]) !== options.epoch) return null;
      const last = Number(match[2]);
      if (last > seq) return null;
      const oldest = ring[0]?.seq ?? seq + 1;
      if (last < oldest - 1) return null;
      return ring.filter((e) => e.seq > last && audiences.has(e.audience));
    },
    currentId: () => idOf(seq),
    subscribe(audiences, listener) {
      const entry = { audiences, listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    subscriberCount: () => listeners.size,
  };
}
