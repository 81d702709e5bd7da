/**
 * The service report (issue 14) on SQLite and PostgreSQL: answers per service and week through the
 * real ingest path, the small-count rule on every figure, and what a service owner may see.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceReport, ServiceWeek } from '../../protocol/dashboard.ts';
import { repeatVisit, uploadFeedbackVisits, type FeedbackVisit } from '../testing/feedback-fixtures.ts';
import { storageTargets } from '../testing/storage-targets.ts';
import { createTestCentral, manualClock, type TestCentral, type UserSession } from '../testing/test-app.ts';
import { createServiceOwners } from './service-owners.ts';
import { mondayOf, parseFeedbackDim } from './service-report.ts';

const upload = (central: TestCentral, token: string, visits: FeedbackVisit[]) =>
  uploadFeedbackVisits((request) => central.app.inject(request), token, visits);
const repeat = repeatVisit;
/** A count of 5–9 may be published as 5 or 10, never as itself. */
const fiveOrTen = [5, 10];

describe.each(storageTargets)('the service report on $name', (target) => {
  let central: TestCentral;
  let dispose: () => Promise<void>;
  let coordinator: UserSession;
  // Monday 2026-11-23 12:00 Helsinki; the week before starts 2026-11-16.
  const monday = Date.parse('2026-11-23T10:00:00Z');
  const lastWeek = monday - 7 * 86400_000;

  beforeEach(async () => {
    const opened = await target.open();
    dispose = opened.dispose;
    central = await createTestCentral({ storage: opened.storage, clock: manualClock(monday) });
    coordinator = await central.login('coordinator');
    const oodi = await central.addStation('oodi-1', { siteKind: 'library' });
    const kallio = await central.addStation('kallio-1', { siteKind: 'community-house' });
    await upload(central, oodi, [
      ...repeat(6, { at: monday, services: ['kela'], outcome: 'no', reason: 'login', helpTopic: 'bank-id' }),
      ...repeat(1, { at: monday, services: ['kela'], outcome: 'yes' }),
      ...repeat(2, { at: monday, services: ['kela'] }),
      ...repeat(5, { at: monday, services: ['omakanta', 'kela'], outcome: 'yes', blocked: 'omakanta' }),
      ...repeat(2, { at: lastWeek, services: ['kela'], outcome: 'partly', reason: 'service-broken' }),
    ]);
    await upload(central, kallio, repeat(3, { at: monday, services: ['suomi-fi'], outcome: 'partly' }));
  });
  afterEach(async () => {
    await central.app.close();
    await dispose();
  });

  const report = async (user: UserSession, query = '') => {
    const response = await central.app.inject({
      method: 'GET',
      url: `/api/v1/dashboard/service-report?weeks=2${query}`,
      headers: { cookie: user.cookie },
    });
    expect(response.statusCode).toBe(200);
    return response.json<ServiceReport>();
  };
  const week = (r: ServiceReport, serviceId: string, day: string): ServiceWeek | undefined =>
    r.services.find((s) => s.serviceId === serviceId)?.weeks.find((w) => w.week === day);

  it('counts got done / partly / not done per service and week, with the reasons and help in those visits', async () => {
    const r = await report(coordinator);
    expect(r.filter).toMatchObject({ from: '2026-11-16', to: '2026-11-23', weeks: 2 });
    expect(r.services.map((s) => s.serviceId)).toEqual(['kela', 'omakanta', 'suomi-fi']);
    const kela = week(r, 'kela', '2026-11-23');
    // 14 visits opened Kela this week; 6 said No (could not log in), 6 Yes; 6 asked for help (bank id).
    expect([10, 15]).toContain(kela?.visits);
    expect(fiveOrTen).toContain(kela?.outcomes.no);
    expect(fiveOrTen).toContain(kela?.outcomes.yes);
    expect(kela?.outcomes.partly).toBe('<5');
    expect(kela?.reasons.map((x) => x.reason)).toEqual(['login']);
    expect(fiveOrTen).toContain(kela?.helpVisits);
    expect(kela?.helpTopics.map((t) => t.topic)).toEqual(['bank-id']);
    expect(fiveOrTen).toContain(week(r, 'omakanta', '2026-11-23')?.blocked);
  });

  it('never shows a figure behind fewer than 5 visits: "<5", and small reasons only summed', async () => {
    const r = await report(coordinator);
    const before = week(r, 'kela', '2026-11-16');
    expect(before).toMatchObject({ visits: '<5', outcomes: { partly: '<5' }, reasons: [], otherReasons: '<5' });
    expect(week(r, 'suomi-fi', '2026-11-23')).toMatchObject({ visits: '<5', answered: '<5', reasons: [] });
    const published = JSON.stringify(r.services).match(/:(\d+)[,}]/g) ?? [];
    for (const value of published) expect(Number(value.slice(1, -1)) % 5).toBe(0);
    // The same question asked again gets the same answer (keyed rounding).
    expect(await report(coordinator)).toEqual(r);
  });

  it('shows a service owner only their own services, and refuses another service', async () => {
    const owner = await central.login('service-owner', 'kela-owner');
    await createServiceOwners(central.storage).setServices('kela-owner', ['kela']);
    const r = await report(owner);
    expect(r.services.map((s) => s.serviceId)).toEqual(['kela']);
    // The owner and a coordinator see the same protected numbers for the same service.
    expect(r.services[0]).toEqual((await report(coordinator)).services.find((s) => s.serviceId === 'kela'));
    const refused = await central.app.inject({
      method: 'GET',
      url: '/api/v1/dashboard/service-report?service=omakanta',
      headers: { cookie: owner.cookie },
    });
    expect(refused.statusCode).toBe(403);
    const summary = await central.app.inject({
      method: 'GET',
      url: '/api/v1/dashboard/summary',
      headers: { cookie: owner.cookie },
    });
    expect(summary.statusCode).toBe(403);
  });

  it('gives a service owner without services an empty report, not everyone’s', async () => {
    const owner = await central.login('service-owner', 'nobody');
    expect((await report(owner)).services).toEqual([]);
  });

  it('narrows to one site kind', async () => {
    const r = await report(coordinator, '&site=community-house');
    expect(r.services.map((s) => s.serviceId)).toEqual(['suomi-fi']);
  });

  it('exports the same protected figures as CSV', async () => {
    const response = await central.app.inject({
      method: 'GET',
      url: '/api/v1/dashboard/service-report.csv?weeks=2&service=kela',
      headers: { cookie: coordinator.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('service;week;figure;key;value');
    expect(lines).toContain('kela;2026-11-16;visits;;<5');
    expect(lines.some((l) => /^kela;2026-11-23;reason;login;(5|10)$/.test(l))).toBe(true);
    for (const line of lines.slice(1)) expect(line).toMatch(/;(<5|\d*[05])$/);
  });

  it('refuses strangers and a range past the raw events', async () => {
    const stranger = await central.app.inject({ method: 'GET', url: '/api/v1/dashboard/service-report' });
    expect(stranger.statusCode).toBe(401);
    const long = await central.app.inject({
      method: 'GET',
      url: '/api/v1/dashboard/service-report?weeks=13',
      headers: { cookie: coordinator.cookie },
    });
    expect(long.statusCode).toBe(400);
  });

  it('stores each answer as one event row whose dim names the outcome and reason', async () => {
    const rows = await central.storage.all<{ type: string; dim: string }>(
      `SELECT type, dim FROM events WHERE type LIKE 'feedback.%' AND dim LIKE '%login' GROUP BY type, dim ORDER BY type, dim`,
    );
    expect(rows).toEqual([
      { type: 'feedback.given', dim: 'no:login' },
      { type: 'feedback.service', dim: 'kela:no:login' },
    ]);
  });
});

describe('service report helpers', () => {
  it('finds the Monday of a week, across a month and a year', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('reads only well-formed feedback dims', () => {
    expect(parseFeedbackDim('kela:no:login')).toEqual({ serviceId: 'kela', outcome: 'no', reason: 'login' });
    expect(parseFeedbackDim('kela:yes')).toEqual({ serviceId: 'kela', outcome: 'yes', reason: null });
    expect(parseFeedbackDim('kela:maybe')).toBeNull();
    expect(parseFeedbackDim('kela:no:typed-text')).toBeNull();
  });
});
