/**
 * The storage adapters every storage-level test runs against, for real: SQLite on a temp file and
 * PostgreSQL in a fresh random schema (so parallel test files never collide). When PostgreSQL is not
 * reachable its tests fail with a clear message, unless KIOSK_SKIP_PG=1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStorage } from '../storage/postgres-storage.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';
import type { Storage } from '../storage/storage.ts';

export const TEST_PG_URL = process.env.KIOSK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const SKIP_PG = process.env.KIOSK_SKIP_PG === '1';

/** An opened test storage and how to throw it away (closes it, drops its file or schema). */
export interface OpenedStorage {
  storage: Storage;
  dispose(): Promise<void>;
}

/** A fresh, empty storage and a way to throw it away. */
export interface StorageTarget {
  name: 'sqlite' | 'postgres';
  open(): Promise<OpenedStorage>;
}

const sqliteTarget: StorageTarget = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'central-sqlite-'));
    const storage = openSqliteStorage(join(dir, 'central.db'));
    return {
      storage,
      async dispose() {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgresTarget: StorageTarget = {
  name: 'postgres',
  async open() {
    const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
    } catch (error) {
      throw new Error(
        `PostgreSQL is not reachable at ${TEST_PG_URL} (${(error as Error).message}). Start it, set KIOSK_TEST_PG_URL, or set KIOSK_SKIP_PG=1 to skip the PostgreSQL half of the storage suite.`,
      );
    }
    await admin.query(`CREATE SCHEMA ${schema}`);
    const storage = openPostgresStorage(TEST_PG_URL, { schema, maxConnections: 4 });
    return {
      storage,
      async dispose() {
        await storage.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  },
};

/** Both adapters, or only SQLite when KIOSK_SKIP_PG=1. */
export const storageTargets: StorageTarget[] = SKIP_PG ? [sqliteTarget] : [sqliteTarget, postgresTarget];

/** SQLite only, for tests about HTTP and streams rather than storage. */
export const openTestSqlite = (): Promise<OpenedStorage> => sqliteTarget.open();
