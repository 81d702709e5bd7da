/**
 * Where central's settings come from besides defaults: command-line flags and `CENTRAL_*`
 * environment variables (a flag wins over the environment). This module only turns text into the
 * shape of central/config.ts; `centralConfigSchema` then validates ranges, as for any caller.
 */
import { WEEKDAYS, type ServiceHours, type Weekday } from './help/help-config.ts';

type Kind = 'whole' | 'number' | 'boolean' | 'text' | 'list' | 'service-hours';

/** One setting that can be given from outside. `path` is where it lands in the config object. */
export interface ConfigSetting {
  /** CLI flag without dashes, e.g. `help-service-hours`. */
  flag: string;
  /** Environment variable, e.g. `CENTRAL_HELP_SERVICE_HOURS`. */
  env: string;
  path: readonly [string] | readonly [string, string];
  kind: Kind;
  /** One line for `--help`. */
  description: string;
}

const setting = (flag: string, path: ConfigSetting['path'], kind: Kind, description: string): ConfigSetting => ({
  flag,
  env: `CENTRAL_${flag.toUpperCase().replace(/-/g, '_')}`,
  path,
  kind,
  description,
});

/** Every setting settable by flag or environment (help settings under `help-`). */
export const CONFIG_SETTINGS: readonly ConfigSetting[] = [
  setting('retention-days', ['retentionDays'], 'whole', 'raw events kept this many days (90)'),
  setting('retention-interval-minutes', ['retentionIntervalMinutes'], 'whole', 'retention job interval (60)'),
  setting('ingest-requests-per-minute', ['ingestRequestsPerMinute'], 'whole', 'uploads per station per minute (60)'),
  setting('login-attempts-per-15-minutes', ['loginAttemptsPer15Minutes'], 'whole', 'per client IP, all names (30)'),
  setting('login-attempts-per-minute', ['loginAttemptsPerMinute'], 'whole', 'all clients together (300)'),
  setting('login-free-failures', ['loginFreeFailures'], 'whole', 'wrong passwords before an account waits (3)'),
  setting('login-max-delay-seconds', ['loginMaxDelaySeconds'], 'whole', 'longest wait after wrong passwords (60)'),
  setting(
    'trusted-proxies',
    ['trustedProxies'],
    'list',
    'comma-separated reverse proxy IPs/CIDRs allowed to set X-Forwarded-For (none)',
  ),
  setting('session-hours', ['sessionHours'], 'number', 'how long a login lasts at most (12)'),
  setting('session-idle-minutes', ['sessionIdleMinutes'], 'whole', 'an unused login ends after (30)'),
  setting('dev-mode', ['devMode'], 'boolean', 'plain-http cookies for local development (off)'),
  setting('password-scrypt-log2n', ['passwordScryptLog2N'], 'whole', 'scrypt cost of new password hashes (17)'),
  setting('dashboard-dir', ['dashboardDir'], 'text', 'built dashboard (dist/central-web/dashboard)'),
  setting('console-dir', ['consoleDir'], 'text', 'built advisor console (dist/console)'),
  setting(
    'metrics-token',
    ['metricsToken'],
    'text',
    'Bearer token for /metrics from other hosts, 32+ characters (none: loopback only; prefer the environment)',
  ),
  setting(
    'help-service-hours',
    ['help', 'serviceHours'],
    'service-hours',
    `"mon-fri 09:00-16:00; sat 10:00-14:00" or "always" (always)`,
  ),
  setting('help-time-zone', ['help', 'serviceHours'], 'text', 'time zone of the service hours (Europe/Helsinki)'),
  setting(
    'help-return-after-silence-seconds',
    ['help', 'returnAfterSilenceSeconds'],
    'whole',
    'silent advisor → request back to queue (90)',
  ),
  setting(
    'help-online-within-seconds',
    ['help', 'onlineWithinSeconds'],
    'whole',
    'advisor counts as online this long after a heartbeat (60)',
  ),
  setting(
    'help-chat-retention-minutes',
    ['help', 'chatRetentionMinutes'],
    'whole',
    'chat deleted this long after a request closes (15)',
  ),
  setting(
    'help-expire-queued-after-minutes',
    ['help', 'expireQueuedAfterMinutes'],
    'whole',
    'unclaimed request expires (60)',
  ),
  setting(
    'help-initial-wait-estimate-minutes',
    ['help', 'initialWaitEstimateMinutes'],
    'whole',
    'first wait estimate (5)',
  ),
  setting('help-sweep-interval-seconds', ['help', 'sweepIntervalSeconds'], 'whole', 'help housekeeping interval (5)'),
  setting('help-stream-heartbeat-seconds', ['help', 'streamHeartbeatSeconds'], 'whole', 'live stream keep-alive (15)'),
  setting('help-replay-events', ['help', 'replayEvents'], 'whole', 'live events kept for reconnects (2000)'),
  setting(
    'help-station-requests-per-minute',
    ['help', 'stationRequestsPerMinute'],
    'whole',
    'calls per station and help route per minute (120)',
  ),
  setting(
    'help-max-streams-per-station',
    ['help', 'maxStreamsPerStation'],
    'whole',
    'open help streams per station (3)',
  ),
  setting(
    'help-max-streams-per-session',
    ['help', 'maxStreamsPerSession'],
    'whole',
    'open console streams per login (5)',
  ),
  setting(
    'help-close-claimed-after-minutes',
    ['help', 'closeClaimedAfterMinutes'],
    'whole',
    'claimed request closed this long after the first claim (120)',
  ),
  setting(
    'help-request-retention-days',
    ['help', 'requestRetentionDays'],
    'whole',
    'closed help requests kept, then only daily counts (30)',
  ),
  setting(
    'fleet-alert-webhook-url',
    ['fleet', 'alertWebhookUrl'],
    'text',
    'fleet alerts are POSTed here as JSON (none)',
  ),
  setting('fleet-offline-after-seconds', ['fleet', 'offlineAfterSeconds'], 'whole', 'unheard station is offline (180)'),
  setting(
    'fleet-offline-alert-minutes',
    ['fleet', 'offlineAlertMinutes'],
    'whole',
    'offline in opening hours this long alerts (15)',
  ),
  setting('fleet-history-days', ['fleet', 'historyDays'], 'whole', 'station health history kept (14)'),
];

/** A value given from outside that is not even the right kind of text (ranges are the schema's job). */
export class ConfigSourceError extends Error {}

/** Flag values as `util.parseArgs` returns them, and the environment. */
export interface ConfigSources {
  flags: Readonly<Record<string, string | boolean | undefined>>;
  env: Readonly<Record<string, string | undefined>>;
}

/** The config object the flags and environment describe (only the settings they give). */
export function configFromSources({ flags, env }: ConfigSources): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  let timeZone: string | undefined;
  for (const s of CONFIG_SETTINGS) {
    const fromFlag = flags[s.flag];
    const raw = fromFlag ?? env[s.env];
    if (raw === undefined || raw === '') continue;
    const name = fromFlag === undefined ? s.env : `--${s.flag}`;
    if (s.flag === 'help-time-zone') {
      timeZone = String(raw);
      continue;
    }
    setPath(config, s.path, parseValue(s.kind, raw, name));
  }
  if (timeZone !== undefined) {
    const hours = (config.help as { serviceHours?: unknown } | undefined)?.serviceHours;
    if (!hours) throw new ConfigSourceError('--help-time-zone needs --help-service-hours (the hours it applies to)');
    (hours as ServiceHours).timeZone = timeZone;
  }
  return config;
}

function parseValue(kind: Kind, raw: string | boolean, name: string): unknown {
  if (kind === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    throw new ConfigSourceError(`${name} must be true or false`);
  }
  const text = String(raw).trim();
  if (kind === 'whole') {
    if (!/^\d+$/.test(text)) throw new ConfigSourceError(`${name} must be a whole number`);
    return Number(text);
  }
  if (kind === 'number') {
    if (!/^\d+(\.\d+)?$/.test(text)) throw new ConfigSourceError(`${name} must be a number`);
    return Number(text);
  }
  if (kind === 'list')
    return text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  if (kind === 'service-hours') return parseServiceHours(text, name);
  return text;
}

function setPath(config: Record<string, unknown>, path: ConfigSetting['path'], value: unknown): void {
  const [first, second] = path;
  if (second === undefined) {
    config[first] = value;
    return;
  }
  const inner = (config[first] ??= {}) as Record<string, unknown>;
  inner[second] = value;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Parses service hours written for people: `always`, or `;`-separated groups of days and ranges,
 * e.g. `mon-fri 09:00-16:00; sat 10:00-14:00` or `mon,wed 09:00-12:00 13:00-16:00`.
 */
export function parseServiceHours(text: string, name = '--help-service-hours'): ServiceHours | null {
  if (/^always$/i.test(text.trim())) return null;
  const weekly: Partial<Record<Weekday, [string, string][]>> = {};
  for (const group of text
    .split(';')
    .map((g) => g.trim())
    .filter(Boolean)) {
    const [days = '', ...ranges] = group.split(/\s+/);
    if (ranges.length === 0) throw new ConfigSourceError(`${name}: "${group}" needs a time range such as 09:00-16:00`);
    for (const day of expandDays(days, name)) {
      for (const range of ranges) {
        const [open, close, extra] = range.split('-');
        if (!open || !close || extra !== undefined || !HHMM.test(open) || !HHMM.test(close))
          throw new ConfigSourceError(`${name}: "${range}" must be a range of HH:MM times such as 09:00-16:00`);
        (weekly[day] ??= []).push([open, close]);
      }
    }
  }
  if (Object.keys(weekly).length === 0) throw new ConfigSourceError(`${name} is empty; write "always" for no limit`);
  return { timeZone: 'Europe/Helsinki', weekly };
}

function expandDays(spec: string, name: string): Weekday[] {
  const days: Weekday[] = [];
  for (const part of spec.toLowerCase().split(',')) {
    const [from, to] = part.split('-') as [string, string | undefined];
    const start = WEEKDAYS.indexOf(from as Weekday);
    const end = to === undefined ? start : WEEKDAYS.indexOf(to as Weekday);
    if (start < 0 || end < 0 || end < start)
      throw new ConfigSourceError(`${name}: "${part}" must be days such as mon, mon-fri or sat,sun`);
    days.push(...WEEKDAYS.slice(start, end + 1));
  }
  return days;
}
