/**
 * `npm run preview -- --port P --config FILE [--central-url URL --station-token TOKEN] [--no-build]`
 *
 * Serves the shell UI with core/ running in the page, at http://127.0.0.1:P/, and prints that URL.
 * The config file is read and checked here on every page load, with the same core function
 * Electron main uses before it opens the window, and the page composes the station from the
 * result; an invalid config shows the out-of-order screen with every problem, as in Electron.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { validateConfigText } from '../../core/config/validate.ts';
import { localize } from '../../core/i18n/localize.ts';
import { DEFAULT_ACCESSIBILITY } from '../../protocol/ipc.ts';
import { shellCsp } from '../../protocol/shell-page.ts';
import {
  pageWithWelcome,
  parseWelcomeTemplates,
  WELCOME_TEMPLATES_FILE,
  type WelcomeFill,
  type WelcomeTemplates,
} from '../../protocol/welcome-page.ts';
import { buildShell } from '../build.ts';
import type { PreviewBootstrap } from './bootstrap.ts';
import { PREVIEW_LIMITATIONS } from './preview-limitations.ts';

export interface PreviewServerOptions {
  port: number;
  configPath: string;
  central: PreviewBootstrap['central'];
  /** Skip the Vite build (tests build once up front). */
  build: boolean;
  /** Serve another build than dist/renderer (the start bench serves a saved build or its blank baseline page this way). */
  distDir?: string;
}

const distDir = resolve(import.meta.dirname, '../../dist/renderer');

/** Builds the shell into dist/renderer, welcome screens included (renderer/build.ts). */
export async function buildRenderer(): Promise<void> {
  await buildShell(distDir);
}

/** Starts the preview server; resolves with its URL and a close function. */
export async function startPreviewServer(
  options: PreviewServerOptions,
): Promise<{ url: string; close: () => Promise<void>; app: FastifyInstance }> {
  const root = options.distDir ?? distDir;
  if (!options.distDir && (options.build || !existsSync(resolve(distDir, 'index.html')))) await buildRenderer();
  // Close drops every socket: Chromium keeps preconnected sockets that never carry a request, and
  // fastify's default ('idle') would wait for Node's 60 s header timeout on each of them.
  const app = Fastify({ logger: false, forceCloseConnections: true });
  // Read on every request so IT staff can edit the file and reload.
  const bootstrap = (): PreviewBootstrap => ({
    config: validateConfigText(readConfig(options.configPath)),
    configPath: options.configPath,
    central: options.central,
  });
  app.get('/preview/bootstrap.json', async () => bootstrap());
  // The shell's own policy, as Electron sends it, opened only for central: core runs in the page here.
  const csp = shellCsp(options.central ? [new URL(options.central.url).origin] : []);
  const page = async (_request: unknown, reply: FastifyReply) =>
    reply
      .type('text/html')
      .header('cache-control', 'no-store')
      .header('content-security-policy', csp)
      .send(previewPage(root, bootstrap()));
  app.get('/', page);
  app.get('/index.html', page);
  await app.register(fastifyStatic, { root, index: false });
  await app.listen({ port: options.port, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://127.0.0.1:${port}/`, close: () => app.close(), app };
}

/** Where Vite's build manifest (`build.manifest` in renderer/vite.config.ts) lists each source's chunk. */
type Manifest = Record<string, { file: string; imports?: string[] }>;

/**
 * The shell's page with what its start needs up front, so the browser fetches it all at once
 * instead of one round trip after another: the bootstrap inlined (a JSON script element, never
 * executed, so the CSP is untouched; `preview-host.ts` falls back to fetching it), and
 * `modulepreload` links for the preview host's chunks and the configured default language's texts,
 * which the page would otherwise request only after the entry script, and then the station, had run.
 */
function previewPage(root: string, boot: PreviewBootstrap): string {
  const html = readFileSync(resolve(root, 'index.html'), 'utf8');
  const manifest = readManifest(root);
  const chunks = new Set<string>();
  const add = (key: string) => {
    const entry = manifest[key];
    if (!entry || chunks.has(entry.file)) return;
    chunks.add(entry.file);
    for (const imported of entry.imports ?? []) add(imported);
  };
  add('preview/preview-host.ts');
  const language = boot.config.ok ? boot.config.config.defaultLanguage : null;
  if (language) for (const dir of ['i18n', 'help']) add(`${dir}/locales/${language}.json`);
  const links = [...chunks].map((file) => `<link rel="modulepreload" crossorigin href="./${file}">`).join('\n    ');
  // `<` escaped, so no text in the config can close the script element.
  const json = JSON.stringify(boot).replace(/</g, '\\u003c');
  const data = `<script type="application/json" id="preview-bootstrap">${json}</script>`;
  return pageWithWelcome(
    html.replace('</head>', `  ${links}\n    ${data}\n  </head>`),
    readTemplates(root),
    firstScreen(boot),
  );
}

/**
 * The welcome screen a freshly composed station shows for this config (ADR 0015): its default
 * language, location and settings, and the preview's limitations. None for an invalid config
 * (the out-of-order screen). The server does not see what the page's station keeps in the
 * browser's storage (a remote config or IT's switch from central, `preview-fleet.ts`): should the
 * station start elsewhere, the app's first render replaces the screen, a moment after it showed.
 */
function firstScreen(boot: PreviewBootstrap): WelcomeFill | null {
  if (!boot.config.ok) return null;
  const { defaultLanguage, location } = boot.config.config;
  return {
    language: defaultLanguage,
    locationName: localize(location.name, defaultLanguage).text,
    limitations: PREVIEW_LIMITATIONS,
    accessibility: DEFAULT_ACCESSIBILITY,
  };
}

function readTemplates(root: string): WelcomeTemplates | null {
  try {
    return parseWelcomeTemplates(readFileSync(resolve(root, WELCOME_TEMPLATES_FILE), 'utf8'));
  } catch {
    return null; // a build without them (the bench's blank page): the app draws the first screen
  }
}

function readManifest(root: string): Manifest {
  try {
    return JSON.parse(readFileSync(resolve(root, '.vite/manifest.json'), 'utf8')) as Manifest;
  } catch {
    return {}; // a build without a manifest: no preload hints, the page still works
  }
}

function readConfig(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // Becomes a "(file) not valid JSON" problem, so the page shows the out-of-order screen with the reason.
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
  if (centralUrl !== undefined && !URL.canParse(centralUrl)) {
    console.error(`--central-url must be a URL such as http://127.0.0.1:8787, got "${centralUrl}"`);
    process.exit(1);
  }
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
