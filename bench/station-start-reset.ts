/**
 * `npm run bench:station`: preview cold start to an interactive welcome screen, and the reset
 * time (End session → "everything was erased" shown), p50/p95 over 50 resets. Each figure is
 * printed with a baseline measured in the same
 * run (a blank page start; throwing away a browser context), because absolute times drift on
 * shared machines. Loopback only; bounded; stops by itself.
 */
import { chromium, type Browser } from 'playwright-core';
import { startPreviewServer } from '../renderer/preview/serve.ts';
import { startEServiceServer } from '../tests/fixtures/eservice-server.ts';
import { writeTestConfig } from '../tests/fixtures/test-config.ts';

const RESETS = Number(process.env['BENCH_RESETS'] ?? 50);
const STARTS = Number(process.env['BENCH_STARTS'] ?? 10);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const fmt = (v: number) => `${v.toFixed(0)} ms`;

async function coldStarts(browser: Browser, url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url);
    await page.getByRole('button', { name: 'Aloita' }).waitFor({ state: 'visible' });
    times.push(performance.now() - t0);
    await context.close();
  }
  return times;
}

async function blankStarts(browser: Browser): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`data:text/html,<!doctype html><button>ok</button>`);
    await page.getByRole('button', { name: 'ok' }).waitFor({ state: 'visible' });
    times.push(performance.now() - t0);
    await context.close();
  }
  return times;
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

async function main(): Promise<void> {
  const eservice = await startEServiceServer();
  const preview = await startPreviewServer({
    port: 0, // The station would recycle (reload) after 25 sessions; measure resets, not restarts.
    configPath: writeTestConfig(eservice.origin, (config) => {
      config.recycle.maxSessionsBeforeRestart = 10_000;
    }),
    central: null,
    build: false,
  });
  const launch0 = performance.now();
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ARGS,
  });
  const launchMs = performance.now() - launch0;
  try {
    const starts = await coldStarts(browser, preview.url);
    const blank = await blankStarts(browser);
    const reset = await resets(browser, preview.url);
    const swap = await contextSwaps(browser);
    console.log(`Chromium launch: ${fmt(launchMs)}`);
    console.log(
      `Preview start to interactive welcome (n=${STARTS}): p50 ${fmt(pct(starts, 50))}, p95 ${fmt(pct(starts, 95))}`,
    );
    console.log(
      `  baseline blank page (same run): p50 ${fmt(pct(blank, 50))} → ratio ${(pct(starts, 50) / pct(blank, 50)).toFixed(2)}x`,
    );
    console.log(
      `Reset, End session → "erased" shown (n=${RESETS}): p50 ${fmt(pct(reset, 50))}, p95 ${fmt(pct(reset, 95))}`,
    );
    console.log(
      `  baseline context swap (same run): p50 ${fmt(pct(swap, 50))}, p95 ${fmt(pct(swap, 95))} → ratio ${(pct(reset, 50) / pct(swap, 50)).toFixed(2)}x`,
    );
  } finally {
    await browser.close();
    await preview.close();
    await eservice.close();
  }
}

await main();
