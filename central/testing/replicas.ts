/**
 * Real central processes for multi-replica tests and the two-replica help benchmark: each is
 * `central/start-central.ts` in its own Node process, configured only by environment variables,
 * on loopback, port 0. Also a fresh PostgreSQL schema they share, reachable by URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createAccounts } from '../auth/accounts.ts';
import { realClock } from '../infrastructure/clock.ts';
import { openStorage } from '../storage/open-storage.ts';
import type { Storage } from '../storage/storage.ts';

const ENTRY = fileURLToPath(new URL('../start-central.ts', import.meta.url));

/** One running replica. */
export interface Replica {
  url: string;
  process: ChildProcess;
  /** Everything it wrote to stdout and stderr so far (JSON log lines). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Starts `central/start-central.ts` with `env` added to a minimal environment; resolves once it
 * listens (it prints its URL), rejects with its output if it exits first.
 */
export function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { PATH: process.env.PATH ?? '', ...sameClock(), CENTRAL_PORT: '0', CENTRAL_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"msg":"central listening","url":"([^"]+)"/.exec(output);
      if (match?.[1]) resolve({ url: match[1], process: child, output: () => output, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`replica exited (${code}) before listening:\n${output}`)));
  });
}

/** A fresh schema on `baseUrl`'s database, its URL for replicas, and a way to drop it. */
export async function freshPgSchema(baseUrl: string): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const schema = `r_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    url: url.toString(),
    async drop() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * libfaketime's variables, when the tests run with a moved clock (`npm test` runs vitest again a
 * year ahead): a replica on the real date would refuse the test's events as a year in the future.
 */
function sameClock(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && (entry[0] === 'LD_PRELOAD' || entry[0].startsWith('FAKETIME')),
    ),
  );
}

/** Environment every help replica test starts with: dev mode, fast hashing, 1 s heartbeats, no station rate cap. */
export const HELP_REPLICA_ENV: Readonly<Record<string, string>> = {
  CENTRAL_DEV_MODE: 'true',
  CENTRAL_PASSWORD_SCRYPT_LOG2N: '14',
  CENTRAL_HELP_STREAM_HEARTBEAT_SECONDS: '1',
  CENTRAL_HELP_STATION_REQUESTS_PER_MINUTE: '10000',
};

/** POSTs `body` as JSON (or nothing) to a replica; the status and the parsed answer. */
export async function postJson(
  base: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A staff login on one replica (valid on all: sessions are in the database). */
export interface ReplicaLogin {
  cookie: string;
  /** Cookie and CSRF header, for calls that change something. */
  headers: Record<string, string>;
}

/** Logs `name` in through `base` and returns the session cookie and CSRF header. */
export async function loginOn(base: string, name: string, password: string): Promise<ReplicaLogin> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (response.status !== 200) throw new Error(`login as ${name} answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** Two replicas on a fresh schema, with station `oodi-1` and advisor `aino`. */
export interface HelpReplicaPair {
  schema: Awaited<ReturnType<typeof freshPgSchema>>;
  a: Replica;
  b: Replica;
  /** The test's own connection to the shared schema. */
  storage: Storage;
  stationToken: string;
  /** SIGKILLs what still runs, closes the connection and drops the schema. */
  close(): Promise<void>;
}

/**
 * Starts two replicas at once on a fresh schema of `baseUrl` (the migration lock lets one migrate,
 * the other wait) and adds the station and the advisor every help replica test uses.
 */
export async function startHelpReplicaPair(
  baseUrl: string,
  env: Record<string, string>,
  password: string,
): Promise<HelpReplicaPair> {
  const schema = await freshPgSchema(baseUrl);
  const all = { ...env, CENTRAL_DB: schema.url };
  const [a, b] = await Promise.all([startReplica(all), startReplica(all)]);
  const storage = await openStorage(schema.url);
  const accounts = createAccounts(storage, realClock(), { scrypt: { N: 2 ** 14, r: 8, p: 1 } });
  const { token } = await accounts.addStation({ id: 'oodi-1', location: 'Oodi', siteKind: 'library' });
  await accounts.addUser({ name: 'aino', role: 'advisor', password });
  return {
    schema,
    a,
    b,
    storage,
    stationToken: token,
    async close() {
      for (const r of [a, b])
        if (r.process.exitCode === null && r.process.signalCode === null) r.process.kill('SIGKILL');
      await Promise.all([a.exited, b.exited]);
      await storage.close();
      await schema.drop();
    },
  };
}
