/** One storage suite, run for real against SQLite (temp file) and PostgreSQL (random schema). */
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccounts } from '../auth/accounts.ts';
import { batch, createTestCentral, manualClock, sessionStarted } from '../testing/test-app.ts';
import { freshPgSchema } from '../testing/replicas.ts';
import { SKIP_PG, TEST_PG_URL, storageTargets } from '../testing/storage-targets.ts';
import { openPostgresStorage } from './postgres-storage.ts';
import { centralMigrations } from './central-migrations.ts';
import type { Migration, Storage } from './storage.ts';

describe.each(storageTargets)('storage on $name', (target) => {
  let storage: Storage;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ storage, dispose } = await target.open());
    await storage.migrate('central', centralMigrations);
  });
  afterEach(async () => dispose());

  it('applies migrations once, keeps each owner on its own version sequence', async () => {
    await storage.migrate('central', centralMigrations);
    const helpMigrations: Migration[] = [
      {
        version: 1,
        name: 'help requests',
        sqlite: 'CREATE TABLE help_x (id TEXT PRIMARY KEY)',
        postgres: 'CREATE TABLE help_x (id TEXT PRIMARY KEY)',
      },
    ];
    await storage.migrate('help', helpMigrations);
    await storage.migrate('help', helpMigrations);
    const rows = await storage.all<{ owner: string; version: number }>(
      'SELECT owner, version FROM schema_migrations ORDER BY owner, version',
    );
    expect(rows.map((r) => `${r.owner}:${Number(r.version)}`)).toEqual([
      ...centralMigrations.map((m) => `central:${m.version}`),
      'help:1',
    ]);
  });

  it('rolls back a failing migration so nothing half-applied remains', async () => {
    const broken: Migration[] = [
      {
        version: 1,
        name: 'broken',
        sqlite: 'CREATE TABLE ok_a (x INTEGER); CREATE TABLE ok_a (x INTEGER)',
        postgres: 'CREATE TABLE ok_a (x INTEGER); CREATE TABLE ok_a (x INTEGER)',
      },
    ];
    await expect(storage.migrate('broken', broken)).rejects.toThrow();
    expect(await storage.get("SELECT version FROM schema_migrations WHERE owner = 'broken'")).toBeUndefined();
  });

  it('inserts many rows and skips ids it already has, counting only new ones', async () => {
    await storage.run('CREATE TABLE t_ids (id TEXT PRIMARY KEY, n INTEGER)');
    const ids = Array.from({ length: 1500 }, () => uuidv7());
    expect(
      await storage.insertIgnoringDuplicates(
        't_ids',
        ['id', 'n'],
        ids.map((id, n) => [id, n]),
        'id',
      ),
    ).toBe(1500);
    const again = [...ids.slice(0, 10).map((id) => [id, -1]), [uuidv7(), 7]];
    expect(await storage.insertIgnoringDuplicates('t_ids', ['id', 'n'], again, 'id')).toBe(1);
    expect((await storage.get<{ n: number }>('SELECT COUNT(*) AS n FROM t_ids'))?.n).toBe(1501);
    expect((await storage.get<{ n: number }>('SELECT n FROM t_ids WHERE id = ?', [ids[0]!]))?.n).toBe(0);
  });

  it('keeps station tokens only as hashes and stops a revoked token', async () => {
    const accounts = createAccounts(storage, manualClock());
    const { token } = await accounts.addStation({ id: 'oodi-1', location: 'Oodi', siteKind: 'library' });
    expect(JSON.stringify(await storage.all('SELECT * FROM stations'))).not.toContain(token);
    expect((await accounts.stationForToken(token))?.id).toBe('oodi-1');
    await accounts.revokeStation('oodi-1');
    expect(await accounts.stationForToken(token)).toBeNull();
    expect((await accounts.listStations())[0]?.revokedAt).not.toBeNull();
  });

  it('stores passwords only as salted scrypt hashes', async () => {
    const accounts = createAccounts(storage, manualClock());
    await accounts.addUser({ name: 'anna', role: 'coordinator', password: 'correct horse battery' });
    await accounts.addUser({ name: 'ben', role: 'advisor', password: 'correct horse battery' });
    const rows = await storage.all<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(rows[0]?.password_hash).not.toBe(rows[1]?.password_hash);
    expect(JSON.stringify(rows)).not.toContain('correct horse');
    expect(await accounts.checkPassword('anna', 'correct horse battery')).toBe('coordinator');
    expect(await accounts.checkPassword('anna', 'wrong')).toBeNull();
  });

  it('ingests a batch through the API and counts duplicates on this adapter', async () => {
    const central = await createTestCentral({ storage });
    const token = await central.addStation();
    const events = [sessionStarted(central.clock.now()), sessionStarted(central.clock.now())];
    const send = () =>
      central.app.inject({
        method: 'POST',
        url: '/api/v1/ingest',
        headers: { authorization: `Bearer ${token}` },
        payload: batch(events),
      });
    expect((await send()).json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect((await send()).json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    await central.app.close();
  });
});

describe.skipIf(SKIP_PG)('PostgreSQL migrations from several replicas at once', () => {
  it('apply each version once while the others wait for the advisory lock', async () => {
    const { schema, url, drop } = await freshPgSchema(TEST_PG_URL);
    const replicas = [0, 1, 2].map(() => openPostgresStorage(url, { schema }));
    // Slow enough that, without the lock, every replica would find version 1 missing and apply it.
    const slow: Migration[] = [
      { version: 1, name: 'slow', sqlite: '', postgres: 'SELECT pg_sleep(0.2); CREATE TABLE slow_x (id TEXT)' },
    ];
    try {
      await Promise.all(replicas.map((r) => r.migrate('slow', slow)));
      const rows = await replicas[0]!.all('SELECT version FROM schema_migrations WHERE owner = ?', ['slow']);
      expect(rows).toHaveLength(1);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
      await drop();
    }
  });
});
