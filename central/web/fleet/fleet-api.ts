/** The fleet view's calls to central (`/api/v1/fleet/*`, cookie session + CSRF on changes). */
import type { Me, SessionReply } from '../../../protocol/auth.ts';
import type {
  FleetActionQueue,
  FleetList,
  FleetStationDetail,
  FleetStatus,
  OverrideChange,
  OverrideRefusal,
  OverrideVersion,
} from '../../../protocol/fleet.ts';

export type { Me };

/**
 * Thrown for answers other than 2xx, and with status 0 when central could not be reached. A
 * refused override carries the fields central named (`problems`).
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: OverrideRefusal['problems'] = [],
  ) {
    super(message);
  }
}

export function createFleetApi(fetchImpl: typeof fetch) {
  let csrf = '';
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.method && init.method !== 'GET') headers['x-csrf-token'] = csrf;
    const response = await fetchImpl(path, { credentials: 'same-origin', ...init, headers }).catch((error: unknown) => {
      throw new ApiFailure(0, error instanceof Error ? error.message : 'network');
    });
    const body = (await response.json().catch(() => null)) as (Partial<OverrideRefusal> & { message?: string }) | null;
    if (!response.ok) throw new ApiFailure(response.status, body?.message ?? response.statusText, body?.problems);
    return body as T;
  };
  const remember = (me: Me) => {
    csrf = me.csrfToken;
    return me;
  };
  return {
    /** Who is logged in, or null: asked at start, where nobody yet is normal (no 401 in the console). */
    me: async () => {
      const { me } = await call<SessionReply>('/api/v1/auth/session');
      return me && remember(me);
    },
    login: async (name: string, password: string) =>
      remember(await call<Me>('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ name, password }) })),
    logout: () => call<unknown>('/api/v1/auth/logout', { method: 'POST', body: '{}' }),
    list: (filter: { site: string; status: FleetStatus | '' }) => {
      const params = new URLSearchParams();
      if (filter.site) params.set('site', filter.site);
      if (filter.status) params.set('status', filter.status);
      const query = params.toString();
      return call<FleetList>(`/api/v1/fleet/stations${query ? `?${query}` : ''}`);
    },
    station: (id: string) => call<FleetStationDetail>(`/api/v1/fleet/stations/${encodeURIComponent(id)}`),
    queue: (body: FleetActionQueue) =>
      call<unknown>('/api/v1/fleet/actions', { method: 'POST', body: JSON.stringify(body) }),
    cancel: (actionId: string) =>
      call<unknown>(`/api/v1/fleet/actions/${encodeURIComponent(actionId)}/cancel`, { method: 'POST', body: '{}' }),
    setOverrides: (change: OverrideChange) =>
      call<OverrideVersion>('/api/v1/fleet/config/overrides', { method: 'PUT', body: JSON.stringify(change) }),
  };
}

export type FleetApi = ReturnType<typeof createFleetApi>;
