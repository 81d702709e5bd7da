/**
 * The dashboard API's answer, shared by the server (dashboard-queries.ts) and the web app
 * (web/dashboard/dashboard-api.ts). Type-only and free of Node or DOM types so both builds use it.
 */

/** A figure as the API returns it: the number, or "<5" when fewer than 5 sessions stand behind it. */
export type Cell = number | '<5';

export interface DashboardFilter {
  /** First and last local day, inclusive (`YYYY-MM-DD`). */
  from: string;
  to: string;
  /** A site kind (library, community-house, ...). */
  site?: string | undefined;
  station?: string | undefined;
}

/** Everything the dashboard shows, every figure already suppressed below 5 sessions. */
export interface DashboardSummary {
  filter: DashboardFilter;
  stations: { id: string; location: string; siteKind: string }[];
  totalSessions: Cell;
  medianSessionSeconds: Cell;
  sessionsPerDay: { day: string; sessions: Cell }[];
  /** 168 cells, Monday 00-01 first, Helsinki time. */
  sessionsPerHourOfWeek: { hourOfWeek: number; sessions: Cell }[];
  sessionsBySite: { siteKind: string; sessions: Cell }[];
  sessionsByStation: { stationId: string; location: string; sessions: Cell }[];
  topServices: { serviceId: string; opens: Cell }[];
  languages: { language: string; sessions: Cell }[];
  accessibilityModes: { mode: string; sessions: Cell }[];
  help: { topic: string; requested: Cell; answered: Cell; cancelled: Cell; averageWaitSeconds: Cell }[];
  blockedNavigations: { serviceId: string; blocked: Cell }[];
}
