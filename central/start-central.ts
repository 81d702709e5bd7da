/**
 * Starts central in-process: opens storage, builds the app, listens. Used by the CLI, by the
 * lead's `npm start` script and by Playwright tests.
 *
 * Run directly (`tsx central/start-central.ts`, the systemd unit in docs/deployment-central.md) it
 * is one replica configured only by environment variables, validated before anything starts:
 * `CENTRAL_DB` or `DATABASE_URL`, `CENTRAL_PORT`, `CENTRAL_HOST`, `CENTRAL_LOG_LEVEL` and every
 * `CENTRAL_*` setting of config-sources.ts. SIGTERM (or SIGINT) shuts it down gracefully: not ready
 * any more, live streams told to reconnect elsewhere, requests in flight finished, storage closed.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import { buildCentral } from './app.ts';
import { CONFIG_SETTINGS, ConfigSourceError, configFromSources } from './config-sources.ts';
import { centralConfigSchema, type CentralConfigInput } from './config.ts';
import { LOG_LEVELS, centralLoggerOptions } from './infrastructure/logging.ts';
import { isPostgresTarget, openStorage } from './storage/open-storage.ts';

/** Default SQLite file, relative to the working directory. */
export const DEFAULT_DB = './.data/central.db';

export const startOptionsSchema = z
  .object({
    port: z.number().int().min(0, 'port must be 0-65535').max(65535, 'port must be 0-65535').default(8787),
    host: z.string().min(1).default('127.0.0.1'),
    db: z
      .string()
      .min(1)
      .default(DEFAULT_DB)
      .refine(
        (target) => !/^[a-z]+:\/\//.test(target) || /^postgres(ql)?:\/\//.test(target),
        'must be a SQLite file path or a postgres:// URL',
      ),
  })
  .strict();

export interface StartCentralOptions {
  /** 0 picks a free port (see `url`). Default 8787. */
  port?: number;
  /** Default 127.0.0.1: central is meant to sit behind the city's reverse proxy. */
  host?: string;
  /** SQLite file path or `postgres://` URL. Default `./.data/central.db`. */
  db?: string;
  /** Settings (central/config.ts), e.g. from the CLI's flags and environment. */
  config?: CentralConfigInput;
  /** Fastify's logger (pino options, see infrastructure/logging.ts); off by default. */
  logger?: FastifyServerOptions['logger'];
}

export interface RunningCentral {
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  /** Stops listening and closes storage. */
  close(): Promise<void>;
}

/** Validates options, opens storage, migrates and listens. Rejects with a clear error on bad input. */
export async function startCentral(options: StartCentralOptions = {}): Promise<RunningCentral> {
  const { port, host, db } = startOptionsSchema.parse({ port: options.port, host: options.host, db: options.db });
  const storage = await openStorage(db);
  const { app } = buildCentral({
    storage,
    ...(options.config ? { config: options.config } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  // Says at start which way this process runs; never the URL (it may hold a password). Through
  // the JSON log when there is one, else on stdout (the CLI's `serve`).
  const announce = (storageKind: string, message: string) =>
    options.logger ? app.log.info({ storage: storageKind }, message) : console.log(`central: ${message}`);
  if (storage.kind === 'sqlite')
    announce(
      'sqlite',
      'storage: SQLite file, single process; run several replicas only on PostgreSQL (docs/deployment-central.md)',
    );
  else announce('postgres', 'storage: PostgreSQL; help events shared with other replicas (LISTEN/NOTIFY)');
  try {
    await app.listen({ port, host });
  } catch (error) {
    await app.close().catch(() => {});
    await storage.close().catch(() => {});
    throw error;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
    async close() {
      await app.close();
      await storage.close();
    },
  };
}

/** Zod issues named by the environment variable that set the value, e.g. `CENTRAL_HELP_REPLAY_EVENTS`. */
function namedIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String);
      const setting = CONFIG_SETTINGS.find((s) => s.path.join('.') === path.join('.'));
      return `${setting?.env ?? (path.join('.') || 'settings')}: ${issue.message}`;
    })
    .join('; ');
}

/** The process's settings from the environment; throws with every problem named. */
export function processSettingsFromEnv(env: Readonly<Record<string, string | undefined>>) {
  const port = env.CENTRAL_PORT;
  if (port !== undefined && !/^\d+$/.test(port)) throw new ConfigSourceError('CENTRAL_PORT must be a number 0-65535');
  const level = env.CENTRAL_LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new ConfigSourceError(`CENTRAL_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const options = startOptionsSchema.parse({
    port: port === undefined ? undefined : Number(port),
    host: env.CENTRAL_HOST,
    db: env.CENTRAL_DB ?? env.DATABASE_URL,
  });
  const config = centralConfigSchema.parse(configFromSources({ flags: {}, env }));
  return { ...options, config, logLevel: level as (typeof LOG_LEVELS)[number] };
}

/** One replica from the environment, until SIGTERM/SIGINT. Exits 2 on invalid settings. */
export async function runFromEnvironment(env: Readonly<Record<string, string | undefined>>): Promise<void> {
  let settings: ReturnType<typeof processSettingsFromEnv>;
  try {
    settings = processSettingsFromEnv(env);
  } catch (error) {
    const message =
      error instanceof z.ZodError ? namedIssues(error) : error instanceof Error ? error.message : String(error);
    console.error(`central: invalid configuration: ${message}`);
    process.exit(2);
  }
  const { logLevel, ...options } = settings;
  const central = await startCentral({ ...options, logger: centralLoggerOptions(logLevel) });
  // Tests and scripts read the address from here (CENTRAL_PORT=0 picks a free port).
  console.log(
    JSON.stringify({
      msg: 'central listening',
      url: central.url,
      storage: isPostgresTarget(options.db) ? 'postgres' : 'sqlite',
    }),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(JSON.stringify({ msg: 'central shutting down', signal }));
    central.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

const entry = process.argv[1];
if (entry !== undefined && realpathSync(entry) === fileURLToPath(import.meta.url)) {
  runFromEnvironment(process.env).catch((error: unknown) => {
    console.error(`central: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
