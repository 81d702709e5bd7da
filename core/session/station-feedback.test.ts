/**
 * "Did you get done what you came to do?" after "End session" (issue 14): who is asked, what is
 * recorded under which visit, and that the question never holds up the wipe.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseUsageEvent, type UsageEventInput } from '../../protocol/events.ts';
import { validateConfigText } from '../config/validate.ts';
import type { StationConfig } from '../config/schema.ts';
import { FakeStationHost } from '../testing/fake-station-host.ts';
import { RESET_STEPS, type ResetExecutor } from './reset-plan.ts';
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

const feedbackEvents = (events: UsageEventInput[]) => events.filter((e) => e.type.startsWith('feedback.'));

describe('the question after End session', () => {
  let host: FakeStationHost;
  let config: StationConfig;
  let station: StationController;
  const questionMs = () => config.feedback.questionSeconds * 1000;

  beforeEach(() => {
    host = new FakeStationHost();
    config = demoConfig();
    station = new StationController(config, host.ports());
  });

  async function visitAndEnd(services: string[]): Promise<string> {
    station.start();
    for (const id of services) await station.openService(id);
    const sessionId = host.events.find((e) => e.type === 'session.started')?.sessionId ?? '';
    await station.end('visitor');
    return sessionId;
  }

  it('asks a visitor who ended their session, and the wipe runs without waiting for the answer', async () => {
    const sessionId = await visitAndEnd(['kela']);
    await settle();
    expect(station.view().feedback).toMatchObject({ step: 'outcome', outcome: null });
    expect(host.calls.filter((c) => c.startsWith('reset:'))).toEqual(RESET_STEPS.map((s) => `reset:${s}`));
    expect(station.view().phase).toBe('reset-done');
    station.answerFeedback('yes');
    expect(station.view().feedback).toBeNull();
    expect(feedbackEvents(host.events)).toEqual([
      { type: 'feedback.given', sessionId, outcome: 'yes' },
      { type: 'feedback.service', sessionId, serviceId: 'kela', outcome: 'yes' },
    ]);
  });

  it('shows the question while a slow reset is still running', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = Object.fromEntries(RESET_STEPS.map((s) => [s, () => gate])) as ResetExecutor;
    station = new StationController(config, { ...host.ports(), reset: slow });
    station.start();
    const ending = station.end('visitor');
    await settle();
    expect(station.view()).toMatchObject({ phase: 'resetting', feedback: { step: 'outcome' } });
    release();
    await ending;
    expect(station.view().phase).toBe('reset-done');
  });

  it('never asks after an idle reset or an admin reset', async () => {
    station.start();
    host.clock.advance(config.idle.idleWarningAfterSeconds * 1000);
    host.clock.advance(config.idle.idleCountdownSeconds * 1000);
    await settle();
    expect(station.view().phase).toBe('reset-done');
    expect(station.view().feedback).toBeNull();
    host.clock.advance(config.idle.resetDoneScreenSeconds * 1000);
    station.start();
    await station.end('admin');
    expect(station.view().feedback).toBeNull();
  });

  it('asks for the reason after Partly or No, and records outcome and reason once per service', async () => {
    const sessionId = await visitAndEnd(['kela', 'omakanta', 'kela']);
    station.answerFeedback('no');
    expect(station.view().feedback).toMatchObject({ step: 'reason', outcome: 'no' });
    expect(feedbackEvents(host.events)).toEqual([]);
    station.answerFeedback('no', 'login');
    const recorded = feedbackEvents(host.events);
    expect(recorded).toEqual([
      { type: 'feedback.given', sessionId, outcome: 'no', reason: 'login' },
      { type: 'feedback.service', sessionId, serviceId: 'kela', outcome: 'no', reason: 'login' },
      { type: 'feedback.service', sessionId, serviceId: 'omakanta', outcome: 'no', reason: 'login' },
    ]);
    // Every one is a valid wire event (ids and times are added by the recorder).
    for (const event of recorded)
      expect(
        parseUsageEvent({ ...event, id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', at: '2026-11-29T10:00:00Z' }),
      ).toMatchObject({ ok: true });
  });

  it('counts an outcome without a reason when the visitor skips the second step', async () => {
    const sessionId = await visitAndEnd([]);
    station.answerFeedback('partly');
    station.closeFeedback();
    expect(feedbackEvents(host.events)).toEqual([{ type: 'feedback.given', sessionId, outcome: 'partly' }]);
  });

  it('records nothing when the visitor skips, or when the question closes by itself', async () => {
    await visitAndEnd(['kela']);
    station.closeFeedback();
    expect(station.view().feedback).toBeNull();
    host.clock.advance(config.idle.resetDoneScreenSeconds * 1000);
    expect(station.view().phase).toBe('welcome');
    await visitAndEnd(['kela']);
    host.clock.advance(questionMs() - 1);
    expect(station.view().feedback).not.toBeNull();
    host.clock.advance(1);
    expect(station.view().feedback).toBeNull();
    expect(feedbackEvents(host.events)).toEqual([]);
  });

  it('keeps the visitor language until the question closes, then returns to the welcome screen', async () => {
    station.setLanguage('sv');
    await visitAndEnd([]);
    host.clock.advance(config.idle.resetDoneScreenSeconds * 1000);
    expect(station.view()).toMatchObject({ phase: 'reset-done', language: 'sv' });
    station.answerFeedback('yes');
    expect(station.view()).toMatchObject({ phase: 'welcome', language: 'fi', feedback: null });
  });

  it('gives the reason step its full time again, and more time stretches the question', async () => {
    station.setAccessibility({ moreTime: 2 });
    await visitAndEnd([]);
    expect(station.view().feedback?.closesAt).toBe(host.clock.now() + 2 * questionMs());
    host.clock.advance(2 * questionMs() - 1000);
    station.answerFeedback('no');
    expect(station.view().feedback?.closesAt).toBe(host.clock.now() + 2 * questionMs());
    host.clock.advance(2 * questionMs());
    expect(feedbackEvents(host.events)).toEqual([expect.objectContaining({ type: 'feedback.given', outcome: 'no' })]);
  });

  it('does not ask when the config turns the question off', async () => {
    station = new StationController({ ...config, feedback: { enabled: false, questionSeconds: 20 } }, host.ports());
    await visitAndEnd([]);
    expect(station.view().feedback).toBeNull();
  });
});
