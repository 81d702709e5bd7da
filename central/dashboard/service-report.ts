/**
 * The service report (issue 14): per e-service and Helsinki week, visits that opened it, how the
 * visitors who answered "Did you get it done?" answered and why, help asked in those visits, and
 * navigations refused inside it. Every count goes through the dashboard's small-count protection
 * (suppression.ts): "<5" below 5, small reasons and topics only summed, counts rounded by a keyed
 * draw, so the owner's view and a coordinator's of the same service agree.
 *
 * Where the figures come from:
 * - visits, answers and refused navigations: the day × site rollup `daily_site_totals` kept at
 *   ingest (central/rollups/); `feedback.service` carries `service:outcome[:reason]` as its dim;
 * - help per service: help requests are recorded per visit with a topic, never with a service, so
 *   the only thing the data supports is "visits that opened this service and asked for help" —
 *   a join of raw events on the visit's id, which exist only for `retentionDays` (90). The report
 *   therefore covers at most 12 weeks (MAX_SERVICE_REPORT_WEEKS).
 */
import {
  FEEDBACK_OUTCOMES,
  FEEDBACK_REASONS,
  type FeedbackOutcome,
  type FeedbackReason,
} from '../../protocol/events.ts';
import type { ServiceReport, ServiceWeek } from '../../protocol/dashboard.ts';
import type { SqlValue, Storage } from '../storage/storage.ts';
import {
  foldSmallCategories,
  MIN_SESSIONS_PER_FIGURE,
  ROUNDING_BASE,
  type SmallCountProtection,
} from './suppression.ts';

/** The range and filters of one report (already checked and filled in by the route). */
export interface ServiceReportFilter {
  from: string;
  to: string;
  weeks: number;
  site?: string | undefined;
  /** Services the user may see; null for every service (coordinators, admins). */
  services: readonly string[] | null;
}

/** True counts of one service and week, before protection. */
interface RawWeek {
  visits: number;
  outcomes: Record<FeedbackOutcome, number>;
  reasons: Map<FeedbackReason, number>;
  helpSessions: Set<string>;
  helpTopics: Map<string, Set<string>>;
  blocked: { events: number; sessions: number };
}

const emptyWeek = (): RawWeek => ({
  visits: 0,
  outcomes: { yes: 0, partly: 0, no: 0 },
  reasons: new Map(),
  helpSessions: new Set(),
  helpTopics: new Map(),
  blocked: { events: 0, sessions: 0 },
});

/** Monday of the week of a `YYYY-MM-DD` day (the day is a calendar date, so UTC arithmetic is exact). */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Parses a `feedback.service` dim `service:outcome[:reason]`; null for anything else. */
export function parseFeedbackDim(
  dim: string,
): { serviceId: string; outcome: FeedbackOutcome; reason: FeedbackReason | null } | null {
  const [serviceId, outcome, reason, ...rest] = dim.split(':');
  if (!serviceId || rest.length > 0) return null;
  if (!(FEEDBACK_OUTCOMES as readonly string[]).includes(outcome ?? '')) return null;
  if (reason !== undefined && !(FEEDBACK_REASONS as readonly string[]).includes(reason)) return null;
  return {
    serviceId,
    outcome: outcome as FeedbackOutcome,
    reason: (reason as FeedbackReason | undefined) ?? null,
  };
}

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};

export function createServiceReportQueries(storage: Storage) {
  /** Rollup rows of the three figures kept per (type, dim), per day. */
  const rollupRows = async (filter: ServiceReportFilter) => {
    let sql = `SELECT day, type, dim, SUM(events) AS events, SUM(sessions) AS sessions FROM daily_site_totals
               WHERE day >= ? AND day <= ? AND type IN ('service.opened', 'navigation.blocked', 'feedback.service')`;
    const params: SqlValue[] = [filter.from, filter.to];
    if (filter.site) {
      sql += ' AND site_kind = ?';
      params.push(filter.site);
    }
    return storage.all<{ day: string; type: string; dim: string; events: unknown; sessions: unknown }>(
      `${sql} GROUP BY day, type, dim`,
      params,
    );
  };

  /** (day, service, topic, visit) for every visit that opened a service and asked for help. */
  const helpRows = async (filter: ServiceReportFilter) => {
    const params: SqlValue[] = [filter.from, filter.to, filter.from, filter.to];
    let site = '';
    if (filter.site) {
      site = 'AND o.station_id IN (SELECT id FROM stations WHERE site_kind = ?)';
      params.push(filter.site);
    }
    // Both sides are picked by the (day, type) index; help requests are few, so the join is small.
    return storage.all<{ day: string; service: string; topic: string; session: string }>(
      `SELECT DISTINCT o.day AS day, o.dim AS service, h.dim AS topic, h.session_id AS session
       FROM (SELECT station_id, session_id, dim FROM events
             WHERE day >= ? AND day <= ? AND type = 'help.requested' AND session_id IS NOT NULL) h
       JOIN (SELECT day, station_id, session_id, dim FROM events
             WHERE day >= ? AND day <= ? AND type = 'service.opened' AND session_id IS NOT NULL) o
         ON o.session_id = h.session_id AND o.station_id = h.station_id
       WHERE 1 = 1 ${site}`,
      params,
    );
  };

  return {
    /** The report for `filter`, every count protected by `protection`. */
    async report(filter: ServiceReportFilter, protection: SmallCountProtection): Promise<ServiceReport> {
      const weeks = Array.from({ length: filter.weeks }, (_, i) => addDays(mondayOf(filter.from), 7 * i));
      const allowed = filter.services ? new Set(filter.services) : null;
      const byService = new Map<string, Map<string, RawWeek>>();
      const weekOf = (serviceId: string, day: string): RawWeek | null => {
        if (allowed && !allowed.has(serviceId)) return null;
        let perWeek = byService.get(serviceId);
        if (!perWeek) byService.set(serviceId, (perWeek = new Map(weeks.map((w) => [w, emptyWeek()]))));
        return perWeek.get(mondayOf(day)) ?? null;
      };

      for (const row of await rollupRows(filter)) {
        const events = Number(row.events);
        const sessions = Number(row.sessions);
        if (row.type === 'service.opened') {
          const week = weekOf(row.dim, row.day);
          // A visit is one session; one that crossed midnight counts on both days (rare).
          if (week) week.visits += sessions;
        } else if (row.type === 'navigation.blocked') {
          const week = weekOf(row.dim, row.day);
          if (week) {
            week.blocked.events += events;
            week.blocked.sessions += sessions;
          }
        } else {
          const answer = parseFeedbackDim(row.dim);
          const week = answer && weekOf(answer.serviceId, row.day);
          if (answer && week) {
            // One feedback.service event per visit and service: events are answers.
            week.outcomes[answer.outcome] += events;
            if (answer.reason) week.reasons.set(answer.reason, (week.reasons.get(answer.reason) ?? 0) + events);
          }
        }
      }
      for (const row of await helpRows(filter)) {
        const week = weekOf(row.service, row.day);
        if (!week) continue;
        week.helpSessions.add(row.session);
        const topic = week.helpTopics.get(row.topic) ?? new Set<string>();
        topic.add(row.session);
        week.helpTopics.set(row.topic, topic);
      }
      // A service owner sees each of their services, also one nobody opened in the range.
      for (const id of filter.services ?? []) if (!byService.has(id)) weekOf(id, filter.from);

      const services = [...byService.keys()].sort().map((serviceId) => {
        const perWeek = byService.get(serviceId) ?? new Map<string, RawWeek>();
        return {
          serviceId,
          weeks: weeks.map((week) =>
            protect(protection, `${serviceId}:${week}`, week, perWeek.get(week) ?? emptyWeek()),
          ),
          total: protect(protection, `${serviceId}:total`, filter.from, totalOf([...perWeek.values()])),
        };
      });
      return {
        filter: {
          from: filter.from,
          to: filter.to,
          weeks: filter.weeks,
          ...(filter.site ? { site: filter.site } : {}),
        },
        services,
        protection: { minSessions: MIN_SESSIONS_PER_FIGURE, roundedTo: ROUNDING_BASE, widenedToWeeks: false },
      };
    },
  };
}

/** The weeks of one service added up (visits in different weeks are different visits). */
function totalOf(weeks: RawWeek[]): RawWeek {
  const total = emptyWeek();
  for (const w of weeks) {
    total.visits += w.visits;
    for (const o of FEEDBACK_OUTCOMES) total.outcomes[o] += w.outcomes[o];
    for (const [r, n] of w.reasons) total.reasons.set(r, (total.reasons.get(r) ?? 0) + n);
    for (const s of w.helpSessions) total.helpSessions.add(s);
    for (const [t, set] of w.helpTopics) total.helpTopics.set(t, new Set([...(total.helpTopics.get(t) ?? []), ...set]));
    total.blocked.events += w.blocked.events;
    total.blocked.sessions += w.blocked.sessions;
  }
  return total;
}

/** One week's true counts as published: every count through `activity`, small reasons and topics folded. */
function protect(protection: SmallCountProtection, cell: string, week: string, raw: RawWeek): ServiceWeek {
  const count = (name: string, n: number, sessions = n) => protection.activity(`${cell}:${name}`, n, sessions);
  const answered = sum(Object.values(raw.outcomes));
  const reasons = foldSmallCategories(
    [...raw.reasons].sort(([a], [b]) => (a < b ? -1 : 1)),
    ([, n]) => n,
  );
  const topics = foldSmallCategories(
    [...raw.helpTopics].map(([topic, set]) => [topic, set.size] as const).sort(([a], [b]) => (a < b ? -1 : 1)),
    ([, n]) => n,
  );
  const otherReasons = sum(reasons.other.map(([, n]) => n));
  const otherTopics = sum(topics.other.map(([, n]) => n));
  return {
    week,
    visits: count('visits', raw.visits),
    answered: count('answered', answered),
    outcomes: {
      yes: count('yes', raw.outcomes.yes),
      partly: count('partly', raw.outcomes.partly),
      no: count('no', raw.outcomes.no),
    },
    reasons: reasons.listed.map(([reason, n]) => ({ reason, answers: count(`reason:${reason}`, n) })),
    otherReasons: count('reason:other', otherReasons),
    helpVisits: count('help', raw.helpSessions.size),
    helpTopics: topics.listed.map(([topic, n]) => ({ topic, visits: count(`help:${topic}`, n) })),
    otherHelpTopics: count('help:other', otherTopics),
    blocked: count('blocked', raw.blocked.events, raw.blocked.sessions),
  };
}
