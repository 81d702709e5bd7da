import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { validateConfigText } from '../config/validate.ts';
import type { StationConfig } from '../config/schema.ts';
import type { StationView } from '../../protocol/ipc.ts';
import { FakeStationHost } from '../testing/fake-station-host.ts';
import { RESET_STEPS } from './reset-plan.ts';
import { StationController } from './station-controller.ts';

function demoConfig(): StationConfig {
  const check = validateConfigText(readFileSync(new URL('../../kiosk-config/default.json', import.meta.url), 'utf8'));
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  return check.config;
}

/** Resolves once pending promise callbacks (the async reset) have run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('a visitor session from welcome screen to wiped', () => {
  let host: FakeStationHost;
  let config: StationConfig;
  let station: StationController;
  const idleMs = () => config.idle.idleWarningAfterSeconds * 1000;
  const countdownMs = () => config.idle.idleCountdownSeconds * 1000;

  beforeEach(() => {
    host = new FakeStationHost();
    config = demoConfig();
    station = new StationController(config, host.ports());
  });

  it('shows the welcome screen in the station language with every configured service', () => {
    const view = station.view();
    expect(view.phase).toBe('welcome');
    expect(view.language).toBe('fi');
    expect(view.services.map((s) => s.id)).toContain('omakanta');
  });

  it('shows tiles in the chosen language and falls back to English where the config has none', () => {
    station.setLanguage('sv');
    expect(station.view().services.find((s) => s.id === 'kela')?.name).toBe('FPA');
    station.setLanguage('ru');
    const kela = station.view().services.find((s) => s.id === 'kela');
    expect(kela?.purpose).toBe('Apply for benefits and send attachments');
    expect(kela?.textLanguage).toBe('en');
  });

  it('warns after the idle time, and one press of Continue extends, any number of times', () => {
    station.start();
    for (let round = 0; round < 12; round++) {
      host.clock.advance(idleMs() - 1);
      expect(station.view().phase).toBe('in-session');
      host.clock.advance(1);
      expect(station.view().phase).toBe('idle-warning');
      expect(station.view().idleResetAt).toBe(host.clock.now() + countdownMs());
      host.clock.advance(countdownMs() - 1000);
      station.extend();
      expect(station.view().phase).toBe('in-session');
    }
    expect(host.calls.filter((c) => c.startsWith('reset:'))).toEqual([]);
  });

  it('gives at least 20 seconds of warning before an idle reset', async () => {
    station.start();
    host.clock.advance(idleMs());
    const warnedAt = host.clock.now();
    host.clock.advance(19_999);
    expect(station.view().phase).toBe('idle-warning');
    host.clock.advance(countdownMs());
    await settle();
    expect(host.clock.now() - warnedAt).toBeGreaterThanOrEqual(20_000);
    expect(station.view().phase).toBe('reset-done');
    expect(host.events.at(-1)).toMatchObject({ type: 'session.ended', endedBy: 'idle' });
  });

  it('keeps an active visitor in session: input in an e-service postpones the warning', () => {
    station.start();
    host.clock.advance(idleMs() - 1000);
    station.activity();
    host.clock.advance(idleMs() - 1000);
    expect(station.view().phase).toBe('in-session');
    host.clock.advance(1000);
    expect(station.view().phase).toBe('idle-warning');
  });

  it('doubles and quadruples the idle limits with "more time"', () => {
    station.start();
    station.setAccessibility({ moreTime: 4 });
    host.clock.advance(idleMs() * 4 - 1);
    expect(station.view().phase).toBe('in-session');
    host.clock.advance(1);
    expect(station.view().phase).toBe('idle-warning');
    expect(station.view().idleResetAt).toBe(host.clock.now() + countdownMs() * 4);
  });

  it('resets a welcome screen left in another language, so the next visitor gets Finnish', async () => {
    station.setLanguage('ar');
    host.clock.advance(idleMs() + countdownMs());
    await settle();
    host.clock.advance(config.idle.resetDoneScreenSeconds * 1000);
    expect(station.view()).toMatchObject({ phase: 'welcome', language: 'fi' });
  });

  it('ending a session runs every reset step in order, restores defaults and returns to welcome', async () => {
    station.setLanguage('sv');
    station.setAccessibility({ textScalePercent: 200, highContrast: true });
    await station.openService('kela');
    await station.end('visitor');
    expect(host.calls.filter((c) => c.startsWith('reset:'))).toEqual(RESET_STEPS.map((s) => `reset:${s}`));
    const view = station.view();
    expect(view.phase).toBe('reset-done');
    expect(view.language).toBe('sv'); // "erased" is told in the visitor's language
    expect(view.activeServiceId).toBeNull();
    station.closeFeedback(); // the visitor skips "Did you get it done?" (station-feedback.test.ts)
    host.clock.advance(config.idle.resetDoneScreenSeconds * 1000);
    expect(station.view()).toMatchObject({
      phase: 'welcome',
      language: 'fi',
      accessibility: { textScalePercent: 100, highContrast: false },
    });
    expect(host.events.map((e) => e.type)).toEqual([
      'session.started',
      'language.chosen',
      'accessibility.changed',
      'accessibility.changed',
      'service.opened',
      'session.ended',
    ]);
  });

  it('gives each visitor a new random session id that never carries over', async () => {
    station.start();
    await station.end('visitor');
    host.clock.advance(60_000);
    station.start();
    const ids = new Set(
      host.events.filter((e) => e.type === 'session.started').map((e) => ('sessionId' in e ? e.sessionId : '')),
    );
    expect(ids.size).toBe(2);
  });

  it('still runs every later reset step when one fails, and then restarts the process', async () => {
    host.failingSteps.add('clear-site-data');
    station.start();
    await station.end('visitor');
    expect(host.calls).toContain('reset:delete-downloads');
    expect(host.calls).toContain('reset:clear-clipboard');
    expect(host.exits).toEqual(['reset-step-failed']);
  });

  it('asks for a fresh process after the configured number of sessions or above the memory ceiling', async () => {
    for (let i = 0; i < config.recycle.maxSessionsBeforeRestart - 1; i++) {
      station.start();
      await station.end('visitor');
      station.closeFeedback(); // the visitor skips the question (station-feedback.test.ts)
      host.clock.advance(config.idle.resetDoneScreenSeconds * 1000);
    }
    expect(host.exits).toEqual([]);
    station.start();
    await station.end('visitor');
    expect(host.exits).toEqual(['session-limit']);

    const other = new FakeStationHost();
    other.memoryMb = config.recycle.memoryCeilingMb + 1;
    const s2 = new StationController(config, other.ports());
    s2.start();
    await s2.end('idle');
    expect(other.exits).toEqual(['memory-ceiling']);
  });

  it('shows "not available here" for a blocked navigation and "back" returns to the page', async () => {
    await station.openService('kela');
    station.navigationBlocked('kela');
    expect(station.view().blockedNotice).toEqual({ serviceId: 'kela' });
    await station.back();
    expect(station.view().blockedNotice).toBeNull();
    expect(station.view().activeServiceId).toBe('kela');
    expect(host.events.at(-1)).toMatchObject({ type: 'navigation.blocked', serviceId: 'kela' });
  });

  it('ignores visitor commands while the session is being wiped', async () => {
    station.start();
    const ending = station.end('visitor');
    station.setLanguage('en');
    await station.openService('kela');
    await ending;
    host.clock.advance(config.idle.resetDoneScreenSeconds * 1000);
    expect(station.view().language).toBe('fi');
    expect(host.calls).not.toContain('open:kela');
  });

  it('tells the visitor at once how else to get help when no central is configured', async () => {
    station.start();
    await station.requestHelp({ topic: 'kela', mode: 'come-to-me' });
    const view = station.view();
    expect(view.help).toMatchObject({ phase: 'unavailable', reason: 'unreachable' });
    expect(view.helpContacts.phone).toBe('09 310 10011');
  });

  it('tells the visitor whether the phone line is open now or when it opens, in Helsinki time', () => {
    // The manual clock starts on Monday 23 November 2026 at 12:00 in Helsinki: the line just closed.
    expect(station.view().helpContacts.phoneStatus).toEqual({
      state: 'closed',
      opens: { day: 'tomorrow', date: '2026-11-24', time: '09:00' },
    });
    host.clock.advance(22 * 3600_000); // Tuesday 10:00
    expect(station.view().helpContacts.phoneStatus).toEqual({ state: 'open', closes: '12:00' });
    expect(station.view().helpContacts.inPersonStatus).toEqual({
      state: 'closed',
      opens: { day: 'today', date: '2026-11-24', time: '12:00' },
    });
  });

  it('updates an open help card when the phone line closes, with nothing else happening', () => {
    host.clock.advance(22 * 3600_000); // Tuesday 10:00 in Helsinki: the line is open until 12:00
    const shown: StationView[] = [];
    station.subscribe((view) => shown.push(view));
    host.clock.advance(2 * 3600_000 - 60_000); // 11:59: still open, and nothing new to show
    expect(shown).toEqual([]);
    host.clock.advance(60_000); // 12:00
    expect(shown.at(-1)?.helpContacts.phoneStatus).toEqual({
      state: 'closed',
      opens: { day: 'tomorrow', date: '2026-11-25', time: '09:00' },
    });
    expect(shown.at(-1)?.helpContacts.inPersonStatus).toEqual({ state: 'open', closes: '15:00' });
  });
});
