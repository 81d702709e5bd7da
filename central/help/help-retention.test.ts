/**
 * Attacks on what help keeps: a chat line must be gone from the database files after its
 * retention, a closed request must not be joinable to its visit, the advisor must not be named in
 * anything kept past the day, and requests must not be kept for ever. Manual clock throughout.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { helpCreateResultSchema } from '../../protocol/help.ts';
import { requestBody } from '../testing/help-fixtures.ts';
import { storageTargets, type OpenedStorage } from '../testing/storage-targets.ts';
import { createTestCentral, type TestCentral, type UserSession } from '../testing/test-app.ts';
import { HELP_MIGRATIONS } from './migrations.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const MINUTE = 60_000;
const DAY = 86_400_000;

describe.each(storageTargets)('what help keeps on $name', (target) => {
  let db: OpenedStorage;
  let t: TestCentral;
  let token: string;
  let aino: UserSession;

  const start = async () => {
    t = await createTestCentral({ storage: db.storage });
    token = await t.addStation('oodi-1');
    aino = await t.addOnlineAdvisor('aino');
  };
  beforeEach(async () => {
    db = await target.open();
  });
  afterEach(async () => {
    await t.close();
    await db.dispose();
  });

  const create = async (sessionId = randomUUID()) => {
    const created = helpCreateResultSchema.parse(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/help/requests',
          headers: bearer(token),
          payload: requestBody({ sessionId }),
        })
      ).json(),
    );
    if (created.status !== 'accepted') throw new Error('not accepted');
    return created.request.requestId;
  };
  const advisorPost = (url: string, payload?: Record<string, unknown>) =>
    payload === undefined
      ? t.app.inject({ method: 'POST', url: `/api/v1/help/advisor${url}`, headers: aino.headers })
      : t.app.inject({ method: 'POST', url: `/api/v1/help/advisor${url}`, headers: aino.headers, payload });
  const stationChat = (id: string, text: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/help/requests/${id}/messages`,
      headers: bearer(token),
      payload: { text },
    });
  /** Every row of every table central and help keep, as one text, to search for what must be gone. */
  const everything = async () => {
    const tables = ['help_requests', 'help_messages', 'help_daily', 'events', 'daily_totals'];
    const rows = await Promise.all(tables.map((table) => t.storage.all(`SELECT * FROM ${table}`)));
    return JSON.stringify(rows);
  };
  /** The SQLite files as bytes (Latin-1 keeps every byte as one character). */
  const filesOnDisk = () => {
    if (t.storage.handle.kind !== 'sqlite') return null;
    const path = t.storage.handle.db.name;
    return Object.fromEntries(
      [path, `${path}-wal`, `${path}-shm`].map((file) => [
        file.slice(path.length) || 'db',
        existsSync(file) ? readFileSync(file).toString('latin1') : '',
      ]),
    );
  };

  it('leaves no trace of a chat line in the database or its WAL after the chat retention', async () => {
    await start();
    const marker = `chat-marker-${randomUUID()}`;
    const id = await create();
    await advisorPost(`/requests/${id}/claim`);
    expect((await stationChat(id, `my kela number is ${marker}`)).statusCode).toBe(201);
    expect((await advisorPost(`/requests/${id}/messages`, { text: `noted ${marker}` })).statusCode).toBe(201);
    // The attack can see the marker while the chat is meant to exist: the scan works.
    const before = filesOnDisk();
    if (before) expect(Object.values(before).join('')).toContain(marker);
    await advisorPost(`/requests/${id}/resolve`);

    t.clock.advance(16 * MINUTE);
    const result = await t.services.help.sweep();
    expect(result.chatDeleted).toBe(2);
    expect(await everything()).not.toContain(marker);
    const after = filesOnDisk();
    if (after) {
      const found = Object.entries(after)
        .filter(([, bytes]) => bytes.includes(marker))
        .map(([file]) => file);
      expect(found).toEqual([]);
    }
  });

  it('forgets the visit a request came from once the request closes, however it closes', async () => {
    await start();
    const sessions = [randomUUID(), randomUUID(), randomUUID()];
    const resolved = await create(sessions[0]);
    await advisorPost(`/requests/${resolved}/claim`);
    await advisorPost(`/requests/${resolved}/resolve`);
    const cancelled = await create(sessions[1]);
    await t.app.inject({ method: 'POST', url: `/api/v1/help/requests/${cancelled}/cancel`, headers: bearer(token) });
    await create(sessions[2]);
    t.clock.advance(61 * MINUTE);
    expect((await t.services.help.sweep()).expired).toBe(1);
    const rows = await t.storage.all<{ session_id: string; state: string }>(
      'SELECT session_id, state FROM help_requests ORDER BY created_at',
    );
    expect(rows.map((r) => r.state)).toEqual(['resolved', 'cancelled', 'expired']);
    expect(rows.map((r) => r.session_id)).toEqual(['', '', '']);
    for (const session of sessions) expect(await everything()).not.toContain(session);
  });

  it('closes a request an advisor keeps claimed for too long, then deletes its chat', async () => {
    await start();
    const id = await create();
    await advisorPost(`/requests/${id}/claim`);
    await stationChat(id, 'still there?');
    // The advisor's console stays open and keeps beating, so the silence rule never fires.
    const closedAfter: number[] = [];
    for (let minutes = 1; minutes <= 125; minutes += 1) {
      t.clock.advance(MINUTE);
      await advisorPost('/heartbeat');
      if ((await t.services.help.sweep()).closedClaimed > 0) closedAfter.push(minutes);
    }
    // Closed once, as soon as it has been claimed for more than the default 120 minutes.
    expect(closedAfter).toEqual([121]);
    const row = await t.storage.get<{ state: string }>('SELECT state FROM help_requests WHERE id = ?', [id]);
    expect(row?.state).toBe('expired');
    t.clock.advance(16 * MINUTE);
    expect((await t.services.help.sweep()).chatDeleted).toBe(1);
  });

  it('keeps the advisor only as a pseudonym after the day, and the request itself only as daily counts after 30 days', async () => {
    await start();
    const id = await create();
    t.clock.advance(3 * MINUTE);
    await advisorPost(`/requests/${id}/claim`);
    await advisorPost(`/requests/${id}/resolve`);
    const queued = await create();
    await t.app.inject({ method: 'POST', url: `/api/v1/help/requests/${queued}/cancel`, headers: bearer(token) });
    // Same day: the advisor's "handled today" still needs the name.
    expect((await t.services.help.sweep()).pseudonymised).toBe(0);

    t.clock.advance(DAY);
    expect((await t.services.help.sweep()).pseudonymised).toBe(1);
    const kept = await t.storage.all<{ claimed_by_id: string | null; claimed_by_name: string | null }>(
      'SELECT claimed_by_id, claimed_by_name FROM help_requests WHERE id = ?',
      [id],
    );
    expect(kept[0]?.claimed_by_name).toBeNull();
    expect(kept[0]?.claimed_by_id).toMatch(/^advisor-[0-9a-f]{12}$/);
    expect(await everything()).not.toContain('aino');

    t.clock.advance(29 * DAY);
    expect((await t.services.help.sweep()).folded).toBe(0);
    t.clock.advance(DAY);
    expect((await t.services.help.sweep()).folded).toBe(2);
    expect(await t.storage.all('SELECT * FROM help_requests')).toEqual([]);
    const daily = await t.services.help.dailyCounts('2026-11-01', '2026-11-30');
    expect(daily).toEqual([
      {
        day: '2026-11-23',
        stationId: 'oodi-1',
        topic: 'kela',
        mode: 'chat-here',
        outcome: 'cancelled',
        waitBucket: 'not-answered',
        requests: 1,
        returned: 0,
      },
      {
        day: '2026-11-23',
        stationId: 'oodi-1',
        topic: 'kela',
        mode: 'chat-here',
        outcome: 'resolved',
        waitBucket: '1-5-min',
        requests: 1,
        returned: 0,
      },
    ]);
    // A second sweep counts nothing twice.
    expect((await t.services.help.sweep()).folded).toBe(0);
    expect((await t.services.help.dailyCounts('2026-11-01', '2026-11-30')).map((d) => d.requests)).toEqual([1, 1]);
  });

  it('clears the session id of requests closed before the upgrade and keeps open ones whole', async () => {
    // A database as the previous release left it: help schema version 1 with a closed and an open request.
    await db.storage.migrate(
      'help',
      HELP_MIGRATIONS.filter((m) => m.version === 1),
    );
    const insert = `INSERT INTO help_requests (id, station_id, location, session_id, language, topic, mode, accessibility_modes, service_id, state, created_at, returned_count)
      VALUES (?, 'oodi-1', 'Oodi', ?, 'fi', 'kela', 'chat-here', '[]', NULL, ?, ?, 0)`;
    const closedSession = randomUUID();
    const openSession = randomUUID();
    const now = Date.parse('2026-11-23T10:00:00Z');
    await db.storage.run(insert, ['old-closed', closedSession, 'resolved', now]);
    await db.storage.run(insert, ['old-open', openSession, 'queued', now]);
    await start();
    const rows = await t.storage.all<{ id: string; session_id: string; state: string }>(
      'SELECT id, session_id, state FROM help_requests ORDER BY id',
    );
    expect(rows).toEqual([
      { id: 'old-closed', session_id: '', state: 'resolved' },
      { id: 'old-open', session_id: openSession, state: 'queued' },
    ]);
  });
});
