/** A small Server-Sent Events reader over real HTTP, for stream tests and the help benchmark. */

export interface SseEvent {
  id: string;
  event: string;
  data: unknown;
}

/** Reads an SSE stream over real HTTP; `next` waits for the first matching event not yet taken. */
export async function openSseStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const received: SseEvent[] = [];
  const waiters: { predicate: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  let buffer = '';
  let markEnded: () => void = () => {};
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  const deliver = () => {
    for (const waiter of [...waiters]) {
      const index = received.findIndex(waiter.predicate);
      if (index >= 0) {
        const [event] = received.splice(index, 1);
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event!);
      }
    }
  };
  void (async () => {
    try {
      for (;;) {
        const { value, done } = (await reader.read()) as { value?: Uint8Array; done: boolean };
        if (done) {
          markEnded();
          return;
        }
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => !l.startsWith(':') && l.includes(': '))
              .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
          );
          if (fields.data !== undefined)
            received.push({ id: fields.id ?? '', event: fields.event ?? 'message', data: JSON.parse(fields.data) });
        }
        deliver();
      }
    } catch {
      // aborted
      markEnded();
    }
  })();
  return {
    next(predicate: (e: SseEvent) => boolean = () => true): Promise<SseEvent> {
      return new Promise((resolve) => {
        waiters.push({ predicate, resolve });
        deliver();
      });
    },
    close: () => controller.abort(),
    /** Resolves when the server has ended the stream (or it was aborted). */
    ended,
    /** Events received and not yet taken by `next`. */
    untaken: (): readonly SseEvent[] => [...received],
  };
}
