import { defineConfig } from '@playwright/test';
import { findElectronBinary } from './electron-binary.ts';

const binary = findElectronBinary();
// Say plainly why nothing ran; the list reporter does not print skip reasons.
if (!binary.found) console.log(`Electron journey SKIPPED: ${binary.reason}`);

/**
 * The whole Electron app under Playwright `_electron`. Runs only where an Electron binary exists
 * (CI with GitHub access, under xvfb-run); elsewhere every test skips and says why. Needs the
 * built app: npm run build:renderer && npm run build:main. Runs the unfused dist/ build, because
 * the packaged app's nodeCliInspect fuse is off and Playwright cannot attach to it.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
