/** The dashboard's calls to central; every figure may arrive as "<5" and is shown as such. */

import type { Me, SessionReply } from '../../../protocol/auth.ts';
import type { Cell, DashboardSummary, ServiceReport, ServiceWeek } from '../../../protocol/dashboard.ts';

export type { Cell, DashboardSummary, Me, ServiceReport, ServiceWeek };

/** What the service report is asked for: the last `weeks` weeks, all sites or one kind. */
export interface ServiceReportFilter {
  weeks: number;
  site: string;
}

/** Query string of the service report and its CSV. */
export function serviceReportQuery(filter: ServiceReportFilter): string {
  const params = new URLSearchParams({ weeks: String(filter.weeks) });
  if (filter.site) params.set('site', filter.site);
  return params.toString();
}

export interface Filter {
  from: string;
  to: string;
  site: string;
  station: string;
}

/**
 * Thrown for answers other than 2xx, and with status 0 when central could not be reached. The UI
 * shows its own localized text chosen by `status` (central's `message` is English, for logs).
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function filterQuery(filter: Filter): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.site) params.set('site', filter.site);
  if (filter.station) params.set('station', filter.station);
  return params.toString();
}

export function createDashboardApi(fetchImpl: typeof fetch) {
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetchImpl(path, { credentials: 'same-origin', ...init }).catch((error: unknown) => {
      throw new ApiFailure(0, error instanceof Error ? error.message : 'network');
    });
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    if (!response.ok) throw new ApiFailure(response.status, body?.message ?? response.statusText);
    return body as T;
  };
  return {
    /** Who is logged in, or null: asked at start, where nobody yet is normal (no 401 in the console). */
    me: async () => (await call<SessionReply>('/api/v1/auth/session')).me,
    login: (name: string, password: string) =>
      call<Me>('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password }),
      }),
    logout: (csrfToken: string) =>
      call<unknown>('/api/v1/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrfToken } }),
    summary: (filter: Filter) => call<DashboardSummary>(`/api/v1/dashboard/summary?${filterQuery(filter)}`),
    serviceReport: (filter: ServiceReportFilter) =>
      call<ServiceReport>(`/api/v1/dashboard/service-report?${serviceReportQuery(filter)}`),
  };
}

export type DashboardApi = ReturnType<typeof createDashboardApi>;
