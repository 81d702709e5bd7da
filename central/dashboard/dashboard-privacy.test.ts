/**
 * A curious coordinator attacks the dashboard: one station and one day, and two overlapping ranges
 * subtracted (the live finding was 43 − 42 = 1 visit: Somali, read-aloud, high contrast,
 * OmaKanta, a health question). Neither may recover the visit or what it did, in the API or the
 * CSV; zeros that are operations facts stay visible.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cell, DashboardSummary } from '../../protocol/dashboard.ts';
import { storageTargets } from '../testing/storage-targets.ts';
import { createTestCentral, manualClock, type TestCentral } from '../testing/test-app.ts';
import { uploadSessions, type SessionSpec } from '../testing/usage-fixtures.ts';

const DAY = 86_400_000;
// Monday 2026-11-23, 12:00 in Helsinki: the day of the one visit the attacker is after.
const monday = Date.parse('2026-11-23T10:00:00Z');
const target: SessionSpec = {
  at: monday,
  language: 'so',
  modes: ['read-aloud', 'high-contrast'],
  serviceId: 'omakanta',
  helpTopic: 'health',
  helpWaitSeconds: 60,
};
/** What the one visit did: none of these may be listed anywhere. */
const targetKeys = ['so', 'read-aloud', 'high-contrast', 'omakanta', 'health'];

describe.each(storageTargets)('the dashboard against a differencing attack on $name', (storage) => {
  let central: TestCentral;
  let dispose: () => Promise<void>;
  let cookie: string;

  beforeEach(async () => {
    const opened = await storage.open();
    dispose = opened.dispose;
    central = await createTestCentral({ storage: opened.storage, clock: manualClock(monday) });
    cookie = (await central.login('coordinator')).cookie;
    const oodi = await central.addStation('oodi-1', { siteKind: 'library' });
    await central.addStation('kallio-1', { siteKind: 'community-house' });
    // 42 ordinary visits at Oodi over the three weeks before, then the one visit on Monday.
    await uploadSessions(
      central,
      oodi,
      Array.from({ length: 42 }, (_, i) => ({
        at: monday - (1 + (i % 21)) * DAY,
        language: 'fi',
        serviceId: 'kela',
        mode: 'text-150',
        helpWaitSeconds: 120,
      })),
    );
    await uploadSessions(central, oodi, [target]);
  });
  afterEach(async () => {
    await central.app.close();
    await dispose();
  });

  const get = (query: string) =>
    central.app.inject({ method: 'GET', url: `/api/v1/dashboard/${query}`, headers: { cookie } });
  const summary = async (query: string) => {
    const response = await get(`summary?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<DashboardSummary>();
  };
  /** Every cell of a summary, by a stable name. */
  const cells = (s: DashboardSummary): Map<string, Cell> => {
    const out = new Map<string, Cell>([
      ['total', s.totalSessions],
      ...s.sessionsByStation.map((r): [string, Cell] => [`station:${r.stationId}`, r.sessions]),
      ...s.sessionsBySite.map((r): [string, Cell] => [`site:${r.siteKind}`, r.sessions]),
      ...s.topServices.map((r): [string, Cell] => [`service:${r.serviceId}`, r.opens]),
      ...s.languages.map((r): [string, Cell] => [`language:${r.language}`, r.sessions]),
      ...s.accessibilityModes.map((r): [string, Cell] => [`mode:${r.mode}`, r.sessions]),
      ...s.help.flatMap((r): [string, Cell][] => [
        [`help:${r.topic}:requested`, r.requested],
        [`help:${r.topic}:answered`, r.answered],
      ]),
    ]);
    for (const [figure, value] of Object.entries(s.other ?? {}))
      if (typeof value === 'object') for (const [k, v] of Object.entries(value)) out.set(`other:${figure}:${k}`, v);
      else out.set(`other:${figure}`, value);
    return out;
  };
  const listedKeys = (s: DashboardSummary) => [
    ...s.languages.map((r) => r.language),
    ...s.accessibilityModes.map((r) => r.mode),
    ...s.topServices.map((r) => r.serviceId),
    ...s.blockedNavigations.map((r) => r.serviceId),
    ...s.help.map((r) => r.topic),
  ];

  it('two overlapping ranges never subtract to the one hidden visit, in any figure', async () => {
    for (const scope of ['', '&site=library']) {
      const withVisit = await summary(`from=2026-11-01&to=2026-11-23${scope}`);
      const without = await summary(`from=2026-11-01&to=2026-11-22${scope}`);
      for (const s of [withVisit, without]) expect(listedKeys(s).filter((k) => targetKeys.includes(k))).toEqual([]);
      const a = cells(withVisit);
      const b = cells(without);
      const differences = [...a].flatMap(([name, value]) => {
        const other = b.get(name) ?? 0;
        return typeof value === 'number' && typeof other === 'number' ? [[name, value - other] as const] : [];
      });
      expect(differences.length).toBeGreaterThan(5);
      // Every published count is a multiple of 5, so a difference is too: never the hidden 1.
      expect(differences.filter(([, d]) => d % 5 !== 0)).toEqual([]);
      expect(withVisit.totalSessions).not.toBe(43);
    }
  });

  it('one station on one day shows neither the visit nor what it did, and the day widens to its week', async () => {
    const s = await summary('from=2026-11-23&to=2026-11-23&station=oodi-1');
    expect(s.filter).toMatchObject({ from: '2026-11-23', to: '2026-11-29', station: 'oodi-1' });
    expect(s.protection).toEqual({ minSessions: 5, roundedTo: 5, widenedToWeeks: true });
    expect(listedKeys(s)).toEqual([]);
    expect(s.totalSessions).toBe('<5');
    expect(s.other).toEqual({
      topServices: '<5',
      languages: '<5',
      accessibilityModes: '<5',
      blockedNavigations: '<5',
      help: { requested: '<5', answered: '<5', cancelled: '<5' },
    });
    const csv = (await get('export.csv?from=2026-11-23&to=2026-11-23&station=oodi-1')).body;
    for (const key of targetKeys) expect(csv).not.toContain(key);
  });

  it('asking again gives the same answers, so repeating a question averages nothing away', async () => {
    const first = await summary('from=2026-11-01&to=2026-11-23');
    const again = await summary('from=2026-11-01&to=2026-11-23');
    expect(again).toEqual(first);
  });

  it('shows a day without visits and a station without visits as 0, not "<5"', async () => {
    const s = await summary('from=2026-11-23&to=2026-11-25');
    expect(s.sessionsPerDay.map((d) => d.sessions)).toEqual(['<5', 0, 0]);
    expect(s.sessionsByStation).toContainEqual({ stationId: 'kallio-1', location: 'Test kallio-1', sessions: 0 });
    expect(s.sessionsBySite).toContainEqual({ siteKind: 'community-house', sessions: 0 });
  });
});
