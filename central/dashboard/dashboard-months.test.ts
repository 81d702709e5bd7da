/**
 * Reading whole months from the month rollups and only the edge days from the day rollups must give
 * exactly the figures of grouping the raw events (the query module before rollups, kept for the
 * bench), for ranges that start and end anywhere in a month, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { DashboardFilter } from '../../protocol/dashboard.ts';
import { toMinuteTime } from '../../protocol/events.ts';
import type { SiteKind } from '../auth/accounts.ts';
import { createIngestService } from '../ingest/ingest-service.ts';
import { storageTargets } from '../testing/storage-targets.ts';
import { createTestCentral, manualClock, type TestCentral } from '../testing/test-app.ts';
import { createDashboardQueries, splitIntoMonths } from './dashboard-queries.ts';
import { createBeforeDashboardQueries } from './raw-event-queries.ts';
import { createSmallCountProtection } from './suppression.ts';

const DAY = 86_400_000;
// Thursday 2026-12-03, 12:00 in Helsinki; the visits reach back 80 days, into mid-September.
const now = Date.parse('2026-12-03T10:00:00Z');

describe('splitIntoMonths', () => {
  it('reads whole months from the month rollups and the rest as edge days', () => {
    expect(splitIntoMonths('2025-12-04', '2026-12-03')).toEqual({
      months: ['2026-01', '2026-11'],
      days: [
        ['2025-12-04', '2025-12-31'],
        ['2026-12-01', '2026-12-03'],
      ],
    });
    expect(splitIntoMonths('2026-11-01', '2026-11-30')).toEqual({ months: ['2026-11', '2026-11'], days: [] });
    expect(splitIntoMonths('2026-02-01', '2026-02-28')).toEqual({ months: ['2026-02', '2026-02'], days: [] });
    expect(splitIntoMonths('2026-11-02', '2026-11-30')).toEqual({ months: null, days: [['2026-11-02', '2026-11-30']] });
    expect(splitIntoMonths('2026-10-31', '2026-12-01')).toEqual({
      months: ['2026-11', '2026-11'],
      days: [
        ['2026-10-31', '2026-10-31'],
        ['2026-12-01', '2026-12-01'],
      ],
    });
    expect(splitIntoMonths('2026-11-03', '2026-11-20')).toEqual({ months: null, days: [['2026-11-03', '2026-11-20']] });
  });
});

describe.each(storageTargets)('dashboard figures from month and day rollups on $name', (target) => {
  let central: TestCentral;
  let dispose: () => Promise<void>;

  // Built once per database: the figures are only read.
  beforeAll(async () => {
    const opened = await target.open();
    dispose = opened.dispose;
    central = await createTestCentral({ storage: opened.storage, clock: manualClock(now) });
    const stations: [string, SiteKind][] = [
      ['oodi-1', 'library'],
      ['oodi-2', 'library'],
      ['kallio-1', 'community-house'],
    ];
    for (const [id, siteKind] of stations) await central.addStation(id, { siteKind });
    const ingest = createIngestService({ storage: central.storage, clock: central.clock, retentionDays: 90 });
    // A few visits a day per station; the counts vary by day so the days are told apart.
    for (const [index, [station]] of stations.entries()) {
      const events: Record<string, unknown>[] = [];
      for (let back = 1; back <= 80; back++) {
        for (let visit = 0; visit < 1 + ((back + index) % 4); visit++) {
          const sessionId = uuidv7();
          const at = (minutes: number) => toMinuteTime(now - back * DAY + (visit * 50 + minutes) * 60_000);
          const service = ['kela', 'vero', 'omakanta'][(back + visit) % 3];
          events.push(
            { id: uuidv7(), type: 'session.started', at: at(0), sessionId },
            { id: uuidv7(), type: 'language.chosen', at: at(1), sessionId, language: back % 5 ? 'fi' : 'sv' },
            { id: uuidv7(), type: 'service.opened', at: at(2), sessionId, serviceId: service },
            { id: uuidv7(), type: 'service.opened', at: at(3), sessionId, serviceId: service },
            { id: uuidv7(), type: 'help.requested', at: at(4), sessionId, topic: 'kela' },
            { id: uuidv7(), type: 'help.answered', at: at(5), sessionId, topic: 'kela', waitSeconds: 60 * visit },
            { id: uuidv7(), type: 'session.ended', at: at(9), sessionId, durationSeconds: 540, endedBy: 'visitor' },
          );
        }
      }
      for (let start = 0; start < events.length; start += 500)
        await ingest.ingest(station, { batchId: uuidv7(), events: events.slice(start, start + 500) });
    }
  }, 120_000);
  afterAll(async () => {
    await central.app.close();
    await dispose();
  });

  const filters: DashboardFilter[] = [
    { from: '2026-09-20', to: '2026-12-03' },
    { from: '2026-10-01', to: '2026-11-30' },
    { from: '2026-11-01', to: '2026-11-30', site: 'library' },
    { from: '2026-11-03', to: '2026-11-20' },
    { from: '2026-09-14', to: '2026-12-03', station: 'oodi-2' },
    { from: '2026-10-17', to: '2026-12-02', site: 'community-house' },
    { from: '2026-10-17', to: '2026-12-02', station: 'oodi-1', site: 'community-house' },
  ];
  for (const filter of filters)
    it(`equal the raw events grouped per request for ${JSON.stringify(filter)}`, async () => {
      const protection = () =>
        createSmallCountProtection('test-secret', `station=${filter.station ?? ''}&site=${filter.site ?? ''}`);
      const fromRollups = await createDashboardQueries(central.storage).summary(filter, protection());
      // Every day is raw here, so the old module reads only raw events.
      const fromRaw = await createBeforeDashboardQueries(central.storage, '0000-01-01').summary(filter, protection());
      expect(fromRollups).toEqual(fromRaw);
      if (!filter.station || filter.station === 'oodi-2') expect(fromRollups.totalSessions).toBeGreaterThan(0);
    });
});
