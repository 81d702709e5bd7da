/**
 * Settings of the help domain. They live in central's config under `help` (central/config.ts), so
 * they are validated at boot with everything else and settable by CLI flag or environment.
 */
import { z } from 'zod';
import { iceServerSchema } from '../../protocol/help.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
/** Weekday keys of `serviceHours.weekly`, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When people answer: each weekday lists [open, close) ranges in `timeZone`. */
export const serviceHoursSchema = z
  .object({
    timeZone: z
      .string()
      .default('Europe/Helsinki')
      .refine((zone) => isTimeZone(zone), 'must be an IANA time zone such as Europe/Helsinki'),
    weekly: z.partialRecord(
      z.enum(WEEKDAYS),
      z.array(z.tuple([hhmm, hhmm]).refine(([open, close]) => open < close, 'must open before it closes')),
    ),
  })
  .strict();
export type ServiceHours = z.infer<typeof serviceHoursSchema>;

export const helpConfigSchema = z
  .object({
    /** A claimed request goes back to the queue when its advisor has not been heard from for this long. */
    returnAfterSilenceSeconds: z.number().int().min(10).max(3600).default(90),
    /** An advisor counts as online while heard from within this time (console heartbeats every 20 s). */
    onlineWithinSeconds: z.number().int().min(10).max(600).default(60),
    /** Chat text is deleted this long after its request closes. */
    chatRetentionMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(15),
    /** A request nobody claims expires after this long. */
    expireQueuedAfterMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
    /** First guess of a wait before any request has been answered. */
    initialWaitEstimateMinutes: z.number().int().min(0).max(240).default(5),
    /** Service hours; null = always open. */
    serviceHours: serviceHoursSchema.nullable().default(null),
    /** How often housekeeping runs (return silent claims, expire, delete old chat). */
    sweepIntervalSeconds: z.number().int().min(1).max(3600).default(5),
    /** Comment heartbeat on live streams, so proxies do not close an idle stream. */
    streamHeartbeatSeconds: z.number().int().min(1).max(300).default(15),
    /** Live events kept for `Last-Event-ID` replay; older gaps get a snapshot. */
    replayEvents: z.number().int().min(10).max(100_000).default(2000),
    /** Calls one station may make to each station help route per minute before getting 429. */
    stationRequestsPerMinute: z.number().int().min(1).max(10_000).default(120),
    /** Live streams one station may hold open at once (a reconnecting kiosk needs one, two during a handover). */
    maxStreamsPerStation: z.number().int().min(1).max(100).default(3),
    /** Live console streams one login session may hold open at once (a few browser tabs). */
    maxStreamsPerSession: z.number().int().min(1).max(100).default(5),
    /**
     * A claimed request is closed (as expired) this long after an advisor first took it, so chat of
     * a request nobody resolves is still deleted on schedule.
     */
    closeClaimedAfterMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(120),
    /**
     * Closed help requests are kept this many days for the advisors' and coordinators' follow-up,
     * then folded into daily counts (`help_daily`) and deleted.
     */
    requestRetentionDays: z.number().int().min(1).max(366).default(30),
    /** The consented screen view (issue 16): ICE servers for both peers and the longest share. */
    screenShare: z
      .object({
        /** STUN/TURN (e.g. coturn) for stations behind the city's NAT; none needed on one network. */
        iceServers: z.array(iceServerSchema).max(10).default([]),
        /** A share stops by itself after this long. */
        maxMinutes: z.number().int().min(1).max(120).default(20),
      })
      .strict()
      .default({ iceServers: [], maxMinutes: 20 }),
  })
  .strict();
export type HelpConfig = z.infer<typeof helpConfigSchema>;
export type HelpConfigInput = z.input<typeof helpConfigSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
