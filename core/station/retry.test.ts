import { describe, expect, it } from 'vitest';
import { FILE_RETRY_DELAYS_MS, isTransientFileError, withRetries } from './retry.ts';

const locked = (code: string) => Object.assign(new Error(code), { code });

describe('retrying a locked file', () => {
  it('tries again after a lock and waits longer each time', async () => {
    const waits: number[] = [];
    let tries = 0;
    const result = await withRetries(
      async () => {
        tries += 1;
        if (tries < 3) throw locked('EBUSY');
        return 'gone';
      },
      { delaysMs: FILE_RETRY_DELAYS_MS, retryable: isTransientFileError, wait: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('gone');
    expect(waits).toEqual([50, 100]);
  });

  it('gives up after the last delay, and at once on an error that is no lock', async () => {
    let tries = 0;
    const options = { delaysMs: [1, 2], retryable: isTransientFileError, wait: async () => undefined };
    await expect(
      withRetries(async () => {
        tries += 1;
        throw locked('EPERM');
      }, options),
    ).rejects.toThrow('EPERM');
    expect(tries).toBe(3);
    tries = 0;
    await expect(
      withRetries(async () => {
        tries += 1;
        throw locked('EROFS');
      }, options),
    ).rejects.toThrow('EROFS');
    expect(tries).toBe(1);
  });
});
