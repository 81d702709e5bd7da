/**
 * The station on the real fleet: what a visitor or IT notices when pages crash, hosts are down,
 * files are locked, the machine sleeps, or a site asks for more than it should get. Every case
 * runs against the stricter fake (`testing/fake-electron.ts`), which behaves like Electron 45
 * where the old fake hid bugs: popups without a guest, closes that complete later, loads that
 * reject, crash/hang/preload events, download cancel and locked files.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Certificate } from 'electron';
import { describe, expect, it } from 'vitest';
import { PAGE_FAILURE_ACTIONS, PAGE_FAILURE_TEXTS } from '../core/station/crash-policy.ts';
import { EXIT_CODES } from '../core/station/exit-codes.ts';
import { STATION_CHANGED, type StationView } from '../protocol/ipc.ts';
import { exitOnFatalErrors } from './process-hardening.ts';
import { createFakeElectron, type FakeSession, type FakeWebContents } from './testing/fake-electron.ts';
import { startTestStation, TEST_CONFIG, visibleService, type StationUnderTest } from './testing/station-fixture.ts';

function running(t: StationUnderTest) {
  if (t.station.mode !== 'running') throw new Error(`station is ${t.station.mode}`);
  return t.station;
}

function lastPushedView(t: StationUnderTest): StationView {
  const pushes = t.shell.sent.filter((m) => m.channel === STATION_CHANGED);
  const last = pushes[pushes.length - 1];
  if (!last) throw new Error('nothing pushed to the shell');
  return last.args[0] as StationView;
}

async function openKela(t: StationUnderTest): Promise<FakeWebContents> {
  await t.call('session:start');
  await t.call('service:open', { serviceId: 'kela' });
  const page = visibleService(t);
  if (!page) throw new Error('kela is not shown');
  return page;
}

/** The text of the page a webContents shows, when it is one of our data: documents. */
function shownDocument(wc: FakeWebContents): string {
  const url = wc.mainFrame.url;
  return url.startsWith('data:') ? decodeURIComponent(url.slice(url.indexOf(',') + 1)) : '';
}

/** A link click on the failure page. */
function clicks(wc: FakeWebContents, action: keyof typeof PAGE_FAILURE_ACTIONS) {
  return wc.userNavigates(PAGE_FAILURE_ACTIONS[action]);
}

const KELA_DOWN = { code: 'ERR_NAME_NOT_RESOLVED', errno: -105 };

describe('an e-service that fails', () => {
  it('a host that does not answer shows "could not be shown" in the visitor language with Retry and Home, not a blank view', async () => {
    const t = await startTestStation();
    t.fake.unreachable.set('https://www.kela.fi', KELA_DOWN);
    await t.call('language:set', { language: 'sv' });
    await t.call('session:start');
    await expect(t.call('service:open', { serviceId: 'kela' })).resolves.toBeUndefined();
    const page = visibleService(t);
    if (!page) throw new Error('no view shown');
    const doc = shownDocument(page);
    expect(doc).toContain(PAGE_FAILURE_TEXTS.sv.title);
    expect(doc).toContain(PAGE_FAILURE_TEXTS.sv.retry);
    expect(doc).toContain(PAGE_FAILURE_TEXTS.sv.home);
    expect(doc).toContain('lang="sv"');
    expect(JSON.stringify(t.logs)).not.toContain('kela.fi');

    // The network comes back; Retry opens the page the visitor asked for.
    t.fake.unreachable.clear();
    expect(clicks(page, 'retry').defaultPrevented).toBe(true);
    await expect.poll(() => page.mainFrame.url).toBe('https://www.kela.fi/asiointi');
    expect(lastPushedView(t).blockedNotice).toBeNull();
    expect(t.logs.filter((l) => l.message === 'navigation refused')).toEqual([]);
  });

  it('Back to the menu on the failure page shows the launcher, and the service opens fresh next time', async () => {
    const t = await startTestStation();
    t.fake.unreachable.set('https://www.kela.fi', KELA_DOWN);
    const page = await openKela(t);
    clicks(page, 'home');
    await expect.poll(() => lastPushedView(t).activeServiceId).toBeNull();
    expect(visibleService(t)).toBeNull();
    await t.fake.settle();
    expect(page.isDestroyed()).toBe(true);

    t.fake.unreachable.clear();
    await t.call('service:open', { serviceId: 'kela' });
    expect(visibleService(t)?.mainFrame.url).toBe('https://www.kela.fi/asiointi');
  });

  it('a crashed page shows the failure page (in Finnish by default), and Retry reloads where the visitor was', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    page.userNavigates('https://www.kela.fi/hakemus');
    page.crashes('oom');
    expect(shownDocument(page)).toContain(PAGE_FAILURE_TEXTS.fi.title);
    clicks(page, 'retry');
    await expect.poll(() => page.mainFrame.url).toBe('https://www.kela.fi/hakemus');
    expect(t.logs).toContainEqual({
      message: 'e-service page failed; showing the failure page',
      details: { serviceId: 'kela', why: 'renderer-gone:oom' },
    });
  });

  it('a page that stays frozen for 15 s is restarted and shows the failure page; one that recovers is left alone', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    page.hangs();
    t.clock.advance(10_000);
    page.recovers();
    t.clock.advance(10_000);
    expect(page.mainFrame.url).toBe('https://www.kela.fi/asiointi');

    page.hangs();
    t.clock.advance(15_000);
    expect(t.fake.log).toContain(`wc#${page.id}.forcefullyCrashRenderer`);
    expect(shownDocument(page)).toContain(PAGE_FAILURE_TEXTS.fi.title);
  });

  it('a navigation Chromium aborts (a redirect replacing it) is no failure', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    page.emitWith('did-fail-load', null, -3, 'ERR_ABORTED', 'https://www.kela.fi/x', true);
    page.emitWith('did-fail-load', null, -105, 'ERR_NAME_NOT_RESOLVED', 'https://ads.example/', false);
    expect(page.mainFrame.url).toBe('https://www.kela.fi/asiointi');
  });
});

describe('the shell UI failing', () => {
  it('a crashed shell is reloaded; the third crash within ten minutes exits with 71 for the supervisor', async () => {
    const t = await startTestStation();
    const loads = () => t.shell.history.filter((u) => u === 'app://shell/index.html').length;
    expect(loads()).toBe(1);
    t.shell.crashes();
    await expect.poll(loads).toBe(2);
    t.clock.advance(60_000);
    t.shell.crashes('oom');
    await expect.poll(loads).toBe(3);
    expect(t.fake.exitCodes).toEqual([]);
    t.clock.advance(60_000);
    t.shell.crashes();
    expect(t.fake.exitCodes).toEqual([EXIT_CODES.shellFailed]);
    expect(t.fake.exitCodes).toEqual([71]);
  });

  it('crashes far apart are each reloaded', async () => {
    const t = await startTestStation();
    for (let i = 0; i < 4; i++) {
      t.shell.crashes();
      t.clock.advance(11 * 60_000);
    }
    expect(t.fake.exitCodes).toEqual([]);
  });

  it('a hung shell is killed after 15 s and comes back', async () => {
    const t = await startTestStation();
    t.shell.hangs();
    t.clock.advance(15_000);
    expect(t.fake.log).toContain(`wc#${t.shell.id}.forcefullyCrashRenderer`);
    await expect.poll(() => t.shell.history.length).toBe(2);
  });

  it('a shell whose preload failed exits with 72 (no reload can give it window.kiosk), without a dialog', async () => {
    const t = await startTestStation();
    t.shell.preloadFails(new SyntaxError('Unexpected token'));
    expect(t.fake.exitCodes).toEqual([EXIT_CODES.shellPreloadFailed]);
    expect(t.logs).toContainEqual({
      message: 'shell preload failed; exiting for the supervisor',
      details: { error: 'SyntaxError', exitCode: 72 },
    });
  });

  it('a dialog open in the old shell does not hide the next visitor page after the reload', async () => {
    const t = await startTestStation();
    await openKela(t);
    await t.call('shell:overlay', { open: true });
    await t.call('session:end', { reason: 'visitor' });
    await t.call('feedback:skip'); // "Did you get it done?" holds the welcome screen until it closes
    t.clock.advance(TEST_CONFIG.idle.resetDoneScreenSeconds * 1000);
    const next = await openKela(t);
    const pageView = t.fake.views.find((v) => v.webContents === next);
    expect(pageView?.visible).toBe(true);
    expect(running(t).window.shellView).toMatchObject({ bounds: { height: 72 } });
  });

  it('the shell renderer is fresh for each visitor: reloaded when the welcome screen returns after a reset', async () => {
    const t = await startTestStation();
    await openKela(t);
    await t.call('session:end', { reason: 'visitor' });
    expect(t.shell.history).toEqual(['app://shell/index.html']);
    await t.call('feedback:skip'); // "Did you get it done?" holds the welcome screen until it closes
    t.clock.advance(TEST_CONFIG.idle.resetDoneScreenSeconds * 1000);
    expect(lastPushedView(t).phase).toBe('welcome');
    expect(t.shell.history).toEqual(['app://shell/index.html', 'app://shell/index.html']);
  });
});

describe('a main-process error nobody caught', () => {
  it('is logged without its message and exits with 70 once, instead of a native dialog', () => {
    const fake = createFakeElectron();
    const handlers = new Map<string, (arg: unknown) => void>();
    const logs: { message: string; details?: Record<string, unknown> }[] = [];
    exitOnFatalErrors(
      { on: (event: string, listener: (arg: never) => void) => handlers.set(event, listener as (a: unknown) => void) },
      {
        log: (message, details) => void logs.push({ message, ...(details ? { details } : {}) }),
        exit: (code) => fake.electron.app.exit(code),
      },
    );
    handlers.get('uncaughtException')?.(new TypeError("Cannot read 'x' of https://www.kela.fi/?hetu=010101-123N"));
    handlers.get('unhandledRejection')?.(Object.assign(new Error('boom'), { code: 'ERR_FAILED' }));
    expect(fake.exitCodes).toEqual([70]);
    expect(JSON.stringify(logs)).not.toMatch(/kela|010101/);
    expect(logs[0]).toEqual({
      message: 'fatal error in the station process; exiting for the supervisor',
      details: { kind: 'uncaughtException', error: 'TypeError', exitCode: 70 },
    });
  });
});

describe('the periodic memory check', () => {
  it('recycles an idle station above the memory ceiling without waiting for a visitor', async () => {
    const t = await startTestStation({ appMetricsKb: [3_000_000, 2_000_000] });
    expect(t.fake.exitCodes).toEqual([]);
    t.clock.advance(5 * 60_000);
    await expect.poll(() => t.fake.exitCodes).toEqual([EXIT_CODES.memoryCeiling]);
  });

  it('never interrupts a visitor: during a visit it waits for the reset', async () => {
    const t = await startTestStation({ appMetricsKb: [3_000_000, 2_000_000] });
    await openKela(t);
    // A visitor busy for five minutes (the idle warning never comes).
    for (let i = 0; i < 10; i++) {
      t.clock.advance(30_000);
      await t.call('session:activity');
    }
    await expect
      .poll(() => t.logs.some((l) => l.message.startsWith('memory above the ceiling during a visit')))
      .toBe(true);
    expect(t.fake.exitCodes).toEqual([]);
  });
});

describe('nothing left behind, even when Windows holds a file', () => {
  it('a download still running at reset is cancelled and its folder deleted', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const ses = running(t).partitions.current().session as FakeSession;
    const item = ses.download(page, 'iso-liite.pdf', 10_000_000);
    writeFileSync(item.savePath, 'partial'); // what Chromium has written so far
    item.progress(1000);
    const dir = running(t).partitions.current().downloadDir;

    await t.call('session:end', { reason: 'visitor' });

    expect(item.getState()).toBe('cancelled');
    expect(existsSync(dir)).toBe(false);
    expect(running(t).controller.lastReset()).toEqual({ failed: [] });
  });

  it('a download folder locked for a moment (Defender scanning) is deleted on a later try; the reset does not fail', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const partition = running(t).partitions.current();
    const item = (partition.session as FakeSession).download(page, 'päätös.pdf', 10);
    writeFileSync(item.savePath, 'letter');
    item.finish();
    t.locks.set(partition.name, { failures: 2, code: 'EBUSY' });

    await t.call('session:end', { reason: 'visitor' });

    expect(existsSync(partition.downloadDir)).toBe(false);
    expect(t.removeAttempts.get(partition.downloadDir)).toBe(3);
    expect(running(t).controller.lastReset()).toEqual({ failed: [] });
    expect(t.fake.exitCodes).toEqual([]);
  });

  it('a folder that stays locked fails the step, recycles with 77, and the log names no file', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const partition = running(t).partitions.current();
    const item = (partition.session as FakeSession).download(page, 'Matti Meikäläinen - päätös.pdf', 10);
    writeFileSync(item.savePath, 'letter');
    item.finish();
    t.locks.set(partition.name, { failures: Infinity, code: 'EPERM' });

    await t.call('session:end', { reason: 'visitor' });

    expect(
      running(t)
        .controller.lastReset()
        ?.failed.map((f) => f.step),
    ).toEqual(['delete-downloads']);
    expect(t.fake.exitCodes).toEqual([EXIT_CODES.resetStepFailed]);
    expect(JSON.stringify(t.logs)).not.toMatch(/Matti|päätös|kiosk-downloads/);
  });

  it('files a crash or power cut left behind are swept at start-up, locked or not', async () => {
    const t = await startTestStation({
      beforeStart: (tempDir) => {
        for (const name of ['kiosk-old-1', 'kiosk-old-2']) {
          mkdirSync(join(tempDir, 'kiosk-downloads', name), { recursive: true });
          writeFileSync(join(tempDir, 'kiosk-downloads', name, 'tiliote.pdf'), 'bank statement');
        }
      },
      locks: new Map([['kiosk-old-2', { failures: 1, code: 'EBUSY' }]]),
    });
    await running(t).startupSweep;
    expect(existsSync(join(t.tempDir, 'kiosk-downloads', 'kiosk-old-1'))).toBe(false);
    expect(existsSync(join(t.tempDir, 'kiosk-downloads', 'kiosk-old-2'))).toBe(false);
  });

  it('a machine waking from sleep wipes the visit that was open when it went to sleep', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const first = running(t).partitions.current().name;
    t.fake.resume();
    await expect.poll(() => lastPushedView(t).phase).toBe('reset-done');
    expect(page.isDestroyed()).toBe(true);
    expect(running(t).partitions.current().name).not.toBe(first);
  });

  it('waking on the welcome screen with nobody there changes nothing', async () => {
    const t = await startTestStation();
    t.fake.resume();
    expect(((await t.call('station:get-view')) as StationView).phase).toBe('welcome');
    expect(t.fake.log.some((l) => l.endsWith('.clearData()'))).toBe(false);
  });
});

describe('defaults that would grant', () => {
  const card = (subject: string) => ({ subjectName: subject }) as Certificate;

  it('never sends a citizen certificate from the store to a service that did not opt in', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    expect(t.fake.selectClientCertificate(page, 'https://www.kela.fi/', [card('Matti')])).toBeNull();
    expect(t.fake.selectClientCertificate(null, 'https://central.example/', [card('Matti')])).toBeNull();
    expect(JSON.stringify(t.logs)).not.toContain('Matti');
  });

  it('sends the one card in the reader to a service configured for smart cards, never a pick among several', async () => {
    const config = {
      ...TEST_CONFIG,
      services: [{ ...TEST_CONFIG.services[0], clientCertificate: 'smart-card' }, TEST_CONFIG.services[1]],
    };
    const t = await startTestStation({ configText: JSON.stringify(config) });
    const page = await openKela(t);
    expect(t.fake.selectClientCertificate(page, 'https://www.kela.fi/', [card('Matti')])).toEqual(card('Matti'));
    expect(t.fake.selectClientCertificate(page, 'https://www.kela.fi/', [card('Matti'), card('Maija')])).toBeNull();
  });

  it('the shell session grants nothing (camera, notifications, devices)', async () => {
    const t = await startTestStation();
    const ses = t.fake.electron.session.defaultSession as FakeSession;
    expect(await ses.requestPermission(t.shell, 'media', 'app://shell/')).toBe(false);
    expect(await ses.requestPermission(t.shell, 'notifications', 'app://shell/')).toBe(false);
    expect(ses.checkPermission(t.shell, 'clipboard-read', 'app://shell')).toBe(false);
    expect(ses.deviceHandler?.({})).toBe(false);
  });

  it('a webContents the station did not set up can open no window and embed no webview', async () => {
    const t = await startTestStation();
    const stray = t.fake.newWebContents({});
    expect(stray.windowOpen('https://www.kela.fi/').answer.action).toBe('deny');
    expect(t.fake.attachWebview(stray)).toBe(true);
    const page = await openKela(t);
    expect(t.fake.attachWebview(page)).toBe(true);
  });

  it('the file chooser of a page never opens the OS dialog, also after CDP was detached', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    expect(page.opensFileChooser()).toBe('intercepted');
    page.debuggerDetaches();
    await expect.poll(() => page.opensFileChooser()).toBe('intercepted');
    expect(t.logs.filter((l) => l.message === 'file chooser refused')).toHaveLength(2);
  });
});

describe('e-services as visitors expect', () => {
  it.each([
    ['Ctrl-click', 'foreground-tab'],
    ['middle-click', 'background-tab'],
    ['Shift-click', 'new-window'],
  ] as const)(
    'a %s on an allowed link opens that page over the one below, not a blank view',
    async (_how, disposition) => {
      const t = await startTestStation();
      const page = await openKela(t);
      const { answer, popup } = page.windowOpen('https://www.kela.fi/liite', { disposition, withGuest: false });
      expect(answer.action).toBe('allow');
      expect(popup?.history).toEqual(['https://www.kela.fi/liite']);
      expect(visibleService(t)).toBe(popup);
      await t.call('service:back');
      expect(visibleService(t)).toBe(page);
    },
  );

  it('a PDF letter the page built in memory (blob: of its own origin) opens; a blob of another origin does not', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    expect(page.windowOpen('blob:https://www.kela.fi/4c1a6a0e-5b1e-4d6e-9a43-5f0a6c1f2b7d').answer.action).toBe(
      'allow',
    );
    expect(page.userNavigates('blob:https://www.kela.fi/0b0f').defaultPrevented).toBe(false);
    expect(page.windowOpen('blob:https://evil.example/1').answer.action).toBe('deny');
    expect(page.userNavigates('blob:null/1').defaultPrevented).toBe(true);
  });

  it('an empty popup (about:blank) from an allowed page opens; its own later navigation is still judged', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const { answer, popup } = page.windowOpen('about:blank');
    expect(answer.action).toBe('allow');
    expect(popup?.userNavigates('https://evil.example/').defaultPrevented).toBe(true);
  });

  it('a "leave this page?" handler never traps Back or the reset', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    page.userNavigates('https://www.kela.fi/lomake');
    page.beforeUnloadHandler = true;
    await t.call('service:back');
    expect(page.mainFrame.url).toBe('https://www.kela.fi/asiointi');
    await t.call('session:end', { reason: 'visitor' });
    expect(page.isDestroyed()).toBe(true);
  });

  it('a hidden page is muted: the launcher or another service silences it, showing it again unmutes it', async () => {
    const t = await startTestStation();
    const kela = await openKela(t);
    expect(kela.audioMuted).toBe(false);
    await t.call('service:open', { serviceId: 'video-id' });
    const video = visibleService(t);
    expect(kela.audioMuted).toBe(true);
    expect(video?.audioMuted).toBe(false);
    await t.call('service:home');
    expect(video?.audioMuted).toBe(true);
    await t.call('service:open', { serviceId: 'kela' });
    expect(kela.audioMuted).toBe(false);
  });

  it('high contrast keeps working after CDP was detached', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    await t.call('accessibility:set', { highContrast: true });
    page.debuggerDetaches();
    expect(page.debugger.isAttached()).toBe(true);
    const last = page.debuggerCommands.filter((c) => c.method === 'Emulation.setEmulatedMedia').pop();
    expect(last?.params).toMatchObject({
      features: expect.arrayContaining([{ name: 'forced-colors', value: 'active' }]) as unknown,
    });
  });

  it('a "copy reference number" button works on any service; reading the clipboard stays denied', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const ses = running(t).partitions.current().session as FakeSession;
    expect(await ses.requestPermission(page, 'clipboard-sanitized-write', 'https://www.kela.fi/')).toBe(true);
    expect(ses.checkPermission(page, 'clipboard-sanitized-write', 'https://www.kela.fi')).toBe(true);
    expect(await ses.requestPermission(page, 'clipboard-read', 'https://www.kela.fi/')).toBe(false);
    expect(await ses.requestPermission(page, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });
});
