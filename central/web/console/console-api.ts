/**
 * The console's calls to central: login through central's auth routes, help actions with the CSRF
 * header, and the live queue over EventSource (same origin, so the session cookie goes along and the
 * browser reconnects with `Last-Event-ID` by itself).
 */
import {
  HELP_API_PREFIX,
  type AdvisorPresence,
  type ChatMessage,
  type HelpClaimConflict,
  type HelpQueueItem,
  type ScreenAskResult,
  type ScreenSignal,
} from '../../../protocol/help.ts';
import type { Me, SessionReply } from '../../../protocol/auth.ts';

export type { Me };

export type ActionOutcome<T> =
  { ok: true; value: T } | { ok: false; status: number; body: Partial<HelpClaimConflict> & { message?: string } };

/** Why the console went back to the login form on its own. */
export type SessionEnd = 'expired' | 'ended' | 'disabled';

export interface ConsoleApi {
  me(): Promise<Me | null>;
  /**
   * Called when central answers 401 to a logged-in console (session expired, revoked or logged
   * out elsewhere), so the app can show the login form with a message instead of failing quietly.
   * Returns the unsubscribe function.
   */
  onSessionEnded(listener: (why: SessionEnd) => void): () => void;
  /** Tells the listeners that the session ended (the live stream uses it when central ends it). */
  sessionEnded(why: SessionEnd): void;
  login(name: string, password: string): Promise<{ ok: true; me: Me } | { ok: false; status: number; message: string }>;
  logout(): Promise<void>;
  heartbeat(): Promise<void>;
  /** Sets presence; resolves to the status central now holds (null if it refused). */
  setPresence(status: AdvisorPresence): Promise<AdvisorPresence | null>;
  act(id: string, action: 'claim' | 'release' | 'resolve'): Promise<ActionOutcome<HelpQueueItem>>;
  send(id: string, text: string): Promise<ActionOutcome<ChatMessage>>;
  handledToday(): Promise<HelpQueueItem[]>;
  /** Opens the live queue; returns the EventSource so the caller can listen and close it. */
  stream(): EventSource;
  /** Screen view (issue 16): ask the visitor of my claimed request to show their screen. */
  screenAsk(id: string): Promise<ActionOutcome<ScreenAskResult>>;
  /** The WebRTC answer or an ICE candidate, for the station. */
  screenSignal(id: string, signal: ScreenSignal): Promise<ActionOutcome<unknown>>;
  /** Shows the visitor a spot, as fractions of the picture. */
  screenPointer(id: string, pointer: { shareId: string; x: number; y: number }): Promise<ActionOutcome<unknown>>;
  screenStop(id: string, shareId: string): Promise<ActionOutcome<unknown>>;
  /** Screen-view events from the live stream (`screen.*`); returns the unsubscribe function. */
  onScreenEvent(listener: (type: string, data: unknown) => void): () => void;
  /** Called by the live stream for each `screen.*` event. */
  screenEvent(type: string, data: unknown): void;
}

export function createConsoleApi(win: Window & typeof globalThis): ConsoleApi {
  let csrf = '';
  const listeners = new Set<(why: SessionEnd) => void>();
  const ended = (why: SessionEnd) => {
    if (!csrf) return; // already logged out: tell the app once
    csrf = '';
    for (const listener of [...listeners]) listener(why);
  };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await win.fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const data = (await response.json().catch(() => ({}))) as unknown;
    // Login and "who am I" answer 401 as a normal outcome; anywhere else it means the session is gone.
    if (response.status === 401 && !path.startsWith('/api/v1/auth/')) ended('expired');
    return { status: response.status, data };
  };
  const outcome = <T>(r: { status: number; data: unknown }): ActionOutcome<T> =>
    r.status >= 200 && r.status < 300
      ? { ok: true, value: r.data as T }
      : {
          ok: false,
          status: r.status,
          body: r.data as ActionOutcome<T> extends { ok: false; body: infer B } ? B : never,
        };
  const advisor = `${HELP_API_PREFIX}/advisor`;
  const screenListeners = new Set<(type: string, data: unknown) => void>();

  return {
    onSessionEnded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sessionEnded: ended,
    async me() {
      // /session, not /me: "nobody yet" is normal at start and must not log a 401 in the console.
      const r = await call('GET', '/api/v1/auth/session');
      const me = r.status === 200 ? (r.data as SessionReply).me : null;
      if (me) csrf = me.csrfToken;
      return me;
    },
    async login(name, password) {
      const r = await call('POST', '/api/v1/auth/login', { name, password });
      if (r.status !== 200)
        return { ok: false, status: r.status, message: (r.data as { message?: string }).message ?? '' };
      const me = r.data as Me;
      csrf = me.csrfToken;
      return { ok: true, me };
    },
    async logout() {
      await call('POST', '/api/v1/auth/logout');
      csrf = '';
    },
    async heartbeat() {
      await call('POST', `${advisor}/heartbeat`);
    },
    async setPresence(status) {
      const r = await call('PUT', `${advisor}/presence`, { status });
      return r.status === 200 ? (r.data as { status: AdvisorPresence }).status : null;
    },
    async act(id, action) {
      return outcome<HelpQueueItem>(await call('POST', `${advisor}/requests/${id}/${action}`));
    },
    async send(id, text) {
      return outcome<ChatMessage>(await call('POST', `${advisor}/requests/${id}/messages`, { text }));
    },
    async handledToday() {
      const r = await call('GET', `${advisor}/handled-today`);
      return r.status === 200 ? (r.data as { items: HelpQueueItem[] }).items : [];
    },
    stream: () => new win.EventSource(`${advisor}/stream`, { withCredentials: true }),
    async screenAsk(id) {
      return outcome<ScreenAskResult>(await call('POST', `${advisor}/requests/${id}/screen/ask`));
    },
    async screenSignal(id, signal) {
      return outcome(await call('POST', `${advisor}/requests/${id}/screen/signal`, signal));
    },
    async screenPointer(id, pointer) {
      return outcome(await call('POST', `${advisor}/requests/${id}/screen/pointer`, pointer));
    },
    async screenStop(id, shareId) {
      return outcome(await call('POST', `${advisor}/requests/${id}/screen/stop`, { shareId }));
    },
    onScreenEvent(listener) {
      screenListeners.add(listener);
      return () => screenListeners.delete(listener);
    },
    screenEvent(type, data) {
      for (const listener of [...screenListeners]) listener(type, data);
    },
  };
}
