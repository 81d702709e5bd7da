/**
 * Setup for `vitest.win32.config.ts`. The code under test builds Windows paths (`node:path` is
 * `path.win32` there: `\tmp\kiosk-x\file.pdf`), but this file system is POSIX, where a backslash
 * is part of a name. So `node:fs` is wrapped to turn backslashes into slashes in the path
 * arguments it receives: the folders the code builds are real nested folders, as on Windows.
 * Only path arguments change, never file contents.
 */
import { vi } from 'vitest';

/** Functions whose first two arguments are paths (source and destination). */
const TWO_PATHS = new Set([
  'rename',
  'renameSync',
  'copyFile',
  'copyFileSync',
  'link',
  'linkSync',
  'symlink',
  'symlinkSync',
  'cp',
  'cpSync',
]);

const toPosix = (value: unknown): unknown => (typeof value === 'string' ? value.replaceAll('\\', '/') : value);

function posixPaths<T extends object>(module: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(module)) {
    if (typeof value !== 'function' || /^[A-Z]/.test(name)) {
      wrapped[name] = value;
      continue;
    }
    const fn = value as (...args: unknown[]) => unknown;
    const paths = TWO_PATHS.has(name) ? 2 : 1;
    wrapped[name] = (...args: unknown[]) => fn(...args.map((arg, i) => (i < paths ? toPosix(arg) : arg)));
  }
  const promises = (module as { promises?: object }).promises;
  if (promises) wrapped['promises'] = posixPaths(promises);
  return { ...wrapped, default: wrapped } as T;
}

vi.mock('node:fs', async (original) => posixPaths(await original<object>()));
vi.mock('fs', async (original) => posixPaths(await original<object>()));
vi.mock('node:fs/promises', async (original) => posixPaths(await original<object>()));
vi.mock('fs/promises', async (original) => posixPaths(await original<object>()));
