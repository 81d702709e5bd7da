/**
 * `npm run bench:station`: how long a visitor waits for the station, in Debian Chromium against
 * the preview host.
 *
 * - Start → interactive welcome screen, at normal speed and with the CPU slowed 4× (Chromium's
 *   CPU throttling, a stand-in for an old recycled PC), p50/p95 over BENCH_STARTS starts, next to
 *   a blank Vite React page (one button) built and served the same way in the same run; plus the
 *   bytes of script the page had received by the time it was interactive.
 * - The same start with the station outside the page, as in Electron (core runs in the main
 *   process, the preload hands the page `window.kiosk`): the built shell served by main's own
 *   `serveShell` (same bytes, CSP header, language preloads and served welcome screen as
 *   `app://shell/`), with a
 *   `window.kiosk` that answers `station:get-view` with the view core composes (in this process)
 *   from the same config. What is left is the renderer's own share of the start.
 * - "Start" → launcher interactive, once the visitor has read the welcome screen (the page went
 *   network-idle: whatever it prefetches has arrived) and when "Start" is pressed the moment it is
 *   interactive (by the probe, in the page). The welcome screen is served in the page and painted
 *   before the app's script runs (ADR 0015); "interactive" is when a press on it is taken (held,
 *   announced, carried out once the app is there), so a press at once also waits for the app:
 *   the bench prints that wait, and page start → launcher for that visitor, next to the build
 *   before (BENCH_BEFORE_DIR).
 * - Reset: End session → "erased" shown, next to throwing a browser context away.
 *
 * Every start is a new browser context (cold HTTP cache, as after a station restart). Shell and
 * baseline rounds alternate, so drift on a shared machine hits both. Times come from the page's
 * own clock (bench/start-probe.ts). Loopback only; bounded; stops by itself.
 *
 * Knobs: BENCH_STARTS (20), BENCH_RESETS (50), CHROMIUM_PATH, BENCH_SHELL_DIR (serve another
 * build than dist/renderer), BENCH_BEFORE_DIR (a saved copy of an older build, e.g. `cp -r
 * dist/renderer /tmp/before` before a change: its starts are interleaved with the others and
 * printed alongside, so before and after come from one run), BENCH_TRACE=1 (one traced start of
 * each page at 4× slower CPU: where the main thread spent its time).
 *
 * Start figures are printed as the ratio of p50s (the issue's target) and as the median of
 * per-round ratios (`pairedRatio`), which drift on a shared machine moves much less.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import Fastify from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { validateConfigText } from '../core/config/validate.ts';
import { composeStation } from '../core/station/compose-station.ts';
import { FakeStationHost } from '../core/testing/fake-station-host.ts';
import type { StationView } from '../protocol/ipc.ts';
import { serveShell, SHELL_ORIGIN } from '../main/window.ts';
import { welcomeFillOf } from '../protocol/welcome-page.ts';
import { startPreviewServer } from '../renderer/preview/serve.ts';
import { startEServiceServer } from '../tests/fixtures/eservice-server.ts';
import { writeTestConfig } from '../tests/fixtures/test-config.ts';
import {
  probeMilestones,
  probeScripts,
  probeSource,
  probeTime,
  summarizeTrace,
  type ProbeScript,
  type ProbeTarget,
  waitForProbe,
} from './start-probe.ts';

const RESETS = Number(process.env['BENCH_RESETS'] ?? 50);
const STARTS = Number(process.env['BENCH_STARTS'] ?? 20);
const SHELL_DIR = process.env['BENCH_SHELL_DIR'];
const BEFORE_DIR = process.env['BENCH_BEFORE_DIR'];
const TRACE = process.env['BENCH_TRACE'] === '1';
const SLOW_CPU = 4;
const ROUND_TIMEOUT_MS = 30_000;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

const SHELL_DIST = resolve(import.meta.dirname, '../dist/renderer');
/** One folder per run, so two runs on a shared machine never build into or delete each other's files. */
const RUN_DIR = resolve(import.meta.dirname, `results/station-run-${process.pid}`);
const BLANK_DIR = join(RUN_DIR, 'blank-react-page');
/** The builds under test are copied here first: a rebuild of dist/ by someone else mid-run must not pull files from under the page. */
const SNAPSHOT_DIR = join(RUN_DIR, 'builds-under-test');

/** The station's first screen and the launcher, by what a Finnish-speaking visitor sees. */
const SHELL_TARGETS: Record<string, ProbeTarget> = {
  welcome: { selector: 'button', text: 'Aloita' },
  launcher: { selector: 'h1', text: 'Mitä haluat tehdä?' },
};
const SHELL_CLICKS = { start: 'Aloita' };
const BLANK_TARGETS: Record<string, ProbeTarget> = { welcome: { selector: 'button', text: 'ok' } };

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const fmt = (v: number) => `${v.toFixed(0)} ms`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/**
 * The baseline: the smallest React page Vite builds, one button, built with the same Vite and
 * React plugin as the shell and served by the same server. Its whole source is below.
 */
async function buildBlankPage(): Promise<string> {
  const src = join(BLANK_DIR, 'src');
  const out = join(BLANK_DIR, 'dist');
  mkdirSync(src, { recursive: true });
  writeFileSync(
    join(src, 'index.html'),
    '<!doctype html>\n<html lang="en">\n<head><meta charset="UTF-8" /><title>blank</title></head>\n' +
      '<body><div id="root"></div><script type="module" src="./main.jsx"></script></body>\n</html>\n',
  );
  writeFileSync(
    join(src, 'main.jsx'),
    "import { createRoot } from 'react-dom/client';\n" +
      'createRoot(document.getElementById(\'root\')).render(<button type="button">ok</button>);\n',
  );
  await build({
    configFile: false,
    root: src,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: out, emptyOutDir: true },
  });
  return out;
}

/**
 * The view the welcome screen shows, composed by core in this process from the config the preview
 * serves, with the Electron host's info (no preview limitations on screen).
 */
function composedView(configPath: string): StationView {
  const host = new FakeStationHost();
  const station = composeStation(validateConfigText(readFileSync(configPath, 'utf8')), configPath, {
    ...host.stationHost({ central: null }),
    info: { kind: 'electron', limitations: [] },
  });
  if (station.mode !== 'running') throw new Error('the bench config is invalid');
  station.memoryWatch.stop();
  return station.view();
}

/**
 * An init script standing in for Electron's preload: `window.kiosk` answers `station:get-view`
 * with `view` and every other call with nothing, as an idle station would.
 */
function preloadStandIn(view: StationView): string {
  return `Object.defineProperty(window, 'kiosk', { value: Object.freeze({
  invoke: async (channel) => (channel === 'station:get-view' ? ${JSON.stringify(view)} : undefined),
  onViewChanged: () => () => undefined,
}) });`;
}

/**
 * Serves a build the way Electron's `app://shell/` does: through main's own `serveShell` handler
 * (`main/window.ts`), so the page gets the same bytes, the same CSP header, the same
 * `modulepreload` links to the default language's texts and the same served welcome screen for
 * `view` as a station, over loopback HTTP.
 */
async function serveAsElectron(root: string, view: StationView): Promise<{ url: string; close: () => Promise<void> }> {
  let handler: ((request: Request) => Promise<Response>) | null = null;
  const protocol = {
    handle: (_scheme: string, handle: (request: Request) => Promise<Response>) => {
      handler = handle;
    },
  } as unknown as Parameters<typeof serveShell>[0];
  serveShell(protocol, root, view.language, () => welcomeFillOf(view));
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.get('/*', async (request, reply) => {
    if (!handler) throw new Error('serveShell registered no handler');
    const response = await handler(new Request(`${SHELL_ORIGIN}${request.url}`));
    reply.code(response.status);
    response.headers.forEach((value, name) => void reply.header(name, value));
    return reply.send(Buffer.from(await response.arrayBuffer()));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => app.close() };
}

interface StartSample {
  /** Navigation start → first screen interactive, in the page's clock. */
  interactiveMs: number;
  /** Scripts received by then. */
  scripts: ProbeScript[];
  /** "Start" clicked → launcher interactive, when asked for. */
  startToLauncherMs: number | null;
  /** The entry script's arrival and the shell's start marks, ms since navigation start (`probeMilestones`). */
  milestones: Record<string, number>;
}

type StartPress = 'none' | 'after-reading' | 'at-once';

async function startOnce(
  browser: Browser,
  url: string,
  targets: Record<string, ProbeTarget>,
  cpuSlowdown: number,
  press: StartPress,
  trace?: (page: Page) => Promise<() => Promise<Buffer>>,
  initScript?: string,
): Promise<StartSample & { trace: Buffer | null }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(ROUND_TIMEOUT_MS);
    if (cpuSlowdown > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    }
    const pressAtOnce = press === 'at-once' ? 'welcome' : undefined;
    await page.addInitScript({ content: probeSource(targets, press === 'none' ? {} : SHELL_CLICKS, pressAtOnce) });
    if (initScript) await page.addInitScript({ content: initScript });
    const stopTrace = trace ? await trace(page) : null;
    const welcome = waitForProbe(page, 'welcome', ROUND_TIMEOUT_MS);
    // Pressed by the probe itself the moment the screen is interactive (see `probeSource`).
    const launcherAtOnce = press === 'at-once' ? waitForProbe(page, 'launcher', ROUND_TIMEOUT_MS) : null;
    // Only the navigation's commit is awaited: the probe says when the welcome screen is interactive.
    await page.goto(url, { waitUntil: 'commit' });
    await welcome;
    const interactiveMs = (await page.evaluate(probeTime, 'welcome')) ?? NaN;
    const scripts = await page.evaluate(probeScripts, interactiveMs);
    const milestones = await page.evaluate(probeMilestones);
    const traceBuffer = stopTrace ? await stopTrace() : null;
    let startToLauncherMs: number | null = null;
    if (press !== 'none') {
      if (launcherAtOnce) await launcherAtOnce;
      else {
        // A visitor reads the welcome screen first: by the time the page has been network-idle
        // for 500 ms, whatever it prefetches has arrived.
        await page.waitForLoadState('networkidle');
        const launcher = waitForProbe(page, 'launcher', ROUND_TIMEOUT_MS);
        await page.getByRole('button', { name: SHELL_CLICKS.start }).click();
        await launcher;
      }
      const clicked = (await page.evaluate(probeTime, 'start')) ?? NaN;
      startToLauncherMs = ((await page.evaluate(probeTime, 'launcher')) ?? NaN) - clicked;
    }
    return { interactiveMs, scripts, startToLauncherMs, milestones, trace: traceBuffer };
  } finally {
    await context.close();
  }
}

async function resets(browser: Browser, url: string): Promise<number[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(url);
  const times: number[] = [];
  for (let i = 0; i < RESETS; i++) {
    await page.getByRole('button', { name: 'Aloita' }).click();
    await page.getByRole('button', { name: 'Lopeta' }).click();
    const confirm = page.getByRole('button', { name: 'Kyllä, lopeta ja poista' });
    await confirm.waitFor();
    const t0 = performance.now();
    await confirm.click();
    await page.getByRole('heading', { name: 'Kaikki, mitä teit täällä, on poistettu' }).waitFor();
    times.push(performance.now() - t0);
    await page.clock.fastForward(6_000);
    await page.getByRole('button', { name: 'Aloita' }).waitFor();
  }
  await context.close();
  return times;
}

async function contextSwaps(browser: Browser): Promise<number[]> {
  const times: number[] = [];
  let context = await browser.newContext();
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await context.close();
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('about:blank');
    times.push(performance.now() - t0);
  }
  await context.close();
  return times;
}

/** Script bytes as served and gzip-compressed (what a compressing server would send), from the served files. */
function scriptBytes(scripts: ProbeScript[], dir: string): { raw: number; gzip: number; files: number } {
  let raw = 0;
  let gzip = 0;
  for (const script of scripts) {
    const file = join(dir, decodeURIComponent(new URL(script.url).pathname));
    const body = existsSync(file) ? readFileSync(file) : null;
    raw += body?.length ?? script.bytes;
    gzip += body ? gzipSync(body).length : 0;
  }
  return { raw, gzip, files: scripts.length };
}

/**
 * The p50 of each start milestone in order (entry script arrived, the shell's `shell:*` marks from
 * `renderer/start-marks.ts`, interactive), so a change can be placed: download, module
 * evaluation, the station's view, the language, React's render, or layout and paint after it.
 */
function milestoneLine(samples: StartSample[]): string {
  const names = ['entry script', 'boot', 'view', 'languages', 'committed'];
  const parts = names.flatMap((name) => {
    const values = samples.flatMap((sample) => sample.milestones[name] ?? []);
    return values.length > 0 ? [`${name} ${pct(values, 50).toFixed(0)}`] : [];
  });
  parts.push(
    `interactive ${pct(
      samples.map((sample) => sample.interactiveMs),
      50,
    ).toFixed(0)}`,
  );
  return parts.join(', ');
}

function line(label: string, values: number[]): string {
  return `${label} (n=${values.length}): p50 ${fmt(pct(values, 50))}, p95 ${fmt(pct(values, 95))}`;
}

function ratios(figure: number[], baseline: number[]): string {
  const r50 = pct(figure, 50) / pct(baseline, 50);
  const r95 = pct(figure, 95) / pct(baseline, 95);
  return `ratio to the blank page p50 ${r50.toFixed(2)}x, p95 ${r95.toFixed(2)}x`;
}

/**
 * The median of per-round ratios, with the middle half of them. Round i of every figure and of
 * the baseline runs within a few seconds (the shell's preview start right before the blank page,
 * the renderer-only and "before" starts a few starts later), so a slow patch of this shared
 * machine tends to hit both sides of a ratio, where it can move a ratio of p50s between runs.
 */
function pairedRatio(figure: number[], baseline: number[]): string {
  const each = figure.flatMap((value, i) => {
    const base = baseline[i];
    return base ? [value / base] : [];
  });
  const at = (p: number) => pct(each, p).toFixed(2);
  return `paired per-round ratio median ${at(50)}x (middle half ${at(25)}–${at(75)}x)`;
}

async function traceStart(browser: Browser, url: string, targets: Record<string, ProbeTarget>, label: string) {
  const sample = await startOnce(browser, url, targets, SLOW_CPU, 'none', async (page) => {
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'loading'],
    });
    return () => browser.stopTracing();
  });
  if (!sample.trace) return;
  const { byEvent, byScript } = summarizeTrace(sample.trace, sample.interactiveMs);
  console.log(`Trace, ${label}, CPU ${SLOW_CPU}× slower: interactive at ${fmt(sample.interactiveMs)}`);
  console.log(
    `  main thread self time: ${byEvent
      .slice(0, 10)
      .map(([n, v]) => `${n} ${fmt(v)}`)
      .join(', ')}`,
  );
  console.log(
    `  script time by file: ${byScript
      .slice(0, 8)
      .map(([n, v]) => `${n} ${fmt(v)}`)
      .join(', ')}`,
  );
}

async function main(): Promise<void> {
  const blankDist = await buildBlankPage();
  const eservice = await startEServiceServer();
  const configPath = writeTestConfig(eservice.origin, (config) => {
    // The station would recycle (reload) after 25 sessions; measure resets, not restarts.
    config.recycle.maxSessionsBeforeRestart = 10_000;
    // "Did you get it done?" holds the welcome screen until it closes (issue 14); its cost is
    // measured by bench/feedback-reset.ts, so this bench keeps timing the reset alone.
    config.feedback = { enabled: false, questionSeconds: 20 };
  });
  const snapshot = (dir: string, name: string) => {
    const copy = join(SNAPSHOT_DIR, name);
    rmSync(copy, { recursive: true, force: true });
    cpSync(dir, copy, { recursive: true });
    return copy;
  };
  if (!SHELL_DIR && !existsSync(join(SHELL_DIST, 'index.html')))
    throw new Error('no dist/renderer: run npm run build:renderer first');
  const shellDir = snapshot(SHELL_DIR ? resolve(SHELL_DIR) : SHELL_DIST, 'shell');
  const beforeDir = BEFORE_DIR ? snapshot(resolve(BEFORE_DIR), 'before') : null;
  const preview = await startPreviewServer({ port: 0, configPath, central: null, build: false, distDir: shellDir });
  const blankServer = await startPreviewServer({
    port: 0,
    configPath,
    central: null,
    build: false,
    distDir: blankDist,
  });
  const beforeServer = beforeDir
    ? await startPreviewServer({ port: 0, configPath, central: null, build: false, distDir: beforeDir })
    : null;
  const view = composedView(configPath);
  const asBuilt = await serveAsElectron(shellDir, view);
  const beforeAsBuilt = beforeDir ? await serveAsElectron(beforeDir, view) : null;
  const preload = preloadStandIn(view);
  const launch0 = performance.now();
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ARGS,
  });
  const launchMs = performance.now() - launch0;
  try {
    const shell = { normal: [] as StartSample[], slow: [] as StartSample[] };
    const blank = { normal: [] as StartSample[], slow: [] as StartSample[] };
    const atOnce = { normal: [] as StartSample[], slow: [] as StartSample[] };
    const beforeAtOnce = { normal: [] as StartSample[], slow: [] as StartSample[] };
    const before = { normal: [] as StartSample[], slow: [] as StartSample[] };
    const outside = { normal: [] as StartSample[], slow: [] as StartSample[] };
    const beforeOutside = { normal: [] as StartSample[], slow: [] as StartSample[] };
    for (let i = 0; i < STARTS; i++) {
      shell.normal.push(await startOnce(browser, preview.url, SHELL_TARGETS, 1, 'after-reading'));
      blank.normal.push(await startOnce(browser, blankServer.url, BLANK_TARGETS, 1, 'none'));
      shell.slow.push(await startOnce(browser, preview.url, SHELL_TARGETS, SLOW_CPU, 'after-reading'));
      blank.slow.push(await startOnce(browser, blankServer.url, BLANK_TARGETS, SLOW_CPU, 'none'));
      outside.normal.push(await startOnce(browser, asBuilt.url, SHELL_TARGETS, 1, 'none', undefined, preload));
      outside.slow.push(await startOnce(browser, asBuilt.url, SHELL_TARGETS, SLOW_CPU, 'none', undefined, preload));
      if (beforeServer) {
        before.normal.push(await startOnce(browser, beforeServer.url, SHELL_TARGETS, 1, 'after-reading'));
        before.slow.push(await startOnce(browser, beforeServer.url, SHELL_TARGETS, SLOW_CPU, 'after-reading'));
      }
      if (beforeAsBuilt) {
        const url = beforeAsBuilt.url;
        beforeOutside.normal.push(await startOnce(browser, url, SHELL_TARGETS, 1, 'none', undefined, preload));
        beforeOutside.slow.push(await startOnce(browser, url, SHELL_TARGETS, SLOW_CPU, 'none', undefined, preload));
      }
      if (i % 2 === 0) {
        // Half as many rounds where "Start" is pressed the moment it can be.
        atOnce.normal.push(await startOnce(browser, preview.url, SHELL_TARGETS, 1, 'at-once'));
        atOnce.slow.push(await startOnce(browser, preview.url, SHELL_TARGETS, SLOW_CPU, 'at-once'));
        if (beforeServer) {
          beforeAtOnce.normal.push(await startOnce(browser, beforeServer.url, SHELL_TARGETS, 1, 'at-once'));
          beforeAtOnce.slow.push(await startOnce(browser, beforeServer.url, SHELL_TARGETS, SLOW_CPU, 'at-once'));
        }
      }
    }
    const reset = await resets(browser, preview.url);
    const swap = await contextSwaps(browser);
    if (TRACE) {
      await traceStart(browser, preview.url, SHELL_TARGETS, 'shell');
      await traceStart(browser, blankServer.url, BLANK_TARGETS, 'blank page');
    }

    const ms = (samples: StartSample[]) => samples.map((s) => s.interactiveMs);
    const launcher = (samples: StartSample[]) => samples.flatMap((s) => s.startToLauncherMs ?? []);
    const untilLauncher = (samples: StartSample[]) =>
      samples.flatMap((s) => (s.startToLauncherMs === null ? [] : [s.interactiveMs + s.startToLauncherMs]));
    console.log(`Chromium launch: ${fmt(launchMs)}${SHELL_DIR ? `; shell from ${SHELL_DIR}` : ''}`);
    for (const [speed, key] of [
      ['normal CPU', 'normal'],
      [`CPU ${SLOW_CPU}× slower`, 'slow'],
    ] as const) {
      console.log(line(`Start → interactive welcome, ${speed}`, ms(shell[key])));
      console.log(`  ${line('baseline blank Vite React page (same run)', ms(blank[key]))}`);
      console.log(`  → ${ratios(ms(shell[key]), ms(blank[key]))}; ${pairedRatio(ms(shell[key]), ms(blank[key]))}`);
      if (beforeServer)
        console.log(
          `  ${line('before (BENCH_BEFORE_DIR)', ms(before[key]))} → ${ratios(ms(before[key]), ms(blank[key]))}; ${pairedRatio(ms(before[key]), ms(blank[key]))}`,
        );
      console.log(
        `  ${line('station outside the page, as in Electron (renderer only)', ms(outside[key]))} → ${ratios(ms(outside[key]), ms(blank[key]))}; ${pairedRatio(ms(outside[key]), ms(blank[key]))}`,
      );
      if (beforeAsBuilt)
        console.log(
          `  ${line('before, renderer only', ms(beforeOutside[key]))} → ${ratios(ms(beforeOutside[key]), ms(blank[key]))}; ${pairedRatio(ms(beforeOutside[key]), ms(blank[key]))}`,
        );
      console.log(`  where the time goes (p50, ms since navigation start):`);
      for (const [label, samples] of [
        ['preview', shell[key]],
        ['renderer only', outside[key]],
        ['blank page', blank[key]],
      ] as const)
        console.log(`    ${label}: ${milestoneLine(samples)}`);
    }
    const shellBytes = scriptBytes(shell.normal[0]?.scripts ?? [], shellDir);
    const blankBytes = scriptBytes(blank.normal[0]?.scripts ?? [], blankDist);
    const outsideBytes = scriptBytes(outside.normal[0]?.scripts ?? [], shellDir);
    console.log(
      `Script loaded before the welcome screen is interactive: ${kb(shellBytes.raw)} (gzip ${kb(shellBytes.gzip)}) in ${shellBytes.files} files`,
    );
    console.log(
      `  renderer only, as in Electron: ${kb(outsideBytes.raw)} (gzip ${kb(outsideBytes.gzip)}) in ${outsideBytes.files} files`,
    );
    console.log(
      `  baseline blank page: ${kb(blankBytes.raw)} (gzip ${kb(blankBytes.gzip)}) in ${blankBytes.files} files → ratio ${(shellBytes.raw / blankBytes.raw).toFixed(2)}x`,
    );
    if (beforeServer) {
      const old = scriptBytes(before.normal[0]?.scripts ?? [], beforeDir ?? '');
      const oldOutside = scriptBytes(beforeOutside.normal[0]?.scripts ?? [], beforeDir ?? '');
      console.log(`  before: ${kb(old.raw)} (gzip ${kb(old.gzip)}) in ${old.files} files`);
      console.log(
        `  before, renderer only: ${kb(oldOutside.raw)} (gzip ${kb(oldOutside.gzip)}) in ${oldOutside.files} files`,
      );
    }
    console.log(
      line(`"Start" → launcher interactive, after reading the welcome screen, normal CPU`, launcher(shell.normal)),
    );
    if (beforeServer) console.log(`  ${line('before, normal CPU', launcher(before.normal))}`);
    console.log(line(`  same, CPU ${SLOW_CPU}× slower`, launcher(shell.slow)));
    if (beforeServer) console.log(`  ${line(`before, CPU ${SLOW_CPU}× slower`, launcher(before.slow))}`);
    // Pressed at once, the press waits for the app (loaded after the served screen's first frame),
    // so "Start → launcher" grows while "→ interactive" shrinks; their sum is what that visitor
    // waits from the page's start, and is compared with the build before.
    for (const [speed, key] of [
      ['normal CPU', 'normal'],
      [`CPU ${SLOW_CPU}× slower`, 'slow'],
    ] as const) {
      console.log(
        line(
          `"Start" pressed the moment the welcome screen is interactive → launcher, ${speed}`,
          launcher(atOnce[key]),
        ),
      );
      console.log(`  ${line('page start → launcher for that visitor', untilLauncher(atOnce[key]))}`);
      if (beforeServer) {
        console.log(`  ${line('before: pressed at once → launcher', launcher(beforeAtOnce[key]))}`);
        console.log(`  ${line('before: page start → launcher', untilLauncher(beforeAtOnce[key]))}`);
      }
    }
    console.log(line('Reset, End session → "erased" shown', reset));
    console.log(
      `  baseline context swap (same run): p50 ${fmt(pct(swap, 50))}, p95 ${fmt(pct(swap, 95))} → ratio ${(pct(reset, 50) / pct(swap, 50)).toFixed(2)}x`,
    );
  } finally {
    await browser.close();
    await blankServer.close();
    await asBuilt.close();
    await beforeAsBuilt?.close();
    await beforeServer?.close();
    await preview.close();
    await eservice.close();
    rmSync(RUN_DIR, { recursive: true, force: true });
  }
}

await main();
