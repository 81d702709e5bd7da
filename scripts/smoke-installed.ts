/**
 * Runs an installed kiosk app's self-test and fails when it fails: `<exe> --smoke-test --config
 * <file>` (main/smoke-test.ts: preload bridge, IPC round trip, one visitor session, the reset
 * ladder, the next visitor's welcome screen). The app's exit code is the verdict; its log lines
 * are printed. A GUI app on Windows is waited for like any process.
 *
 * Usage: `npx tsx scripts/smoke-installed.ts <installed executable> [config file]`; the config
 * defaults to the one shipped beside app.asar (resources/kiosk-config/default.json).
 * CI runs it on the NSIS-installed exe; scripts/smoke-deb.sh does the same for the .deb in a
 * clean Debian container.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [exe, configArg] = process.argv.slice(2);
if (!exe || !existsSync(exe)) {
  console.error(`usage: tsx scripts/smoke-installed.ts <installed executable> [config]; not found: ${exe ?? '(none)'}`);
  process.exit(2);
}
const config = configArg ?? join(dirname(exe), 'resources', 'kiosk-config', 'default.json');
console.log(`smoke test: ${exe} --smoke-test --config ${config}`);
const run = spawnSync(exe, ['--smoke-test', '--config', config], {
  stdio: 'inherit',
  // The app has its own 120 s watchdog; this one catches an app that never gets that far.
  timeout: 180_000,
});
if (run.error) console.error(`smoke test could not run the app: ${run.error.message}`);
console.log(`smoke test: exit ${run.status ?? run.signal}`);
process.exit(run.status === 0 ? 0 : 1);
