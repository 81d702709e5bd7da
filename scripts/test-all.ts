/**
 * `npm test`: every suite, one summary. Runs the type check, the vitest suites (core, protocol,
 * main with a fake electron, central on real SQLite and PostgreSQL), builds the web apps, runs the
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

// 1. Type check counts as one test per config: a type error is a failure someone must see.
for (const project of ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.browser-tests.json']) {
  const status = run(`typecheck ${project}`, 'npx', ['tsc', '-p', project, '--noEmit']);
  add(`typecheck ${project}`, { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}

// 2. Unit and integration tests.
const vitestJson = join(out, 'vitest.json');
const vitestStatus = run('vitest', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
  };
  add('vitest', {
    passed: report.numPassedTests, // A failed suite with no failed test is a file that did not load; otherwise suites just contain the failed tests.
    failed: report.numFailedTests > 0 ? report.numFailedTests : report.numFailedTestSuites,
    skipped: report.numPendingTests + report.numTodoTests,
  });
} else {
  add('vitest', { passed: 0, failed: 1, skipped: 0 });
}
if (vitestStatus !== 0 && total.failed === 0) add('vitest exit code', { passed: 0, failed: 1, skipped: 0 });

// 3. Build what the browser journeys load.
for (const script of ['build:renderer', 'build:central-web', 'build:console', 'build:main']) {
  if (!pkg.scripts[script]) continue;
  const status = run(script, 'npm', ['run', '-s', script]);
  if (status !== 0) add(script, { passed: 0, failed: 1, skipped: 0 });
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
