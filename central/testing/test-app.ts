/** Test helpers: an in-memory central with a manual clock, a station token and a logged-in user. */
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { toMinuteTime } from '../../protocol/events.ts';
import { buildCentralApp, type BuildCentralAppOptions } from '../app.ts';
import type { Role } from '../auth/accounts.ts';
import { createAccounts } from '../auth/accounts.ts';
import type { CentralClock } from '../infrastructure/clock.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';
import type { Storage } from '../storage/storage.ts';

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-11-23T10:00:00Z')): CentralClock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

export interface TestCentral {
  app: FastifyInstance;
  storage: Storage;
  clock: ReturnType<typeof manualClock>;
  addStation(id?: string, siteKind?: 'library' | 'community-house'): Promise<string>;
  /** Creates a user and logs in; returns the cookie header and CSRF token. */
  login(role: Role, name?: string): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

export async function createTestCentral(
  options: Partial<Omit<BuildCentralAppOptions, 'clock'>> & { clock?: ReturnType<typeof manualClock> } = {},
): Promise<TestCentral> {
  const storage = options.storage ?? openSqliteStorage(':memory:');
  const clock = options.clock ?? manualClock();
  const app = buildCentralApp({ retentionTimer: false, ...options, storage, clock });
  await app.ready();
  const accounts = createAccounts(storage, clock);
  return {
    app,
    storage,
    clock,
    async addStation(id = 'oodi-1', siteKind = 'library') {
      return (await accounts.addStation({ id, location: `Test ${id}`, siteKind })).token;
    },
    async login(role, name = `${role}-1`) {
      await accounts.addUser({ name, role, password: 'correct horse battery' });
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { name, password: 'correct horse battery' },
      });
      const cookies = response.cookies as { name: string; value: string }[];
      return {
        cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        csrf: (response.json() as { csrfToken: string }).csrfToken,
      };
    },
    async close() {
      await app.close();
      await storage.close();
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
