/**
 * Retrying a step that fails for a moment: on Windows a file being scanned by Defender, indexed,
 * or still held by a closing renderer cannot be deleted for a few hundred milliseconds (EBUSY,
 * EPERM, ENOTEMPTY). Giving up at once leaves a visitor's file behind.
 */

/** Error codes that mean "locked for now", worth another try. */
export const TRANSIENT_FILE_ERRORS: ReadonlySet<string> = new Set(['EBUSY', 'EPERM', 'EACCES', 'ENOTEMPTY', 'EMFILE']);

/** Delays between tries, in ms: about 3 s in all, short enough to finish inside a reset. */
export const FILE_RETRY_DELAYS_MS: readonly number[] = [50, 100, 200, 400, 800, 1500];

/**
 * Runs `step` until it succeeds, `retryable` says no, or the delays run out; then throws the
 * last error. `wait` is the host's timer (a test passes one that resolves at once).
 */
export async function withRetries<T>(
  step: () => Promise<T>,
  options: { delaysMs: readonly number[]; retryable(error: unknown): boolean; wait(ms: number): Promise<void> },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const delay = options.delaysMs[attempt];
      if (delay === undefined || !options.retryable(error)) throw error;
      await options.wait(delay);
    }
  }
}

/** True for a Node file error that is likely a passing lock. */
export function isTransientFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_FILE_ERRORS.has(code);
}
