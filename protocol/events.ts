/**
 * The fixed list of anonymous usage events a station may send to central.
 *
 * Privacy rules enforced here (and documented per event in docs/privacy.md):
 * - every object is `.strict()`: an unknown field is a rejection, never silently kept;
 * - identifiers are short slugs (`[a-z0-9-]`), so a URL or free text cannot pass as one;
 * - numbers are bounded integers; times are rounded to the minute;
 * - the only id tied to a visit is `sessionId`, a random UUID that dies at reset.
 * The station id is never in an event: central takes it from the station's token.
 */
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';

/** Languages the shell UI offers. `fi-x-plain` is plain-language Finnish (selkosuomi). */
export const LANGUAGES = ['fi', 'fi-x-plain', 'sv', 'en', 'ru', 'et', 'so', 'ar', 'uk'] as const;
export const languageSchema = lazySchema(() => z.enum(LANGUAGES));
export type Language = z.infer<typeof languageSchema>;

/** Accessibility modes a visitor can switch; each switch is one event. */
export const ACCESSIBILITY_MODES = [
  'text-125',
  'text-150',
  'text-200',
  'high-contrast',
  'readable-font',
  'read-aloud',
  'reduced-motion',
  'large-pointer',
  'more-time-x2',
  'more-time-x4',
] as const;
export const accessibilityModeSchema = lazySchema(() => z.enum(ACCESSIBILITY_MODES));
export type AccessibilityMode = z.infer<typeof accessibilityModeSchema>;

/** Topics a visitor can choose when calling an advisor (fixed list, no free text). */
export const HELP_TOPICS = [
  'health',
  'kela',
  'bank-id',
  'suomi-fi',
  'email',
  'print-scan',
  'computer',
  'other',
] as const;
export const helpTopicSchema = lazySchema(() => z.enum(HELP_TOPICS));
export type HelpTopic = z.infer<typeof helpTopicSchema>;

/** Answers to "Did you get done what you came to do?", asked after "End session" (issue 14). */
export const FEEDBACK_OUTCOMES = ['yes', 'partly', 'no'] as const;
export const feedbackOutcomeSchema = lazySchema(() => z.enum(FEEDBACK_OUTCOMES));
export type FeedbackOutcome = z.infer<typeof feedbackOutcomeSchema>;

/** What got in the way, after "Partly" or "No" (fixed list, no free text). */
export const FEEDBACK_REASONS = ['login', 'service-broken', 'not-found', 'language', 'needed-help', 'other'] as const;
export const feedbackReasonSchema = lazySchema(() => z.enum(FEEDBACK_REASONS));
export type FeedbackReason = z.infer<typeof feedbackReasonSchema>;

/** How a visitor session ended. */
export const SESSION_END_REASONS = ['idle', 'visitor', 'admin'] as const;
export const sessionEndReasonSchema = lazySchema(() => z.enum(SESSION_END_REASONS));
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

/** A config slug such as a service id: lower-case letters, digits and dashes, never a URL. */
export const slugSchema = lazySchema(() =>
  z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a short id of a-z, 0-9 and dashes (no URLs or free text)'),
);

/** RFC 4122 UUID, any version (events use v7 so the ingest index stays append-only). */
export const uuidSchema = lazySchema(() =>
  z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'must be a lower-case UUID'),
);

/** ISO-8601 UTC time rounded to the minute, e.g. `2026-11-23T14:05:00.000Z` or `2026-11-23T14:05:00Z`. */
export const minuteTimeSchema = lazySchema(() =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00(\.000)?Z$/, 'must be a UTC time rounded to the minute'),
);

/** Rounds a millisecond timestamp down to the minute and formats it for the wire. */
export function toMinuteTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 60_000) * 60_000).toISOString();
}

const base = {
  id: uuidSchema,
  at: minuteTimeSchema,
};
const inSession = { ...base, sessionId: uuidSchema };
const seconds = (max: number) => z.number().int().min(0).max(max);

/** Every event type with exactly the fields it may carry. */
export const eventSchemas = {
  'station.started': lazySchema(() =>
    z
      .object({
        ...base,
        type: z.literal('station.started'),
        appVersion: z.string().regex(/^\d+\.\d+\.\d+(-[a-z0-9.]+)?$/),
      })
      .strict(),
  ),
  'session.started': lazySchema(() => z.object({ ...inSession, type: z.literal('session.started') }).strict()),
  'session.ended': lazySchema(() =>
    z
      .object({
        ...inSession,
        type: z.literal('session.ended'),
        durationSeconds: seconds(24 * 3600),
        endedBy: sessionEndReasonSchema,
      })
      .strict(),
  ),
  'service.opened': lazySchema(() =>
    z.object({ ...inSession, type: z.literal('service.opened'), serviceId: slugSchema }).strict(),
  ),
  'navigation.blocked': lazySchema(() =>
    z.object({ ...inSession, type: z.literal('navigation.blocked'), serviceId: slugSchema }).strict(),
  ),
  'language.chosen': lazySchema(() =>
    z.object({ ...inSession, type: z.literal('language.chosen'), language: languageSchema }).strict(),
  ),
  'accessibility.changed': lazySchema(() =>
    z
      .object({
        ...inSession,
        type: z.literal('accessibility.changed'),
        mode: accessibilityModeSchema,
        enabled: z.boolean(),
      })
      .strict(),
  ),
  'help.requested': lazySchema(() =>
    z.object({ ...inSession, type: z.literal('help.requested'), topic: helpTopicSchema }).strict(),
  ),
  'help.answered': lazySchema(() =>
    z
      .object({
        ...inSession,
        type: z.literal('help.answered'),
        topic: helpTopicSchema,
        waitSeconds: seconds(24 * 3600),
      })
      .strict(),
  ),
  'help.cancelled': lazySchema(() =>
    z
      .object({
        ...inSession,
        type: z.literal('help.cancelled'),
        topic: helpTopicSchema,
        waitSeconds: seconds(24 * 3600),
      })
      .strict(),
  ),
  /** The visitor's answer after "End session"; `sessionId` is the visit that just ended. */
  'feedback.given': lazySchema(() =>
    z
      .object({
        ...inSession,
        type: z.literal('feedback.given'),
        outcome: feedbackOutcomeSchema,
        reason: feedbackReasonSchema.optional(),
      })
      .strict(),
  ),
  /** The same answer once per service opened in that visit, so it is counted per service. */
  'feedback.service': lazySchema(() =>
    z
      .object({
        ...inSession,
        type: z.literal('feedback.service'),
        serviceId: slugSchema,
        outcome: feedbackOutcomeSchema,
        reason: feedbackReasonSchema.optional(),
      })
      .strict(),
  ),
} as const;

export type EventType = keyof typeof eventSchemas;
export const EVENT_TYPES = Object.keys(eventSchemas) as EventType[];

/** One usage event as it travels on the wire. */
export type UsageEvent = { [K in EventType]: z.infer<(typeof eventSchemas)[K]> }[EventType];

/** An event before the recorder gives it an id and a time. */
export type UsageEventInput = UsageEvent extends infer E
  ? E extends UsageEvent
    ? Omit<E, 'id' | 'at'>
    : never
  : never;

/** True for the names in {@link EVENT_TYPES} only, never for names inherited from `Object.prototype`. */
export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventSchemas, type);
}

/** Validates one event, returning a reason a person can act on when it is rejected. */
export function parseUsageEvent(raw: unknown): { ok: true; event: UsageEvent } | { ok: false; reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, reason: 'event must be an object' };
  const type = (raw as { type?: unknown }).type;
  // Own keys only: `in` also finds `constructor`, `toString` and `__proto__` on the prototype, whose
  // "schema" is not a schema, and the throw would take the batch's valid events down with it.
  if (typeof type !== 'string' || !isEventType(type)) return { ok: false, reason: `unknown event type` };
  const result = eventSchemas[type].safeParse(raw);
  if (result.success) return { ok: true, event: result.data };
  return { ok: false, reason: formatIssues(result.error) };
}

/** Joins zod issues into one line such as `durationSeconds: Too big: expected number to be <=86400`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
