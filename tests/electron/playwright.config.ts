import { defineConfig } from '@playwright/test';
import { electronSkipReason, findElectronBinary } from './electron-binary.ts';

// Say plainly why nothing ran; the list reporter does not print skip reasons. Throws where
// CI_ELECTRON_REQUIRED=1 and the binary is missing, so that run fails before any test.
const skipReason = electronSkipReason(findElectronBinary());
if (skipReason) console.log(`Electron journey SKIPPED: ${skipReason}`);

/**
 * The whole Electron app under Playwright `_electron`. Runs only where an Electron binary exists
 * (CI with GitHub access, under xvfb-run, with CI_ELECTRON_REQUIRED=1); elsewhere those tests skip
 * and say why. `pointer-overlay-look.spec.ts` needs only Chromium and runs everywhere. Needs the
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
