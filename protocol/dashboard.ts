/**
 * The usage dashboard's API (`/api/v1/dashboard/*`, coordinators and admins): the query that picks
 * days and stations, and the summary it answers with. Every figure is already protected on
 * central (docs/privacy.md, "Small numbers"): fewer than 5 sessions behind a figure and it arrives
 * as the string "<5"; categories below 5 sessions arrive only summed in `other`; counts arrive
 * rounded to a multiple of 5.
 */
import { z } from 'zod';
import { slugSchema } from './events.ts';

/** Kinds of site a station stands in (the station config's `location.siteKind` uses the same list). */
export const SITE_KINDS = ['library', 'community-house', 'senior-centre', 'service-centre'] as const;
export const siteKindSchema = z.enum(SITE_KINDS);
export type SiteKind = z.infer<typeof siteKindSchema>;

/** A local calendar day in Helsinki, `YYYY-MM-DD`. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  // The shape alone lets 2026-13-99 through, and Date.parse of it is NaN, which no range check catches.
  .refine(isCalendarDay, 'must be a real calendar day');

/** True when `YYYY-MM-DD` names a day that exists (no month 13, no 30 February). */
function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/**
 * Query of `GET /summary` and `GET /export.csv`. Without `from`/`to` the range is the last 30 days
 * including today; a range may cover at most 400 days.
 */
export const dashboardQuerySchema = z
  .object({
    from: daySchema.optional(),
    to: daySchema.optional(),
    site: siteKindSchema.optional(),
    station: slugSchema.optional(),
  })
  .strict();
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** Longest range one request may ask for, in days. */
export const MAX_DASHBOARD_RANGE_DAYS = 400;

/**
 * A figure: the number, or "<5" when fewer than 5 sessions stand behind it.
 * Since issue 10 a count is a multiple of 5 (rounded up or down, never by more than 4), and a
 * visit count of zero is 0 while a count of what visitors did (languages, services...) is "<5"
 * from 0 to 4; averages are rounded to a step (wait to 30 s, session length to the minute).
 */
export const cellSchema = z.union([z.number(), z.literal('<5')]);
export type Cell = z.infer<typeof cellSchema>;

/** The range and filters a summary was computed for (defaults filled in). */
export const dashboardFilterSchema = z.object({
  /**
   * First and last local day, inclusive. With `station` set the range is widened to whole weeks
   * (Monday to Sunday): one station's figures are never shown for less than a week.
   */
  from: daySchema,
  to: daySchema,
  /** A site kind (library, community-house, ...). */
  site: z.string().optional(),
  station: z.string().optional(),
});
export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;

/** Sums of the categories each below 5 sessions (a language, a mode, a service, a help topic). */
export const dashboardOtherSchema = z.object({
  topServices: cellSchema,
  languages: cellSchema,
  accessibilityModes: cellSchema,
  blockedNavigations: cellSchema,
  help: z.object({ requested: cellSchema, answered: cellSchema, cancelled: cellSchema }),
});
export type DashboardOther = z.infer<typeof dashboardOtherSchema>;

/** How the figures of a summary were protected (docs/privacy.md, "Small numbers"). */
export const dashboardProtectionSchema = z.object({
  /** Fewer sessions than this behind a figure or category: "<5", or summed into `other`. */
  minSessions: z.number().int(),
  /** Counts are multiples of this. */
  roundedTo: z.number().int(),
  /** True when one station is selected and the range was widened to whole weeks. */
  widenedToWeeks: z.boolean(),
});
export type DashboardProtection = z.infer<typeof dashboardProtectionSchema>;

/** Reply of `GET /api/v1/dashboard/summary`: everything the dashboard shows. */
export const dashboardSummarySchema = z.object({
  filter: dashboardFilterSchema,
  stations: z.array(z.object({ id: z.string(), location: z.string(), siteKind: z.string() })),
  totalSessions: cellSchema,
  medianSessionSeconds: cellSchema,
  sessionsPerDay: z.array(z.object({ day: z.string(), sessions: cellSchema })),
  /** 168 cells, Monday 00-01 first, Helsinki time. */
  sessionsPerHourOfWeek: z.array(z.object({ hourOfWeek: z.number().int(), sessions: cellSchema })),
  sessionsBySite: z.array(z.object({ siteKind: z.string(), sessions: cellSchema })),
  sessionsByStation: z.array(z.object({ stationId: z.string(), location: z.string(), sessions: cellSchema })),
  topServices: z.array(z.object({ serviceId: z.string(), opens: cellSchema })),
  languages: z.array(z.object({ language: z.string(), sessions: cellSchema })),
  accessibilityModes: z.array(z.object({ mode: z.string(), sessions: cellSchema })),
  help: z.array(
    z.object({
      topic: z.string(),
      requested: cellSchema,
      answered: cellSchema,
      cancelled: cellSchema,
      averageWaitSeconds: cellSchema,
    }),
  ),
  blockedNavigations: z.array(z.object({ serviceId: z.string(), blocked: cellSchema })),
  /**
   * Categories behind fewer than 5 sessions, summed, per figure: they are never listed one by one
   * above. Always sent by central (optional only so summaries built elsewhere stay valid).
   */
  other: dashboardOtherSchema.optional(),
  /** The protection applied to this summary, for the page's footnote. Always sent by central. */
  protection: dashboardProtectionSchema.optional(),
});
export type DashboardSummary = z.infer<typeof dashboardSummarySchema>;

/**
 * Longest range of the service report, in weeks. Help per service joins raw events of one visit,
 * and raw events are kept 90 days (docs/privacy.md), so the report never reaches past them.
 */
export const MAX_SERVICE_REPORT_WEEKS = 12;

/**
 * Query of `GET /api/v1/dashboard/service-report` and its `.csv`: the last `weeks` Helsinki weeks
 * (Monday to Sunday, the current week so far included), city-wide or for one site kind, all
 * services the user may see or one of them. No station filter: one station's week is too few visits.
 */
export const serviceReportQuerySchema = z
  .object({
    weeks: z.coerce.number().int().min(1).max(MAX_SERVICE_REPORT_WEEKS).optional(),
    site: siteKindSchema.optional(),
    service: slugSchema.optional(),
  })
  .strict();
export type ServiceReportQuery = z.infer<typeof serviceReportQuerySchema>;

/** One service over one week (or, as `total`, over the whole range); every count protected. */
export const serviceWeekSchema = z.object({
  /** Monday of the week (Helsinki); for a total, the first day of the range. */
  week: daySchema,
  /** Visits that opened the service. */
  visits: cellSchema,
  /** Of those, visits whose visitor answered "Did you get it done?". */
  answered: cellSchema,
  outcomes: z.object({ yes: cellSchema, partly: cellSchema, no: cellSchema }),
  /** What got in the way (after Partly or No), reasons with at least 5 answers. */
  reasons: z.array(z.object({ reason: z.string(), answers: cellSchema })),
  /** Reasons below 5 answers, summed. */
  otherReasons: cellSchema,
  /**
   * Visits that opened the service and asked for help in the same visit. Help is recorded per
   * visit, not per service: a visit that opened two services counts for both.
   */
  helpVisits: cellSchema,
  helpTopics: z.array(z.object({ topic: z.string(), visits: cellSchema })),
  otherHelpTopics: cellSchema,
  /** Navigations refused inside the service (an address outside its allowed sites). */
  blocked: cellSchema,
});
export type ServiceWeek = z.infer<typeof serviceWeekSchema>;

/** Reply of `GET /api/v1/dashboard/service-report`. */
export const serviceReportSchema = z.object({
  filter: z.object({
    from: daySchema,
    to: daySchema,
    weeks: z.number().int(),
    site: z.string().optional(),
    service: z.string().optional(),
  }),
  /** The services the user may see (a service owner: their own; others: every service). */
  services: z.array(
    z.object({
      serviceId: z.string(),
      /** Oldest week first, every week of the range. */
      weeks: z.array(serviceWeekSchema),
      total: serviceWeekSchema,
    }),
  ),
  protection: dashboardProtectionSchema,
});
export type ServiceReport = z.infer<typeof serviceReportSchema>;
