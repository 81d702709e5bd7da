/**
 * IT's maintenance access at the station: what IT and a visitor notice, on the strict fake.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { STATION_CHANGED, type StationView } from '../protocol/ipc.ts';
import { keyVerdict } from './lockdown.ts';
import { verifyPin } from './maintenance.ts';
import type { FakeWebContents } from './testing/fake-electron.ts';
import { startTestStation, TEST_CONFIG, visibleService, type StationUnderTest } from './testing/station-fixture.ts';

const PIN = '482913';

function pinConfig(pin: string) {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N: 16_384, r: 8, p: 1 });
  return {
    algorithm: 'scrypt',
    N: 16_384,
    r: 8,
    p: 1,
    keyLength: 32,
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
  } as const;
}

const CHORD = { key: 'F10', control: true, alt: true, shift: true };

async function stationWithPin(): Promise<StationUnderTest> {
  return startTestStation({ configText: JSON.stringify({ ...TEST_CONFIG, maintenance: { pin: pinConfig(PIN) } }) });
}

function maintenancePage(t: StationUnderTest): FakeWebContents {
  const view = t.fake.views.find(
    (v) => v.webContents.webPreferences.partition === 'maintenance' && !v.webContents.closing,
  );
  if (!view) throw new Error('maintenance screen not shown');
  return view.webContents;
}

function shown(wc: FakeWebContents): string {
  const url = wc.mainFrame.url;
  return url.startsWith('data:') ? decodeURIComponent(url.slice(url.indexOf(',') + 1)) : '';
}

function typePin(wc: FakeWebContents, pin: string) {
  return wc.userNavigates(`https://kiosk-action.invalid/maintenance/pin?pin=${encodeURIComponent(pin)}`);
}

function lastPushedView(t: StationUnderTest): StationView {
  const pushes = t.shell.sent.filter((m) => m.channel === STATION_CHANGED);
  return pushes[pushes.length - 1]?.args[0] as StationView;
}

describe('maintenance access for IT', () => {
  it('Ctrl+Alt+Shift+F10 is the only chord; no visitor shortcut opens it', () => {
    expect(keyVerdict({ type: 'keyDown', ...CHORD, meta: false })).toBe('maintenance');
    expect(keyVerdict({ type: 'keyDown', key: 'F10', control: true, alt: false, shift: true, meta: false })).toBe(
      'pass',
    );
  });

  it('the right PIN wipes the visitor session first, then shows station info, and restart exits 73', async () => {
    const t = await stationWithPin();
    const page = await (async () => {
      await t.call('session:start');
      await t.call('service:open', { serviceId: 'kela' });
      return visibleService(t);
    })();
    expect(page?.presses(CHORD).defaultPrevented).toBe(true);
    const screen = maintenancePage(t);
    expect(shown(screen)).toContain('type="password"');
    expect(typePin(screen, PIN).defaultPrevented).toBe(true);
    await expect.poll(() => shown(screen)).toContain('test-station');
    expect(lastPushedView(t).phase).toBe('reset-done');
    expect(page?.isDestroyed()).toBe(true);
    expect(shown(screen)).toMatch(/[0-9a-f]{64}/); // the config's SHA-256
    screen.userNavigates('https://kiosk-action.invalid/maintenance/restart');
    await expect.poll(() => t.fake.exitCodes).toEqual([73]);
    expect(JSON.stringify(t.logs)).not.toContain(PIN);
  });

  it('exit to the OS exits 0 for the supervisor; closing the screen returns to the station', async () => {
    const t = await stationWithPin();
    t.shell.presses(CHORD);
    const screen = maintenancePage(t);
    typePin(screen, PIN);
    await expect.poll(() => shown(screen)).toContain('Exit to the OS');
    screen.userNavigates('https://kiosk-action.invalid/maintenance/exit');
    await expect.poll(() => t.fake.exitCodes).toEqual([0]);
  });

  it('five wrong PINs lock it for five minutes, even against the right PIN, and nothing logs a PIN', async () => {
    const t = await stationWithPin();
    t.shell.presses(CHORD);
    const screen = maintenancePage(t);
    for (let i = 1; i <= 4; i++) {
      typePin(screen, `00000${i}`);
      await expect.poll(() => shown(screen)).toContain(`${5 - i} tries left`);
    }
    typePin(screen, '000005');
    await expect.poll(() => shown(screen)).toContain('Try again in 5 min');
    typePin(screen, PIN);
    await expect.poll(() => t.logs.filter((l) => l.message === 'maintenance PIN locked').length).toBe(2);
    expect(shown(screen)).not.toContain('test-station');
    // Restart without a right PIN does nothing.
    screen.userNavigates('https://kiosk-action.invalid/maintenance/restart');
    expect(t.fake.exitCodes).toEqual([]);

    t.clock.advance(5 * 60_000);
    typePin(screen, PIN);
    await expect.poll(() => shown(screen)).toContain('test-station');
    expect(JSON.stringify(t.logs)).not.toMatch(/00000\d|482913/);
  });

  it('the screen navigates nowhere else and grants nothing', async () => {
    const t = await stationWithPin();
    t.shell.presses(CHORD);
    const screen = maintenancePage(t);
    expect(screen.userNavigates('https://evil.example/').defaultPrevented).toBe(true);
    expect(screen.windowOpen('https://evil.example/').answer.action).toBe('deny');
    expect(screen.webPreferences).toMatchObject({ sandbox: true, devTools: false, javascript: false });
    expect(await t.fake.sessions.get('maintenance')?.requestPermission(screen, 'media', 'data:')).toBe(false);
  });

  it('a PIN hash with weak or broken parameters puts the station out of order, naming the field', async () => {
    const t = await startTestStation({
      configText: JSON.stringify({ ...TEST_CONFIG, maintenance: { pin: { ...pinConfig(PIN), N: 1024 } } }),
    });
    expect(t.station.mode).toBe('out-of-order');
    const view = (await t.call('station:get-view')) as StationView;
    expect(view.outOfOrder?.reason).toContain('maintenance.pin.N');
  });

  it('without a PIN in the config the chord does nothing', async () => {
    const t = await startTestStation();
    t.shell.presses(CHORD);
    expect(t.fake.views.some((v) => v.webContents.webPreferences.partition === 'maintenance')).toBe(false);
    expect(t.logs).toContainEqual({ message: 'maintenance chord pressed; no maintenance PIN configured' });
  });

  it('verifies a PIN against its scrypt hash and parameters', async () => {
    const config = pinConfig('1234');
    expect(await verifyPin('1234', config)).toBe(true);
    expect(await verifyPin('1235', config)).toBe(false);
    expect(await verifyPin('1234', { ...config, N: 32_768 })).toBe(false);
  });
});
