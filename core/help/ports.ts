/**
 * The ports the help client talks through. Hosts implement them: Electron main over Node's fetch and
 * an SSE reader; the browser preview over the page's fetch; tests over fakes.
 */

/** A response as the help client reads it. */
export interface HttpResponse {
  status: number;
  json(): Promise<unknown>;
}

/** Fetch-like HTTP. Rejects only on network errors (as fetch does); any status resolves. */
export interface Http {
  request(
    url: string,
    init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  ): Promise<HttpResponse>;
}

/** Callbacks of one live stream. */
export interface LiveStreamHandlers {
  /** The stream is connected (also after the port reconnected by itself). */
  onOpen(): void;
  /** One SSE event: its `event:` name, raw `data:` text and `id:`. */
  onEvent(type: string, data: string, id: string): void;
  /** The stream broke. The client falls back to polling and later opens a new stream. */
  onError(): void;
}

/** An open live stream; `close` stops it for good. */
export interface LiveStream {
  close(): void;
}

/**
 * EventSource-like port that can send headers (the station token). A host may reconnect on its own
 * and must then send `Last-Event-ID`; the client copes either way.
 */
export interface LiveStreamSource {
  open(url: string, headers: Record<string, string>, handlers: LiveStreamHandlers): LiveStream;
}
