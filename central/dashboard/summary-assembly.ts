/**
 * Turns a summary's figures, however they were read (the rollups in dashboard-queries.ts, raw events
 * in the reference raw-event-queries.ts), into the published summary: small categories folded into
 * `other`, every count protected (suppression.ts). One place, so both paths publish alike.
 */
import type { Cell, DashboardFilter, DashboardSummary } from '../../protocol/dashboard.ts';
import {
  foldSmallCategories,
  MIN_SESSIONS_PER_FIGURE,
  ROUNDING_BASE,
  type SmallCountProtection,
} from './suppression.ts';

/** Average waits are published to this step: an exact average times a count would give a sum away. */
const WAIT_STEP_SECONDS = 30;

/** Sums for one key (a day, station, site kind or category value). */
export interface Totals {
  key: string;
  events: number;
  sessions: number;
  seconds: number;
}

/** What a summary is made of, before protection. Sessions are session.started events. */
export interface SummaryFigures {
  stations: { id: string; location: string; site_kind: string }[];
  perDay: Totals[];
  perStation: Totals[];
  perSite: Totals[];
  services: Totals[];
  languages: Totals[];
  /** `accessibility.changed` values ending in `:on`. */
  modes: Totals[];
  blocked: Totals[];
  helpByType: { requested: Totals[]; answered: Totals[]; cancelled: Totals[] };
  heatByHour: Map<number, number>;
  /** Session lengths per whole minute, sorted by minute. */
  lengths: { minute: number; n: number }[];
}

/** The published summary of `figures` for `filter`, protected by `protection`. */
export function assembleSummary(
  filter: DashboardFilter,
  protection: SmallCountProtection,
  figures: SummaryFigures,
): DashboardSummary {
  const {
    stations,
    perDay,
    perStation,
    perSite,
    services,
    languages,
    modes,
    blocked,
    helpByType,
    heatByHour,
    lengths,
  } = figures;
  const locationOf = new Map(stations.map((s) => [s.id, s.location]));
  // Stations the filter covers, listed even without visits: a silent station is an operations fact.
  const inScope = stations.filter(
    (s) => (!filter.station || s.id === filter.station) && (!filter.site || s.site_kind === filter.site),
  );
  const endedCount = lengths.reduce((sum, l) => sum + Number(l.n), 0);
  const totalSessions = perDay.reduce((sum, d) => sum + d.events, 0);

  const find = (list: Totals[], key: string) =>
    list.find((t) => t.key === key) ?? { key, events: 0, sessions: 0, seconds: 0 };
  const sum = (list: Totals[], value: (t: Totals) => number) => list.reduce((total, t) => total + value(t), 0);
  const { visits, activity, average } = protection;

  // Categories below the threshold are summed into `other`, never listed one by one.
  const servicesFold = foldSmallCategories(services, (s) => s.sessions);
  const languagesFold = foldSmallCategories(languages, (l) => l.sessions);
  const modesFold = foldSmallCategories(modes, (m) => m.sessions);
  const blockedFold = foldSmallCategories(blocked, (b) => b.sessions);
  const topics = [
    ...new Set([...helpByType.requested, ...helpByType.answered, ...helpByType.cancelled].map((h) => h.key)),
  ].sort();
  const listedTopics = topics.filter((topic) => find(helpByType.requested, topic).sessions >= MIN_SESSIONS_PER_FIGURE);
  const otherTopics = topics.filter((topic) => !listedTopics.includes(topic));
  const otherHelp = (list: Totals[], name: string): Cell => {
    const rows = otherTopics.map((topic) => find(list, topic));
    return activity(
      `other:help:${name}`,
      sum(rows, (r) => r.events),
      sum(rows, (r) => r.sessions),
    );
  };
  const otherOf = (figure: string, rows: Totals[], value: (t: Totals) => number): Cell =>
    activity(
      `other:${figure}`,
      sum(rows, value),
      sum(rows, (r) => r.sessions),
    );

  const siteKinds = [...new Set([...inScope.map((s) => s.site_kind), ...perSite.map((s) => s.key)])];
  return {
    filter,
    stations: stations.map((s) => ({ id: s.id, location: s.location, siteKind: s.site_kind })),
    totalSessions: visits('total', totalSessions),
    medianSessionSeconds: average(medianFromHistogram(lengths) * 60 + 30, endedCount, 1),
    sessionsPerDay: daysBetween(filter.from, filter.to).map((day) => ({
      day,
      sessions: visits(`day:${day}`, find(perDay, day).events),
    })),
    sessionsPerHourOfWeek: Array.from({ length: 168 }, (_, hourOfWeek) => ({
      hourOfWeek,
      sessions: visits(`hour:${hourOfWeek}`, heatByHour.get(hourOfWeek) ?? 0),
    })),
    sessionsBySite: siteKinds
      .map((siteKind) => ({ siteKind, n: find(perSite, siteKind).events }))
      .sort((a, b) => b.n - a.n || a.siteKind.localeCompare(b.siteKind))
      .map(({ siteKind, n }) => ({ siteKind, sessions: visits(`site:${siteKind}`, n) })),
    sessionsByStation: [...new Set([...inScope.map((s) => s.id), ...perStation.map((s) => s.key)])]
      .map((stationId) => ({ stationId, n: find(perStation, stationId).events }))
      .sort((a, b) => b.n - a.n || a.stationId.localeCompare(b.stationId))
      .map(({ stationId, n }) => ({
        stationId,
        location: locationOf.get(stationId) ?? '',
        sessions: visits(`station:${stationId}`, n),
      })),
    topServices: servicesFold.listed.map((s) => ({
      serviceId: s.key,
      opens: activity(`service:${s.key}`, s.events, s.sessions),
    })),
    languages: languagesFold.listed.map((l) => ({
      language: l.key,
      sessions: activity(`language:${l.key}`, l.sessions, l.sessions),
    })),
    accessibilityModes: modesFold.listed.map((m) => ({
      mode: m.key.replace(/:on$/, ''),
      sessions: activity(`mode:${m.key}`, m.sessions, m.sessions),
    })),
    help: listedTopics.map((topic) => {
      const requested = find(helpByType.requested, topic);
      const answered = find(helpByType.answered, topic);
      const cancelled = find(helpByType.cancelled, topic);
      return {
        topic,
        requested: activity(`help:requested:${topic}`, requested.events, requested.sessions),
        answered: activity(`help:answered:${topic}`, answered.events, answered.sessions),
        cancelled: activity(`help:cancelled:${topic}`, cancelled.events, cancelled.sessions),
        averageWaitSeconds: average(
          answered.events ? answered.seconds / answered.events : 0,
          answered.sessions,
          WAIT_STEP_SECONDS,
        ),
      };
    }),
    blockedNavigations: blockedFold.listed.map((b) => ({
      serviceId: b.key,
      blocked: activity(`blocked:${b.key}`, b.events, b.sessions),
    })),
    other: {
      topServices: otherOf('services', servicesFold.other, (s) => s.events),
      languages: otherOf('languages', languagesFold.other, (l) => l.sessions),
      accessibilityModes: otherOf('modes', modesFold.other, (m) => m.sessions),
      blockedNavigations: otherOf('blocked', blockedFold.other, (b) => b.events),
      help: {
        requested: otherHelp(helpByType.requested, 'requested'),
        answered: otherHelp(helpByType.answered, 'answered'),
        cancelled: otherHelp(helpByType.cancelled, 'cancelled'),
      },
    },
    protection: {
      minSessions: MIN_SESSIONS_PER_FIGURE,
      roundedTo: ROUNDING_BASE,
      widenedToWeeks: filter.station !== undefined,
    },
  };
}

/** Median of a histogram of (minute, count) rows sorted by minute; the lower median for even counts. */
function medianFromHistogram(rows: { minute: number; n: number }[]): number {
  const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
  let seen = 0;
  for (const row of rows) {
    seen += Number(row.n);
    if (seen * 2 >= total) return Number(row.minute);
  }
  return 0;
}

/** Every day from `from` to `to` inclusive. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const date = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  // 400 days plus the widening to whole weeks.
  while (date <= end && days.length < 420) {
    days.push(date.toISOString().slice(0, 10));
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return days;
}
