/**
 * The one test builder for central (like fastify/demo's test/helper.ts): the whole app in-process
 * with every domain, a manual clock, housekeeping timers off, and helpers for a station token and a
 * logged-in person. Tests call `app.inject`, or `listen()` when they need real sockets (streams).
 */
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { toMinuteTime } from '../../protocol/events.ts';
import { buildCentral, type CentralServices } from '../app.ts';
import type { Role, SiteKind } from '../auth/accounts.ts';
import type { CentralConfigInput } from '../config.ts';
import type { CentralClock } from '../infrastructure/clock.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';
import type { Storage } from '../storage/storage.ts';

/** A clock a test controls. */
export type TestClock = CentralClock & { advance(ms: number): void };

/** A clock tests move by hand; starts on Monday 2026-11-23 at 12:00 in Helsinki. */
export function manualClock(start = Date.parse('2026-11-23T10:00:00Z')): TestClock {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

/** The real clock, for tests against real sockets and timers; it cannot be moved. */
export function realTestClock(): TestClock {
  return {
    now: () => Date.now(),
    advance: () => {
      throw new Error('the real clock cannot be advanced; use manualClock()');
    },
  };
}

/** A logged-in person: the cookie header, the CSRF token, and both as request headers. */
export interface UserSession {
  name: string;
  cookie: string;
  csrf: string;
  /** `{ cookie, 'x-csrf-token' }`, ready for state-changing requests. */
  headers: Record<string, string>;
}

export interface TestCentral {
  app: FastifyInstance;
  storage: Storage;
  clock: TestClock;
  /** Services the routes use, to drive housekeeping directly (`help.sweep()`). */
  services: CentralServices;
  /** Registers a station and returns its token. */
  addStation(id?: string, station?: { location?: string; siteKind?: SiteKind }): Promise<string>;
  /** Creates a user and logs in through the real login route. */
  login(role: Role, name?: string): Promise<UserSession>;
  /** `login('advisor', name)`. */
  addAdvisor(name: string): Promise<UserSession>;
  /** An advisor who has logged in and said they are online (advisors start away), so help is available. */
  addOnlineAdvisor(name: string): Promise<UserSession>;
  /** Listens on a free local port; returns the base URL. */
  listen(): Promise<string>;
  /** Closes the app, and the storage when the builder opened it. */
  close(): Promise<void>;
}

export interface TestCentralOptions {
  /** Defaults to a fresh in-memory SQLite, closed by `close()`; a given storage is the caller's to close. */
  storage?: Storage;
  clock?: TestClock;
  config?: CentralConfigInput;
}

export const TEST_PASSWORD = 'correct horse battery';

export async function createTestCentral(options: TestCentralOptions = {}): Promise<TestCentral> {
  const ownsStorage = options.storage === undefined;
  const storage = options.storage ?? openSqliteStorage(':memory:');
  const clock = options.clock ?? manualClock();
  const { app, services } = buildCentral({
    storage,
    clock,
    timers: false,
    // Tests are development mode (plain-http cookies) and hash with the legacy-cheap scrypt cost, so
    // a suite's many logins stay fast; a test may set either back.
    config: { devMode: true, passwordScryptLog2N: 14, ...options.config },
  });
  await app.ready();
  const { accounts } = services;

  const login = async (role: Role, name = `${role}-1`): Promise<UserSession> => {
    await accounts.addUser({ name, role, password: TEST_PASSWORD });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { name, password: TEST_PASSWORD },
    });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
    const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = response.json<{ csrfToken: string }>().csrfToken;
    return { name, cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
  };

  return {
    app,
    storage,
    clock,
    services,
    async addStation(id = 'oodi-1', station = {}) {
      const { location = `Test ${id}`, siteKind = 'library' } = station;
      return (await accounts.addStation({ id, location, siteKind })).token;
    },
    login,
    addAdvisor: (name) => login('advisor', name),
    async addOnlineAdvisor(name) {
      const advisor = await login('advisor', name);
      const reply = await app.inject({
        method: 'PUT',
        url: '/api/v1/help/advisor/presence',
        headers: advisor.headers,
        payload: { status: 'online' },
      });
      if (reply.statusCode !== 200) throw new Error(`${name} could not go online: ${reply.statusCode} ${reply.body}`);
      return advisor;
    },
    listen: () => app.listen({ host: '127.0.0.1', port: 0 }),
    async close() {
      // Streams a test client aborted can leave keep-alive sockets the server would wait out.
      if (app.server.listening) app.server.closeAllConnections();
      await app.close();
      if (ownsStorage) await storage.close();
    },
  };
}

/** A valid session.started event at the clock's minute. */
export function sessionStarted(at: number, sessionId: string = uuidv7()) {
  return { id: uuidv7(), type: 'session.started', at: toMinuteTime(at), sessionId };
}

/** A batch envelope around events. */
export function batch(events: unknown[]) {
  return { batchId: uuidv7(), events };
}
