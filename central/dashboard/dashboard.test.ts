import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../protocol/api.ts';
import { createRetention } from '../retention/retention.ts';
import { storageTargets } from '../testing/storage-targets.ts';
import { createTestCentral, manualClock, type TestCentral } from '../testing/test-app.ts';
import { uploadSessions } from '../testing/usage-fixtures.ts';
import type { DashboardSummary } from '../../protocol/dashboard.ts';

describe.each(storageTargets)('the usage dashboard on $name', (target) => {
  let central: TestCentral;
  let dispose: () => Promise<void>;
  let coordinator: { cookie: string };
  // Monday 2026-11-23 10:00 UTC = 12:00 in Helsinki: hour of week 12.
  const monday = Date.parse('2026-11-23T10:00:00Z');

  beforeEach(async () => {
    const opened = await target.open();
    dispose = opened.dispose;
    central = await createTestCentral({ storage: opened.storage, clock: manualClock(monday) });
    coordinator = await central.login('coordinator');
    const oodi = await central.addStation('oodi-1', { siteKind: 'library' });
    const kallio = await central.addStation('kallio-1', { siteKind: 'community-house' });
    await uploadSessions(central, oodi, [
      ...Array.from({ length: 6 }, (_, i) => ({
        at: monday,
        serviceId: 'kela',
        language: 'fi',
        durationSeconds: 300 + i * 60,
        mode: 'text-150',
        helpWaitSeconds: 120,
        blocked: 'omakanta',
      })),
      { at: monday, language: 'sv' },
      { at: monday, language: 'sv' },
    ]);
    await uploadSessions(central, kallio, [
      { at: monday - 86400_000, serviceId: 'suomi-fi' },
      { at: monday - 86400_000 },
    ]);
  });
  afterEach(async () => {
    await central.app.close();
    await dispose();
  });

  /** What 8 and 6 true sessions may be published as. */
  const roundedFrom8 = [5, 10];
  const roundedFrom6 = [5, 10];
  const summary = async (query = '') => {
    const response = await central.app.inject({
      method: 'GET',
      url: `/api/v1/dashboard/summary?from=2026-11-01&to=2026-11-30${query}`,
      headers: { cookie: coordinator.cookie },
    });
    expect(response.statusCode).toBe(200);
    return response.json<DashboardSummary>();
  };

  it('shows sessions per day, per hour of week, by site and by station, rounded to 5', async () => {
    const s = await summary();
    expect(s.totalSessions).toBe(10);
    // 8 sessions are published as 5 or 10 (suppression.ts): never the exact count.
    expect(roundedFrom8).toContain(s.sessionsPerDay.find((d) => d.day === '2026-11-23')?.sessions);
    expect(s.sessionsPerHourOfWeek).toHaveLength(168);
    expect(roundedFrom8).toContain(s.sessionsPerHourOfWeek[12]?.sessions);
    expect(roundedFrom8).toContain(s.sessionsByStation.find((r) => r.stationId === 'oodi-1')?.sessions);
    expect(roundedFrom8).toContain(s.sessionsBySite.find((r) => r.siteKind === 'library')?.sessions);
  });

  it('shows "<5" for visits behind fewer than 5 sessions and folds small categories into other, in the API itself', async () => {
    const s = await summary();
    expect(s.sessionsPerDay.find((d) => d.day === '2026-11-22')?.sessions).toBe('<5');
    expect(s.sessionsByStation).toContainEqual({ stationId: 'kallio-1', location: 'Test kallio-1', sessions: '<5' });
    expect(s.languages.map((l) => l.language)).toEqual(['fi']);
    expect(s.topServices.map((r) => r.serviceId)).toEqual(['kela']);
    expect(s.other).toMatchObject({ languages: '<5', topServices: '<5' });
    // An hour nobody used a station is an operations fact: 0, not "<5".
    expect(s.sessionsPerHourOfWeek[13]?.sessions).toBe(0);
    const community = await summary('&site=community-house');
    expect(community.totalSessions).toBe('<5');
    expect(community.medianSessionSeconds).toBe('<5');
    expect(JSON.stringify(community)).not.toMatch(/"sessions":[1-4][,}]/);
  });

  it('shows median session length, accessibility use, help waits and blocked navigations', async () => {
    const s = await summary('&station=oodi-1');
    expect(s.medianSessionSeconds).toBe(8 * 60 + 30);
    expect(s.accessibilityModes.map((m) => m.mode)).toEqual(['text-150']);
    expect(roundedFrom6).toContain(s.accessibilityModes[0]?.sessions);
    expect(s.help).toHaveLength(1);
    expect(s.help[0]).toMatchObject({ topic: 'kela', cancelled: '<5', averageWaitSeconds: 120 });
    expect(roundedFrom6).toContain(s.help[0]?.requested);
    expect(s.blockedNavigations.map((b) => b.serviceId)).toEqual(['omakanta']);
  });

  it('exports the same suppressed figures as CSV', async () => {
    const response = await central.app.inject({
      method: 'GET',
      url: '/api/v1/dashboard/export.csv?from=2026-11-01&to=2026-11-30',
      headers: { cookie: coordinator.cookie },
    });
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    const s = await summary();
    const oodi = s.sessionsByStation.find((r) => r.stationId === 'oodi-1')?.sessions;
    // Separator-agnostic: the file's format is the export's own business (summary-csv.test.ts).
    expect(response.body).toMatch(/sessions by station[;,]kallio-1[;,]<5/);
    expect(response.body).toMatch(new RegExp(`sessions by station[;,]oodi-1[;,]${String(oodi)}\\r?\\n`));
    expect(response.body).toMatch(/sessions by language[;,]other[;,]<5/);
    expect(response.body).not.toMatch(/[;,]sv[;,]/);
  });

  it('keeps daily totals after raw events pass the retention window', async () => {
    central.clock.advance(100 * 86400_000);
    const retention = createRetention({ storage: central.storage, clock: central.clock, retentionDays: 90 });
    const result = await retention.runOnce();
    expect(result.deletedEvents).toBeGreaterThan(0);
    expect((await central.storage.get<{ n: number }>('SELECT COUNT(*) AS n FROM events'))?.n).toBe(0);
    // Running again after a crash between the two steps changes nothing.
    await retention.runOnce();
    coordinator = await central.login('coordinator', 'back-after-100-days');
    const s = await summary();
    expect(s.totalSessions).toBe(10);
    expect(roundedFrom8).toContain(s.sessionsByStation.find((r) => r.stationId === 'oodi-1')?.sessions);
    expect(s.topServices[0]?.serviceId).toBe('kela');
    expect(roundedFrom6).toContain(s.topServices[0]?.opens);
    expect(s.help[0]?.averageWaitSeconds).toBe(120);
    // Hour-of-week and median need raw events, which are gone.
    expect(s.medianSessionSeconds).toBe('<5');
  });

  it('keeps raw events younger than the retention window', async () => {
    central.clock.advance(89 * 86400_000);
    const result = await createRetention({
      storage: central.storage,
      clock: central.clock,
      retentionDays: 90,
    }).runOnce();
    expect(result.deletedEvents).toBe(0);
  });

  it('is for coordinators: advisors get 403, strangers 401, a bad range 400', async () => {
    const advisor = await central.login('advisor');
    expect(
      (
        await central.app.inject({
          method: 'GET',
          url: '/api/v1/dashboard/summary',
          headers: { cookie: advisor.cookie },
        })
      ).statusCode,
    ).toBe(403);
    expect((await central.app.inject({ method: 'GET', url: '/api/v1/dashboard/summary' })).statusCode).toBe(401);
    const bad = await central.app.inject({
      method: 'GET',
      url: '/api/v1/dashboard/summary?from=2026-12-01&to=2026-11-01',
      headers: { cookie: coordinator.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses days that do not exist with 400 instead of computing a range from them', async () => {
    for (const range of [
      'from=2026-11-01&to=2026-13-99',
      'from=2026-02-30&to=2026-03-01',
      'from=2026-00-10&to=2026-01-01',
    ]) {
      const response = await central.app.inject({
        method: 'GET',
        url: `/api/v1/dashboard/summary?${range}`,
        headers: { cookie: coordinator.cookie },
      });
      expect(response.statusCode).toBe(400);
      expect(apiErrorSchema.parse(response.json()).message).toMatch(/calendar day/);
    }
  });
});
