import { describe, expect, it } from 'vitest';
import { runSmokeTest, type SmokeShell, type SmokeStation } from './smoke-test.ts';
import { startTestStation, type StationUnderTest } from './testing/station-fixture.ts';

/**
 * The shell page as the packaged app reaches it, minus the preload (tested in preload/bridge.test.ts):
 * calls go through the station's registered IPC handlers with the shell's sender check.
 */
function shellOf(t: StationUnderTest): SmokeShell {
  return {
    bridgeKeys: async () => ['onViewChanged', 'invoke'],
    invoke: (channel, arg) => t.call(channel, arg),
  };
}

/** The running station; the "everything was erased" screen is passed by moving the manual clock. */
function stationOf(t: StationUnderTest, failedSteps?: string[]): SmokeStation {
  if (t.station.mode !== 'running') throw new Error(`station is ${t.station.mode}`);
  const { controller } = t.station;
  return {
    view: () => controller.view(),
    subscribe: (listener) =>
      controller.subscribe((view) => {
        listener(view);
        if (view.phase === 'reset-done') queueMicrotask(() => t.clock.advance(60_000));
      }),
    failedResetSteps: () => failedSteps ?? controller.lastReset()?.failed.map((f) => f.step) ?? [],
  };
}

describe('the packaged smoke test', () => {
  it('passes a healthy station: bridge, IPC round trip, a visitor session, the reset ladder, welcome in the default language', async () => {
    const t = await startTestStation();
    const logs: string[] = [];
    const result = await runSmokeTest(shellOf(t), stationOf(t), (m) => void logs.push(m));
    expect(result).toEqual({ ok: true });
    expect(logs).toContain('smoke test passed');
    expect(t.station.mode === 'running' && t.station.controller.view()).toMatchObject({
      phase: 'welcome',
      language: 'fi',
    });
  });

  it('fails at the bridge when the page has no window.kiosk', async () => {
    const t = await startTestStation();
    const result = await runSmokeTest({ ...shellOf(t), bridgeKeys: async () => null }, stationOf(t), () => {});
    expect(result).toEqual({ ok: false, step: 'preload bridge', problem: 'window.kiosk exposes null' });
  });

  it('fails at the reset ladder when a reset step failed', async () => {
    const t = await startTestStation();
    const result = await runSmokeTest(shellOf(t), stationOf(t, ['delete-downloads']), () => {});
    expect(result).toEqual({ ok: false, step: 'reset ladder', problem: 'reset steps failed: delete-downloads' });
  });

  it('fails when an IPC call is refused, naming the step', async () => {
    const t = await startTestStation();
    const shell = shellOf(t);
    const refusing: SmokeShell = {
      ...shell,
      invoke: (channel, arg) =>
        channel === 'session:start' ? Promise.reject(new Error('refused')) : shell.invoke(channel, arg),
    };
    expect(await runSmokeTest(refusing, stationOf(t), () => {})).toEqual({
      ok: false,
      step: 'visitor session',
      problem: 'refused',
    });
  });
});
