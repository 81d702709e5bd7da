/**
 * The rollups kept at ingest must always equal a GROUP BY over the raw events, whatever order,
 * split or repetition the batches arrive in (a station re-sends after a lost reply; a session's
 * events travel in several batches; two batches race on PostgreSQL). Seeded, so a failure repeats.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { toMinuteTime } from '../../protocol/events.ts';
import type { SiteKind } from '../auth/accounts.ts';
import { createRetention } from '../retention/retention.ts';
import { centralMigrations } from '../storage/central-migrations.ts';
import type { Storage } from '../storage/storage.ts';
import { storageTargets } from '../testing/storage-targets.ts';
import { createTestCentral, manualClock, type TestCentral } from '../testing/test-app.ts';
import { rebuildRollups } from './rollup-rebuild.ts';

const DAY = 86_400_000;
// Thursday 2026-12-03, 12:00 in Helsinki: the ten days of visits before it cross a month's end.
const now = Date.parse('2026-12-03T10:00:00Z');

/** mulberry32: a small seeded generator, so every run sees the same "random" batches. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    shuffle: <T>(items: T[]): T[] => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j] as T, items[i] as T];
      }
      return items;
    },
  };
}
type Random = ReturnType<typeof seeded>;

/** One visit's events; some repeat a (type, dim) and some run past midnight into the next day. */
function visit(random: Random, startMs: number): Record<string, unknown>[] {
  const sessionId = uuidv7();
  let at = startMs;
  const event = (fields: Record<string, unknown>) => {
    at += random.int(40) * 60_000;
    return { id: uuidv7(), at: toMinuteTime(at), sessionId, ...fields };
  };
  const events = [event({ type: 'session.started' })];
  for (let i = random.int(4); i >= 0; i--)
    events.push(event({ type: 'service.opened', serviceId: random.pick(['kela', 'omakanta', 'vero']) }));
  if (random.next() < 0.7) events.push(event({ type: 'language.chosen', language: random.pick(['fi', 'sv', 'so']) }));
  if (random.next() < 0.3)
    events.push(
      event({
        type: 'accessibility.changed',
        mode: random.pick(['text-150', 'read-aloud']),
        enabled: random.next() < 0.8,
      }),
    );
  if (random.next() < 0.2) events.push(event({ type: 'navigation.blocked', serviceId: 'omakanta' }));
  if (random.next() < 0.3) {
    const topic = random.pick(['kela', 'health']);
    events.push(event({ type: 'help.requested', topic }));
    events.push(event({ type: random.pick(['help.answered', 'help.cancelled']), topic, waitSeconds: random.int(900) }));
  }
  events.push(
    event({ type: 'session.ended', durationSeconds: random.int(3600), endedBy: random.pick(['idle', 'visitor']) }),
  );
  return events;
}

/** Every rollup as a sorted list of rows, and the same computed from raw events. */
async function rollupsAndRecomputed(storage: Storage) {
  const rows = (sql: string) =>
    storage.all(sql).then((r) => r.map((x) => JSON.stringify(Object.values(x).map(String))));
  const totals = `SELECT day, station_id, type, dim, events, sessions, seconds_sum FROM daily_totals`;
  return {
    stored: {
      station: await rows(`${totals} ORDER BY day, station_id, type, dim`),
      site: await rows(
        'SELECT day, site_kind, type, dim, events, sessions, seconds_sum FROM daily_site_totals ORDER BY day, site_kind, type, dim',
      ),
      slots: await rows(
        'SELECT day, station_id, figure, slot, events FROM session_slots ORDER BY day, station_id, figure, slot',
      ),
      siteSlots: await rows(
        'SELECT day, site_kind, figure, slot, events FROM site_session_slots ORDER BY day, site_kind, figure, slot',
      ),
      month: await rows(
        'SELECT month, station_id, type, dim, events, sessions, seconds_sum FROM monthly_totals ORDER BY month, station_id, type, dim',
      ),
      siteMonth: await rows(
        'SELECT month, site_kind, type, dim, events, sessions, seconds_sum FROM monthly_site_totals ORDER BY month, site_kind, type, dim',
      ),
    },
    /** Month rows as the sums of the stored day rows: what a month row must always be. */
    monthsFromDays: {
      month: await rows(
        `SELECT SUBSTR(day, 1, 7) AS month, station_id, type, dim, SUM(events) AS events, SUM(sessions) AS sessions, SUM(seconds_sum) AS seconds FROM daily_totals
         GROUP BY SUBSTR(day, 1, 7), station_id, type, dim ORDER BY month, station_id, type, dim`,
      ),
      siteMonth: await rows(
        `SELECT SUBSTR(day, 1, 7) AS month, site_kind, type, dim, SUM(events) AS events, SUM(sessions) AS sessions, SUM(seconds_sum) AS seconds FROM daily_site_totals
         GROUP BY SUBSTR(day, 1, 7), site_kind, type, dim ORDER BY month, site_kind, type, dim`,
      ),
    },
    recomputed: {
      station: await rows(
        `SELECT day, station_id, type, dim, COUNT(*) AS n, COUNT(DISTINCT session_id) AS sessions,
           COALESCE(SUM(seconds), 0) AS seconds FROM events GROUP BY day, station_id, type, dim ORDER BY day, station_id, type, dim`,
      ),
      site: await rows(
        `SELECT e.day, s.site_kind, e.type, e.dim, SUM(e.n) AS n, SUM(e.sessions) AS sessions, SUM(e.seconds) AS seconds FROM
           (SELECT day, station_id, type, dim, COUNT(DISTINCT session_id) AS sessions, COALESCE(SUM(seconds), 0) AS seconds,
                   COUNT(*) AS n FROM events GROUP BY day, station_id, type, dim) e
         JOIN stations s ON s.id = e.station_id GROUP BY e.day, s.site_kind, e.type, e.dim ORDER BY e.day, s.site_kind, e.type, e.dim`,
      ),
      slots: await rows(
        `SELECT day, station_id, figure, slot, COUNT(*) FROM (
           SELECT day, station_id, 'hour' AS figure, hour_of_week AS slot FROM events WHERE type = 'session.started'
           UNION ALL SELECT day, station_id, 'length-minute', seconds / 60 FROM events WHERE type = 'session.ended') x
         GROUP BY day, station_id, figure, slot ORDER BY day, station_id, figure, slot`,
      ),
      siteSlots: await rows(
        `SELECT day, site_kind, figure, slot, COUNT(*) FROM (
           SELECT e.day, s.site_kind, 'hour' AS figure, e.hour_of_week AS slot FROM events e JOIN stations s ON s.id = e.station_id
             WHERE e.type = 'session.started'
           UNION ALL SELECT e.day, s.site_kind, 'length-minute', e.seconds / 60 FROM events e JOIN stations s ON s.id = e.station_id
             WHERE e.type = 'session.ended') x
         GROUP BY day, site_kind, figure, slot ORDER BY day, site_kind, figure, slot`,
      ),
      // A month counts a visit once per day it was seen on (summed days), as daily_totals always did.
      month: await rows(
        `SELECT SUBSTR(day, 1, 7) AS month, station_id, type, dim, SUM(n) AS n, SUM(sessions) AS sessions, SUM(seconds) AS seconds FROM
           (SELECT day, station_id, type, dim, COUNT(*) AS n, COUNT(DISTINCT session_id) AS sessions,
                   COALESCE(SUM(seconds), 0) AS seconds FROM events GROUP BY day, station_id, type, dim) e
         GROUP BY SUBSTR(day, 1, 7), station_id, type, dim ORDER BY month, station_id, type, dim`,
      ),
      siteMonth: await rows(
        `SELECT SUBSTR(e.day, 1, 7) AS month, s.site_kind, e.type, e.dim, SUM(e.n) AS n, SUM(e.sessions) AS sessions, SUM(e.seconds) AS seconds FROM
           (SELECT day, station_id, type, dim, COUNT(*) AS n, COUNT(DISTINCT session_id) AS sessions,
                   COALESCE(SUM(seconds), 0) AS seconds FROM events GROUP BY day, station_id, type, dim) e
         JOIN stations s ON s.id = e.station_id
         GROUP BY SUBSTR(e.day, 1, 7), s.site_kind, e.type, e.dim ORDER BY month, s.site_kind, e.type, e.dim`,
      ),
    },
  };
}

describe.each(storageTargets)('dashboard rollups kept at ingest on $name', (target) => {
  let central: TestCentral;
  let dispose: () => Promise<void>;
  const tokens = new Map<string, string>();

  beforeEach(async () => {
    const opened = await target.open();
    dispose = opened.dispose;
    central = await createTestCentral({
      storage: opened.storage,
      clock: manualClock(now),
      config: { ingestRequestsPerMinute: 100_000 },
    });
    const stations: [string, SiteKind][] = [
      ['oodi-1', 'library'],
      ['oodi-2', 'library'],
      ['kallio-1', 'community-house'],
    ];
    for (const [id, siteKind] of stations) tokens.set(id, await central.addStation(id, { siteKind }));
  });
  afterEach(async () => {
    await central.app.close();
    await dispose();
  });

  const upload = async (station: string, events: unknown[]) => {
    const response = await central.app.inject({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { authorization: `Bearer ${tokens.get(station)}` },
      payload: { batchId: uuidv7(), events },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ rejected: unknown[] }>().rejected).toEqual([]);
  };

  /** Each station's visits over ten days, shuffled, cut into random batches, some sent twice or raced. */
  const sendShuffled = async (random: Random) => {
    const sends: (() => Promise<void>)[] = [];
    for (const station of tokens.keys()) {
      const events = Array.from({ length: 25 }, () =>
        visit(random, now - (1 + random.int(10)) * DAY - random.int(12) * 3600_000),
      ).flat();
      events.push({ id: uuidv7(), type: 'station.started', at: toMinuteTime(now - 3 * DAY), appVersion: '1.4.0' });
      random.shuffle(events);
      for (let start = 0; start < events.length;) {
        const size = 1 + random.int(40);
        const chunk = events.slice(start, start + size);
        start += size;
        sends.push(() => upload(station, chunk));
        // A lost reply: the same batch again, later, or a part of it inside another batch.
        if (random.next() < 0.3) sends.push(() => upload(station, chunk));
        if (random.next() < 0.2) sends.push(() => upload(station, chunk.slice(0, 1 + random.int(chunk.length))));
      }
    }
    random.shuffle(sends);
    // Pairs in flight at once: on PostgreSQL two transactions touch the same site rows.
    for (let i = 0; i < sends.length; i += 2) await Promise.all(sends.slice(i, i + 2).map((send) => send()));
  };

  for (const seed of [1, 2, 3]) {
    it(`equal a GROUP BY over the raw events after shuffled, split and repeated batches (seed ${seed})`, async () => {
      await sendShuffled(seeded(seed));
      const { stored, recomputed } = await rollupsAndRecomputed(central.storage);
      expect(stored.station.length).toBeGreaterThan(50);
      // Two months: the visits cross November's end.
      expect(new Set(stored.month.map((r) => (JSON.parse(r) as string[])[0]))).toEqual(new Set(['2026-11', '2026-12']));
      expect(stored).toEqual(recomputed);
    });
  }

  it('keep folded days after retention, and a rebuild gives the same rollups back', async () => {
    await sendShuffled(seeded(7));
    const before = await rollupsAndRecomputed(central.storage);
    // Five of the ten days leave the raw window.
    central.clock.advance(85 * DAY);
    const result = await createRetention({
      storage: central.storage,
      clock: central.clock,
      retentionDays: 90,
    }).runOnce();
    expect(result.deletedEvents).toBeGreaterThan(0);
    const after = await rollupsAndRecomputed(central.storage);
    expect(after.stored.station).toEqual(before.stored.station);
    expect(after.stored.site).toEqual(before.stored.site);
    expect(after.stored.month).toEqual(before.stored.month);
    expect(after.stored.siteMonth).toEqual(before.stored.siteMonth);
    // Slots, like raw events, only for the raw window.
    expect(after.stored.slots.length).toBeLessThan(before.stored.slots.length);
    expect(after.stored.slots).toEqual(after.recomputed.slots);

    // Damage every rollup, then rebuild from raw events and folded totals.
    await central.storage.run('UPDATE daily_totals SET events = events + 1');
    await central.storage.run('DELETE FROM daily_site_totals');
    await central.storage.run('DELETE FROM session_slots');
    await central.storage.run('DELETE FROM rollup_session_firsts');
    await central.storage.run('UPDATE monthly_totals SET sessions = sessions + 1');
    await central.storage.run('DELETE FROM monthly_site_totals');
    const rebuilt = await rebuildRollups(central.storage, result.cutoffDay);
    expect(rebuilt.rawDays).toBeGreaterThan(0);
    const again = await rollupsAndRecomputed(central.storage);
    // Folded days keep what they had (the damage included: they are the only record left).
    const folded = (rows: string[]) => rows.filter((r) => (JSON.parse(r) as string[])[0]! < result.cutoffDay);
    const raw = (rows: string[]) => rows.filter((r) => (JSON.parse(r) as string[])[0]! >= result.cutoffDay);
    expect(raw(again.stored.station)).toEqual(raw(before.stored.station));
    expect(folded(again.stored.station)).not.toEqual(folded(before.stored.station));
    expect(again.stored.slots).toEqual(after.stored.slots);
    expect(again.stored.siteSlots).toEqual(after.stored.siteSlots);
    // Month rows are the sums of the day rows again (folded days' damage included).
    expect(again.stored.month).toEqual(again.monthsFromDays.month);
    expect(again.stored.siteMonth).toEqual(again.monthsFromDays.siteMonth);
    expect(again.stored.siteMonth.length).toBeGreaterThan(0);
    // A later re-sent event of a raw day is still counted once per session after the rebuild.
    const firsts = await central.storage.get<{ n: number }>('SELECT COUNT(*) AS n FROM rollup_session_firsts');
    expect(Number(firsts?.n)).toBeGreaterThan(0);
  });

  it('count a session whose events of one kind arrive in two batches once, and a re-sent batch not at all', async () => {
    const sessionId = uuidv7();
    const at = toMinuteTime(now - DAY);
    const opened = () => ({ id: uuidv7(), type: 'service.opened', at, sessionId, serviceId: 'kela' });
    const first = [opened(), opened()];
    await upload('oodi-1', first);
    await upload('oodi-1', [opened()]);
    await upload('oodi-1', first);
    const row = await central.storage.get<{ events: number; sessions: number }>(
      "SELECT events, sessions FROM daily_totals WHERE station_id = 'oodi-1' AND type = 'service.opened'",
    );
    expect({ events: Number(row?.events), sessions: Number(row?.sessions) }).toEqual({ events: 3, sessions: 1 });
    const site = await central.storage.get<{ events: number; sessions: number }>(
      "SELECT events, sessions FROM daily_site_totals WHERE site_kind = 'library' AND type = 'service.opened'",
    );
    expect({ events: Number(site?.events), sessions: Number(site?.sessions) }).toEqual({ events: 3, sessions: 1 });
  });

  it('are filled from the rows already stored when a database is upgraded to migrations 4 and 5', async () => {
    const opened = await target.open();
    const { storage } = opened;
    try {
      await storage.migrate(
        'central',
        centralMigrations.filter((m) => m.version < 4),
      );
      for (const [id, site] of [
        ['oodi-1', 'library'],
        ['kallio-1', 'community-house'],
      ] as const)
        await storage.run(
          "INSERT INTO stations (id, location, site_kind, token_hash, created_at) VALUES (?, 'x', ?, ?, 0)",
          [id, site, `hash-${id}`],
        );
      const event = (station: string, session: string, type: string, dim: string, seconds: number | null, hour = 12) =>
        storage.run(
          'INSERT INTO events (id, station_id, type, at_minute, day, hour_of_week, session_id, dim, seconds) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)',
          [uuidv7(), station, type, '2026-11-23', hour, session, dim, seconds],
        );
      await event('oodi-1', 'a', 'session.started', '', null);
      await event('oodi-1', 'a', 'service.opened', 'kela', null);
      await event('oodi-1', 'a', 'service.opened', 'kela', null);
      await event('oodi-1', 'a', 'session.ended', 'visitor', 610);
      await event('kallio-1', 'b', 'session.started', '', null, 13);
      // A day folded long ago: its totals are the only record left.
      await storage.run(
        "INSERT INTO daily_totals (day, station_id, type, dim, events, sessions, seconds_sum) VALUES ('2026-08-01', 'oodi-1', 'session.started', '', 7, 7, 0)",
      );

      await storage.migrate('central', centralMigrations);
      const { stored, recomputed, monthsFromDays } = await rollupsAndRecomputed(storage);
      const raw = (rows: string[]) => rows.filter((r) => r.includes('"2026-11-23"'));
      expect(raw(stored.station)).toEqual(recomputed.station);
      expect(raw(stored.site)).toEqual(recomputed.site);
      expect(stored.site).toContain(JSON.stringify(['2026-08-01', 'library', 'session.started', '', '7', '7', '0']));
      expect(stored.slots).toEqual(recomputed.slots);
      expect(stored.siteSlots).toEqual(recomputed.siteSlots);
      // Migration 5 sums the day rows, folded ones included, into month rows.
      expect(stored.month).toEqual(monthsFromDays.month);
      expect(stored.siteMonth).toEqual(monthsFromDays.siteMonth);
      expect(stored.month).toContain(JSON.stringify(['2026-08', 'oodi-1', 'session.started', '', '7', '7', '0']));
      expect(stored.month.filter((r) => r.includes('"2026-11"'))).toEqual(recomputed.month);
      const firsts = await storage.get<{ n: number }>('SELECT COUNT(*) AS n FROM rollup_session_firsts');
      expect(Number(firsts?.n)).toBe(4);
    } finally {
      await opened.dispose();
    }
  });
});
