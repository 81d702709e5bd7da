/**
 * HelpStore over central's portable SQL runner: SQLite and PostgreSQL run exactly the same
 * statements, including the atomic conditional claim (`UPDATE … WHERE state = 'queued'`).
 */
import type { SqlValue, Storage } from '../storage/storage.ts';
import { HELP_MIGRATIONS, type HelpMessageRow, type HelpRequestRow } from './migrations.ts';
import { INSERT_COLUMNS, recordToParams, rowToMessage, rowToRecord } from './rows.ts';
import type { HelpDailyRow, HelpMessageRecord, HelpStore, HelpWaitBucket, PresenceRecord } from './store.ts';

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
        // The visit's session id would join the request to that visit's usage events: a closed
        // request no longer needs it.
        `UPDATE help_requests SET state = ?, closed_at = ?, session_id = '' WHERE id = ? AND state IN (${placeholders(from.length)})${byWhom}`,
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
    listClaimedBefore: (before) =>
      requests(
        `SELECT * FROM help_requests WHERE state = 'claimed' AND first_claimed_at < ? ORDER BY first_claimed_at`,
        [before],
      ),
    async pseudonymiseAdvisors(closedBefore, pseudonym) {
      let changed = 0;
      for (const record of await requests(
        `SELECT * FROM help_requests WHERE closed_at IS NOT NULL AND closed_at < ? AND claimed_by_name IS NOT NULL`,
        [closedBefore],
      )) {
        changed += await db.run(
          `UPDATE help_requests SET claimed_by_id = ?, claimed_by_name = NULL WHERE id = ? AND claimed_by_name IS NOT NULL`,
          [pseudonym(record), record.id],
        );
      }
      return changed;
    },
    async foldClosedBefore(closedBefore, row) {
      let folded = 0;
      for (const record of await requests(
        `SELECT * FROM help_requests WHERE closed_at IS NOT NULL AND closed_at < ? ORDER BY closed_at`,
        [closedBefore],
      )) {
        // Delete first: only the run that deleted the request counts it, even when two sweeps overlap.
        if ((await db.run('DELETE FROM help_requests WHERE id = ?', [record.id])) !== 1) continue;
        const key = row(record);
        await db.run(
          `INSERT INTO help_daily (day, station_id, topic, mode, outcome, wait_bucket, requests, returned)
           VALUES (?, ?, ?, ?, ?, ?, 1, ?)
           ON CONFLICT (day, station_id, topic, mode, outcome, wait_bucket) DO UPDATE SET
             requests = help_daily.requests + 1, returned = help_daily.returned + excluded.returned`,
          [key.day, key.stationId, key.topic, key.mode, key.outcome, key.waitBucket, record.returnedCount],
        );
        folded += 1;
      }
      return folded;
    },
    async listDaily(fromDay, toDay) {
      const rows = await db.all<{
        day: string;
        station_id: string;
        topic: string;
        mode: string;
        outcome: string;
        wait_bucket: string;
        requests: number | string;
        returned: number | string;
      }>(
        `SELECT * FROM help_daily WHERE day >= ? AND day <= ? ORDER BY day, station_id, topic, mode, outcome, wait_bucket`,
        [fromDay, toDay],
      );
      return rows.map((r): HelpDailyRow => ({
        day: r.day,
        stationId: r.station_id,
        topic: r.topic,
        mode: r.mode,
        outcome: r.outcome,
        waitBucket: r.wait_bucket as HelpWaitBucket,
        requests: Number(r.requests),
        returned: Number(r.returned),
      }));
    },
    reclaimDeleted: () => storage.reclaimDeleted(),
    async touchPresence(advisor, at) {
      const updated = await db.run('UPDATE help_presence SET display_name = ?, last_seen = ? WHERE advisor_id = ?', [
        advisor.displayName,
        at,
        advisor.id,
      ]);
      if (updated === 1) return false;
      // Two replicas may see a new advisor at once: only the one that inserted announces it.
      const inserted = await db.run(
        `INSERT INTO help_presence (advisor_id, display_name, status, first_seen, last_seen) VALUES (?, ?, 'away', ?, ?)
         ON CONFLICT (advisor_id) DO NOTHING`,
        [advisor.id, advisor.displayName, at, at],
      );
      if (inserted === 1) return true;
      await db.run('UPDATE help_presence SET display_name = ?, last_seen = ? WHERE advisor_id = ?', [
        advisor.displayName,
        at,
        advisor.id,
      ]);
      return false;
    },
    async setPresenceStatus(advisorId, status) {
      await db.run('UPDATE help_presence SET status = ? WHERE advisor_id = ?', [status, advisorId]);
    },
    async listPresence(streamsFreshSince) {
      const rows = await db.all<{
        advisor_id: string;
        display_name: string;
        status: string;
        last_seen: number | string;
        connections: number | string | null;
      }>(
        `SELECT p.advisor_id, p.display_name, p.status, p.last_seen,
           (SELECT SUM(s.connections) FROM help_presence_streams s
              WHERE s.advisor_id = p.advisor_id AND s.refreshed_at >= ?) AS connections
         FROM help_presence p ORDER BY p.first_seen, p.advisor_id`,
        [streamsFreshSince],
      );
      return rows.map((r): PresenceRecord => ({
        advisorId: r.advisor_id,
        displayName: r.display_name,
        status: r.status === 'online' ? 'online' : 'away',
        lastSeen: Number(r.last_seen),
        connections: Number(r.connections ?? 0),
      }));
    },
    async addPresenceStreams(replicaId, advisorId, delta, at) {
      await db.run(
        `INSERT INTO help_presence_streams (replica_id, advisor_id, connections, refreshed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (replica_id, advisor_id) DO UPDATE SET refreshed_at = excluded.refreshed_at,
           connections = CASE WHEN help_presence_streams.connections + ? < 0 THEN 0
                              ELSE help_presence_streams.connections + ? END`,
        [replicaId, advisorId, Math.max(0, delta), at, delta, delta],
      );
    },
    async refreshPresenceStreams(replicaId, at) {
      await db.run('DELETE FROM help_presence_streams WHERE replica_id = ? AND connections = 0', [replicaId]);
      await db.run('UPDATE help_presence_streams SET refreshed_at = ? WHERE replica_id = ?', [at, replicaId]);
    },
    async deletePresenceBefore(before) {
      await db.run('DELETE FROM help_presence_streams WHERE refreshed_at < ?', [before]);
      return db.run('DELETE FROM help_presence WHERE last_seen < ?', [before]);
    },
  } satisfies HelpStore;
}
