import { describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.ts';
import { PinAttempts } from './maintenance-policy.ts';

describe('the maintenance PIN prompt', () => {
  it('locks for five minutes after five wrong PINs, refuses even the right one meanwhile, then opens again', () => {
    const clock = new ManualClock();
    const attempts = new PinAttempts(clock);
    for (let left = 4; left >= 1; left--) expect(attempts.record(false)).toEqual({ outcome: 'wrong', triesLeft: left });
    expect(attempts.record(false)).toEqual({ outcome: 'locked', untilMs: clock.now() + 300_000 });
    clock.advance(299_999);
    expect(attempts.record(true).outcome).toBe('locked');
    clock.advance(1);
    expect(attempts.locked()).toBeNull();
    expect(attempts.record(true)).toEqual({ outcome: 'accepted' });
  });

  it('a right PIN clears earlier wrong tries', () => {
    const attempts = new PinAttempts(new ManualClock());
    for (let i = 0; i < 4; i++) attempts.record(false);
    attempts.record(true);
    expect(attempts.record(false)).toEqual({ outcome: 'wrong', triesLeft: 4 });
  });
});
