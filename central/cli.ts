/**
 * Central's command line (`npm run central -- ...`):
 *   [--port P] [--db TARGET] [--host H] [--SETTING VALUE ...]   start the server (settings: config-sources.ts,
 *                                                               also as CENTRAL_* environment variables)
 *   station add ID --location "TEXT" --site KIND [--db ...]   register a station, print its token once
 *   station list | station revoke ID
 *   user add NAME --role advisor|coordinator|admin            password read from stdin
 * TARGET is a SQLite file path (default ./.data/central.db, or $DATABASE_URL) or a postgres:// URL.
 * User mistakes print one clear line and exit 1, never a stack trace.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatIssues } from '../protocol/events.ts';
import { AccountError, createAccounts, SITE_KINDS } from './auth/accounts.ts';
import { CONFIG_SETTINGS, ConfigSourceError, configFromSources } from './config-sources.ts';
import { centralConfigSchema } from './config.ts';
import { realClock } from './infrastructure/clock.ts';
import { centralMigrations } from './storage/central-migrations.ts';
import { openStorage } from './storage/open-storage.ts';
import { DEFAULT_DB, startCentral, startOptionsSchema } from './start-central.ts';

const SETTINGS_USAGE = CONFIG_SETTINGS.map(
  (s) => `  --${s.flag}${s.kind === 'boolean' ? '' : ' VALUE'}  (${s.env})  ${s.description}`,
).join('\n');

const USAGE = `usage:
  npm run central -- [--port P] [--db TARGET] [--host 127.0.0.1] [--SETTING VALUE ...]
  npm run central -- station add ID --location "TEXT" --site ${SITE_KINDS.join('|')}
  npm run central -- station list
  npm run central -- station revoke ID
  echo PASSWORD | npm run central -- user add NAME --role advisor|coordinator|admin
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
  action: (accounts: ReturnType<typeof createAccounts>) => Promise<T>,
): Promise<T> {
  const storage = await openStorage(db);
  try {
    await storage.migrate('central', centralMigrations);
    return await action(createAccounts(storage, realClock()));
  } finally {
    await storage.close();
  }
}

async function main(argv: string[]): Promise<void> {
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
    const { token, station } = await withAccounts(db, (accounts) =>
      accounts.addStation({ id: name, location: values.location ?? '', siteKind: (values.site ?? '') as never }),
    );
    console.log(`station ${station.id} added (${station.siteKind}, ${station.location})`);
    console.log("token (shown only once; put it in the station's central.tokenFile):");
    console.log(token);
    return;
  }
  if (command === 'station' && action === 'list') {
    const stations = await withAccounts(db, (accounts) => accounts.listStations());
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
    await withAccounts(db, (accounts) => accounts.revokeStation(name));
    console.log(`station ${name} revoked`);
    return;
  }
  if (command === 'user' && action === 'add') {
    if (!name) throw new UsageError('user add needs a NAME');
    const password = await readStdin();
    await withAccounts(db, (accounts) => accounts.addUser({ name, role: (values.role ?? '') as never, password }));
    console.log(`user ${name} added (${values.role})`);
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
