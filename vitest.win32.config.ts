import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The main/ and preload/ suites with Windows path semantics: `node:path` and `path` resolve to
 * `path.win32`, so a test that expects `/etc/...` or builds a path by hand fails here instead of
 * first on the Windows runner. The setup file maps those backslash paths onto this POSIX file
 * system (scripts/win32-paths-setup.ts). Run: `npm run test:win32-paths` (also a step of `npm test`).
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['{main,preload}/**/*.test.ts'],
    setupFiles: ['./scripts/win32-paths-setup.ts'],
  },
  resolve: {
    alias: [
      { find: 'electron', replacement: fileURLToPath(new URL('./main/testing/fake-electron.ts', import.meta.url)) },
      // Exact match: node:path/win32 itself (and node:path/posix) must still resolve to Node's.
      { find: /^(node:)?path$/, replacement: 'node:path/win32' },
    ],
  },
});
