/**
 * Ready-made ports over the standard `fetch` (present in Node 20+ and every browser): hosts pass
 * their `fetch` in, so core still touches no global. The live stream reads SSE from a streamed
 * fetch body because `EventSource` cannot send the station's Authorization header.
 */
import type { Http, LiveStreamSource } from './ports.ts';

/** The part of `fetch` the adapters use. */
export type FetchLike = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ status: number; ok: boolean; json(): Promise<unknown>; body: ReadableStream<Uint8Array> | null }>;

/** `Http` over fetch. */
export function fetchHttp(fetchFn: FetchLike): Http {
  return { request: (url, init) => fetchFn(url, init) };
}

/** `LiveStreamSource` over a streamed fetch; remembers the last event id for the next open. */
export function fetchLiveStreams(fetchFn: FetchLike): LiveStreamSource {
  let lastEventId = '';
  return {
    open(url, headers, handlers) {
      const controller = new AbortController();
      let stopped = false;
      const fail = () => {
        if (!stopped) handlers.onError();
        stopped = true;
      };
      void (async () => {
        try {
          const response = await fetchFn(url, {
            headers: {
              ...headers,
              accept: 'text/event-stream',
              ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
            },
            signal: controller.signal,
          });
          if (!response.ok || !response.body) return fail();
          handlers.onOpen();
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return fail();
            buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              let type = 'message';
              let id = '';
              const data: string[] = [];
              for (const line of block.split('\n')) {
                if (line.startsWith(':')) continue;
                const colon = line.indexOf(':');
                const field = colon < 0 ? line : line.slice(0, colon);
                const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
                if (field === 'event') type = value;
                else if (field === 'id') id = value;
                else if (field === 'data') data.push(value);
              }
              if (id) lastEventId = id;
              if (data.length > 0 && !stopped) handlers.onEvent(type, data.join('\n'), id);
            }
          }
        } catch {
          fail();
        }
      })();
      return {
        close() {
          stopped = true;
          controller.abort();
        },
      };
    },
  };
}
