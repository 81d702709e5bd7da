/**
 * Test and benchmark helpers: a central app with the help plugin on a chosen storage, a manual
 * clock, stations, logged-in advisors, and a small SSE reader. Not used in production.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildCentralApp } from '../app.ts';
import { createAccounts } from '../auth/accounts.ts';
import type { Storage } from '../storage/storage.ts';
import { storageTargets, type StorageTarget } from '../testing/storage-targets.ts';
import type { HelpConfigInput } from './config.ts';
import { createHelpModule, type HelpModule } from './plugin.ts';

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2026, 10, 23, 10, 0, 0)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** A storage to run against, and how to throw it away (central's shared test targets). */
export type TestStorage = Awaited<ReturnType<StorageTarget['open']>>;

/** Storage kinds a suite runs against: SQLite, and PostgreSQL in a fresh schema unless KIOSK_SKIP_PG=1. */
export const STORAGE_KINDS: readonly StorageTarget[] = storageTargets;

/** SQLite only, for tests about HTTP and streams rather than storage. */
export const openTestSqlite = (): Promise<TestStorage> => storageTargets[0]!.open();

export interface AdvisorSession {
  name: string;
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export interface HelpTestApp {
  app: FastifyInstance;
  help: HelpModule;
  clock: ReturnType<typeof manualClock>;
  addStation(id: string, location?: string): Promise<string>;
  addAdvisor(name: string): Promise<AdvisorSession>;
  close(): Promise<void>;
}

/** Builds central + help on `storage`; advisors are logged in through the real login route. */
export async function startHelpApp(
  storage: Storage,
  options: { config?: HelpConfigInput; clock?: ReturnType<typeof manualClock> } = {},
): Promise<HelpTestApp> {
  const clock = options.clock ?? manualClock();
  const help = createHelpModule({ config: options.config ?? {}, clock, sweepEveryMs: 0, heartbeatMs: 60_000 });
  const app = buildCentralApp({
    storage,
    clock,
    retentionTimer: false,
    extraPlugins: [help.plugin],
    config: { loginAttemptsPer15Minutes: 1000 },
  });
  await app.ready();
  const accounts = createAccounts(storage, clock);
  return {
    app,
    help,
    clock,
    async addStation(id, location = `Library ${id}`) {
      return (await accounts.addStation({ id, location, siteKind: 'library' })).token;
    },
    async addAdvisor(name) {
      const password = 'correct horse battery';
      await accounts.addUser({ name, role: 'advisor', password });
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const csrf = (res.json() as { csrfToken: string }).csrfToken;
      return { name, cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
    },
    async close() {
      // Test streams the client aborted can leave keep-alive sockets the server would wait out.
      app.server.closeAllConnections();
      await app.close();
    },
  };
}

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
        const { value, done } = await reader.read();
        if (done) return;
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
  };
}

/** A valid station request body. */
export const requestBody = (overrides: Record<string, unknown> = {}) => ({
  topic: 'kela',
  mode: 'chat-here',
  language: 'fi',
  accessibilityModes: ['text-150'],
  serviceId: 'kela',
  sessionId: randomUUID(),
  ...overrides,
});
