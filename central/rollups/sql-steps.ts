/**
 * Runs a sequence of portable SQL statements as one transaction on either adapter, where each
 * statement may depend on the rows the previous ones returned (ingest needs `RETURNING` to know
 * which events and which first sessions were new).
 *
 * The steps are written once as a generator that yields statements and receives their rows. On
 * SQLite the generator is driven synchronously inside `db.transaction(...).immediate()`, so no
 * other request can slip a statement into the open transaction on the one shared connection (an
 * `await` between statements would allow that). On PostgreSQL it is driven on one pooled client
 * between BEGIN and COMMIT. The Storage interface has no such method of its own: this module only
 * reads `storage.handle`.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Row, SqlValue, Storage } from '../storage/storage.ts';

/** One statement a step asks for; it receives the rows (empty for statements without RETURNING). */
export interface SqlStep {
  sql: string;
  params: readonly SqlValue[];
}

/** Statements to run in one transaction; the generator's return value is the transaction's result. */
export type SqlSteps<T> = Generator<SqlStep, T, Row[]>;

/** Runs step generators atomically on one storage. */
export interface SqlStepRunner {
  /** Runs `steps()` in one transaction: all statements take effect, or (on any error) none. */
  run<T>(steps: () => SqlSteps<T>): Promise<T>;
}

/** Prepared SQLite statements kept per runner. */
const STATEMENT_CACHE_SIZE = 300;

/** `?` placeholders to `$1, $2 ...` (our SQL never has `?` inside string literals). */
function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function createSqlStepRunner(storage: Storage): SqlStepRunner {
  const handle = storage.handle;
  if (handle.kind === 'sqlite') {
    const { db } = handle;
    // Multi-row statements differ by row count, so the cache is bounded (oldest out first).
    const statements = new Map<string, BetterSqlite3.Statement>();
    const execute = (step: SqlStep): Row[] => {
      let statement = statements.get(step.sql);
      if (!statement) {
        statement = db.prepare(step.sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
        statements.set(step.sql, statement);
      }
      if (statement.reader) return statement.all(...step.params) as Row[];
      statement.run(...step.params);
      return [];
    };
    return {
      async run<T>(steps: () => SqlSteps<T>): Promise<T> {
        const transaction = db.transaction((): T => {
          const generator = steps();
          let next = generator.next();
          while (!next.done) next = generator.next(execute(next.value));
          return next.value;
        });
        // IMMEDIATE: take the write lock at BEGIN, so a second process (the CLI's rebuild) waits
        // for it at the start instead of failing half-way with SQLITE_BUSY.
        return transaction.immediate();
      },
    };
  }
  const { pool } = handle;
  const texts = new Map<string, string>();
  const text = (sql: string): string => {
    let converted = texts.get(sql);
    if (converted === undefined) {
      converted = toPgPlaceholders(sql);
      texts.set(sql, converted);
    }
    return converted;
  };
  return {
    async run<T>(steps: () => SqlSteps<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const generator = steps();
        let next = generator.next();
        while (!next.done) {
          const result = await client.query(text(next.value.sql), next.value.params as SqlValue[]);
          next = generator.next(result.rows as Row[]);
        }
        await client.query('COMMIT');
        return next.value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
