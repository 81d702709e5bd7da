/**
 * `npm run lint:electron`: Electronegativity over main/ and preload/, offline. Every finding must
 * be on the allowlist below, with the reason it is not a problem here; any other finding fails
 * (exit 1), and so does a scan that produced no report. Runs here and in CI.
 *
 * AvailableSecurityFixesGlobalCheck is skipped: it fetches Electron's release list from GitHub
 * (unreachable on build machines) and judges the Electron version, which Dependabot and the
 * support window handle, not our code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Allowed {
  target: 'main' | 'preload';
  check: string;
  /** Why this finding is not a problem here: what a reviewer would otherwise ask. */
  reason: string;
}

/** Findings that are known and accepted; the documented allowlist. */
export const ALLOWED_FINDINGS: Allowed[] = [
  {
    target: 'main',
    check: 'CSP_GLOBAL_CHECK',
    reason:
      "The shell's CSP is a response header of the app:// protocol handler (main/window.ts serveShell, checked in " +
      'main/adapters.test.ts); Electronegativity only looks for <meta> tags and webRequest header rewrites.',
  },
  ...(['CSP_GLOBAL_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK'] as const).map(
    (check): Allowed => ({
      target: 'preload',
      check,
      reason: 'A global check for main-process code; the preload has none by design, and main/ is scanned for it.',
    }),
  ),
];

const TARGETS = ['main', 'preload'] as const;
const SKIPPED = 'AvailableSecurityFixesGlobalCheck';

interface Sarif {
  runs: {
    results: { ruleId: string; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[];
  }[];
}

const electronVersion = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;
const out = mkdtempSync(join(tmpdir(), 'kiosk-electronegativity-'));
const problems: string[] = [];
try {
  for (const target of TARGETS) {
    const report = join(out, `${target}.sarif`);
    const scan = spawnSync(
      'npx',
      ['electronegativity', '-i', target, '-r', '-v', 'false', '-e', electronVersion, '-x', SKIPPED, '-o', report],
      { encoding: 'utf8' },
    );
    let results: Sarif['runs'][number]['results'];
    try {
      results = (JSON.parse(readFileSync(report, 'utf8')) as Sarif).runs.flatMap((run) => run.results);
    } catch {
      problems.push(`${target}: Electronegativity wrote no report (exit ${scan.status}): ${scan.stderr.slice(-500)}`);
      continue;
    }
    for (const finding of results) {
      const where = finding.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
      const allowed = ALLOWED_FINDINGS.some((a) => a.target === target && a.check === finding.ruleId);
      const line = `${target}: ${finding.ruleId}${where && where !== 'file:///' ? ` in ${where}` : ''}`;
      if (allowed) console.log(`allowed  ${line}`);
      else problems.push(`${line} is not on the allowlist (scripts/lint-electron.ts)`);
    }
    for (const entry of ALLOWED_FINDINGS.filter((a) => a.target === target))
      if (!results.some((r) => r.ruleId === entry.check))
        console.log(`note     ${target}: ${entry.check} no longer found; drop it from the allowlist`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
for (const problem of problems) console.error(`ELECTRONEGATIVITY: ${problem}`);
console.log(
  problems.length === 0
    ? 'electronegativity: only allowlisted findings'
    : `electronegativity: ${problems.length} finding(s)`,
);
process.exit(problems.length === 0 ? 0 : 1);
