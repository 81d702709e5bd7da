/**
 * HelpStore over central's portable SQL runner: SQLite and PostgreSQL run exactly the same
 * statements, including the atomic conditional claim (`UPDATE … WHERE state = 'queued'`).
 */
import type { SqlValue, Storage } from '../storage/storage.ts';
import { HELP_MIGRATIONS, type HelpMessageRow, type HelpRequestRow } from './migrations.ts';
import { INSERT_COLUMNS, recordToParams, rowToMessage, rowToRecord } from './rows.ts';
import type { HelpMessageRecord, HelpStore } from './store.ts';

const OPEN = `state IN ('queued', 'claimed')`;

/** Creates the help store on central's storage (either adapter). */
export function createSqlHelpStore(storage: Storage): HelpStore {
  const db = {
    all: <T>(sql: string, params: readonly SqlValue[] = []) => storage.all(sql, params) as Promise<T[]>,
    run: async (sql: string, params: readonly SqlValue[] = []) => (await storage.run(sql, params)).changes,
  };
  const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const requests = async (sql: string, params: readonly SqlValue[] = []) =>
    (await db.all<HelpRequestRow>(sql, params)).map(rowToRecord);

  return {
    migrate: () => storage.migrate('help', HELP_MIGRATIONS),
    async insert(record) {
      const params = recordToParams(record);
      await db.run(`INSERT INTO help_requests (${INSERT_COLUMNS}) VALUES (${placeholders(params.length)})`, params);
    },
    async get(id) {
      return (await requests('SELECT * FROM help_requests WHERE id = ?', [id]))[0] ?? null;
    },
    listOpen: () => requests(`SELECT * FROM help_requests WHERE ${OPEN} ORDER BY created_at, id`),
    listForStation: (stationId, closedSince) =>
      requests(
        `SELECT * FROM help_requests WHERE station_id = ? AND (${OPEN} OR closed_at >= ?) ORDER BY created_at, id`,
        [stationId, closedSince],
      ),
    listHandledBy: (advisorId, since) =>
      requests(
        `SELECT * FROM help_requests WHERE claimed_by_id = ? AND closed_at >= ? AND state = 'resolved' ORDER BY closed_at DESC`,
        [advisorId, since],
      ),
    async claim(id, advisor, at) {
      const changed = await db.run(
        `UPDATE help_requests SET state = 'claimed', claimed_by_id = ?, claimed_by_name = ?, claimed_at = ?,
           first_claimed_at = COALESCE(first_claimed_at, ?) WHERE id = ? AND state = 'queued'`,
        [advisor.id, advisor.displayName, at, at, id],
      );
      return changed === 1;
    },
    async release(id, advisorId) {
      const byWhom = advisorId === null ? '' : ' AND claimed_by_id = ?';
      const changed = await db.run(
        `UPDATE help_requests SET state = 'queued', claimed_by_id = NULL, claimed_by_name = NULL, claimed_at = NULL,
           returned_count = returned_count + 1 WHERE id = ? AND state = 'claimed'${byWhom}`,
        advisorId === null ? [id] : [id, advisorId],
      );
      return changed === 1;
    },
    async close(id, to, from, at, advisorId) {
      const byWhom = advisorId === undefined ? '' : ' AND claimed_by_id = ?';
      const params: SqlValue[] = [to, at, id, ...from];
      if (advisorId !== undefined) params.push(advisorId);
      const changed = await db.run(
        `UPDATE help_requests SET state = ?, closed_at = ? WHERE id = ? AND state IN (${placeholders(from.length)})${byWhom}`,
        params,
      );
      return changed === 1;
    },
    listQueuedBefore: (before) =>
      requests(`SELECT * FROM help_requests WHERE state = 'queued' AND created_at < ? ORDER BY created_at`, [before]),
    async addMessage(m: HelpMessageRecord) {
      await db.run('INSERT INTO help_messages (id, request_id, sender, text, at) VALUES (?, ?, ?, ?, ?)', [
        m.id,
        m.requestId,
        m.from,
        m.text,
        m.at,
      ]);
    },
    async listMessages(requestId) {
      return (
        await db.all<HelpMessageRow>('SELECT * FROM help_messages WHERE request_id = ? ORDER BY at, id', [requestId])
      ).map(rowToMessage);
    },
    deleteChatClosedBefore: (closedBefore) =>
      db.run(
        `DELETE FROM help_messages WHERE request_id IN
           (SELECT id FROM help_requests WHERE closed_at IS NOT NULL AND closed_at < ?)`,
        [closedBefore],
      ),
  } satisfies HelpStore;
}
