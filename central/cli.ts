/**
 * Central's command line (`npm run central -- ...`):
 *   [--port P] [--db TARGET] [--host H] [--SETTING VALUE ...]   start the server (settings: config-sources.ts,
 *                                                               also as CENTRAL_* environment variables)
 *   station add ID --location "TEXT" --site KIND [--db ...]   register a station, print its token once
 *   station list | station revoke ID | station rotate ID      rotate: new token, same id and statistics
 *   user add NAME --role advisor|coordinator|admin [--display-name FIRSTNAME]   password read from stdin
 *   user add NAME --role service-owner --services kela,omakanta                  sees only those services' report
 *   user list | user disable NAME | user enable NAME | user remove NAME
 *   user passwd NAME (password from stdin) | user logout NAME (log out everywhere)
 *   rollups rebuild                                           recompute the dashboard's rollups (ADR 0008)
 *   fleet list|show|config|action|hours|site ...              IT runs the fleet (central/fleet/fleet-cli.ts)
 * TARGET is a SQLite file path (default ./.data/central.db, or $DATABASE_URL) or a postgres:// URL.
 * User mistakes print one clear line and exit 1, never a stack trace.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatIssues } from '../protocol/events.ts';
import { AccountError, createAccounts, SITE_KINDS } from './auth/accounts.ts';
import { CONFIG_SETTINGS, ConfigSourceError, configFromSources } from './config-sources.ts';
import { centralConfigSchema } from './config.ts';
import { createServiceOwners, parseServiceList } from './dashboard/service-owners.ts';
import { FLEET_USAGE, runFleetCli } from './fleet/fleet-cli.ts';
import { helpConfigSchema } from './help/help-config.ts';
import { createHelpDomain } from './help/help-domain.ts';
import { realClock } from './infrastructure/clock.ts';
import { createLocalSlots, localDayMinus } from './ingest/local-time.ts';
import { rebuildRollups } from './rollups/rollup-rebuild.ts';
import { centralMigrations } from './storage/central-migrations.ts';
import { openStorage } from './storage/open-storage.ts';
import type { Storage } from './storage/storage.ts';
import { DEFAULT_DB, startCentral, startOptionsSchema } from './start-central.ts';

const SETTINGS_USAGE = CONFIG_SETTINGS.map(
  (s) => `  --${s.flag}${s.kind === 'boolean' ? '' : ' VALUE'}  (${s.env})  ${s.description}`,
).join('\n');

const USAGE = `usage:
  npm run central -- [--port P] [--db TARGET] [--host 127.0.0.1] [--SETTING VALUE ...]
  npm run central -- station add ID --location "TEXT" --site ${SITE_KINDS.join('|')}
  npm run central -- station list
  npm run central -- station revoke ID        (its open help requests close; its streams end)
  npm run central -- station rotate ID        (prints a new token; the old one stops)
  echo PASSWORD | npm run central -- user add NAME --role advisor|coordinator|admin [--display-name FIRSTNAME]
  echo PASSWORD | npm run central -- user add NAME --role service-owner --services kela,omakanta
  npm run central -- user list
  npm run central -- user disable NAME | user enable NAME | user remove NAME
  echo PASSWORD | npm run central -- user passwd NAME   (every session of NAME ends)
  npm run central -- user logout NAME          (log NAME out everywhere)
  npm run central -- rollups rebuild          (recompute the dashboard's rollups from raw events + folded totals)
  echo PASSWORD | npm run central -- user add NAME --role it     (IT staff: the fleet view and API)
${FLEET_USAGE}
TARGET: SQLite file path (default ${DEFAULT_DB}) or postgres://user@host:port/db
settings (a flag wins over its environment variable):
${SETTINGS_USAGE}`;

/** A mistake the person running the command can fix. */
class UsageError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && String(chunk).includes('\n')) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function withAccounts<T>(
  db: string,
  scryptLog2N: number,
  action: (accounts: ReturnType<typeof createAccounts>, storage: Storage) => Promise<T>,
): Promise<T> {
  const storage = await openStorage(db);
  try {
    await storage.migrate('central', centralMigrations);
    return await action(createAccounts(storage, realClock(), { scrypt: { N: 2 ** scryptLog2N, r: 8, p: 1 } }), storage);
  } finally {
    await storage.close();
  }
}

async function main(argv: string[]): Promise<void> {
  // `fleet ...` has options of its own (central/fleet/fleet-cli.ts).
  if (argv[0] === 'fleet') return runFleetCli(argv.slice(1), process.env.DATABASE_URL ?? DEFAULT_DB);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      location: { type: 'string' },
      site: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      services: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(
        CONFIG_SETTINGS.map((s) => [
          s.flag,
          { type: s.kind === 'boolean' ? ('boolean' as const) : ('string' as const) },
        ]),
      ),
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const db = values.db ?? process.env.DATABASE_URL ?? DEFAULT_DB;
  const [command, action, name, ...rest] = positionals;
  // New password hashes use the configured cost (--password-scrypt-log2n / CENTRAL_PASSWORD_SCRYPT_LOG2N).
  const scryptLog2N = centralConfigSchema.parse(
    configFromSources({ flags: values, env: process.env }),
  ).passwordScryptLog2N;
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest.join(' ')}`);

  if (command === undefined || command === 'serve') {
    if (values.port !== undefined && !/^\d+$/.test(values.port))
      throw new UsageError('--port must be a number 0-65535');
    const options = startOptionsSchema.parse({
      db,
      host: values.host,
      port: values.port === undefined ? undefined : Number(values.port),
    });
    const config = centralConfigSchema.parse(configFromSources({ flags: values, env: process.env }));
    const central = await startCentral({ ...options, config });
    console.log(`central listening on ${central.url}`);
    const stop = () => {
      central.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }

  if (command === 'station' && action === 'add') {
    if (!name) throw new UsageError('station add needs an ID');
    const { token, station } = await withAccounts(db, scryptLog2N, (accounts) =>
      accounts.addStation({ id: name, location: values.location ?? '', siteKind: (values.site ?? '') as never }),
    );
    console.log(`station ${station.id} added (${station.siteKind}, ${station.location})`);
    console.log("token (shown only once; put it in the station's central.tokenFile):");
    console.log(token);
    return;
  }
  if (command === 'station' && action === 'list') {
    const stations = await withAccounts(db, scryptLog2N, (accounts) => accounts.listStations());
    if (stations.length === 0) console.log('no stations');
    for (const s of stations) {
      console.log(
        `${s.id}\t${s.siteKind}\t${s.location}\t${s.revokedAt === null ? 'active' : `revoked ${new Date(s.revokedAt).toISOString()}`}`,
      );
    }
    return;
  }
  if (command === 'station' && action === 'revoke') {
    if (!name) throw new UsageError('station revoke needs an ID');
    const closed = await withAccounts(db, scryptLog2N, async (accounts, storage) => {
      await accounts.revokeStation(name);
      // The running server's streams of this station end at their next heartbeat; its open help
      // requests close here, so no advisor claims one nobody can see any more.
      const help = createHelpDomain({ storage, config: helpConfigSchema.parse({}), clock: realClock() });
      await help.store.migrate();
      return help.service.closeForStation(name);
    });
    console.log(`station ${name} revoked${closed > 0 ? `; ${closed} open help request(s) closed` : ''}`);
    return;
  }
  if (command === 'station' && action === 'rotate') {
    if (!name) throw new UsageError('station rotate needs an ID');
    const token = await withAccounts(db, scryptLog2N, (accounts) => accounts.rotateStation(name));
    console.log(`station ${name} has a new token; the old one no longer works`);
    console.log("token (shown only once; put it in the station's central.tokenFile):");
    console.log(token);
    return;
  }
  if (command === 'user' && action === 'add') {
    if (!name) throw new UsageError('user add needs a NAME');
    const password = await readStdin();
    const displayName = values['display-name'];
    // A service owner sees only their services' report (issue 14): the list is required, and
    // meaningless for any other role.
    const owner = values.role === 'service-owner';
    if (owner !== (values.services !== undefined))
      throw new UsageError(
        owner ? 'a service-owner needs --services ID[,ID...]' : '--services is only for --role service-owner',
      );
    const services = owner ? parseServiceList(values.services ?? '') : [];
    if (owner && services.length === 0) throw new UsageError('--services needs at least one service id');
    await withAccounts(db, scryptLog2N, async (accounts, storage) => {
      await accounts.addUser({
        name,
        role: (values.role ?? '') as never,
        password,
        ...(displayName === undefined ? {} : { displayName }),
      });
      if (!owner) return;
      const owners = createServiceOwners(storage);
      await owners.migrate();
      await owners.setServices(name, services);
    });
    console.log(`user ${name} added (${values.role}${owner ? `: ${services.join(', ')}` : ''})`);
    return;
  }
  if (command === 'user' && action === 'list') {
    const users = await withAccounts(db, scryptLog2N, (accounts) => accounts.listUsers());
    if (users.length === 0) console.log('no users');
    for (const u of users) {
      const state = u.disabledAt === null ? 'active' : `disabled ${new Date(u.disabledAt).toISOString()}`;
      console.log(`${u.name}\t${u.role}\t${u.displayName}\t${state}\t${u.activeSessions} session(s)`);
    }
    return;
  }
  if (
    command === 'user' &&
    action !== undefined &&
    ['disable', 'enable', 'remove', 'passwd', 'logout'].includes(action)
  ) {
    if (!name) throw new UsageError(`user ${action} needs a NAME`);
    const password = action === 'passwd' ? await readStdin() : '';
    const done = await withAccounts(db, scryptLog2N, async (accounts) => {
      if (action === 'disable') await accounts.disableUser(name);
      else if (action === 'enable') await accounts.enableUser(name);
      else if (action === 'remove') await accounts.removeUser(name);
      else if (action === 'passwd') await accounts.setPassword(name, password);
      else return `user ${name} logged out everywhere (${await accounts.endUserSessions(name)} session(s) ended)`;
      return {
        disable: `user ${name} disabled; every session ended`,
        enable: `user ${name} enabled`,
        remove: `user ${name} removed`,
        passwd: `password of ${name} changed; every session ended`,
      }[action];
    });
    console.log(done);
    return;
  }
  if (command === 'rollups' && action === 'rebuild') {
    if (name) throw new UsageError('rollups rebuild takes no argument');
    const { retentionDays } = centralConfigSchema.parse(configFromSources({ flags: values, env: process.env }));
    const storage = await openStorage(db);
    try {
      await storage.migrate('central', centralMigrations);
      const cutoffDay = localDayMinus(createLocalSlots(), realClock().now(), retentionDays);
      const result = await rebuildRollups(storage, cutoffDay);
      console.log(
        `rollups rebuilt: ${result.rawDays} day(s) from raw events, days before ${cutoffDay} kept as folded; ` +
          `${result.stationRows} station rows, ${result.siteRows} site rows`,
      );
    } finally {
      await storage.close();
    }
    return;
  }
  throw new UsageError(`unknown command: ${positionals.join(' ')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  let message: string;
  if (error instanceof z.ZodError) message = formatIssues(error);
  else if (error instanceof UsageError) message = `${error.message}\n${USAGE}`;
  else if (error instanceof ConfigSourceError) message = error.message;
  else if (error instanceof AccountError) message = error.message;
  else if (error instanceof Error && 'code' in error && typeof error.code === 'string')
    message = `${error.code}: ${error.message}`;
  else if (error instanceof Error) message = error.message;
  else message = String(error);
  console.error(`error: ${message}`);
  process.exit(1);
});
