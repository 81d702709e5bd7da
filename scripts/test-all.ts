/**
 * `npm test`: every suite, one summary. Runs ESLint (layer rules included), Prettier, knip and
 * Electronegativity (allowlisted findings only), the type
 * check, the vitest suites (core, protocol, main with a fake electron, central on real SQLite and
 * PostgreSQL) twice — the second time with the clock a year ahead — then main/ and preload/ with
 * Windows path semantics (`vitest.win32.config.ts`), builds the web apps, packages the app with a
 * stand-in Electron (`package:dry-run`: app.asar contents, fuses), runs the
 * Playwright browser journeys in Debian Chromium, and the Electron suite (which skips where no
 * Electron binary exists). Ends with the line CI reads: `N passed, N failed, N skipped`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const out = mkdtempSync(join(tmpdir(), 'kiosk-tests-'));
const FAKETIME = '/usr/bin/faketime';
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function add(label: string, tally: Tally): void {
  console.log(`--- ${label}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  total.passed += tally.passed;
  total.failed += tally.failed;
  total.skipped += tally.skipped;
}

// 0. Lint and format first: a layer break or unformatted file is a failure, like a red test.
for (const [label, command, args] of [
  ['eslint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['prettier', 'npx', ['prettier', '--check', '.']],
  ['unused files and dependencies (knip)', 'npm', ['run', '-s', 'lint:unused']],
  // Electronegativity, offline: any finding not on its documented allowlist fails.
  ['electron security lint (electronegativity)', 'npm', ['run', '-s', 'lint:electron']],
] as const) {
  const status = run(label, command, [...args]);
  add(label, { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}

// 1. Type check counts as one test per config: a type error is a failure someone must see.
for (const project of ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.browser-tests.json']) {
  const status = run(`typecheck ${project}`, 'npx', ['tsc', '-p', project, '--noEmit']);
  add(`typecheck ${project}`, { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}

// 2. Unit and integration tests; then the same suites with the process clock a year ahead
// (libfaketime), so a test that mixes the real date with a fixed one fails the day it is written,
// not the day its date passes.
runVitest('vitest', []);
if (existsSync(FAKETIME)) runVitest('vitest, clock +1 year', [FAKETIME, '-f', '+365d']);
else add(`vitest, clock +1 year (${FAKETIME} missing: apt-get install faketime)`, { passed: 0, failed: 1, skipped: 0 });
// The main/ and preload/ suites again with Windows path semantics (node:path is path.win32), so a
// test that hard-codes a POSIX path fails here and not first on the Windows CI runner.
runVitest('vitest, win32 paths (main, preload)', [], ['-c', 'vitest.win32.config.ts']);

function runVitest(label: string, prefix: string[], extra: string[] = []): void {
  const json = join(out, `${label.replace(/\W+/g, '-')}.json`);
  const args = ['vitest', 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`];
  const [command, ...rest] = prefix.length > 0 ? [...prefix, 'npx', ...args] : ['npx', ...args];
  const before = total.failed;
  const status = run(label, command ?? 'npx', rest);
  if (existsSync(json)) {
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      numFailedTestSuites: number;
    };
    add(label, {
      passed: report.numPassedTests,
      // A failed suite with no failed test is a file that did not load; otherwise suites just contain the failed tests.
      failed: report.numFailedTests > 0 ? report.numFailedTests : report.numFailedTestSuites,
      skipped: report.numPendingTests + report.numTodoTests,
    });
  } else {
    add(label, { passed: 0, failed: 1, skipped: 0 });
  }
  if (status !== 0 && total.failed === before) add(`${label} exit code`, { passed: 0, failed: 1, skipped: 0 });
}

// 3. Build what the browser journeys load.
for (const script of ['build:renderer', 'build:central-web', 'build:console', 'build:fleet', 'build:main']) {
  if (!pkg.scripts[script]) continue;
  const status = run(script, 'npm', ['run', '-s', script]);
  if (status !== 0) add(script, { passed: 0, failed: 1, skipped: 0 });
}

// 3b. Package the app the way CI does (electron-builder, a stand-in Electron): app.asar holds only
// what runs, and the flipped fuses are as decided in electron-builder.ts.
{
  const status = run('packaging dry run', 'npm', ['run', '-s', 'package:dry-run']);
  add('packaging dry run', { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}

// 4. Playwright suites: browser journeys in Debian Chromium, then the Electron app where it exists.
for (const [label, config] of [
  ['browser journeys', 'tests/playwright.config.ts'],
  ['electron', 'tests/electron/playwright.config.ts'],
] as const) {
  if (!existsSync(config)) continue;
  const json = join(out, `${label.replace(/\W/g, '-')}.json`);
  run(label, 'npx', ['playwright', 'test', '-c', config, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: json,
  });
  if (!existsSync(json)) {
    add(label, { passed: 0, failed: 1, skipped: 0 });
    continue;
  }
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    stats: { expected: number; unexpected: number; skipped: number; flaky: number };
    errors?: unknown[];
  };
  const errors = report.errors?.length ?? 0;
  add(label, {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected + errors,
    skipped: report.stats.skipped,
  });
}

console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
