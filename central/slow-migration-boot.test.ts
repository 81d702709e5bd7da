/**
 * A city-size upgrade migrates millions of rollup rows at boot (migration 5 filled month tables from
 * 4.4 M day rows in more than 10 s on the bench's data), and a replica that starts while another
 * holds the migration lock waits just as long. Central must then start late, not refuse to start
 * with fastify's default 10 s plugin timeout.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCentral } from './app.ts';
import { openSqliteStorage } from './storage/sqlite-storage.ts';
import type { Storage } from './storage/storage.ts';
import { manualClock } from './testing/test-app.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('boot with a long migration', () => {
  it('starts once the migration is done, even when it takes longer than a minute', async () => {
    const storage = openSqliteStorage(':memory:');
    let finish = () => {};
    const migrationDone = new Promise<void>((resolve) => (finish = resolve));
    // The central owner's migration runs "long": it ends only when the test says so.
    const slow = Object.create(storage, {
      migrate: {
        value: async (...args: Parameters<Storage['migrate']>) => {
          if (args[0] === 'central') await migrationDone;
          return storage.migrate(...args);
        },
      },
    }) as Storage;
    // Only the timers fastify's boot uses are faked: the manual clock is the test's only time.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { app } = buildCentral({ storage: slow, clock: manualClock(), timers: false });
    let outcome: 'ready' | Error | null = null;
    const ready = app.ready().then(
      () => (outcome = 'ready'),
      (error: Error) => (outcome = error),
    );
    await vi.advanceTimersByTimeAsync(90_000);
    expect(outcome).toBeNull();
    // The rest of the boot runs on the real timers again (no fake time passes after the release).
    vi.useRealTimers();
    finish();
    await ready;
    expect(outcome).toBe('ready');
    const health = await app.inject({ method: 'GET', url: '/readyz' });
    expect(health.statusCode).toBe(200);
    await app.close();
    await storage.close();
  });
});
