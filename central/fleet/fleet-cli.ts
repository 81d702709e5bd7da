/**
 * `npm run central -- fleet ...`: the fleet for IT's scripts, straight on central's database (like
 * the station and user commands), with the same checks as the API:
 *
 *   fleet list [--site SITE] [--status STATUS]          one station a line: id, status, site, version, last seen, problems
 *   fleet show STATION                                  status, merged config, recent health, actions, alerts (JSON)
 *   fleet config show [--station ID]                    every scope's overrides, or what a station gets (JSON)
 *   fleet config set LEVEL [TARGET] --json '{...}'      replace a scope's overrides ('{}' clears); refused naming the field
 *   fleet config history [LEVEL [TARGET]]               who changed what and when
 *   fleet action STATION|--site SITE KIND [...]         restart-after-visitor | reset-now |
 *        welcome-message --text fi="..." [--text en="..."] --until 2026-11-30T12:00Z | out-of-order --on --reason "..." | --off
 *   fleet hours show | fleet hours set LEVEL [TARGET] --json '{"mon":[["08:00","20:00"]]}' | --clear
 *   fleet site set STATION SITE
 *
 * LEVEL is city | site-kind | site | station; TARGET is empty for city. Changes are recorded as
 * `cli:<os user>`.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  fleetActionRequestSchema,
  fleetStatusSchema,
  openingHoursSchema,
  overrideScopeSchema,
  type FleetActionRequest,
} from '../../protocol/fleet.ts';
import { createAccounts } from '../auth/accounts.ts';
import { realClock } from '../infrastructure/clock.ts';
import { centralMigrations } from '../storage/central-migrations.ts';
import { openStorage } from '../storage/open-storage.ts';
import { fleetConfigSchema } from './fleet-config.ts';
import { createFleetService, type FleetService } from './fleet-service.ts';
import { fleetMigrations } from './migrations.ts';

/** A mistake the person can fix: printed as one line, exit 1. */
export class FleetUsageError extends Error {}

export const FLEET_USAGE = `  npm run central -- fleet list [--site SITE] [--status STATUS]
  npm run central -- fleet show STATION
  npm run central -- fleet config show [--station ID] | fleet config history [LEVEL [TARGET]]
  npm run central -- fleet config set city|site-kind|site|station [TARGET] --json '{"idle":{...}}'
  npm run central -- fleet action STATION|--site SITE restart-after-visitor|reset-now
  npm run central -- fleet action STATION|--site SITE welcome-message --text fi="..." [--text en="..."] --until 2026-11-30T12:00Z
  npm run central -- fleet action STATION|--site SITE out-of-order --on --reason "..." | --off
  npm run central -- fleet hours show | fleet hours set LEVEL [TARGET] --json '{"mon":[["08:00","20:00"]]}' | --clear
  npm run central -- fleet site set STATION SITE`;

function scope(level: string | undefined, target: string | undefined) {
  const parsed = overrideScopeSchema.safeParse({ level, target: target ?? '' });
  if (!parsed.success)
    throw new FleetUsageError(
      `scope: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'level'} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

function parseJson(text: string | undefined, what: string): unknown {
  if (text === undefined) throw new FleetUsageError(`${what} needs --json '{...}'`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FleetUsageError(`--json is not valid JSON: ${(error as Error).message}`);
  }
}

function actionFrom(kind: string | undefined, values: Record<string, unknown>): FleetActionRequest {
  const texts = (values.text as string[] | undefined) ?? [];
  const text = Object.fromEntries(
    texts.map((entry) => {
      const at = entry.indexOf('=');
      if (at < 1) throw new FleetUsageError(`--text must be LANG="text", got ${entry}`);
      return [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );
  // 2026-11-30T12:00Z is how people write it; the wire wants the seconds too.
  const until = typeof values.until === 'string' ? values.until.replace(/T(\d{2}:\d{2})Z$/, 'T$1:00Z') : undefined;
  const candidate =
    kind === 'welcome-message'
      ? { kind, text, until }
      : kind === 'out-of-order'
        ? { kind, on: values.on === true, reason: typeof values.reason === 'string' ? values.reason : null }
        : { kind };
  if (kind === 'out-of-order' && values.on !== true && values.off !== true)
    throw new FleetUsageError('out-of-order needs --on --reason "..." or --off');
  if (kind === 'out-of-order' && values.on === true && typeof values.reason !== 'string')
    throw new FleetUsageError('out-of-order --on needs --reason "..." (shown to staff)');
  const parsed = fleetActionRequestSchema.safeParse(candidate);
  if (!parsed.success)
    throw new FleetUsageError(
      `action: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'kind'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

const when = (epochMs: number | null) => (epochMs === null ? 'never' : new Date(epochMs).toISOString());

/** Runs `fleet ...` (argv after `fleet`); prints to `out`. */
export async function runFleetCli(
  argv: string[],
  db: string,
  out: (line: string) => void = console.log,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      site: { type: 'string' },
      status: { type: 'string' },
      station: { type: 'string' },
      json: { type: 'string' },
      clear: { type: 'boolean' },
      text: { type: 'string', multiple: true },
      until: { type: 'string' },
      on: { type: 'boolean' },
      off: { type: 'boolean' },
      reason: { type: 'string' },
    },
  });
  const storage = await openStorage(values.db ?? db);
  try {
    await storage.migrate('central', centralMigrations);
    await storage.migrate('fleet', fleetMigrations);
    const clock = realClock();
    const accounts = createAccounts(storage, clock, {});
    const fleet = createFleetService({ storage, accounts, clock, config: fleetConfigSchema.parse({}) });
    await dispatch(fleet, positionals, values, out);
  } finally {
    await storage.close();
  }
}

async function dispatch(
  fleet: FleetService,
  positionals: string[],
  values: Record<string, unknown>,
  out: (line: string) => void,
): Promise<void> {
  const [command, ...args] = positionals;
  const by = `cli:${userInfo().username}`;
  const json = typeof values.json === 'string' ? values.json : undefined;

  if (command === 'list') {
    const status = values.status === undefined ? undefined : fleetStatusSchema.safeParse(values.status);
    if (status && !status.success)
      throw new FleetUsageError(`--status must be one of ${fleetStatusSchema.options.join(', ')}`);
    const list = await fleet.list({
      site: typeof values.site === 'string' ? values.site : undefined,
      status: status?.data,
    });
    if (list.stations.length === 0) out('no stations');
    for (const s of list.stations)
      out([s.id, s.status, s.site, s.appVersion ?? '-', when(s.lastSeenAt), s.problems.join(',') || '-'].join('\t'));
    return;
  }
  if (command === 'show') {
    const [id] = args;
    if (!id) throw new FleetUsageError('fleet show needs a STATION');
    const detail = await fleet.detail(id);
    if (!detail) throw new FleetUsageError(`no station ${id}`);
    out(JSON.stringify({ ...detail, history: detail.history.slice(0, 20) }, null, 2));
    return;
  }
  if (command === 'config') {
    const [sub, level, target] = args;
    if (sub === 'show') {
      if (typeof values.station === 'string') {
        const detail = await fleet.detail(values.station);
        if (!detail) throw new FleetUsageError(`no station ${values.station}`);
        out(JSON.stringify(detail.config, null, 2));
      } else out(JSON.stringify(await fleet.currentOverrides(), null, 2));
      return;
    }
    if (sub === 'history') {
      const versions = await fleet.overrideHistory(level ? scope(level, target) : undefined);
      if (versions.length === 0) out('no changes');
      for (const v of versions)
        out(
          [v.version, when(v.changedAt), v.changedBy, v.level, v.target || '-', JSON.stringify(v.overrides)].join('\t'),
        );
      return;
    }
    if (sub === 'set') {
      const where = scope(level, target);
      const overrides = parseJson(json, 'fleet config set');
      if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))
        throw new FleetUsageError('--json must be an object of config keys');
      const result = await fleet.setOverrides({ ...where, overrides: overrides as Record<string, unknown> }, by);
      if (!result.ok)
        throw new FleetUsageError(
          `refused: ${result.problems.map((p) => `${p.field}: ${p.message}${p.station ? ` (station ${p.station})` : ''}`).join('; ')}`,
        );
      out(
        `overrides of ${where.level}${where.target ? ` ${where.target}` : ''} are now version ${result.version.version}`,
      );
      return;
    }
    throw new FleetUsageError('fleet config show|set|history');
  }
  if (command === 'action') {
    const site = typeof values.site === 'string' ? values.site : undefined;
    const [first, second] = args;
    const stationId = site ? undefined : first;
    const kind = site ? first : second;
    if (!site && !stationId) throw new FleetUsageError('fleet action needs a STATION or --site SITE');
    const action = actionFrom(kind, values);
    const result = await fleet.queueAction(site ? { site } : { station: stationId! }, action, by);
    if (!result.ok) throw new FleetUsageError(site ? `no stations in site ${site}` : `no station ${stationId}`);
    for (const a of result.actions) out(`queued ${a.action.kind} for ${a.stationId}: ${a.id}`);
    return;
  }
  if (command === 'hours') {
    const [sub, level, target] = args;
    if (sub === 'show') {
      out(JSON.stringify(await fleet.openingHours(), null, 2));
      return;
    }
    if (sub === 'set') {
      const where = scope(level, target);
      if (values.clear === true) {
        await fleet.setOpeningHours(where.level, where.target, null, by);
        out(`opening hours of ${where.level}${where.target ? ` ${where.target}` : ''} cleared`);
        return;
      }
      const hours = openingHoursSchema.safeParse(parseJson(json, 'fleet hours set'));
      if (!hours.success)
        throw new FleetUsageError(
          `hours: ${hours.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      await fleet.setOpeningHours(where.level, where.target, hours.data, by);
      out(`opening hours of ${where.level}${where.target ? ` ${where.target}` : ''} set`);
      return;
    }
    throw new FleetUsageError('fleet hours show|set');
  }
  if (command === 'site' && args[0] === 'set') {
    const [, stationId, site] = args;
    if (!stationId || !site || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(site))
      throw new FleetUsageError('fleet site set STATION SITE (SITE: a-z, 0-9 and dashes)');
    if (!(await fleet.setSite(stationId, site))) throw new FleetUsageError(`no station ${stationId}`);
    out(`station ${stationId} is in site ${site}`);
    return;
  }
  throw new FleetUsageError(`unknown fleet command: ${positionals.join(' ')}\n${FLEET_USAGE}`);
}
