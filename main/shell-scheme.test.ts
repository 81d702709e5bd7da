/**
 * The `app:` scheme the shell is served from: privileged before ready, with V8's code cache on so
 * a restarted station does not compile the shell's scripts from scratch. The fake refuses what
 * Electron refuses (code cache on a non-standard scheme, registration after ready), so a wrong
 * registration fails here and not only on a station.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFakeElectron } from './testing/fake-electron.ts';
import { DEFAULT_ACCESSIBILITY } from '../protocol/ipc.ts';
import {
  LOCATION_SLOT,
  WELCOME_TEMPLATES_FILE,
  type WelcomeFill,
  type WelcomeTemplates,
} from '../protocol/welcome-page.ts';
import { registerShellScheme, serveShell, SHELL_SCHEME } from './window.ts';

describe('the shell scheme', () => {
  it('is standard, secure, fetchable and keeps V8 code cache between starts', () => {
    const fake = createFakeElectron();
    registerShellScheme(fake.electron.protocol);
    expect(fake.schemePrivileges.get(SHELL_SCHEME)).toEqual({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      codeCache: true,
    });
  });

  it('cannot have code cache without being standard, as Electron says', () => {
    const fake = createFakeElectron();
    expect(() =>
      fake.electron.protocol.registerSchemesAsPrivileged([{ scheme: 'x', privileges: { codeCache: true } }]),
    ).toThrow(/Code cache can only be enabled when the custom scheme is registered as standard scheme/);
    expect(fake.privilegedSchemes).toEqual([]);
  });

  it('is registered before the app is ready, the only time Electron accepts it', async () => {
    const fake = createFakeElectron();
    await fake.electron.app.whenReady();
    expect(() => registerShellScheme(fake.electron.protocol)).toThrow(/before app is ready/);
  });
});

describe('the shell page on app://shell/', () => {
  /** A built renderer: index.html and Vite's manifest naming the default language's text chunks. */
  function builtRenderer(): string {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'));
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html><head><script type="module" src="./assets/index-1.js"></script></head><body></body></html>',
    );
    mkdirSync(join(dir, '.vite'));
    const manifest = {
      'i18n/locales/sv.json': { file: 'assets/sv-a.js' },
      'help/locales/sv.json': { file: 'assets/sv-b.js' },
      'i18n/locales/fi.json': { file: 'assets/fi-a.js' },
    };
    writeFileSync(join(dir, '.vite/manifest.json'), JSON.stringify(manifest));
    return dir;
  }

  it("names the default language's texts for preloading, so they load while the entry script runs", async () => {
    const fake = createFakeElectron();
    serveShell(fake.electron.protocol, builtRenderer(), 'sv');
    const page = await (await fake.protocolHandlers.get(SHELL_SCHEME)?.(new Request('app://shell/')))?.text();
    expect(page).toContain('<link rel="modulepreload" crossorigin href="./assets/sv-a.js">');
    expect(page).toContain('<link rel="modulepreload" crossorigin href="./assets/sv-b.js">');
    expect(page).not.toContain('fi-a.js');
  });

  it('is served as built without a language or a manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
    const fake = createFakeElectron();
    serveShell(fake.electron.protocol, dir, 'fi');
    const page = await (await fake.protocolHandlers.get(SHELL_SCHEME)?.(new Request('app://shell/index.html')))?.text();
    expect(page).toBe('<!doctype html><title>shell</title>');
  });

  it("comes with the station's welcome screen in place while its first screen is the plain welcome screen", async () => {
    const dir = builtRenderer();
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html lang="fi" dir="ltr"><head></head><body><div id="root"></div></body></html>',
    );
    const templates: WelcomeTemplates = {
      css: '',
      templates: [
        {
          language: 'sv',
          limitations: [],
          markup: `<h1>Välkommen</h1><p>${LOCATION_SLOT}</p>`,
          busy: 'Laddar…',
        },
      ],
    };
    writeFileSync(join(dir, WELCOME_TEMPLATES_FILE), JSON.stringify(templates));
    let fill: WelcomeFill | null = {
      language: 'sv',
      locationName: 'Oodi',
      limitations: [],
      accessibility: DEFAULT_ACCESSIBILITY,
    };
    const fake = createFakeElectron();
    serveShell(fake.electron.protocol, dir, 'sv', () => fill);
    const load = async () =>
      (await (await fake.protocolHandlers.get(SHELL_SCHEME)?.(new Request('app://shell/index.html')))?.text()) ?? '';
    expect(await load()).toContain('<h1>Välkommen</h1><p>Oodi</p>');
    expect(await load()).toContain('<html lang="sv" dir="ltr"');
    // Asked again on every load: after a reset to another screen, the page comes without it.
    fill = null;
    expect(await load()).not.toContain('Välkommen');
  });
});
