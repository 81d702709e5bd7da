/**
 * Real central processes for multi-replica tests and the two-replica help benchmark: each is
 * `central/start-central.ts` in its own Node process, configured only by environment variables,
 * on loopback, port 0. Also a fresh PostgreSQL schema they share, reachable by URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

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
