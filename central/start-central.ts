/**
 * Starts central in-process: opens storage, builds the app, listens. Used by the CLI, by the
 * lead's `npm start` script and by Playwright tests.
 */
import { z } from 'zod';
import { buildCentral } from './app.ts';
import type { CentralConfigInput } from './config.ts';
import { openStorage } from './storage/open-storage.ts';

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
  const { app } = buildCentral({ storage, ...(options.config ? { config: options.config } : {}) });
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
