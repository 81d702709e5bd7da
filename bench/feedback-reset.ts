/**
 * `npm run bench:feedback`: what "Did you get it done?" (issue 14) costs, in Debian Chromium
 * against the preview host.
 *
 * - Reset with the question showing: End session confirmed → "erased" shown, with the question on
 *   (the default) and with it off (`feedback.enabled: false`), rounds interleaved in one run, at
 *   normal speed and with the CPU slowed 4× (an old recycled PC). The ratio on/off is the cost.
 * - The question on screen: confirm → the question's buttons painted (it shows over the reset).
 * - Answering: a tap on an answer → the question gone (Yes: one tap; Partly/No + a reason: two).
 *
 * The preview runs the reset ladder in the page (it cannot wipe e-service site data, as it says on
 * screen); in Electron the ladder runs in the main process whatever the shell draws, so this
 * measures what the question adds to the shell's side of a reset. Times are performance.now()
 * deltas around Playwright's waits on what a visitor sees. Loopback only; bounded.
 *
 * Knobs: BENCH_RESETS (30 per arm and speed), CHROMIUM_PATH, BENCH_SHELL_DIR (default dist/renderer).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startPreviewServer } from '../renderer/preview/serve.ts';
import { startEServiceServer } from '../tests/fixtures/eservice-server.ts';
import { writeTestConfig } from '../tests/fixtures/test-config.ts';

const RESETS = Number(process.env['BENCH_RESETS'] ?? 30);
const SHELL_DIR = resolve(process.env['BENCH_SHELL_DIR'] ?? join(import.meta.dirname, '../dist/renderer'));
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const SLOW_CPU = 4;

const FI = {
  start: 'Aloita',
  end: 'Lopeta',
  confirm: 'Kyllä, lopeta ja poista',
  erased: 'Kaikki, mitä teit täällä, on poistettu',
  question: 'Saitko tehtyä sen, mitä tulit tekemään?',
  yes: 'Kyllä',
  no: 'En',
  reason: 'En päässyt kirjautumaan tai tunnistautumaan',
};

interface Round {
  erasedMs: number;
  questionMs: number | null;
  answerMs: number | null;
}

async function openStation(browser: Browser, url: string, cpu: number): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.clock.install();
  if (cpu > 1) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  }
  await page.goto(url);
  await page.getByRole('button', { name: FI.start }).waitFor();
  return page;
}

/** One visit: Start, End session, confirm; with the question, answer it (`two` taps or one). */
async function round(page: Page, asked: boolean, twoTaps: boolean): Promise<Round> {
  await page.getByRole('button', { name: FI.start }).click();
  await page.getByRole('button', { name: FI.end }).click();
  const confirm = page.getByRole('button', { name: FI.confirm });
  await confirm.waitFor();
  const t0 = performance.now();
  await confirm.click();
  // Both waits run side by side, so waiting for the question adds nothing to the "erased" time.
  const since = (wait: Promise<void>) => wait.then(() => performance.now() - t0);
  const [erasedMs, questionMs] = await Promise.all([
    since(page.getByRole('heading', { name: FI.erased }).waitFor()),
    asked ? since(page.getByRole('button', { name: FI.yes, exact: true }).waitFor()) : Promise.resolve(null),
  ]);
  let answerMs: number | null = null;
  if (asked) {
    const t1 = performance.now();
    if (twoTaps) {
      await page.getByRole('button', { name: FI.no, exact: true }).click();
      await page.getByRole('button', { name: FI.reason, exact: true }).click();
    } else await page.getByRole('button', { name: FI.yes, exact: true }).click();
    await page.locator('.feedback').waitFor({ state: 'detached' });
    answerMs = performance.now() - t1;
  }
  // The "erased" screen's own time, then the welcome screen for the next visitor.
  await page.clock.fastForward(6_000);
  await page.getByRole('button', { name: FI.start }).waitFor();
  return { erasedMs, questionMs, answerMs };
}

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const line = (label: string, values: number[]) =>
  `${label} (n=${values.length}): p50 ${fmt(pct(values, 50))}, p95 ${fmt(pct(values, 95))}`;

async function main(): Promise<void> {
  if (!existsSync(join(SHELL_DIR, 'index.html')))
    throw new Error(`no shell build in ${SHELL_DIR}: run npm run build:renderer first`);
  const eservice = await startEServiceServer();
  const config = (enabled: boolean) =>
    writeTestConfig(eservice.origin, (c) => {
      // Measure resets, not the recycle restart every 25 visitors.
      c.recycle.maxSessionsBeforeRestart = 10_000;
      c.feedback = { enabled, questionSeconds: 20 };
    });
  const on = await startPreviewServer({
    port: 0,
    configPath: config(true),
    central: null,
    build: false,
    distDir: SHELL_DIR,
  });
  const off = await startPreviewServer({
    port: 0,
    configPath: config(false),
    central: null,
    build: false,
    distDir: SHELL_DIR,
  });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ARGS,
  });
  try {
    for (const cpu of [1, SLOW_CPU]) {
      const withQuestion = await openStation(browser, on.url, cpu);
      const without = await openStation(browser, off.url, cpu);
      const asked: Round[] = [];
      const plain: Round[] = [];
      // Interleaved, so drift on a shared machine hits both arms.
      for (let i = 0; i < RESETS; i++) {
        asked.push(await round(withQuestion, true, i % 2 === 1));
        plain.push(await round(without, false, false));
      }
      await withQuestion.context().close();
      await without.context().close();
      const speed = cpu === 1 ? 'normal CPU' : `CPU ${cpu}× slower`;
      const erasedOn = asked.map((r) => r.erasedMs);
      const erasedOff = plain.map((r) => r.erasedMs);
      console.log(`${speed}:`);
      console.log(`  ${line('End session → "erased" shown, question on', erasedOn)}`);
      console.log(`  ${line('End session → "erased" shown, question off (baseline, same run)', erasedOff)}`);
      console.log(
        `  → ratio on/off p50 ${(pct(erasedOn, 50) / pct(erasedOff, 50)).toFixed(2)}x, p95 ${(pct(erasedOn, 95) / pct(erasedOff, 95)).toFixed(2)}x`,
      );
      console.log(
        `  ${line(
          'End session → question on screen',
          asked.flatMap((r) => r.questionMs ?? []),
        )}`,
      );
      const yes = asked.filter((_, i) => i % 2 === 0).flatMap((r) => r.answerMs ?? []);
      const two = asked.filter((_, i) => i % 2 === 1).flatMap((r) => r.answerMs ?? []);
      console.log(`  ${line('Yes (1 tap) → question gone', yes)}`);
      console.log(`  ${line('No + reason (2 taps, no pause between) → question gone', two)}`);
    }
  } finally {
    await browser.close();
    await on.close();
    await off.close();
    await eservice.close();
  }
}

await main();
