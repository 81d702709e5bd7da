/**
 * Server-Sent Events over a hijacked fastify reply: replay after `Last-Event-ID`, or a snapshot when
 * replay cannot fill the gap; a comment heartbeat keeps proxies from closing an idle stream.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
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
  /** Open streams, so the server can end them when it shuts down instead of waiting on them. */
  openStreams: Set<() => void>;
}

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
  const write = (e: LiveEvent) => raw.write(frame(e.id, e.type, e.data));
  const unsubscribe = options.events.subscribe(options.audiences, (event) =>
    ready ? write(event) : pending.push(event),
  );
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), options.heartbeatMs);
  heartbeat.unref?.();
  // On shutdown the socket goes too: an ended stream's keep-alive connection would hold the close.
  const end = () => {
    raw.end();
    raw.socket?.destroy();
  };
  options.openStreams.add(end);
  raw.on('close', () => {
    closed = true;
    options.openStreams.delete(end);
    clearInterval(heartbeat);
    unsubscribe();
    options.onClose?.();
  });

  const header = request.headers['last-event-id'];
  const lastEventId = typeof header === 'string' ? header : options.lastEventId;
  const replay = lastEventId ? options.events.since(lastEventId, options.audiences) : null;
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
