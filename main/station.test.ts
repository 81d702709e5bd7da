import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { OfflineHelp } from '../core/session/offline-help.ts';
import { FakeFleetCentral, fakeFleetHost, MemoryFleetStore } from '../core/testing/fake-fleet-central.ts';
import { STATION_CHANGED, type StationView } from '../protocol/ipc.ts';
import { FakeFrame, type FakeSession, type FakeWebContents } from './testing/fake-electron.ts';
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

async function openKela(t: StationUnderTest) {
  await t.call('session:start');
  await t.call('service:open', { serviceId: 'kela' });
  const page = visibleService(t);
  if (!page) throw new Error('kela is not shown');
  return page;
}

describe('a visitor ending their session', () => {
  it('leaves nothing behind: pages closed before their data is cleared, downloads deleted, clipboard empty, new private partition', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const first = running(t).partitions.current();
    const ses = first.session as FakeSession;
    ses.cookies.add('kela-session=secret');
    const item = ses.download(page, 'päätös.pdf', 1200);
    writeFileSync(item.savePath, 'personal decision letter'); // what Chromium would write
    item.finish();
    expect(lastPushedView(t).files).toEqual([
      expect.objectContaining({ name: 'päätös.pdf', state: 'done', sizeBytes: 1200 }),
    ]);
    expect(existsSync(item.savePath)).toBe(true);
    t.fake.log.length = 0;

    await t.call('session:end', { reason: 'visitor' });

    const log = t.fake.log;
    const closedAt = log.indexOf(`wc#${page.id}.close`);
    // Electron destroys a webContents on a later turn: the page must be gone, not just closing.
    const destroyedAt = log.indexOf(`wc#${page.id}.destroyed`);
    const clearedAt = log.indexOf(`${first.name}.clearData()`);
    expect(closedAt).toBeGreaterThanOrEqual(0);
    expect(destroyedAt).toBeGreaterThan(closedAt);
    expect(clearedAt).toBeGreaterThan(destroyedAt);
    expect(log.filter((l) => l.startsWith(`${first.name}.clearData(`))).toEqual([`${first.name}.clearData()`]);
    expect(log).toEqual(
      expect.arrayContaining([
        `${first.name}.clearAuthCache`,
        `${first.name}.clearHostResolverCache`,
        `${first.name}.clearCache`,
        `${first.name}.closeAllConnections`,
        'clipboard.clear',
        'clipboard.selection.clear',
      ]),
    );
    expect(ses.cookies.size).toBe(0);
    expect(existsSync(first.downloadDir)).toBe(false);
    expect(page.isDestroyed()).toBe(true);

    const next = running(t).partitions.current();
    expect(next.name).not.toBe(first.name);
    expect(next.name).toMatch(/^kiosk-[0-9a-f-]{36}$/);
    expect(next.session.getStoragePath()).toBeNull();
    expect(running(t).controller.lastReset()).toEqual({ failed: [] });
    expect(lastPushedView(t)).toMatchObject({ phase: 'reset-done', files: [], activeServiceId: null });
  });

  it('greets the next visitor in Finnish with default settings after a Swedish visitor with large text', async () => {
    const t = await startTestStation();
    await t.call('language:set', { language: 'sv' });
    await t.call('accessibility:set', { textScalePercent: 150 });
    const page = await openKela(t);
    expect(page.zoomFactor).toBe(1.5);

    await t.call('session:end', { reason: 'visitor' });
    await t.call('feedback:skip'); // "Did you get it done?" holds the welcome screen until it closes
    t.clock.advance(TEST_CONFIG.idle.resetDoneScreenSeconds * 1000);

    expect(lastPushedView(t)).toMatchObject({
      phase: 'welcome',
      language: 'fi',
      accessibility: { textScalePercent: 100 },
    });
    await openKela(t);
    expect(visibleService(t)?.zoomFactor).toBe(1);
  });

  it('gives every visitor their own partition, and the previous visitor pages are closed', async () => {
    const t = await startTestStation();
    const seen: string[] = [];
    const pages = [];
    for (let visitor = 0; visitor < 2; visitor++) {
      const page = await openKela(t);
      expect(page.webPreferences.partition).toBe(running(t).partitions.current().name);
      seen.push(running(t).partitions.current().name);
      pages.push(page);
      await t.call('session:end', { reason: 'visitor' });
      await t.call('feedback:skip'); // "Did you get it done?" holds the welcome screen until it closes
      t.clock.advance(2000);
    }
    expect(new Set(seen).size).toBe(2);
    expect(pages.every((p) => p.isDestroyed())).toBe(true);
    expect(running(t).views.liveViewCount()).toBe(0);
    for (const name of seen) expect(t.fake.sessions.get(name)?.isPersistent()).toBe(false);
  });

  it('an idle visitor is reset after the warning, and the station keeps working for the next one', async () => {
    const t = await startTestStation();
    await openKela(t);
    t.clock.advance(TEST_CONFIG.idle.idleWarningAfterSeconds * 1000);
    expect(lastPushedView(t).phase).toBe('idle-warning');
    t.clock.advance(TEST_CONFIG.idle.idleCountdownSeconds * 1000);
    await expect.poll(() => lastPushedView(t).phase).toBe('reset-done');
    expect(t.fake.log.some((l) => l.endsWith('.clearData()'))).toBe(true);
  });
});

describe('process recycling for the supervisor', () => {
  it('exits with code 75 after the configured number of visitors (no relaunch)', async () => {
    const t = await startTestStation();
    for (let visitor = 0; visitor < TEST_CONFIG.recycle.maxSessionsBeforeRestart; visitor++) {
      await openKela(t);
      await t.call('session:end', { reason: 'visitor' });
      await t.call('feedback:skip'); // "Did you get it done?" holds the welcome screen until it closes
      t.clock.advance(2000);
    }
    expect(t.fake.exitCodes).toEqual([75]);
  });

  it('exits with code 76 when the app uses more memory than the ceiling', async () => {
    const t = await startTestStation({ appMetricsKb: [3_000_000, 2_000_000] });
    await openKela(t);
    await t.call('session:end', { reason: 'visitor' });
    expect(t.fake.exitCodes).toEqual([76]);
  });
});

describe('navigation inside an e-service', () => {
  it('refuses a look-alike host on link click and on server redirect, and the visitor sees the not-available notice', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const click = page.userNavigates('https://www.kela.fi.evil.example/login');
    expect(click.defaultPrevented).toBe(true);
    expect(lastPushedView(t).blockedNotice).toEqual({ serviceId: 'kela' });

    await t.call('service:back');
    const redirect = page.serverRedirects('https://kela.fi@evil.example/');
    expect(redirect.defaultPrevented).toBe(true);
    expect(lastPushedView(t).blockedNotice).toEqual({ serviceId: 'kela' });
    expect(
      t.logs.filter((l) => l.message === 'navigation refused').every((l) => !JSON.stringify(l).includes('evil')),
    ).toBe(true);
  });

  it('counts one refused link once even when Chromium reports it through two events', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    expect(page.frameNavigates('https://evil.example/', true).defaultPrevented).toBe(true);
    expect(page.userNavigates('https://evil.example/').defaultPrevented).toBe(true);
    expect(t.logs.filter((l) => l.message === 'navigation refused')).toHaveLength(1);
    t.clock.advance(5000);
    await t.call('service:back');
    expect(page.userNavigates('https://evil.example/').defaultPrevented).toBe(true);
    expect(lastPushedView(t).blockedNotice).toEqual({ serviceId: 'kela' });
    expect(t.logs.filter((l) => l.message === 'navigation refused')).toHaveLength(2);
  });

  it('lets the identification redirect through and ignores sub-frames', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    expect(page.serverRedirects('https://tunnistus.suomi.fi/idp').defaultPrevented).toBe(false);
    expect(page.frameNavigates('https://ads.example.com/frame', false).defaultPrevented).toBe(false);
    expect(page.frameNavigates('javascript:alert(1)', true).defaultPrevented).toBe(true);
    expect(page.userNavigates('file:///C:/Users/').defaultPrevented).toBe(true);
  });
});

describe('popups', () => {
  it('opens an allowed identification popup inside the kiosk over the page, and back returns to the page', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const { answer, popup } = page.windowOpen('https://tunnistus.suomi.fi/');
    expect(answer.action).toBe('allow');
    expect(visibleService(t)).toBe(popup);
    expect(
      (popup as unknown as { webPreferences: { partition: string; sandbox: boolean } }).webPreferences,
    ).toMatchObject({
      partition: running(t).partitions.current().name,
      sandbox: true,
    });
    await t.call('service:back');
    expect(popup?.isDestroyed()).toBe(true);
    expect(visibleService(t)).toBe(page);
  });

  it('refuses a popup to a site the service does not list', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const { answer, popup } = page.windowOpen('https://phishing.example/');
    expect(answer.action).toBe('deny');
    expect(popup).toBeNull();
    expect(lastPushedView(t).blockedNotice).toEqual({ serviceId: 'kela' });
  });
});

describe('permissions', () => {
  it('denies camera to a service that is not configured for it, and grants it where IT allowed it', async () => {
    const t = await startTestStation();
    const kela = await openKela(t);
    const ses = running(t).partitions.current().session as FakeSession;
    expect(await ses.requestPermission(kela, 'media', 'https://www.kela.fi/')).toBe(false);
    expect(ses.checkPermission(kela, 'media', 'https://www.kela.fi')).toBe(false);

    await t.call('service:open', { serviceId: 'video-id' });
    const video = visibleService(t);
    if (!video) throw new Error('video service not shown');
    expect(await ses.requestPermission(video, 'media', 'https://video.example.fi/')).toBe(true);
    expect(await ses.requestPermission(video, 'media', 'https://other.example/')).toBe(false);
    expect(await ses.requestPermission(video, 'openExternal', 'https://video.example.fi/')).toBe(false);
    expect(await ses.requestPermission(video, 'geolocation', 'https://video.example.fi/')).toBe(false);
    expect(ses.checkPermission(null, 'media', 'https://video.example.fi')).toBe(false);
    expect(ses.deviceHandler?.({})).toBe(false);
    expect(ses.spellcheck).toBe(false);
  });
});

describe('keyboard', () => {
  it.each([
    ['Ctrl+R', { key: 'r', control: true }],
    ['F5', { key: 'F5' }],
    ['Ctrl+Shift+I', { key: 'I', control: true, shift: true }],
    ['F12', { key: 'F12' }],
    ['Ctrl+N', { key: 'n', control: true }],
    ['Ctrl+T', { key: 't', control: true }],
    ['Ctrl+W', { key: 'w', control: true }],
    ['Alt+F4', { key: 'F4', alt: true }],
    ['Ctrl+P', { key: 'p', control: true }],
    ['Ctrl+S', { key: 's', control: true }],
  ])('%s in an e-service does nothing', async (_name, input) => {
    const t = await startTestStation();
    const page = await openKela(t);
    expect(page.presses(input).defaultPrevented).toBe(true);
    expect(page.history).toEqual(['https://www.kela.fi/asiointi']);
  });

  it('typing in an e-service reaches the page and keeps the session from timing out', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    t.clock.advance(50_000);
    expect(page.presses({ key: 'a' }).defaultPrevented).toBe(false);
    t.clock.advance(50_000);
    expect(lastPushedView(t).phase).toBe('in-session');
  });

  it('F6 in an e-service returns focus to the shell toolbar; the toolbar hands focus back with service:focus', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    expect(page.presses({ key: 'F6' }).defaultPrevented).toBe(true);
    expect(t.shell.focused).toBe(true);
    await t.call('service:focus');
    expect(page.focused).toBe(true);
  });

  it('Alt+F4 cannot close the kiosk window', async () => {
    const t = await startTestStation();
    expect(t.fake.windows[0]?.requestClose().defaultPrevented).toBe(true);
  });
});

describe('IPC from the shell', () => {
  it('refuses calls from an e-service page, a sub-frame of the shell, or a shell that navigated elsewhere', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    await expect(
      t.fake.invoke(
        'session:end',
        { webContentsId: page.id, frame: new FakeFrame('https://www.kela.fi/') },
        { reason: 'visitor' },
      ),
    ).rejects.toThrow(/only for the shell/);
    const shellTop = new FakeFrame('app://shell/index.html');
    await expect(
      t.fake.invoke(
        'session:end',
        { webContentsId: t.shell.id, frame: new FakeFrame('app://shell/frame.html', shellTop) },
        { reason: 'visitor' },
      ),
    ).rejects.toThrow(/only for the shell/);
    await expect(
      t.fake.invoke(
        'session:end',
        { webContentsId: t.shell.id, frame: new FakeFrame('https://evil.example/') },
        { reason: 'visitor' },
      ),
    ).rejects.toThrow(/only for the shell/);
    await expect(
      t.fake.invoke('session:end', { webContentsId: t.shell.id, frame: null }, { reason: 'visitor' }),
    ).rejects.toThrow(/only for the shell/);
    expect(lastPushedView(t).phase).toBe('in-session');
  });

  it('refuses malformed arguments before acting', async () => {
    const t = await startTestStation();
    await expect(t.call('service:open', { serviceId: 'https://evil.example' })).rejects.toThrow(/invalid argument/);
    await expect(t.call('session:end', { reason: 'visitor', extra: 1 })).rejects.toThrow(/invalid argument/);
    await expect(t.call('accessibility:set', { textScalePercent: 300 })).rejects.toThrow(/invalid argument/);
    expect(visibleService(t)).toBeNull();
  });

  it('registers exactly one handler per contract channel', async () => {
    const t = await startTestStation();
    const { ipcArgSchemas } = await import('../protocol/ipc.ts');
    expect([...t.fake.ipcHandlers.keys()].sort()).toEqual(Object.keys(ipcArgSchemas).sort());
  });
});

describe('out of order', () => {
  it('an invalid config shows the out-of-order screen naming the field, refuses visitors and opens no partition', async () => {
    const broken = { ...TEST_CONFIG, idle: { ...TEST_CONFIG.idle, idleCountdownSeconds: 5 } };
    const t = await startTestStation({ configText: JSON.stringify(broken) });
    expect(t.station.mode).toBe('out-of-order');
    const view = (await t.call('station:get-view')) as StationView;
    expect(view.phase).toBe('out-of-order');
    expect(view.outOfOrder?.reason).toContain('idle.idleCountdownSeconds');
    await expect(t.call('session:start')).rejects.toThrow(/out of order/);
    expect(t.fake.sessions.size).toBe(0);
    expect(t.shell.history).toEqual(['app://shell/index.html']);
    expect(t.logs.some((l) => l.message.includes('out-of-order'))).toBe(true);
  });

  it('registers exactly one handler per contract channel on the out-of-order screen too', async () => {
    const t = await startTestStation({ argv: ['electron', '.', '--config', '/etc/kiosk/missing.json'] });
    const { ipcArgSchemas } = await import('../protocol/ipc.ts');
    expect([...t.fake.ipcHandlers.keys()].sort()).toEqual(Object.keys(ipcArgSchemas).sort());
  });

  it('a missing config file is out of order too, never the built-in defaults', async () => {
    const t = await startTestStation({ argv: ['electron', '.', '--config', '/etc/kiosk/missing.json'] });
    expect(t.station.mode).toBe('out-of-order');
    const view = (await t.call('station:get-view')) as StationView;
    expect(view.outOfOrder?.reason).toContain('config file not found');
  });
});

describe('the kiosk window', () => {
  it('is one fullscreen kiosk window with no menu, a sandboxed shell and no devtools without --dev', async () => {
    const t = await startTestStation();
    expect(t.fake.windows).toHaveLength(1);
    expect(t.fake.windows[0]?.options).toMatchObject({ kiosk: true, frame: false, closable: false });
    expect(t.fake.menus).toEqual([null]);
    expect(t.fake.privilegedSchemes).toEqual(['app']);
    expect(t.shell.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
      preload: '/app/dist/preload/index.cjs',
    });
  });

  it('e-service pages get no preload, a sandbox and no devtools', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    expect(page.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
      spellcheck: false,
    });
    expect(page.webPreferences.preload).toBeUndefined();
  });

  it('shows the toolbar over the e-service while browsing, and the whole shell for the idle warning', async () => {
    const t = await startTestStation();
    const shellView = running(t).window.shellView;
    expect(shellView).toMatchObject({ bounds: { height: 1080 } });
    await openKela(t);
    expect(shellView).toMatchObject({ bounds: { height: 72 } });
    t.clock.advance(TEST_CONFIG.idle.idleWarningAfterSeconds * 1000);
    expect(shellView).toMatchObject({ bounds: { height: 1080 } });
  });
});

describe('shell dialogs over an e-service (shell:overlay)', () => {
  it('expands the shell over the page while a dialog is open, then shrinks it back to the toolbar', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const shellView = running(t).window.shellView;
    const pageView = t.fake.views.find((v) => v.webContents === page);
    expect(shellView).toMatchObject({ bounds: { height: 72 } });
    expect(pageView?.visible).toBe(true);

    await t.call('shell:overlay', { open: true });
    expect(shellView).toMatchObject({ bounds: { height: 1080 } });
    expect(pageView?.visible).toBe(false);

    await t.call('shell:overlay', { open: false });
    expect(shellView).toMatchObject({ bounds: { height: 72 } });
    expect(pageView?.visible).toBe(true);
  });

  it('keeps the whole shell for the idle warning even when the dialog closes under it', async () => {
    const t = await startTestStation();
    await openKela(t);
    const shellView = running(t).window.shellView;
    await t.call('shell:overlay', { open: true });
    t.clock.advance(TEST_CONFIG.idle.idleWarningAfterSeconds * 1000);
    await t.call('shell:overlay', { open: false });
    expect(shellView).toMatchObject({ bounds: { height: 1080 } });
  });

  it('refuses a malformed argument and calls from the page', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    await expect(t.call('shell:overlay', { open: 'yes' })).rejects.toThrow(/invalid argument/);
    await expect(t.call('shell:overlay')).rejects.toThrow(/invalid argument/);
    await expect(
      t.fake.invoke(
        'shell:overlay',
        { webContentsId: page.id, frame: new FakeFrame('https://www.kela.fi/') },
        { open: false },
      ),
    ).rejects.toThrow(/only for the shell/);
    expect(running(t).window.shellView).toMatchObject({ bounds: { height: 72 } });
  });

  it('is accepted on the out-of-order screen (the shell covers the window anyway)', async () => {
    const t = await startTestStation({ argv: ['electron', '.', '--config', '/etc/kiosk/missing.json'] });
    await expect(t.call('shell:overlay', { open: true })).resolves.toBeUndefined();
    await expect(t.call('service:selected-text')).resolves.toEqual({ text: '' });
  });
});

describe('reading the selected text aloud (service:selected-text)', () => {
  it('reads the selection of the visible page in an isolated world', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    page.pageSelection = 'Hakemus on vastaanotettu.';
    await expect(t.call('service:selected-text')).resolves.toEqual({ text: 'Hakemus on vastaanotettu.' });
    expect(page.isolatedScripts).toEqual([
      { worldId: 999, code: expect.stringContaining('window.getSelection()') as unknown },
    ]);
  });

  it('reads from a popup when one is stacked over the page', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    const { popup } = page.windowOpen('https://tunnistus.suomi.fi/');
    (popup as FakeWebContents).pageSelection = 'Valitse tunnistustapa';
    await expect(t.call('service:selected-text')).resolves.toEqual({ text: 'Valitse tunnistustapa' });
  });

  it('caps the text at 2000 characters, whatever the page answers', async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    page.pageSelection = 'a'.repeat(5000);
    const { text } = (await t.call('service:selected-text')) as { text: string };
    expect(text).toHaveLength(2000);
    expect(page.isolatedScripts[0]?.code).toContain('slice(0, 2000)');
  });

  it("answers '' when the page does not answer within 2 s (a frozen page must not stall read-aloud)", async () => {
    const t = await startTestStation();
    const page = await openKela(t);
    page.pageSelection = () => new Promise(() => undefined);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const answer = t.call('service:selected-text');
      await vi.advanceTimersByTimeAsync(2000);
      await expect(answer).resolves.toEqual({ text: '' });
    } finally {
      vi.useRealTimers();
    }
  });

  it("answers '' on the launcher, for a non-string answer, and when the page fails; never logs the text", async () => {
    const t = await startTestStation();
    await expect(t.call('service:selected-text')).resolves.toEqual({ text: '' });
    const page = await openKela(t);
    page.pageSelection = async () => ({ text: 'not a string' });
    await expect(t.call('service:selected-text')).resolves.toEqual({ text: '' });
    page.pageSelection = async () => {
      throw new TypeError('Henkilötunnus 010101-123N');
    };
    await expect(t.call('service:selected-text')).resolves.toEqual({ text: '' });
    await t.call('service:home');
    page.pageSelection = 'secret';
    await expect(t.call('service:selected-text')).resolves.toEqual({ text: '' });
    expect(JSON.stringify(t.logs)).not.toMatch(/010101|secret/);
    expect(t.logs).toContainEqual({ message: 'selected text could not be read', details: { error: 'TypeError' } });
  });
});

describe('links to central', () => {
  it('builds metrics and help from the valid config and the path it was read from, and the controller uses them', async () => {
    const seen: { central: unknown; path: string }[] = [];
    const events: { type: string }[] = [];
    const t = await startTestStation({
      configText: JSON.stringify({ ...TEST_CONFIG, central: { url: 'https://central.example', tokenFile: 'token' } }),
      central: (config, path) => {
        seen.push({ central: config.central, path });
        return { metrics: { record: (e) => void events.push(e) }, help: new OfflineHelp() };
      },
    });
    expect(seen).toEqual([
      { central: { url: 'https://central.example', tokenFile: 'token' }, path: '/etc/kiosk/station.json' },
    ]);
    await openKela(t);
    expect(events.map((e) => e.type)).toEqual(['session.started', 'service.opened']);
  });

  it('is not built for an invalid config (nothing is queued or sent from the out-of-order screen)', async () => {
    let calls = 0;
    const t = await startTestStation({
      argv: ['electron', '.', '--config', '/etc/kiosk/missing.json'],
      central: () => {
        calls += 1;
        return { metrics: { record: () => undefined }, help: new OfflineHelp() };
      },
    });
    expect(t.station.mode).toBe('out-of-order');
    expect(calls).toBe(0);
  });

  it('with an invalid config but a usable central section, tells the fleet view it is out of order', async () => {
    const fleetCentral = new FakeFleetCentral();
    const seen: { central: unknown; path: string }[] = [];
    const t = await startTestStation({
      configText: JSON.stringify({
        ...TEST_CONFIG,
        central: { url: 'https://central.example', tokenFile: 'token' },
        services: [],
      }),
      fleet: fakeFleetHost(new MemoryFleetStore()),
      fleetApiFor: (central, path) => {
        seen.push({ central, path });
        return fleetCentral;
      },
    });
    expect(t.station.mode).toBe('out-of-order');
    // The heartbeat waits only on promises (the probes, the fake central), not on the manual clock.
    for (let i = 0; i < 1000 && fleetCentral.heartbeats.length === 0; i++) await Promise.resolve();
    expect(fleetCentral.heartbeats).toHaveLength(1);
    expect(seen).toEqual([
      { central: { url: 'https://central.example', tokenFile: 'token' }, path: '/etc/kiosk/station.json' },
    ]);
    expect(fleetCentral.lastHeartbeat()).toMatchObject({
      host: 'electron',
      state: 'out-of-order',
      outOfOrderCause: 'invalid-config',
    });
  });
});
