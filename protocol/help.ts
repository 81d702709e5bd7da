/**
 * Help requests ("call a digital advisor"): the shapes shared by the station, central and the
 * advisor console. Never carries a URL or page content: only fixed-list values and, in chat,
 * text the visitor chose to send to an advisor (kept briefly, never in metrics).
 */
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { accessibilityModeSchema, helpTopicSchema, languageSchema, slugSchema, uuidSchema } from './events.ts';

/** How the visitor wants to be helped. */
export const HELP_MODES = ['come-to-me', 'chat-here'] as const;
export const helpModeSchema = lazySchema(() => z.enum(HELP_MODES));
export type HelpMode = z.infer<typeof helpModeSchema>;

/** What the visitor picks in the help flow; the station adds the rest. */
export const helpDraftSchema = lazySchema(() => z.object({ topic: helpTopicSchema, mode: helpModeSchema }).strict());
export type HelpDraft = z.infer<typeof helpDraftSchema>;

/** Body of `POST /api/v1/help/requests` (station token). Station id and location come from the token. */
export const helpRequestCreateSchema = lazySchema(() =>
  helpDraftSchema
    .extend({
      language: languageSchema,
      accessibilityModes: z.array(accessibilityModeSchema).max(10),
      serviceId: slugSchema.nullable(),
      sessionId: uuidSchema,
    })
    .strict(),
);
export type HelpRequestCreate = z.infer<typeof helpRequestCreateSchema>;

/** Lifecycle of a request on central. */
export const HELP_REQUEST_STATES = ['queued', 'claimed', 'resolved', 'cancelled', 'expired'] as const;
export const helpRequestStateSchema = lazySchema(() => z.enum(HELP_REQUEST_STATES));
export type HelpRequestState = z.infer<typeof helpRequestStateSchema>;

/** Longest chat message, in characters. */
export const MAX_CHAT_CHARS = 1000;
/**
 * Characters chat refuses: C0 controls except the newline (tab, escape, NUL...), DEL, C1 controls,
 * and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can make a
 * line read differently on the advisor's screen than it was typed ("Trojan Source" reordering).
 * Left-to-right and right-to-left marks stay allowed: Arabic text uses them.
 */
export const CHAT_FORBIDDEN_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
/** One chat line as typed: trimmed, 1–1000 characters, newlines allowed, no control or bidi-override characters. */
export const chatTextSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1)
    .max(MAX_CHAT_CHARS)
    .refine((text) => !CHAT_FORBIDDEN_CHARACTERS.test(text), 'must not contain control or bidi-override characters'),
);
export const chatMessageInputSchema = lazySchema(() => z.object({ text: chatTextSchema }).strict());

export const chatMessageSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    from: z.enum(['visitor', 'advisor']),
    text: z.string(),
    at: z.string(),
  }),
);
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** Why the station cannot reach a person right now; the station then shows other ways to get help. */
export const HELP_UNAVAILABLE_REASONS = ['no-advisors', 'outside-hours', 'unreachable'] as const;
export type HelpUnavailableReason = (typeof HELP_UNAVAILABLE_REASONS)[number];

/**
 * What the visitor's screen shows about their request. The station host derives it from
 * central's answers and live stream; the renderer only displays it.
 */
export type HelpStatusView =
  | { phase: 'none' }
  | { phase: 'sending'; draft: HelpDraft }
  | { phase: 'queued'; requestId: string; draft: HelpDraft; position: number; estimatedWaitMinutes: number | null }
  | { phase: 'claimed'; requestId: string; draft: HelpDraft; advisorFirstName: string; messages: ChatMessage[] }
  | { phase: 'resolved'; draft: HelpDraft }
  | { phase: 'unavailable'; reason: HelpUnavailableReason; draft: HelpDraft | null };

// ---------------------------------------------------------------------------------------------
// Central API shapes (issue 5). Station endpoints live under `/api/v1/help` with the station's
// Bearer token; advisor endpoints under `/api/v1/help/advisor` with the cookie session + CSRF.
// Live updates travel as Server-Sent Events whose `data` is one of the JSON shapes below.
// ---------------------------------------------------------------------------------------------

/** Where central's help API is mounted. */
export const HELP_API_PREFIX = '/api/v1/help';

export const helpUnavailableReasonSchema = lazySchema(() => z.enum(HELP_UNAVAILABLE_REASONS));

/** `GET /api/v1/help/availability` (station): can a person answer right now? */
export const helpAvailabilitySchema = lazySchema(() =>
  z.discriminatedUnion('available', [
    z.object({ available: z.literal(true), advisorsOnline: z.number().int().min(1) }).strict(),
    z.object({ available: z.literal(false), reason: helpUnavailableReasonSchema }).strict(),
  ]),
);
export type HelpAvailability = z.infer<typeof helpAvailabilitySchema>;

/** One request as its own station sees it (never another station's). */
export const helpStationRequestSchema = lazySchema(() =>
  z
    .object({
      requestId: uuidSchema,
      state: helpRequestStateSchema,
      draft: helpDraftSchema,
      /** 1 = next in line; null when not queued. */
      position: z.number().int().min(1).nullable(),
      estimatedWaitMinutes: z.number().int().min(0).nullable(),
      /** Only the first name of the advisor, and only while claimed or after. */
      advisorFirstName: z.string().nullable(),
      messages: z.array(chatMessageSchema),
    })
    .strict(),
);
export type HelpStationRequest = z.infer<typeof helpStationRequestSchema>;

/**
 * Answer to `POST /api/v1/help/requests`. `unavailable` comes at once (no advisor online, outside
 * service hours) and nothing is stored, so the station never waits for a person who is not there.
 */
export const helpCreateResultSchema = lazySchema(() =>
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('accepted'), request: helpStationRequestSchema }).strict(),
    z.object({ status: z.literal('unavailable'), reason: helpUnavailableReasonSchema }).strict(),
  ]),
);
export type HelpCreateResult = z.infer<typeof helpCreateResultSchema>;

/** SSE event names on the station stream `GET /api/v1/help/stream`. */
export const HELP_STATION_EVENTS = {
  /** data: HelpStationRequest — the full current state of one of this station's requests. */
  requestUpdated: 'request.updated',
  /** data: { requests: HelpStationRequest[] } — sent first, and when replay cannot fill a gap. */
  snapshot: 'requests.snapshot',
} as const;
export const helpStationSnapshotSchema = lazySchema(() =>
  z.object({ requests: z.array(helpStationRequestSchema) }).strict(),
);

/** Advisor presence as chosen in the console; "online" also needs a recent heartbeat. */
export const ADVISOR_PRESENCE = ['online', 'away'] as const;
export const advisorPresenceSchema = lazySchema(() => z.enum(ADVISOR_PRESENCE));
export type AdvisorPresence = z.infer<typeof advisorPresenceSchema>;
export const advisorPresenceInputSchema = lazySchema(() => z.object({ status: advisorPresenceSchema }).strict());

export const advisorSummarySchema = lazySchema(() =>
  z.object({ id: z.string(), displayName: z.string(), status: advisorPresenceSchema, connected: z.boolean() }).strict(),
);
export type AdvisorSummary = z.infer<typeof advisorSummarySchema>;

/** One request as the advisor console shows it. `messages` is filled only for the advisor holding it. */
export const helpQueueItemSchema = lazySchema(() =>
  z
    .object({
      id: uuidSchema,
      state: helpRequestStateSchema,
      stationId: z.string(),
      location: z.string(),
      language: languageSchema,
      topic: helpTopicSchema,
      mode: helpModeSchema,
      accessibilityModes: z.array(accessibilityModeSchema),
      serviceId: slugSchema.nullable(),
      /** Epoch ms; the console counts waiting time up from here. */
      createdAt: z.number().int(),
      claimedBy: z.object({ id: z.string(), displayName: z.string() }).strict().nullable(),
      claimedAt: z.number().int().nullable(),
      closedAt: z.number().int().nullable(),
      /** How many times the request went back to the queue (released, or its advisor went silent). */
      returnedCount: z.number().int().min(0),
      messages: z.array(chatMessageSchema),
    })
    .strict(),
);
export type HelpQueueItem = z.infer<typeof helpQueueItemSchema>;

/** `GET /api/v1/help/advisor/queue` and the first console stream event. */
export const helpConsoleSnapshotSchema = lazySchema(() =>
  z
    .object({
      me: z.object({ id: z.string(), displayName: z.string(), status: advisorPresenceSchema }).strict(),
      items: z.array(helpQueueItemSchema),
      advisors: z.array(advisorSummarySchema),
      handledToday: z.array(helpQueueItemSchema),
      /** CSRF token the console echoes in `x-csrf-token` on every state change. */
      csrfToken: z.string().optional(),
    })
    .strict(),
);
export type HelpConsoleSnapshot = z.infer<typeof helpConsoleSnapshotSchema>;

/** SSE event names on the console stream `GET /api/v1/help/advisor/stream`. */
export const HELP_CONSOLE_EVENTS = {
  /** data: HelpConsoleSnapshot */
  snapshot: 'queue.snapshot',
  /** data: HelpQueueItem — a new request entered the queue (sound + notification). */
  requestCreated: 'request.created',
  /** data: HelpQueueItem — claimed, returned, resolved, cancelled, expired. */
  requestUpdated: 'request.updated',
  /** data: { requestId, message } — only to the advisor holding the request. */
  chatMessage: 'chat.message',
  /** data: { advisors: AdvisorSummary[] } */
  presence: 'presence.updated',
} as const;
export const helpConsoleChatEventSchema = lazySchema(() =>
  z.object({ requestId: uuidSchema, message: chatMessageSchema }).strict(),
);

/** Path params of every `/requests/:id…` route, station or advisor. */
export const helpRequestParamsSchema = lazySchema(() => z.object({ id: uuidSchema }).strict());

/**
 * Query of both live streams. Browsers resend the last id in the `Last-Event-ID` header on
 * reconnect; `lastEventId` is for clients that cannot set headers. The header wins.
 */
export const helpStreamQuerySchema = lazySchema(() =>
  z.object({ lastEventId: z.string().max(64).optional() }).strict(),
);

/** `GET /api/v1/help/advisor/handled-today`: requests this advisor resolved today, newest first. */
export const helpHandledTodaySchema = lazySchema(() => z.object({ items: z.array(helpQueueItemSchema) }).strict());

/** 409 body when another advisor already holds the request. */
export const helpClaimConflictSchema = lazySchema(() =>
  z
    .object({
      error: z.literal('already-claimed'),
      message: z.string(),
      claimedBy: z.object({ displayName: z.string() }).strict().nullable(),
      state: helpRequestStateSchema,
    })
    .strict(),
);
export type HelpClaimConflict = z.infer<typeof helpClaimConflictSchema>;

/**
 * Why the help API refused an action on a request (the `error` of a 404/409 reply): `not-found`
 * (no such request, or another station's), `closed` (already resolved, cancelled or expired),
 * `already-claimed` (another advisor holds it), `not-yours` (only the advisor holding it may).
 */
export const HELP_ERROR_CODES = ['not-found', 'closed', 'already-claimed', 'not-yours'] as const;
export const helpErrorCodeSchema = lazySchema(() => z.enum(HELP_ERROR_CODES));
export type HelpErrorCode = z.infer<typeof helpErrorCodeSchema>;

/** Every 4xx from the help API: a machine code and a sentence a person can act on. */
export const helpErrorSchema = lazySchema(() => z.object({ error: z.string(), message: z.string() }).passthrough());

/**
 * Why central ended a live stream (station or console) for good:
 * - `logged-out`: this session logged out;
 * - `session-expired`: the session passed its lifetime or idle timeout;
 * - `session-revoked`: ended from elsewhere: "log out everywhere", a password change, a newer login
 *   of the same person, or an admin;
 * - `account-disabled`: the account was disabled or removed, or no longer has a role that may
 *   hold this stream;
 * - `station-revoked`: the station's token was revoked or rotated (a new token was issued).
 */
export const HELP_STREAM_END_REASONS = [
  'logged-out',
  'session-expired',
  'session-revoked',
  'account-disabled',
  'station-revoked',
] as const;
export const helpStreamEndReasonSchema = lazySchema(() => z.enum(HELP_STREAM_END_REASONS));
export type HelpStreamEndReason = z.infer<typeof helpStreamEndReasonSchema>;

/**
 * The last event of a live stream whose right to exist has ended (see `HELP_STREAM_END_REASONS`):
 * `event: stream.ended`, `data: { "reason": "<reason>" }`. Central closes the connection right
 * after it and answers 401 to a reconnect, so a client must not retry: the console returns to its
 * login form, a station stops asking for help until it has a valid token. Both station and console
 * streams may send it; the name and payload are stable.
 */
export const HELP_STREAM_END_EVENT = 'stream.ended';
export const helpStreamEndSchema = lazySchema(() => z.object({ reason: helpStreamEndReasonSchema }).strict());
export type HelpStreamEnd = z.infer<typeof helpStreamEndSchema>;

/**
 * Sent when a central replica shuts down (SIGTERM): `event: stream.reconnect`, `data: { "reason":
 * "shutdown" }`, with a short `retry:` before it. Unlike `stream.ended`, the client should
 * reconnect: the stream closes right after, and EventSource (or the station's help client) opens
 * it again, through the reverse proxy, on another replica, where `Last-Event-ID` replays the gap.
 */
export const HELP_STREAM_RECONNECT_EVENT = 'stream.reconnect';
export const helpStreamReconnectSchema = lazySchema(() => z.object({ reason: z.literal('shutdown') }).strict());
export type HelpStreamReconnect = z.infer<typeof helpStreamReconnectSchema>;

/** Days of the week, as keys of weekly opening hours. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Whether a help contact is open now (Helsinki time), computed on the station from the config's
 * opening hours (`core/help/opening-hours.ts`). Times are local "HH:MM"; `date` is "YYYY-MM-DD".
 * `day` is 'date' when the next opening is a week or more away (after holidays).
 */
export type OpeningStatus =
  | { state: 'open'; closes: string }
  | { state: 'closed'; opens: { day: 'today' | 'tomorrow' | Weekday | 'date'; date: string; time: string } }
  | { state: 'unknown' };

// ---------------------------------------------------------------------------------------------
// Consented screen view (issue 16). The advisor holding a claimed request asks; the station asks
// the visitor; on Allow the station's shell captures its own window and sends WebRTC media
// straight to the advisor's browser. Central only relays the small signalling messages below as
// help events (`station:<id>` / `advisor:<id>` audiences) and keeps an audit record without
// content. No media, no frames and no pointer history are stored anywhere.
// ---------------------------------------------------------------------------------------------

/** SSE event names of the screen view, on the station stream and the advisor's console stream. */
export const HELP_SCREEN_EVENTS = {
  /** To the station: data ScreenAsk — the advisor asks to see the screen. */
  ask: 'screen.ask',
  /** To the advisor: data ScreenConsent — the visitor's Allow / No. */
  consent: 'screen.consent',
  /** Both ways: data ScreenSignal — offer (station), answer (advisor), ICE candidates (both). */
  signal: 'screen.signal',
  /** To the station: data ScreenPointer — where the advisor points ("press here"). */
  pointer: 'screen.pointer',
  /** Both ways: data ScreenStopped — the share ended, and why. */
  stopped: 'screen.stopped',
} as const;

/** Why a screen share ended. The visitor and the advisor both see that it did. */
export const SCREEN_STOP_REASONS = [
  'visitor', // the visitor pressed Stop
  'advisor', // the advisor pressed Stop
  'declined', // the visitor answered No
  'reset', // the station's session was reset
  'claim-ended', // the request was released, resolved, expired or cancelled
  'advisor-session-ended', // the advisor logged out, or their session expired or was revoked
  'station-revoked', // the station's token was revoked
  'max-duration', // the configured maximum was reached
  'failed', // the connection could not be made or broke
] as const;
export const screenStopReasonSchema = lazySchema(() => z.enum(SCREEN_STOP_REASONS));
export type ScreenStopReason = z.infer<typeof screenStopReasonSchema>;

/** One ICE server (STUN or TURN, e.g. coturn) from central's config; none are needed on loopback. */
export const iceServerSchema = lazySchema(() =>
  z
    .object({
      urls: z.array(z.string().regex(/^(stun|stuns|turn|turns):[^\s]+$/, 'must be a stun:/turn: URL')).min(1),
      username: z.string().max(200).optional(),
      credential: z.string().max(200).optional(),
    })
    .strict(),
);
export type IceServer = z.infer<typeof iceServerSchema>;

export const screenAskSchema = lazySchema(() =>
  z
    .object({
      requestId: uuidSchema,
      shareId: uuidSchema,
      iceServers: z.array(iceServerSchema).max(10),
      /** The share stops by itself after this long. */
      maxSeconds: z.number().int().min(10).max(7200),
    })
    .strict(),
);
export type ScreenAsk = z.infer<typeof screenAskSchema>;

export const screenConsentSchema = lazySchema(() => z.object({ shareId: uuidSchema, allow: z.boolean() }).strict());
export type ScreenConsent = z.infer<typeof screenConsentSchema>;
/** What the consent event carries to the console (the request it belongs to added). */
export const screenConsentEventSchema = lazySchema(() =>
  screenConsentSchema.extend({ requestId: uuidSchema }).strict(),
);

export const SCREEN_SIGNAL_KINDS = ['offer', 'answer', 'ice'] as const;
/**
 * A WebRTC signalling message: `data` is the JSON of an RTCSessionDescriptionInit (offer, answer)
 * or an RTCIceCandidateInit (ice). Central checks who may send which kind, never reads `data`.
 */
export const screenSignalSchema = lazySchema(() =>
  z.object({ shareId: uuidSchema, kind: z.enum(SCREEN_SIGNAL_KINDS), data: z.string().min(2).max(30_000) }).strict(),
);
export type ScreenSignal = z.infer<typeof screenSignalSchema>;
export const screenSignalEventSchema = lazySchema(() => screenSignalSchema.extend({ requestId: uuidSchema }).strict());
export type ScreenSignalEvent = z.infer<typeof screenSignalEventSchema>;

/** Where the advisor points, as fractions of the shared picture (0,0 = top left, in the picture's own direction). */
export const screenPointerSchema = lazySchema(() =>
  z.object({ shareId: uuidSchema, x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).strict(),
);
export type ScreenPointer = z.infer<typeof screenPointerSchema>;

export const screenStopSchema = lazySchema(() =>
  z.object({ shareId: uuidSchema, reason: screenStopReasonSchema }).strict(),
);
export type ScreenStop = z.infer<typeof screenStopSchema>;
export const screenStoppedEventSchema = lazySchema(() => screenStopSchema.extend({ requestId: uuidSchema }).strict());
export type ScreenStoppedEvent = z.infer<typeof screenStoppedEventSchema>;

/** Answer to the advisor's ask: the share id and the ICE servers the console's peer uses. */
export const screenAskResultSchema = lazySchema(() =>
  z.object({ shareId: uuidSchema, iceServers: z.array(iceServerSchema), maxSeconds: z.number().int() }).strict(),
);
export type ScreenAskResult = z.infer<typeof screenAskResultSchema>;

/** What the station shell shows of a screen share; derived by `core/screen-share/`. */
export type ScreenShareView =
  | { phase: 'off' }
  /** The consent question is on screen. */
  | { phase: 'asking'; shareId: string; advisorFirstName: string }
  /**
   * Allowed: the shell captures its window and connects. `inbox` holds the advisor's answer and ICE
   * candidates in arrival order (`seq` grows), so the shell applies each once; `pointer` is the
   * latest highlight ("press here"), `seq` growing with each placement.
   */
  | {
      phase: 'sharing';
      shareId: string;
      advisorFirstName: string;
      iceServers: IceServer[];
      /** Epoch ms when the share stops by itself. */
      endsAt: number;
      inbox: { seq: number; kind: 'answer' | 'ice'; data: string }[];
      pointer: { seq: number; x: number; y: number } | null;
    }
  /** Ended; the visitor is told why until they close the notice. */
  | { phase: 'stopped'; reason: ScreenStopReason };
