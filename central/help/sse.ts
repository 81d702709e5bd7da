/**
 * Server-Sent Events over a hijacked fastify reply: replay after `Last-Event-ID`, or a snapshot when
 * replay cannot fill the gap; a comment heartbeat keeps proxies from closing an idle stream.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  HELP_STREAM_END_EVENT,
  HELP_STREAM_RECONNECT_EVENT,
  type HelpStreamEnd,
  type HelpStreamEndReason,
  type HelpStreamReconnect,
} from '../../protocol/help.ts';
import type { StreamRight } from '../auth/stream-access.ts';
import type { Audience, EventLog, LiveEvent } from './event-log.ts';

export interface SseOptions {
  events: EventLog;
  audiences: ReadonlySet<Audience>;
  /** From the query, for clients that cannot send the `Last-Event-ID` header (the header wins). */
  lastEventId?: string | undefined;
  /** What a client without a usable `Last-Event-ID` gets first. */
  snapshot: () => Promise<{ type: string; data: unknown }>;
  heartbeatMs: number;
  /** How long the browser waits before reconnecting. */
  retryMs: number;
  onClose?: () => void;
  /**
   * Open streams, so the server can end them when it shuts down instead of waiting on them; each
   * is told to reconnect (to another replica) first.
   */
  openStreams: Set<() => void>;
  /**
   * The right the stream lives on; defaults to the one the route's guard set (`request.streamRight`).
   * Re-checked on every heartbeat (expiry, and changes another process made, e.g. the CLI) and
   * ended at once by in-process notices (logout, revoke, disable): the client then gets
   * `stream.ended` with the reason, and the connection closes.
   */
  access?: StreamRight | null;
}

/** How soon a client told to reconnect at shutdown comes back (jitter comes from the clients' own timers). */
const SHUTDOWN_RETRY_MS = 500;

const frame = (id: string, type: string, data: unknown) =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

/** Turns the request into a live stream; resolves once the first frames are written. */
export async function openSse(request: FastifyRequest, reply: FastifyReply, options: SseOptions): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    // Hijacking skips fastify's header handling, so carry over what hooks set (e.g. CORS).
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write(`retry: ${options.retryMs}\n\n`);

  // Subscribe before reading state, so nothing published meanwhile is lost (full-state events make
  // a duplicate harmless).
  let ready = false;
  let closed = false;
  const pending: LiveEvent[] = [];
  // Once the right has ended (or the socket closed) nothing more is written, not even a queued event.
  const write = (e: LiveEvent) => {
    if (!closed) raw.write(frame(e.id, e.type, e.data));
  };
  const unsubscribe = options.events.subscribe(options.audiences, (event) =>
    ready ? write(event) : pending.push(event),
  );
  // On shutdown the socket goes too: an ended stream's keep-alive connection would hold the close.
  const end = () => {
    closed = true;
    raw.end();
    raw.socket?.destroy();
  };
  const endFor = (reason: HelpStreamEndReason) => {
    if (closed) return;
    const data: HelpStreamEnd = { reason };
    // No id: a client must not resume after this event, and its Last-Event-ID stays as it was.
    raw.write(`event: ${HELP_STREAM_END_EVENT}\ndata: ${JSON.stringify(data)}\n\n`);
    end();
  };
  const access = options.access ?? request.streamRight;
  const heartbeat = setInterval(() => {
    if (!access) {
      if (!closed) raw.write(': ping\n\n');
      return;
    }
    access.recheck().then(
      (reason) => (reason ? endFor(reason) : closed || raw.write(': ping\n\n')),
      // Storage trouble is not a verdict on the right; the next heartbeat checks again.
      () => closed || raw.write(': ping\n\n'),
    );
  }, options.heartbeatMs);
  heartbeat.unref?.();
  const stopListening = access?.onEnded(endFor) ?? (() => {});
  // Shutdown: unlike `stream.ended`, this asks the client to come back soon (EventSource reconnects
  // after `retry`), through the proxy, to a replica still running.
  const endForShutdown = () => {
    if (closed) return;
    const data: HelpStreamReconnect = { reason: 'shutdown' };
    raw.write(`retry: ${SHUTDOWN_RETRY_MS}\nevent: ${HELP_STREAM_RECONNECT_EVENT}\ndata: ${JSON.stringify(data)}\n\n`);
    end();
  };
  options.openStreams.add(endForShutdown);
  raw.on('close', () => {
    closed = true;
    options.openStreams.delete(endForShutdown);
    clearInterval(heartbeat);
    unsubscribe();
    stopListening();
    options.onClose?.();
  });

  const header = request.headers['last-event-id'];
  const lastEventId = typeof header === 'string' ? header : options.lastEventId;
  const replay = lastEventId ? await options.events.since(lastEventId, options.audiences) : null;
  if (closed) return;
  let lastSeq = -1;
  if (replay) {
    for (const event of replay) write(event);
    lastSeq = replay.at(-1)?.seq ?? Number(lastEventId?.split('-')[1] ?? -1);
  } else {
    const id = options.events.currentId();
    const snapshot = await options.snapshot();
    if (closed) return;
    raw.write(frame(id, snapshot.type, snapshot.data));
    lastSeq = Number(id.split('-')[1]);
  }
  for (const event of pending) if (event.seq > lastSeq) write(event);
  ready = true;
}
