import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit and integration tests sit beside their code as *.test.ts. Browser journeys live in
// tests/e2e and run under Playwright, not here.
export default defineConfig({
  test: {
    include: [
      '{protocol,core,main,preload,central,kiosk-config,renderer,scripts}/**/*.test.{ts,tsx}',
      'tests/unit/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'dist/**'],
    environment: 'node',
    testTimeout: 20000,
    // PostgreSQL and SQLite suites share one database server; run files one at a time per worker pool of 2 cores.
    pool: 'forks',
  },
  resolve: {
    alias: {
      // No Electron binary can be downloaded on build machines; main/ is tested against a typed fake.
      // fileURLToPath, not URL.pathname: on Windows the latter is /D:/..., which Vite cannot resolve.
      electron: fileURLToPath(new URL('./main/testing/fake-electron.ts', import.meta.url)),
    },
  },
});
