/**
 * The consented screen view (issue 16) on loopback, in Debian Chromium with fake capture: a preview
 * station and an advisor console against one in-process central. Per round: the advisor asks, the
 * visitor answers Allow, and we time Allow → first decoded frame in the console (the console
 * video's `requestVideoFrameCallback`, stamped in the console page and compared with the Allow
 * click's stamp in the station page on the shared wall clock); then 3 s of `getStats()` on the
 * console's receiving peer connection give frames per second, frame size and bit rate; then Stop.
 *
 * Baseline (same run): two RTCPeerConnections in one page, capture → first frame with no
 * signalling hop at all, so the ratio is what our signalling (central's help events, two SSE
 * streams, the visitor's click handler) adds.
 *
 * Chromium's fake capture device has one frame size (1280×720) and paints a moving test pattern
 * (the worst case for the encoder). `--source page` instead gives the station a 1280×900 source (the
 * kiosk window's size on a station): a canvas stream of the station's own screenshot in which a text
 * caret blinks and a line grows, as when a visitor types into an e-service form. The app's own
 * capture call is replaced in the page for that (bench only).
 *
 *   npm run bench:screen-share [-- --rounds 10] [-- --source fake|page]
 *   PREVIEW_DIST_DIR / CONSOLE_DIST_DIR: built shell and console to use (default dist/…).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { createTestCentral, realTestClock } from '../central/testing/test-app.ts';
import { startPreviewServer } from '../renderer/preview/serve.ts';
import { startEServiceServer } from '../tests/fixtures/eservice-server.ts';
import { writeTestConfig } from '../tests/fixtures/test-config.ts';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '10' }, source: { type: 'string', default: 'fake' } },
});
const ROUNDS = Number(values.rounds);
if (values.source !== 'fake' && values.source !== 'page') throw new Error('--source is fake or page');
const SOURCE = values.source;
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const shellDir = process.env['PREVIEW_DIST_DIR'] ?? root('dist/renderer');
const consoleDir = process.env['CONSOLE_DIST_DIR'] ?? root('dist/console');
for (const dir of [shellDir, consoleDir])
  if (!existsSync(`${dir}/index.html`)) throw new Error(`${dir} is not built (npm run build:renderer / build:console)`);

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const fmt = (samples: number[], unit: string, digits = 0) =>
  `p50 ${percentile(samples, 50).toFixed(digits)} ${unit}, p95 ${percentile(samples, 95).toFixed(digits)} ${unit}`;

// Every RTCPeerConnection the console makes is kept for getStats (bench only; the app keeps none).
const KEEP_PEERS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__peers = [];
  window.RTCPeerConnection = function (...args) { const pc = new Original(...args); window.__peers.push(pc); return pc; };
  window.RTCPeerConnection.prototype = Original.prototype;
})();`;

// In-page scripts are strings: the bench compiles without DOM types (tsconfig.node.json), and a
// function would carry the bundler's helpers into the page.

/** Console: stamp the wall clock at the first decoded frame of the screen-view video. */
const ARM_FIRST_FRAME = `(() => {
  window.__firstFrameAt = null;
  const video = document.querySelector('[data-testid="screen-video"]');
  const wait = () => video.requestVideoFrameCallback(() => {
    if (video.videoWidth > 0) window.__firstFrameAt = Date.now(); else wait();
  });
  wait();
})()`;

/** Station: click Allow and return the wall clock at the click. */
const CLICK_ALLOW = `new Promise((resolve) => {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Salli');
  button.addEventListener('click', () => resolve(Date.now()), { once: true, capture: true });
  button.click();
})`;

/**
 * Console: frames per second, bit rate and frame size of the receiving connection, over the next 45
 * decoded frames (checked once per painted frame), timed by the stats' own timestamps.
 */
const SAMPLE_STATS = `(async () => {
  const pc = window.__peers[window.__peers.length - 1];
  const inbound = async () => {
    for (const s of (await pc.getStats()).values()) if (s.type === 'inbound-rtp' && s.kind === 'video') return s;
    return {};
  };
  const a = await inbound();
  let b = a;
  const giveUpAt = performance.now() + 15000; // a stalled stream must not hang the bench
  while ((b.framesDecoded ?? 0) - (a.framesDecoded ?? 0) < 45 && performance.now() < giveUpAt) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    b = await inbound();
  }
  const seconds = (b.timestamp - a.timestamp) / 1000;
  return {
    fps: ((b.framesDecoded ?? 0) - (a.framesDecoded ?? 0)) / seconds,
    kbps: (((b.bytesReceived ?? 0) - (a.bytesReceived ?? 0)) * 8) / 1000 / seconds,
    width: b.frameWidth ?? 0,
    height: b.frameHeight ?? 0,
  };
})()`;

/**
 * `--source page`: getDisplayMedia returns a 1280×900 canvas stream of a screenshot (data URL) with
 * a blinking caret and a growing line of "typed" text, repainted at 15 fps.
 */
const pageSource = (screenshotDataUrl: string) => `(() => {
  const image = new Image();
  image.src = ${JSON.stringify(screenshotDataUrl)};
  navigator.mediaDevices.getDisplayMedia = async () => {
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 1280;
    canvas.height = 900;
    const g = canvas.getContext('2d');
    let frame = 0;
    const paint = () => {
      frame += 1;
      g.drawImage(image, 0, 0, 1280, 900);
      g.fillStyle = '#fff';
      g.fillRect(340, 600, 600, 48);
      g.fillStyle = '#1a1a1a';
      g.font = '28px sans-serif';
      const typed = 'Hakemus asumistuesta '.repeat(3).slice(0, Math.floor(frame / 3) % 40);
      g.fillText(typed, 350, 634);
      if (frame % 15 < 8) g.fillRect(352 + g.measureText(typed).width, 608, 2, 32);
    };
    paint();
    const stream = canvas.captureStream(15);
    // A display capture track is screen content: WebRTC keeps its resolution and lowers the frame
    // rate under load. A canvas track is treated as a camera unless it says otherwise.
    for (const track of stream.getVideoTracks()) track.contentHint = 'detail';
    const timer = setInterval(paint, 1000 / 15);
    for (const track of stream.getVideoTracks()) track.addEventListener('ended', () => clearInterval(timer));
    const stop = MediaStreamTrack.prototype.stop;
    for (const track of stream.getVideoTracks()) track.stop = function () { clearInterval(timer); stop.call(this); };
    return stream;
  };
})()`;

/** Baseline: capture → first decoded frame between two peers in one page, no signalling hop. */
const BASELINE_ROUND = `(async () => {
  const started = Date.now();
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
  const video = document.createElement('video');
  video.muted = true;
  b.ontrack = (e) => { video.srcObject = e.streams[0]; video.play(); };
  for (const track of stream.getTracks()) a.addTrack(track, stream);
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription);
  const at = await new Promise((resolve) => {
    const wait = () => video.requestVideoFrameCallback(() => (video.videoWidth > 0 ? resolve(Date.now()) : wait()));
    wait();
  });
  for (const track of stream.getTracks()) track.stop();
  a.close();
  b.close();
  return at - started;
})()`;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  });
  const t = await createTestCentral({
    clock: realTestClock(),
    config: { loginAttemptsPer15Minutes: 1000, consoleDir },
  });
  const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const token = await t.addStation('oodi-1', { location: 'Oodi' });
  await t.addAdvisor('aino');
  const eservice = await startEServiceServer();
  const preview = await startPreviewServer({
    port: 0,
    configPath: writeTestConfig(eservice.origin),
    central: { url, stationToken: token },
    build: false,
    distDir: shellDir,
  });
  try {
    // The same source for the baseline and the station: a screenshot of the station's welcome screen.
    let source: string | null = null;
    if (SOURCE === 'page') {
      const shot = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await shot.goto(preview.url);
      await shot.getByRole('heading', { name: 'Tervetuloa' }).waitFor();
      source = pageSource(`data:image/png;base64,${(await shot.screenshot()).toString('base64')}`);
      await shot.context().close();
    }
    const baseline = await baselineFirstFrame(await browser.newPage(), preview.url, ROUNDS, source);

    const advisorContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await advisorContext.addInitScript(KEEP_PEERS);
    const advisor = await advisorContext.newPage();
    await advisor.goto(`${url}/console/`);
    await advisor.getByLabel(/käyttäjätunnus/i).fill('aino');
    await advisor.getByLabel(/salasana/i).fill('correct horse battery');
    await advisor.keyboard.press('Enter');
    await advisor.getByRole('button', { name: 'Merkitse paikalla' }).click();
    await advisor.getByRole('button', { name: 'Merkitse poissa' }).waitFor();

    const station = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })
    ).newPage();
    await station.goto(preview.url);
    if (source) await station.evaluate(source);
    await station.getByRole('button', { name: /^Apua/ }).first().click();
    const panel = station.getByRole('dialog').first();
    await panel.getByRole('button', { name: 'Kela' }).click();
    await panel.getByRole('button', { name: /Kirjoitetaan tässä/ }).click();
    const card = advisor.getByRole('article', { name: /Kela · Oodi/ });
    await card.getByRole('button', { name: 'Ota hoitoon' }).click();

    const firstFrame: number[] = [];
    const fps: number[] = [];
    const kbps: number[] = [];
    let size = '';
    for (let round = 0; round < ROUNDS; round++) {
      await card.getByRole('button', { name: 'Pyydä nähdä näyttö' }).click();
      const allow = station.getByRole('button', { name: 'Salli', exact: true });
      await allow.waitFor();
      // Arm the frame stamp in the console before Allow, then stamp the click in the station page.
      await advisor.evaluate(ARM_FIRST_FRAME);
      const allowedAt = await station.evaluate<number>(CLICK_ALLOW);
      await advisor.waitForFunction('window.__firstFrameAt');
      const frameAt = await advisor.evaluate<number>('window.__firstFrameAt');
      firstFrame.push(frameAt - allowedAt);
      const stats = await advisor.evaluate<{
        fps: number;
        kbps: number;
        width: number;
        height: number;
      }>(SAMPLE_STATS);
      fps.push(stats.fps);
      kbps.push(stats.kbps);
      size = `${stats.width}×${stats.height}`;
      await card.getByRole('button', { name: 'Lopeta katselu' }).click();
      await station
        .getByRole('dialog', { name: 'Digitukihenkilö ei enää näe näyttöäsi.' })
        .getByRole('button', { name: 'Sulje' })
        .click();
      await station
        .getByTestId('screen-share')
        .and(station.locator('[data-capture="ended"]'))
        .waitFor({ state: 'attached' });
    }

    const sourceName = SOURCE === 'page' ? 'station screenshot + typing, canvas stream' : 'Chromium fake capture';
    console.log(`screen view on loopback, ${ROUNDS} rounds, ${sourceName} (frame size ${size})`);
    console.log(`  Allow → first decoded frame in the console: ${fmt(firstFrame, 'ms')}`);
    console.log(`  baseline, capture → first frame between two peers in one page: ${fmt(baseline, 'ms')}`);
    console.log(`  ratio (p50): ${(percentile(firstFrame, 50) / percentile(baseline, 50)).toFixed(1)}× the baseline`);
    console.log(`  frames per second received: ${fmt(fps, 'fps', 1)}`);
    console.log(`  bit rate received: ${fmt(kbps, 'kbit/s')}`);
  } finally {
    await browser.close();
    await preview.close();
    await eservice.close();
    await t.close();
  }
}

/** Two peers in one page: getDisplayMedia → first frame in a video fed by the receiving peer. */
async function baselineFirstFrame(
  page: Page,
  origin: string,
  rounds: number,
  source: string | null,
): Promise<number[]> {
  await page.goto(origin); // a secure (loopback) origin, so getDisplayMedia exists
  if (source) await page.evaluate(source);
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) samples.push(await page.evaluate<number>(BASELINE_ROUND));
  return samples;
}

await main();
