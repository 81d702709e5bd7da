/**
 * `npm run preview -- --port P --config FILE [--central-url URL --station-token TOKEN] [--no-build]`
 *
 * Serves the shell UI with core/ running in the page, at http://127.0.0.1:P/, and prints that URL.
 * The config file is passed to the page as text and validated there, exactly as the Electron
 * host does, so an invalid config shows the out-of-order screen here too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { PreviewBootstrap } from './bootstrap.ts';

export interface PreviewServerOptions {
  port: number;
  configPath: string;
  central: PreviewBootstrap['central'];
  /** Skip the Vite build (tests build once up front). */
  build: boolean;
}

const distDir = resolve(import.meta.dirname, '../../dist/renderer');

/** Builds the shell with Vite into dist/renderer. */
export async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'warn' });
}

/** Starts the preview server; resolves with its URL and a close function. */
export async function startPreviewServer(
  options: PreviewServerOptions,
): Promise<{ url: string; close: () => Promise<void>; app: FastifyInstance }> {
  if (options.build || !existsSync(resolve(distDir, 'index.html'))) await buildRenderer();
  const app = Fastify({ logger: false });
  app.get('/preview/bootstrap.json', async (): Promise<PreviewBootstrap> => ({
    // Read on every request so IT staff can edit the file and reload.
    configText: readConfig(options.configPath),
    configPath: options.configPath,
    central: options.central,
  }));
  await app.register(fastifyStatic, { root: distDir, index: 'index.html' });
  await app.listen({ port: options.port, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://127.0.0.1:${port}/`, close: () => app.close(), app };
}

function readConfig(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // Becomes a JSON error in the page, which shows the out-of-order screen with the reason.
    return `cannot read ${path}: ${(error as Error).message}`;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5173' },
      config: { type: 'string', default: process.env['KIOSK_CONFIG'] ?? 'kiosk-config/default.json' },
      'central-url': { type: 'string' },
      'station-token': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, got "${values.port}"`);
    process.exit(1);
  }
  const centralUrl = values['central-url'];
  const token = values['station-token'] ?? process.env['KIOSK_STATION_TOKEN'];
  const server = await startPreviewServer({
    port,
    configPath: resolve(values.config),
    central: centralUrl && token ? { url: centralUrl, stationToken: token } : null,
    build: !values['no-build'],
  });
  console.log(`preview listening on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
