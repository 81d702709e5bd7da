/** SQLite adapter (better-sqlite3, WAL): the default store for one central node. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  MIGRATIONS_TABLE_DDL,
  orderedMigrations,
  type Migration,
  type Row,
  type SqlValue,
  type Storage,
} from './storage.ts';

/** Opens (and creates) a SQLite database file; `:memory:` is allowed for tests. */
export function openSqliteStorage(path: string): Storage {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets dashboard reads run while ingest writes; NORMAL sync is durable across app crashes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // Deleted rows (help chat above all) are overwritten with zeros in their pages instead of lingering
  // in free space, where a copy of the file or a backup would still carry them.
  db.pragma('secure_delete = ON');

  // Prepared statements are cached by SQL text: repositories use a small fixed set of queries.
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return {
    kind: 'sqlite',
    handle: { kind: 'sqlite', db },
    async all<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).all(...params) as T[];
    },
    async get<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).get(...params) as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return { changes: prepare(sql).run(...params).changes };
    },
    async insertIgnoringDuplicates(table, columns, rows, conflictColumn) {
      if (rows.length === 0) return 0;
      const statement = prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (${conflictColumn}) DO NOTHING`,
      );
      const insertAll = db.transaction((all: readonly SqlValue[][]) => {
        let inserted = 0;
        for (const row of all) inserted += statement.run(...row).changes;
        return inserted;
      });
      return insertAll(rows);
    },
    async migrate(owner: string, migrations: readonly Migration[]) {
      db.exec(MIGRATIONS_TABLE_DDL);
      const applied = new Set(
        (db.prepare('SELECT version FROM schema_migrations WHERE owner = ?').all(owner) as { version: number }[]).map(
          (r) => r.version,
        ),
      );
      for (const migration of orderedMigrations(migrations)) {
        if (applied.has(migration.version)) continue;
        db.transaction(() => {
          db.exec(migration.sqlite);
          db.prepare('INSERT INTO schema_migrations (owner, version, name, applied_at) VALUES (?, ?, ?, ?)').run(
            owner,
            migration.version,
            migration.name,
            new Date().toISOString(),
          );
        })();
      }
    },
    async reclaimDeleted() {
      // TRUNCATE: copy every frame into the database file, then cut -wal to zero bytes, so the
      // pre-delete page images the WAL still held are gone too. Only the caller's connection reads
      // this file, so the checkpoint is never held back by another reader's snapshot.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    async close() {
      statements.clear();
      db.close();
    },
  };
}
