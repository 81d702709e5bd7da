/** Chooses the storage adapter from one `--db` target: a `postgres://` URL or a SQLite file path. */
import { openPostgresStorage } from './postgres-storage.ts';
import { openSqliteStorage } from './sqlite-storage.ts';
import type { Storage } from './storage.ts';

/** True when the target names a PostgreSQL server rather than a SQLite file. */
export function isPostgresTarget(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

/** Opens storage for a target and checks the connection, so a wrong URL fails at boot, clearly. */
export async function openStorage(target: string): Promise<Storage> {
  const storage = isPostgresTarget(target) ? openPostgresStorage(target) : openSqliteStorage(target);
  try {
    await storage.get('SELECT 1 AS ok');
  } catch (error) {
    await storage.close().catch(() => {});
    throw error;
  }
  return storage;
}
