/**
 * `npm run build:renderer`: builds the shell UI into dist/renderer with Vite, then renders the
 * welcome screen's markup for the hosts to serve inside the page (ADR 0015,
 * `WELCOME_TEMPLATES_FILE`). The render runs a Vite SSR build of `welcome/render-welcome.tsx`
 * in a scratch directory under node_modules/.cache (where its imports of React and i18next
 * resolve), so dist/renderer (what Electron packages) holds only the page, its
 * chunks and the templates.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WELCOME_TEMPLATES_FILE, type WelcomeTemplates } from '../protocol/welcome-page.ts';

const configFile = resolve(import.meta.dirname, 'vite.config.ts');

/** Builds the shell into `outDir` (dist/renderer unless given), welcome templates included. */
export async function buildShell(outDir = resolve(import.meta.dirname, '../dist/renderer')): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn', build: { outDir } });
  const cache = resolve(import.meta.dirname, '../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const scratch = mkdtempSync(join(cache, 'kiosk-welcome-'));
  try {
    await build({
      configFile,
      logLevel: 'error', // the browser build has already warned about the same modules
      build: {
        ssr: resolve(import.meta.dirname, 'welcome/render-welcome.tsx'),
        outDir: scratch,
        emptyOutDir: true,
        manifest: false,
        copyPublicDir: false,
      },
      // hds-react's ES build imports a file without its extension, which Node refuses; bundled,
      // it resolves as in the browser build (as does crc-32, a CommonJS module it imports by name).
      // React and i18next stay Node's own.
      ssr: { noExternal: ['hds-react', 'crc-32'] },
    });
    const render = (await import(pathToFileURL(join(scratch, 'render-welcome.js')).href)) as {
      renderWelcomeTemplates: (hdsCss: string) => Promise<WelcomeTemplates>;
    };
    // Not in hds-react's exports: found beside its CommonJS entry (lib/cjs/index.js).
    const hdsLib = dirname(dirname(createRequire(import.meta.url).resolve('hds-react')));
    const hdsCss = readFileSync(join(hdsLib, 'index.css'), 'utf8');
    const templates = await render.renderWelcomeTemplates(hdsCss);
    writeFileSync(join(outDir, WELCOME_TEMPLATES_FILE), JSON.stringify(templates));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildShell();
