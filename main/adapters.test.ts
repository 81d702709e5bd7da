import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESSIBILITY, type StationView } from '../protocol/ipc.ts';
import { chromiumSwitchesFor, configPath, launchFor, loadConfig } from './config.ts';
import { keyVerdict } from './lockdown.ts';
import { exitForRestart, memoryUsageMb } from './recycle.ts';
import { safeFileName } from './session-lifecycle.ts';
import { StationState, STATION_STATE_DEFAULTS, type KeyValueStore, type StationStateData } from './station-state.ts';
import { startStation } from './station.ts';
import { createFakeElectron } from './testing/fake-electron.ts';
import { ManualClock } from '../core/testing/manual-clock.ts';
import { shellCsp } from '../protocol/shell-page.ts';
import { HOLD_PRESS_SCRIPT_HASH } from '../protocol/welcome-page.ts';
import { layoutFor, serveShell, shellAssetPath, shellCoversWindow } from './window.ts';

const baseView = {
  phase: 'in-session',
  activeServiceId: 'kela',
  blockedNotice: null,
  help: { phase: 'none' },
  accessibility: DEFAULT_ACCESSIBILITY,
} as unknown as StationView;

describe('what the shell covers', () => {
  it('shows only the toolbar strip while the visitor uses an e-service', () => {
    expect(shellCoversWindow(baseView)).toBe(false);
  });
  it.each([
    ['the welcome screen', { phase: 'welcome' }],
    ['the idle warning', { phase: 'idle-warning' }],
    ['the reset screens', { phase: 'resetting' }],
    ['the erased screen', { phase: 'reset-done' }],
    ['the out-of-order screen', { phase: 'out-of-order' }],
    ['the launcher', { activeServiceId: null }],
    ['the not-available notice', { blockedNotice: { serviceId: 'kela' } }],
  ])('covers the whole window for %s', (_name, patch) => {
    expect(shellCoversWindow({ ...baseView, ...patch } as StationView)).toBe(true);
  });
  it('leaves the page usable while a help request waits, once the visitor closes the help panel', () => {
    expect(shellCoversWindow({ ...baseView, help: { phase: 'queued' } } as StationView)).toBe(false);
  });
  it('covers the whole window while the shell reports its own dialog open (accessibility panel, end confirmation, help panel)', () => {
    expect(shellCoversWindow(baseView, true)).toBe(true);
  });
  it('grows the toolbar with the visitor text size up to 125 % and gives the rest to the page', () => {
    const at100 = layoutFor({ x: 0, y: 0, width: 1280, height: 1024 }, false, 100);
    expect(at100.shell).toEqual({ x: 0, y: 0, width: 1280, height: 72 });
    const at200 = layoutFor({ x: 0, y: 0, width: 1280, height: 1024 }, false, 200);
    expect(at200.shell).toEqual({ x: 0, y: 0, width: 1280, height: 90 });
    expect(at200.service).toEqual({ x: 0, y: 90, width: 1280, height: 934 });
  });
  it('keeps the toolbar above the page while a screen share shows its banner (the banner pushes the toolbar down)', () => {
    // The banner is 3.75rem and the shell's rem follows the text size all the way (renderer/screen-share).
    const at100 = layoutFor({ x: 0, y: 0, width: 1280, height: 1024 }, false, 100, true);
    expect(at100.shell).toEqual({ x: 0, y: 0, width: 1280, height: 72 + 60 });
    expect(at100.service).toEqual({ x: 0, y: 132, width: 1280, height: 892 });
    const at200 = layoutFor({ x: 0, y: 0, width: 1280, height: 1024 }, false, 200, true);
    expect(at200.shell.height).toBe(90 + 120);
  });
});

describe('the shell files on app://shell', () => {
  it('serves only files inside the built renderer', () => {
    // Built with node:path, so the expectations hold on Windows too (vitest.win32.config.ts checks).
    const renderer = join(sep, 'app', 'dist', 'renderer');
    expect(shellAssetPath(renderer, 'app://shell/')).toBe(join(renderer, 'index.html'));
    expect(shellAssetPath(renderer, 'app://shell/assets/main.js')).toBe(join(renderer, 'assets', 'main.js'));
    expect(shellAssetPath(renderer, 'app://shell/..%2f..%2fetc%2fpasswd')).toBeNull();
    // A backslash is a separator on Windows: it must not climb out there (on POSIX it is part of a name).
    const backslashed = shellAssetPath(renderer, 'app://shell/..%5c..%5cetc%5cpasswd');
    expect(backslashed === null || backslashed.startsWith(join(renderer, sep))).toBe(true);
    // Dot segments are resolved by the URL parser first, so they cannot climb out either.
    expect(shellAssetPath(renderer, 'app://shell/%2e%2e/%2e%2e/etc/passwd')).toBe(join(renderer, 'etc', 'passwd'));
    expect(shellAssetPath(renderer, 'app://other/index.html')).toBeNull();
    expect(shellAssetPath(renderer, 'file:///etc/passwd')).toBeNull();
  });
  it('answers with a content security policy and 404 for anything missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
    const fake = createFakeElectron();
    serveShell(fake.electron.protocol, dir);
    const handler = fake.protocolHandlers.get('app');
    const ok = await handler?.(new Request('app://shell/index.html'));
    expect(ok?.status).toBe(200);
    expect(ok?.headers.get('content-type')).toContain('text/html');
    expect(ok?.headers.get('content-security-policy')).toBe(shellCsp());
    // The page's own files, and the served welcome screen's press holder by its hash alone.
    expect(ok?.headers.get('content-security-policy')).toContain(`script-src 'self' ${HOLD_PRESS_SCRIPT_HASH};`);
    expect((await handler?.(new Request('app://shell/nope.js')))?.status).toBe(404);
  });
});

describe('browser shortcuts', () => {
  it('lets ordinary typing, Tab and copy/paste through', () => {
    for (const input of [
      { key: 'a' },
      { key: 'Tab' },
      { key: 'c', control: true },
      { key: 'v', control: true },
      { key: 'Enter' },
    ]) {
      expect(keyVerdict({ type: 'keyDown', control: false, meta: false, alt: false, shift: false, ...input })).toBe(
        'pass',
      );
    }
  });
  it('judges only key presses, not releases', () => {
    expect(keyVerdict({ type: 'keyUp', key: 'F5', control: false, meta: false, alt: false, shift: false })).toBe(
      'pass',
    );
  });
});

describe('config location', () => {
  it('takes --config first, then KIOSK_CONFIG, then the shipped default', () => {
    expect(configPath(['electron', '.', '--config', '/a.json'], { KIOSK_CONFIG: '/b.json' }, '/d.json')).toBe(
      '/a.json',
    );
    expect(configPath(['electron', '.', '--config=/a.json'], {}, '/d.json')).toBe('/a.json');
    expect(configPath(['electron', '.'], { KIOSK_CONFIG: '/b.json' }, '/d.json')).toBe('/b.json');
    expect(configPath(['electron', '.'], {}, '/d.json')).toBe('/d.json');
  });
  it('reports an unparsable file as a problem of the file', () => {
    const check = loadConfig('/x.json', () => '{ not json');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors[0]?.field).toBe('(file)');
  });
});

describe('recycling', () => {
  it('adds up the working set of every Electron process in MB', () => {
    const fake = createFakeElectron({ appMetricsKb: [512_000, 512_000, 1024] });
    expect(memoryUsageMb(fake.electron.app)).toBe(1001);
  });
  it.each([
    ['session-limit', 75],
    ['memory-ceiling', 76],
    ['reset-step-failed', 77],
  ] as const)('exits with the supervisor code for %s and remembers why', (reason, code) => {
    const fake = createFakeElectron();
    const data = new Map<keyof StationStateData, unknown>(
      Object.entries(STATION_STATE_DEFAULTS) as [keyof StationStateData, unknown][],
    );
    const store = { get: (k) => data.get(k), set: (k, v) => void data.set(k, v) } as KeyValueStore<StationStateData>;
    const state = new StationState(store, () => new Date('2026-11-23T12:00:00Z'));
    exitForRestart(fake.electron.app, reason, (r) => state.recordRecycle(r));
    expect(fake.exitCodes).toEqual([code]);
    expect(state.recordStart()).toEqual({ reason, at: '2026-11-23T12:00:00.000Z' });
    expect(state.recordStart()).toBeNull();
    expect(data.get('starts')).toBe(2);
  });
});

describe('download names', () => {
  it('keeps a readable name but never a path', () => {
    expect(safeFileName('päätös 2026.pdf')).toBe('päätös 2026.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\kiosk\\evil.exe')).toBe('evil.exe');
    expect(safeFileName('.bashrc')).toBe('_bashrc');
    expect(safeFileName('')).toBe('download');
  });
});

describe('single instance', () => {
  it('a second copy of the kiosk quits instead of opening another window', async () => {
    const fake = createFakeElectron({ singleInstance: false });
    const result = await startStation({
      electron: fake.electron,
      argv: [],
      env: {},
      readText: () => '{}',
      paths: { preload: '', rendererDir: '', defaultConfig: '' },
      clock: new ManualClock(),
      newId: () => 'x',
      log: () => undefined,
    });
    expect(result.mode).toBe('second-instance');
    expect(fake.quitCalls).toBe(1);
    expect(fake.windows).toHaveLength(0);
  });
});

describe('what a packaged station ignores', () => {
  const argv = ['HelsinkiKiosk', '--dev', '--config', '/etc/kiosk/station.json'];
  const env = { KIOSK_TEST_HOOKS: '1', KIOSK_CONFIG: '/etc/kiosk/other.json' };

  it('drops --dev and the test hooks when packaged, keeping the config and naming what it dropped', () => {
    expect(launchFor(argv, env, true)).toEqual({
      argv: ['HelsinkiKiosk', '--config', '/etc/kiosk/station.json'],
      env: { KIOSK_CONFIG: '/etc/kiosk/other.json' },
      ignored: ['--dev', 'KIOSK_TEST_HOOKS'],
    });
  });

  it('keeps them in a development run', () => {
    expect(launchFor(argv, env, false)).toEqual({ argv, env, ignored: [] });
  });

  it('asks Chromium for speech-dispatcher on Linux only, so read-aloud has a voice there', () => {
    expect(chromiumSwitchesFor('linux')).toEqual(['enable-speech-dispatcher']);
    expect(chromiumSwitchesFor('win32')).toEqual([]);
  });
});
