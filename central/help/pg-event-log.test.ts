/**
 * The shared live-event log on PostgreSQL, two "replicas" in one process (two logs, two listening
 * connections, one schema): order, gaps, oversized events, replay and pruning.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/storage.ts';
import { SKIP_PG, storageTargets, type OpenedStorage } from '../testing/storage-targets.ts';
import type { Audience, EventLog, LiveEvent } from './event-log.ts';
import { HELP_MIGRATIONS } from './migrations.ts';
import { createPgEventLog, helpEventsChannel } from './pg-event-log.ts';

const consoles: ReadonlySet<Audience> = new Set<Audience>(['console']);

describe.skipIf(SKIP_PG)('the live-event log shared through PostgreSQL', () => {
  let db: OpenedStorage;
  let storage: Storage;
  let now = 1_000;
  const logs: EventLog[] = [];

  const newLog = async () => {
    const handle = storage.handle;
    if (handle.kind !== 'postgres') throw new Error('PostgreSQL only');
    const log = createPgEventLog({
      pool: handle.pool,
      newClient: handle.newClient,
      scope: handle.scope,
      capacity: 5,
      now: () => now,
      reconnectMs: 10,
    });
    await log.start();
    logs.push(log);
    return log;
  };
  /** Collects what a log delivers; `until(n)` waits for the n-th event. */
  const collect = (log: EventLog) => {
    const seen: LiveEvent[] = [];
    const waiters: (() => void)[] = [];
    log.subscribe(consoles, (e) => {
      seen.push(e);
      for (const w of waiters.splice(0)) w();
    });
    const until = async (n: number) => {
      while (seen.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    return { seen, until };
  };

  beforeEach(async () => {
    db = await storageTargets.find((t) => t.name === 'postgres')!.open();
    storage = db.storage;
    await storage.migrate('help', HELP_MIGRATIONS);
  });
  afterEach(async () => {
    for (const log of logs.splice(0)) await log.stop();
    await db.dispose();
  });

  it('delivers one replica’s events to the other in order, the big ones too', async () => {
    const a = await newLog();
    const b = await newLog();
    const onB = collect(b);
    a.publish('console', 'one', { n: 1 });
    a.publish('station:s1', 'not for consoles', {});
    a.publish('console', 'big', { text: 'x'.repeat(9000) }); // over NOTIFY's 8000 bytes
    a.publish('console', 'three', { n: 3 });
    await a.flushed();
    await onB.until(3);
    expect(onB.seen.map((e) => e.type)).toEqual(['one', 'big', 'three']);
    expect(onB.seen.map((e) => e.seq)).toEqual([...onB.seen.map((e) => e.seq)].sort((x, y) => x - y));
    expect((onB.seen[1]?.data as { text: string }).text).toHaveLength(9000);
  });

  it('catches up, in order and once, on what was published while its listening connection was down', async () => {
    const a = await newLog();
    const b = await newLog();
    const onB = collect(b);
    a.publish('console', 'before', {});
    await a.flushed();
    await onB.until(1);

    const channel = helpEventsChannel(storage.handle.kind === 'postgres' ? storage.handle.scope : '');
    // Cut B's listening connection (and A's: the same LISTEN), as a database failover would.
    const cut = await storage.all('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE query = ?', [
      `LISTEN ${channel}`,
    ]);
    expect(cut).toHaveLength(2);
    a.publish('console', 'during-1', {});
    a.publish('console', 'during-2', {});
    await a.flushed();
    await onB.until(3);
    a.publish('console', 'after', {});
    await a.flushed();
    await onB.until(4);
    expect(onB.seen.map((e) => e.type)).toEqual(['before', 'during-1', 'during-2', 'after']);
    expect(b.healthy()).toBe(true);
  });

  it('replays after an id on any replica, and sends a snapshot once the gap was pruned', async () => {
    const a = await newLog();
    const b = await newLog();
    const onA = collect(a);
    a.publish('console', 'first', {});
    a.publish('console', 'second', { chat: 'hello' });
    a.publish('console', 'third', {});
    await a.flushed();
    await onA.until(3);
    const firstId = onA.seen[0]!.id;
    expect((await b.since(firstId, consoles))?.map((e) => e.type)).toEqual(['second', 'third']);
    expect(await b.since('12345-1', consoles)).toBeNull(); // another database's id

    now += 60_000;
    a.publish('console', 'later', {});
    await a.flushed();
    await b.forgetBefore(now); // the chat-retention rule: everything older goes
    expect(await b.since(firstId, consoles)).toBeNull();
    expect(await storage.all('SELECT seq FROM help_events WHERE data LIKE ?', ['%hello%'])).toEqual([]);
  });
});
