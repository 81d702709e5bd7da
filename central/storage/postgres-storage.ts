/** PostgreSQL adapter (`pg` Pool): for several central replicas or city-managed database operations. */
import pg from 'pg';
import {
  MIGRATIONS_TABLE_DDL,
  orderedMigrations,
  type Migration,
  type Row,
  type SqlValue,
  type Storage,
} from './storage.ts';

/** Options beyond the connection URL. */
export interface PostgresStorageOptions {
  /** Schema to use as search_path (tests use a fresh random schema per file). */
  schema?: string;
  /** Most pooled connections. */
  maxConnections?: number;
}

/** Rows of a multi-row INSERT per statement: keeps statements under PostgreSQL's 65535 parameters. */
const ROWS_PER_INSERT = 1000;

/** `?` placeholders to `$1, $2 ...` (our SQL never has `?` inside string literals). */
function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * COUNT() and SUM() return int8/numeric, which pg hands back as strings by default. Our counts fit
 * easily in a double, so parse them as numbers, per pool rather than globally.
 */
const NUMBER_OIDS = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const numberTypes = {
  getTypeParser: ((oid: number, format?: string) => {
    if (NUMBER_OIDS.has(oid)) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown;
  }) as typeof pg.types.getTypeParser,
};

/** The schema a URL selects with `?options=-c search_path=…` (how replicas share one schema). */
function searchPathOf(url: string): string | undefined {
  try {
    return /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(new URL(url).searchParams.get('options') ?? '')?.[1];
  } catch {
    return undefined;
  }
}

/** Opens a pool to a `postgres://` URL. Connection errors surface on the first query. */
export function openPostgresStorage(url: string, options: PostgresStorageOptions = {}): Storage {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema))
    throw new Error('schema must be a plain identifier');
  const connection = {
    connectionString: url,
    types: numberTypes,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  const pool = new pg.Pool({ ...connection, max: options.maxConnections ?? 10 });
  // An idle client losing its connection must not crash the server; the next query reconnects.
  pool.on('error', () => {});
  const sqlCache = new Map<string, string>();
  const text = (sql: string): string => {
    let converted = sqlCache.get(sql);
    if (converted === undefined) {
      converted = toPgPlaceholders(sql);
      sqlCache.set(sql, converted);
    }
    return converted;
  };

  const storage: Storage = {
    kind: 'postgres',
    handle: {
      kind: 'postgres',
      pool,
      newClient: () => new pg.Client(connection),
      scope: options.schema ?? searchPathOf(url) ?? 'public',
    },
    async all<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await pool.query(text(sql), params as SqlValue[])).rows as T[];
    },
    async get<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return (await pool.query(text(sql), params as SqlValue[])).rows[0] as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return { changes: (await pool.query(text(sql), params as SqlValue[])).rowCount ?? 0 };
    },
    async insertIgnoringDuplicates(table, columns, rows, conflictColumn) {
      if (rows.length === 0) return 0;
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        let inserted = 0;
        for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
          const chunk = rows.slice(start, start + ROWS_PER_INSERT);
          const params: SqlValue[] = [];
          const tuples = chunk.map((row) => {
            const slots = row.map((value) => {
              params.push(value);
              return `$${params.length}`;
            });
            return `(${slots.join(', ')})`;
          });
          const result = await client.query(
            `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (${conflictColumn}) DO NOTHING`,
            params,
          );
          inserted += result.rowCount ?? 0;
        }
        await client.query('COMMIT');
        return inserted;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async migrate(owner: string, migrations: readonly Migration[]) {
      const client = await pool.connect();
      try {
        // One central at a time migrates: replicas starting together wait here for each other, and
        // the one that comes second finds the versions applied (central/storage/storage.test.ts).
        await client.query('SELECT pg_advisory_lock(727274)');
        await client.query(MIGRATIONS_TABLE_DDL);
        const applied = new Set(
          (
            await client.query<{ version: number }>('SELECT version FROM schema_migrations WHERE owner = $1', [owner])
          ).rows.map((r) => r.version),
        );
        for (const migration of orderedMigrations(migrations)) {
          if (applied.has(migration.version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(migration.postgres);
            await client.query(
              'INSERT INTO schema_migrations (owner, version, name, applied_at) VALUES ($1, $2, $3, $4)',
              [owner, migration.version, migration.name, new Date().toISOString()],
            );
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK').catch(() => {});
            throw error;
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock(727274)').catch(() => {});
        client.release();
      }
    },
    async reclaimDeleted() {
      // Nothing a client can force: dead tuples stay in heap pages until (auto)vacuum reuses the
      // space, and WAL segments until they are recycled. docs/privacy.md tells the operator which
      // server settings bound that time.
    },
    async close() {
      await pool.end();
    },
  };
  return storage;
}
