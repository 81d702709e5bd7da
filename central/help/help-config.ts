/** Settings of the help service, with defaults a city can override at boot. */
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

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
    /** Service hours in `timeZone`; null = always open. Each weekday lists [open, close) ranges. */
    serviceHours: z
      .object({
        timeZone: z.string().default('Europe/Helsinki'),
        weekly: z.partialRecord(z.enum(WEEKDAYS), z.array(z.tuple([hhmm, hhmm]))),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type HelpConfig = z.infer<typeof helpConfigSchema>;
export type HelpConfigInput = z.input<typeof helpConfigSchema>;

/** True when `epochMs` falls inside the configured service hours (always true without hours). */
export function isWithinServiceHours(config: HelpConfig, epochMs: number): boolean {
  const hours = config.serviceHours;
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: hours.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('weekday').toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number];
  const now = `${part('hour')}:${part('minute')}`;
  return (hours.weekly[day] ?? []).some(([open, close]) => now >= open && now < close);
}
