/**
 * Test fixture: a whole station (controller + Electron adapters) on the typed fake, with a real
 * temp directory as `app.getPath('temp')` so downloads and their deletion touch a real disk.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../core/testing/manual-clock.ts';
import { SHELL_URL } from '../window.ts';
import { nodeDownloadDisk, type DownloadDisk } from '../session-lifecycle.ts';
import { startStation, type RunningStation, type StationDeps } from '../station.ts';
import { createFakeElectron, FakeFrame, type FakeElectron, type FakeWebContents } from './fake-electron.ts';

export const TEST_CONFIG = {
  stationId: 'test-station',
  location: { name: { fi: 'Testikirjasto', sv: 'Testbiblioteket' }, siteKind: 'library' },
  defaultLanguage: 'fi',
  idle: { idleWarningAfterSeconds: 60, idleCountdownSeconds: 20, resetDoneScreenSeconds: 2 },
  recycle: { maxSessionsBeforeRestart: 3, memoryCeilingMb: 4000 },
  help: {
    phone: { number: '09 310 10011', hours: { fi: 'ma–pe 9–16' } },
    inPerson: { place: { fi: 'Palvelutiski' }, hours: { fi: 'ti 12–15' } },
  },
  services: [
    {
      id: 'kela',
      category: 'social-security',
      icon: 'bank',
      startUrl: 'https://www.kela.fi/asiointi',
      name: { fi: 'Kela', sv: 'FPA' },
      purpose: { fi: 'Etuudet', sv: 'Förmåner' },
      allowedOrigins: ['https://www.kela.fi', 'https://*.suomi.fi'],
      permissions: [],
    },
    {
      id: 'video-id',
      category: 'health',
      icon: 'heart',
      startUrl: 'https://video.example.fi/',
      name: { fi: 'Videotunnistus' },
      purpose: { fi: 'Tunnistaudu videolla' },
      allowedOrigins: ['https://video.example.fi'],
      permissions: ['media'],
    },
  ],
};

export interface StationUnderTest {
  fake: FakeElectron;
  clock: ManualClock;
  tempDir: string;
  logs: { message: string; details?: Record<string, unknown> }[];
  station: RunningStation;
  /** The shell's webContents. */
  shell: FakeWebContents;
  /** Calls an IPC channel as the shell's top frame would. */
  call(channel: string, arg?: unknown): Promise<unknown>;
  /**
   * Files that cannot be deleted yet, like Windows with Defender scanning them: a path (or a
   * path's last segment) → how many more delete attempts fail with `code` (Infinity: never goes).
   */
  locks: Map<string, { failures: number; code: string }>;
  /** Delete attempts per path (to see the retries). */
  removeAttempts: Map<string, number>;
}

/** The real disk with Windows-like locks and no waiting between tries (no timers in tests). */
function lockingDisk(locks: StationUnderTest['locks'], attempts: StationUnderTest['removeAttempts']): DownloadDisk {
  return {
    list: nodeDownloadDisk.list,
    wait: async () => undefined,
    remove: async (path) => {
      attempts.set(path, (attempts.get(path) ?? 0) + 1);
      const name = path.split(/[\\/]/).pop() ?? path;
      const lock = locks.get(path) ?? locks.get(name);
      if (lock && lock.failures > 0) {
        lock.failures -= 1;
        throw Object.assign(new Error(`${lock.code}: resource busy or locked, rmdir '${path}'`), { code: lock.code });
      }
      await nodeDownloadDisk.remove(path);
    },
  };
}

export async function startTestStation(
  options: {
    configText?: string;
    argv?: string[];
    appMetricsKb?: number[];
    central?: StationDeps['central'];
    fleet?: StationDeps['fleet'];
    fleetApiFor?: StationDeps['fleetApiFor'];
    /** Runs before the station starts (e.g. to leave files behind as a crash would). */
    beforeStart?: (tempDir: string) => void;
    locks?: StationUnderTest['locks'];
  } = {},
): Promise<StationUnderTest> {
  const tempDir = mkdtempSync(join(tmpdir(), 'kiosk-test-'));
  options.beforeStart?.(tempDir);
  const locks: StationUnderTest['locks'] = options.locks ?? new Map<string, { failures: number; code: string }>();
  const removeAttempts: StationUnderTest['removeAttempts'] = new Map();
  const fake = createFakeElectron({ tempDir, ...(options.appMetricsKb ? { appMetricsKb: options.appMetricsKb } : {}) });
  const clock = new ManualClock();
  const logs: StationUnderTest['logs'] = [];
  let ids = 0;
  const files = new Map([['/etc/kiosk/station.json', options.configText ?? JSON.stringify(TEST_CONFIG)]]);
  const station = await startStation({
    electron: fake.electron,
    argv: options.argv ?? ['electron', 'dist/main/index.js', '--config', '/etc/kiosk/station.json'],
    env: {},
    readText: (path) => {
      const text = files.get(path);
      if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return text;
    },
    paths: {
      preload: '/app/dist/preload/index.cjs',
      rendererDir: '/app/dist/renderer',
      defaultConfig: '/app/kiosk-config/default.json',
    },
    clock,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    ...(options.central ? { central: options.central } : {}),
    ...(options.fleet ? { fleet: options.fleet } : {}),
    ...(options.fleetApiFor ? { fleetApiFor: options.fleetApiFor } : {}),
    disk: lockingDisk(locks, removeAttempts),
    log: (message, details) => void logs.push(details ? { message, details } : { message }),
  });
  if (station.mode === 'second-instance') throw new Error('unexpected second instance');
  const shell = station.window.shellView.webContents as FakeWebContents;
  const frame = new FakeFrame(SHELL_URL);
  return {
    fake,
    clock,
    tempDir,
    logs,
    station,
    shell,
    call: (channel, arg) => fake.invoke(channel, { webContentsId: shell.id, frame }, arg),
    locks,
    removeAttempts,
  };
}

/** The e-service webContents currently shown under the toolbar. */
export function visibleService(t: StationUnderTest): FakeWebContents | null {
  const views = t.fake.windows[0]?.children ?? [];
  const shellView = t.station.mode === 'second-instance' ? null : t.station.window.shellView;
  const service = views.find((v) => v !== shellView);
  return service ? ((service as unknown as { webContents: FakeWebContents }).webContents ?? null) : null;
}
