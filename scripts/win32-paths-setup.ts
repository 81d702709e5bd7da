/**
 * Setup for `vitest.win32.config.ts`. Under win32 path semantics on this POSIX file system,
 * `join(tmpdir(), 'x-')` is the relative name `\tmp\x-`; each test file runs in its own scratch
 * folder so those names land there and not in the checkout. The folder sits under
 * node_modules/.cache so child processes started with `--import tsx` still resolve packages, and
 * those children load `win32-paths-hook.js`, so they build the same paths as the test.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as posix from 'node:path/posix';
import { afterAll } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cache = posix.join(repo, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const scratch = mkdtempSync(posix.join(cache, 'kiosk-win32-'));
const original = process.cwd();
process.chdir(scratch);
// Child processes (spawned Node scripts) get the same path semantics through a module hook.
const hook = pathToFileURL(posix.join(repo, 'scripts', 'win32-paths-hook.js')).href;
process.env['NODE_OPTIONS'] = `${process.env['NODE_OPTIONS'] ?? ''} --import=${hook}`.trim();

afterAll(() => {
  process.chdir(original);
  rmSync(scratch, { recursive: true, force: true });
});
