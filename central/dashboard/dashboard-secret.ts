/**
 * The installation's key for the dashboard's rounding (suppression.ts): made once at random, kept
 * in central's database so the same question gets the same answer across restarts and replicas,
 * and never shown. Whoever holds it and the raw data could tell which way a count was rounded;
 * both sit on central already.
 */
import { randomBytes } from 'node:crypto';
import type { Migration, Storage } from '../storage/storage.ts';

const V1 = `CREATE TABLE IF NOT EXISTS dashboard_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)`;

/** Tables of the dashboard, applied under the owner `dashboard`. */
export const DASHBOARD_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'dashboard rounding key', sqlite: V1, postgres: V1 },
];

/** The rounding key, created on first call; racing replicas agree on whichever insert won. */
export async function loadDashboardSecret(storage: Storage): Promise<string> {
  await storage.run(
    `INSERT INTO dashboard_secrets (name, value) VALUES ('rounding', ?) ON CONFLICT (name) DO NOTHING`,
    [randomBytes(32).toString('hex')],
  );
  const row = await storage.get<{ value: string }>(`SELECT value FROM dashboard_secrets WHERE name = 'rounding'`);
  if (!row) throw new Error('the dashboard rounding key could not be stored');
  return row.value;
}
