import { useEffect, useReducer, useRef } from 'react';
import {
  HELP_CONSOLE_EVENTS,
  HELP_SCREEN_EVENTS,
  HELP_STREAM_END_EVENT,
  helpStreamEndSchema,
  helpConsoleChatEventSchema,
  helpConsoleSnapshotSchema,
  helpQueueItemSchema,
  advisorSummarySchema,
  type AdvisorPresence,
  type AdvisorSummary,
  type HelpConsoleSnapshot,
  type HelpQueueItem,
} from '../../../protocol/help.ts';
import type { ConsoleApi } from './console-api.ts';

export interface QueueState {
  connected: boolean;
  me: HelpConsoleSnapshot['me'] | null;
  items: HelpQueueItem[];
  advisors: AdvisorSummary[];
  handledToday: HelpQueueItem[];
}

type Action =
  | { type: 'snapshot'; snapshot: HelpConsoleSnapshot }
  | { type: 'upsert'; item: HelpQueueItem }
  | { type: 'chat'; requestId: string; message: HelpQueueItem['messages'][number] }
  | { type: 'advisors'; advisors: AdvisorSummary[] }
  | { type: 'myStatus'; status: AdvisorPresence }
  | { type: 'handled'; items: HelpQueueItem[] }
  | { type: 'connected'; connected: boolean };

const initial: QueueState = { connected: false, me: null, items: [], advisors: [], handledToday: [] };

function reduce(state: QueueState, action: Action): QueueState {
  switch (action.type) {
    case 'snapshot':
      return {
        ...state,
        me: action.snapshot.me,
        items: action.snapshot.items,
        advisors: action.snapshot.advisors,
        handledToday: action.snapshot.handledToday,
      };
    case 'upsert': {
      const open = action.item.state === 'queued' || action.item.state === 'claimed';
      const previous = state.items.find((i) => i.id === action.item.id);
      // Broadcast items carry no chat; keep the lines this console already has.
      const item =
        previous && action.item.messages.length === 0 ? { ...action.item, messages: previous.messages } : action.item;
      const rest = state.items.filter((i) => i.id !== item.id);
      return { ...state, items: open ? [...rest, item].sort((a, b) => a.createdAt - b.createdAt) : rest };
    }
    case 'chat':
      return {
        ...state,
        items: state.items.map((i) =>
          i.id === action.requestId && !i.messages.some((m) => m.id === action.message.id)
            ? { ...i, messages: [...i.messages, action.message] }
            : i,
        ),
      };
    case 'advisors': {
      // The presence event is the server's word on my own status too: the toggle follows it.
      const mine = state.me ? action.advisors.find((a) => a.id === state.me?.id) : undefined;
      return {
        ...state,
        advisors: action.advisors,
        me: state.me && mine ? { ...state.me, status: mine.status } : state.me,
      };
    }
    case 'myStatus':
      return { ...state, me: state.me ? { ...state.me, status: action.status } : state.me };
    case 'handled':
      return { ...state, handledToday: action.items };
    case 'connected':
      return { ...state, connected: action.connected };
  }
}

/** What the console does when something arrives that the advisor must notice. */
export interface QueueAlerts {
  /** A new request entered the queue. */
  created(item: HelpQueueItem): void;
  /** A visitor wrote in one of my requests (chat events reach only the advisor holding it). */
  visitorMessage(requestId: string, text: string): void;
}

/**
 * The live queue: a snapshot first, then changes. EventSource reconnects by itself and sends
 * `Last-Event-ID`, so central replays what was missed (or sends a fresh snapshot). When the
 * reconnect is refused (the session ended), the console is told through `api.sessionEnded`.
 */
export function useConsoleQueue(api: ConsoleApi, enabled: boolean, alerts: QueueAlerts) {
  const [state, dispatch] = useReducer(reduce, initial);
  const alertsRef = useRef(alerts);
  // The stream is opened once; it calls the latest callbacks without reopening.
  useEffect(() => {
    alertsRef.current = alerts;
  }, [alerts]);

  useEffect(() => {
    if (!enabled) return;
    const source = api.stream();
    const on = (type: string, handle: (data: unknown) => void) =>
      source.addEventListener(type, (event) => {
        try {
          handle(JSON.parse((event as MessageEvent<string>).data));
        } catch {
          // A malformed event is skipped; the next snapshot or update carries the full state.
        }
      });
    source.onopen = () => dispatch({ type: 'connected', connected: true });
    source.onerror = () => {
      dispatch({ type: 'connected', connected: false });
      // CLOSED means the browser gave up (e.g. the reconnect got 401): ask whether we are still
      // logged in rather than showing "reconnecting" for ever.
      if (source.readyState === EventSource.CLOSED)
        void api.me().then((me) => (me ? undefined : api.sessionEnded('ended')));
    };
    // A reconnect replays missed events (Last-Event-ID); what this console already knew must not
    // beep again, so alerts fire once per request and once per message.
    const seen = new Set<string>();
    const firstTime = (id: string) => !seen.has(id) && Boolean(seen.add(id));
    on(HELP_CONSOLE_EVENTS.snapshot, (data) => {
      const snapshot = helpConsoleSnapshotSchema.parse(data);
      for (const item of snapshot.items) {
        seen.add(item.id);
        for (const message of item.messages) seen.add(message.id);
      }
      dispatch({ type: 'snapshot', snapshot });
    });
    on(HELP_CONSOLE_EVENTS.requestCreated, (data) => {
      const item = helpQueueItemSchema.parse(data);
      dispatch({ type: 'upsert', item });
      if (firstTime(item.id)) alertsRef.current.created(item);
    });
    on(HELP_CONSOLE_EVENTS.requestUpdated, (data) =>
      dispatch({ type: 'upsert', item: helpQueueItemSchema.parse(data) }),
    );
    on(HELP_CONSOLE_EVENTS.chatMessage, (data) => {
      const chat = helpConsoleChatEventSchema.parse(data);
      dispatch({ type: 'chat', requestId: chat.requestId, message: chat.message });
      if (chat.message.from === 'visitor' && firstTime(chat.message.id))
        alertsRef.current.visitorMessage(chat.requestId, chat.message.text);
    });
    // Central's last word on a stream it ends for good (logout, expiry, revocation): no retry.
    on(HELP_STREAM_END_EVENT, (data) => {
      source.close();
      const { reason } = helpStreamEndSchema.parse(data);
      api.sessionEnded(reason === 'session-expired' ? 'expired' : reason === 'account-disabled' ? 'disabled' : 'ended');
    });
    // The screen view's signalling goes to the card that asked (ScreenView), not into the queue state.
    for (const type of Object.values(HELP_SCREEN_EVENTS)) on(type, (data) => api.screenEvent(type, data));
    on(HELP_CONSOLE_EVENTS.presence, (data) =>
      dispatch({
        type: 'advisors',
        advisors: advisorSummarySchema.array().parse((data as { advisors: unknown }).advisors),
      }),
    );
    // Heartbeat: tells central this advisor is still here (claimed requests return to the queue otherwise).
    const heartbeat = window.setInterval(() => void api.heartbeat().catch(() => undefined), 20_000);
    return () => {
      window.clearInterval(heartbeat);
      source.close();
    };
  }, [api, enabled]);

  return { state, dispatch };
}
