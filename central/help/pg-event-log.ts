/**
 * The live-event log shared by every central replica on one PostgreSQL database (issue 12, ADR
 * 0009). Each event is a row of `help_events` whose id comes from one sequence, so ids mean the
 * same on every replica and a client may reconnect with `Last-Event-ID` anywhere. The insert and
 * its `NOTIFY` are one statement that first takes a transaction-level advisory lock: ids are then
 * committed, and notified, in id order. Each replica keeps one dedicated `LISTEN` connection and
 * hands events to its own SSE subscribers in id order; a gap (a lost connection, a rolled-back id,
 * a payload too big for NOTIFY's 8000 bytes) is filled by reading the table.
 */
import { createHash } from 'node:crypto';
import type { Client, Pool } from 'pg';
import type { Audience, EventLog, LiveEvent, LiveListener } from './event-log.ts';

/** Advisory lock key ordering event ids with commits (the migration lock is 727274). */
const PUBLISH_LOCK = 727275;
/** Larger events travel as their id only and are read from the table (NOTIFY allows < 8000 bytes). */
const MAX_INLINE_BYTES = 7000;

export interface PgEventLogOptions {
  pool: Pool;
  /** A fresh client for the listening connection (`StorageHandle.newClient`). */
  newClient: () => Client;
  /** Database-and-schema scope of the NOTIFY channel (`StorageHandle.scope`). */
  scope: string;
  /** Events kept for replay at most; older ones are deleted by `forgetBefore` (the sweep). */
  capacity: number;
  now: () => number;
  /** Where trouble with the listening connection is reported (it reconnects by itself). */
  onError?: (error: unknown) => void;
  /** First reconnect delay after the listening connection is lost; doubles up to 5 s. */
  reconnectMs?: number;
}

interface EventRow {
  seq: number | string;
  at: number | string;
  audience: string;
  type: string;
  data: string;
}

const toEvent = (epoch: number, row: EventRow): LiveEvent => ({
  id: `${epoch}-${Number(row.seq)}`,
  seq: Number(row.seq),
  at: Number(row.at),
  audience: row.audience as Audience,
  type: row.type,
  data: JSON.parse(row.data) as unknown,
});

/** The channel name for a scope: database-wide, so it carries a hash of the schema. */
export function helpEventsChannel(scope: string): string {
  return `help_events_${createHash('sha256').update(scope).digest('hex').slice(0, 16)}`;
}

export function createPgEventLog(options: PgEventLogOptions): EventLog {
  const { pool } = options;
  const channel = helpEventsChannel(options.scope);
  let reportError = options.onError ?? (() => {});
  const listeners = new Set<{ audiences: ReadonlySet<Audience>; listener: LiveListener }>();
  let epoch = 0;
  /** The last id handed to this process's subscribers. */
  let delivered = 0;
  let client: Client | null = null;
  let connected = false;
  let stopped = true;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let publishTail: Promise<void> = Promise.resolve();
  let publishFailure: unknown = null;
  // Deliveries run one after another, so subscribers see ids in order even while a gap is read.
  let deliverTail: Promise<void> = Promise.resolve();

  const deliver = (event: LiveEvent) => {
    if (event.seq <= delivered) return;
    delivered = event.seq;
    for (const l of [...listeners]) if (l.audiences.has(event.audience)) l.listener(event);
  };

  const catchUp = async () => {
    const { rows } = await pool.query<EventRow>(
      'SELECT seq, at, audience, type, data FROM help_events WHERE seq > $1 ORDER BY seq',
      [delivered],
    );
    for (const row of rows) deliver(toEvent(epoch, row));
  };

  const onNotification = (payload: string | undefined) => {
    deliverTail = deliverTail
      .then(async () => {
        const note = JSON.parse(payload ?? '{}') as Partial<EventRow> & { seq?: number };
        const seq = Number(note.seq);
        if (!(seq > delivered)) return;
        if (seq === delivered + 1 && note.data !== undefined) deliver(toEvent(epoch, note as EventRow));
        else await catchUp();
      })
      .catch((error: unknown) => reportError(error));
  };

  const connect = async () => {
    const next = options.newClient();
    next.on('notification', (message) => {
      if (message.channel === channel) onNotification(message.payload);
    });
    next.on('error', (error) => {
      reportError(error);
      lost(next);
    });
    next.on('end', () => lost(next));
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
    connected = true;
    // Whatever was published while this process was not listening is read now, in order.
    deliverTail = deliverTail.then(catchUp).catch((error: unknown) => reportError(error));
    await deliverTail;
  };

  let backoff = options.reconnectMs ?? 250;
  const lost = (which: Client) => {
    if (which !== client) return;
    client = null;
    connected = false;
    which.end().catch(() => {});
    if (stopped || reconnectTimer) return;
    const retry = () => {
      reconnectTimer = setTimeout(() => {
        reconnectTimer = null;
        if (stopped) return;
        connect().then(
          () => (backoff = options.reconnectMs ?? 250),
          (error: unknown) => {
            reportError(error);
            backoff = Math.min(backoff * 2, 5000);
            retry();
          },
        );
      }, backoff);
      reconnectTimer.unref();
    };
    retry();
  };

  /**
   * Stores a batch of events and notifies them: one transaction, one round of locks. The rows of
   * help_requests and help_messages an action changed were committed (and flushed to disk) before
   * its events; the events themselves are a replay cache a snapshot can rebuild, so they commit
   * without waiting for the disk (`synchronous_commit = off`: lost only if the database server
   * itself crashes, and then a client resuming from a lost id gets a snapshot).
   */
  const insertBatch = async (batch: readonly { at: number; audience: Audience; type: string; data: string }[]) => {
    const db = await pool.connect();
    try {
      await db.query('BEGIN');
      await db.query('SET LOCAL synchronous_commit = off');
      // The lock makes ids commit in order, so a listener never sees id n+1 before n is readable.
      await db.query(
        `WITH lock AS (SELECT pg_advisory_xact_lock(${PUBLISH_LOCK})),
              ins AS (INSERT INTO help_events (at, audience, type, data)
                      SELECT e.at, e.audience, e.type, e.data
                      FROM lock, unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
                        AS e (at, audience, type, data, n)
                      ORDER BY e.n
                      RETURNING seq, at, audience, type, data)
         SELECT pg_notify($5::text, CASE WHEN octet_length(ins.data) <= ${MAX_INLINE_BYTES}
                             THEN json_build_object('seq', ins.seq, 'at', ins.at, 'audience', ins.audience,
                                                    'type', ins.type, 'data', ins.data)::text
                             ELSE json_build_object('seq', ins.seq)::text END)
         FROM (SELECT * FROM ins ORDER BY seq) AS ins`,
        [
          batch.map((e) => e.at),
          batch.map((e) => e.audience),
          batch.map((e) => e.type),
          batch.map((e) => e.data),
          channel,
        ],
      );
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      db.release();
    }
  };

  // Events published in one turn of the event loop (one action's) are stored together.
  let pending: { at: number; audience: Audience; type: string; data: string }[] = [];
  let scheduled = false;
  const drain = (): Promise<void> => {
    publishTail = publishTail.then(async () => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      await insertBatch(batch).catch((error: unknown) => {
        publishFailure ??= error;
        reportError(error);
      });
    });
    return publishTail;
  };

  return {
    publish(audience, type, data) {
      pending.push({ at: options.now(), audience, type, data: JSON.stringify(data ?? null) });
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        void drain();
      });
    },
    async flushed() {
      await drain();
      const failure = publishFailure;
      publishFailure = null;
      if (failure)
        throw failure instanceof Error ? failure : new Error('a live event was not stored', { cause: failure });
    },
    async since(lastEventId, audiences) {
      const match = /^(\d+)-(\d+)$/.exec(lastEventId);
      if (!match || Number(match[1]) !== epoch) return null;
      const last = Number(match[2]);
      if (last === 0) return null;
      const { rows } = await pool.query<EventRow>(
        'SELECT seq, at, audience, type, data FROM help_events WHERE seq >= $1 ORDER BY seq',
        [last],
      );
      // The client's own last event must still be kept: then nothing after it was pruned either
      // (pruning removes the oldest ids first).
      if (Number(rows[0]?.seq) !== last) return null;
      return rows
        .slice(1)
        .map((row) => toEvent(epoch, row))
        .filter((e) => audiences.has(e.audience));
    },
    currentId: () => `${epoch}-${delivered}`,
    subscribe(audiences, listener) {
      const entry = { audiences, listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    subscriberCount: () => listeners.size,
    async forgetBefore(time) {
      // Only a prefix of ids goes (clocks of replicas differ slightly): the newest id older than
      // `time`, and everything before it; then the oldest beyond `capacity`.
      await pool.query('DELETE FROM help_events WHERE seq <= (SELECT MAX(seq) FROM help_events WHERE at < $1)', [time]);
      await pool.query('DELETE FROM help_events WHERE seq <= (SELECT MAX(seq) FROM help_events) - $1', [
        options.capacity,
      ]);
    },
    async start(onError) {
      if (onError) reportError = onError;
      if (!stopped) return;
      stopped = false;
      const { rows } = await pool.query<{ epoch: number | string }>('SELECT epoch FROM help_event_epoch LIMIT 1');
      epoch = Number(rows[0]?.epoch ?? 0);
      // Start from now: what came before is replay, not live news, for this process.
      const { rows: max } = await pool.query<{ seq: number | string | null }>(
        'SELECT MAX(seq) AS seq FROM help_events',
      );
      delivered = Number(max[0]?.seq ?? 0);
      await connect();
    },
    async stop() {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      const current = client;
      client = null;
      connected = false;
      await drain();
      if (current) await current.end().catch(() => {});
    },
    healthy: () => connected || stopped,
  };
}
