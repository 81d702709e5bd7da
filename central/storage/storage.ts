/**
 * One storage interface for central, with two adapters: SQLite (default, one file) and
 * PostgreSQL (for several API replicas or city-managed database operations).
 *
 * Repositories are written once against {@link SqlRunner} in portable SQL (`?` placeholders,
 * `INSERT ... ON CONFLICT DO NOTHING`, integer columns), so both adapters behave the same and the
 * same test suite runs against both.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Client, Pool } from 'pg';

/** A row as it comes back from the database. */
export type Row = Record<string, unknown>;
/** Values allowed as query parameters (booleans are stored as 0/1 integers by the caller). */
export type SqlValue = string | number | null;

/** Portable SQL: `?` placeholders work on both adapters. */
export interface SqlRunner {
  /** All rows of a query. */
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** A statement without rows; `changes` is the number of rows written. */
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /**
   * Inserts many rows in one atomic step, skipping rows whose `conflictColumn` already exists.
   * Returns how many rows were actually inserted (the rest were duplicates).
   */
  insertIgnoringDuplicates(
    table: string,
    columns: readonly string[],
    rows: readonly SqlValue[][],
    conflictColumn: string,
  ): Promise<number>;
}

/**
 * One versioned migration. `sqlite` and `postgres` hold the DDL for each adapter (often the same
 * text); a migration never changes once released: add a new version instead.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/** Raw handle, for owners of their own tables (e.g. help requests) who need adapter features. */
export type StorageHandle =
  | { kind: 'sqlite'; db: BetterSqlite3.Database }
  | {
      kind: 'postgres';
      pool: Pool;
      /**
       * A new, unconnected client to the same database and schema, outside the pool: for a
       * connection that stays in `LISTEN` (a pooled one would be handed to other queries).
       */
      newClient: () => Client;
      /**
       * Tells this database-and-schema apart in names that are database-wide (NOTIFY channels):
       * two schemas of one database (tests) must not hear each other.
       */
      scope: string;
    };

/** Central's storage: a portable SQL runner, versioned migrations per owner, and the raw handle. */
export interface Storage extends SqlRunner {
  readonly kind: 'sqlite' | 'postgres';
  /** The raw database handle, typed by adapter kind. */
  readonly handle: StorageHandle;
  /**
   * Applies the migrations of one owner (e.g. `central`, `help`) that are not yet applied, in
   * version order, each in its own transaction. Owners keep separate version sequences.
   */
  migrate(owner: string, migrations: readonly Migration[]): Promise<void>;
  /**
   * Makes rows deleted so far unreadable from the files on disk, as far as the adapter can. SQLite
   * (with `secure_delete` on, so deleted cells are already zeroed in the pages) checkpoints the WAL
   * and truncates it, so older copies of those pages leave `-wal` too. PostgreSQL does nothing
   * here: dead tuples wait for (auto)vacuum and WAL segments for recycling (docs/privacy.md).
   * Call it after deleting personal data (help chat), not after every write.
   */
  reclaimDeleted(): Promise<void>;
  close(): Promise<void>;
}

/** Sorts and checks a migration list: versions must be unique positive integers. */
export function orderedMigrations(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version < 1)
      throw new Error(`migration ${m.name}: version must be a positive integer`);
    if (i > 0 && sorted[i - 1]?.version === m.version) throw new Error(`migration version ${m.version} appears twice`);
  });
  return sorted;
}

/** DDL of the bookkeeping table, the same on both adapters. */
export const MIGRATIONS_TABLE_DDL =
  'CREATE TABLE IF NOT EXISTS schema_migrations (owner TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (owner, version))';
