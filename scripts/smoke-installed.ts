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
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const [exe, configArg] = process.argv.slice(2);
if (!exe || !existsSync(exe)) {
  console.error(`usage: tsx scripts/smoke-installed.ts <installed executable> [config]; not found: ${exe ?? '(none)'}`);
  process.exit(2);
}
const config = configArg ?? join(dirname(exe), 'resources', 'kiosk-config', 'default.json');
console.log(`smoke test: ${exe} --smoke-test --config ${config}`);
// The packaged app logs to a file, not the console (main/station-log.ts); point it at a fresh
// folder and print that log afterwards, so a failing step is visible in the job's output.
const logDir = mkdtempSync(join(tmpdir(), 'kiosk-smoke-log-'));
const run = spawnSync(exe, ['--smoke-test', '--config', config], {
  stdio: 'inherit',
  env: { ...process.env, KIOSK_LOG_DIR: logDir },
  // The app has its own 120 s watchdog; this one catches an app that never gets that far.
  timeout: 180_000,
});
if (run.error) console.error(`smoke test could not run the app: ${run.error.message}`);
for (const file of existsSync(logDir) ? readdirSync(logDir) : [])
  console.log(`--- ${file}\n${readFileSync(join(logDir, file), 'utf8')}`);
console.log(`smoke test: exit ${run.status ?? run.signal}`);
process.exit(run.status === 0 ? 0 : 1);
