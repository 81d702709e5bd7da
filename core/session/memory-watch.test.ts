import { describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.ts';
import { MemoryWatch } from './memory-watch.ts';

function watch(memoryMb: number | null, idle: boolean) {
  const clock = new ManualClock();
  const exits: string[] = [];
  const logs: string[] = [];
  const w = new MemoryWatch({
    clock,
    intervalMs: 60_000,
    ceilingMb: 1500,
    memoryUsageMb: async () => memoryMb,
    idle: () => idle,
    exitForRestart: (reason) => void exits.push(reason),
    log: (message) => void logs.push(message),
  });
  return { w, clock, exits, logs };
}

describe('the periodic memory check', () => {
  it('recycles an idle station once it is above the ceiling', async () => {
    const { w, clock, exits } = watch(2000, true);
    w.start();
    clock.advance(59_999);
    expect(exits).toEqual([]);
    clock.advance(1);
    await expect.poll(() => exits).toEqual(['memory-ceiling']);
  });

  it('only logs during a visit, and does nothing below the ceiling or when memory is unknown', async () => {
    const busy = watch(2000, false);
    await busy.w.check();
    expect(busy.exits).toEqual([]);
    expect(busy.logs).toEqual(['memory above the ceiling during a visit; recycling after the reset']);
    for (const mb of [1000, null]) {
      const quiet = watch(mb, true);
      await quiet.w.check();
      expect(quiet.exits).toEqual([]);
    }
  });
});
