/**
 * The consented screen view (issue 16, ADR 0013) in the real Electron kiosk: a visitor in the fake
 * Kela asks for help, an advisor in the console (Chromium) claims and asks, the visitor allows in
 * the kiosk window, the console decodes frames of the kiosk window's size (main granted that
 * window through `setDisplayMediaRequestHandler`, nothing else), and the advisor's pointer over
 * the e-service area shows as main's overlay view right beside that spot, above the e-service.
 * Skips with the reason where no Electron binary can exist; fails where CI_ELECTRON_REQUIRED=1.
 */
import { chromium, expect, test, type Browser, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { POINTER_GAP_DIP as GAP } from '../../main/pointer-overlay.ts';
import { createTestCentral, realTestClock, type TestCentral } from '../../central/testing/test-app.ts';
import { startEServiceServer, type EServiceServer } from '../fixtures/eservice-server.ts';
import { writeTestConfig } from '../fixtures/test-config.ts';
import { electronSkipReason, findElectronBinary } from './electron-binary.ts';
import { assertAppBuilt, chromiumExecutable, launchKiosk, pageWhere as pageIn } from './kiosk-app.ts';
import { consoleLogIn } from '../fixtures/console-login.ts';

const binary = findElectronBinary();
const skipReason = electronSkipReason(binary);
test.skip(skipReason !== null, skipReason ?? '');

const consoleDir = process.env['CONSOLE_DIST_DIR'] ?? fileURLToPath(new URL('../../dist/console', import.meta.url));

let central: TestCentral;
let centralUrl: string;
let eservice: EServiceServer;
let app: ElectronApplication;
let browser: Browser;

test.beforeAll(async () => {
  assertAppBuilt();
  // The advisor's console, built like the preview journey builds it.
  if (!existsSync(`${consoleDir}/index.html`))
    await build({
      configFile: fileURLToPath(new URL('../../central/web/console/vite.config.ts', import.meta.url)),
      logLevel: 'warn',
    });
  central = await createTestCentral({ clock: realTestClock(), config: { consoleDir } });
  centralUrl = await central.app.listen({ host: '127.0.0.1', port: 0 });
  const tokenFile = join(mkdtempSync(join(tmpdir(), 'kiosk-token-')), 'station.token');
  writeFileSync(tokenFile, await central.addStation('oodi-1', { location: 'Oodi, 2nd floor' }));
  eservice = await startEServiceServer();
  const configPath = writeTestConfig(eservice.origin, (config) => {
    config.central = { url: centralUrl, tokenFile };
  });
  if (!binary.found) return;
  app = await launchKiosk(binary.path, configPath);
  // The advisor's browser.
  const executablePath = chromiumExecutable();
  browser = await chromium.launch(executablePath ? { executablePath } : {});
});

test.afterAll(async () => {
  await browser?.close();
  await app?.close();
  await eservice?.close();
  await central?.close();
});

const pageWhere = (predicate: (url: string) => boolean) => pageIn(app, predicate);

/** The kiosk window's content size in DIPs and the screen's scale factor (frames are in pixels). */
const kioskWindow = () =>
  app.evaluate(({ BaseWindow, screen }) => {
    const win = BaseWindow.getAllWindows()[0]!;
    return { content: win.getContentBounds(), scale: screen.getPrimaryDisplay().scaleFactor };
  });

/** The kiosk window's child views, bottom to top, with their page URLs and bounds. */
const childViews = () =>
  app.evaluate(({ BaseWindow, WebContentsView }) =>
    BaseWindow.getAllWindows()[0]!.contentView.children.map((view) => ({
      url: view instanceof WebContentsView ? view.webContents.getURL() : '',
      bounds: view.getBounds(),
    })),
  );

test('the advisor sees the kiosk window and points at the e-service; the marker shows beside that spot', async () => {
  const shell = await pageWhere((url) => url.startsWith('app://shell/'));
  await expect(shell.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();
  await shell.getByRole('button', { name: /^Aloita/ }).click();
  await shell.getByRole('button', { name: /Kela/ }).first().click();
  const service = await pageWhere((url) => url.startsWith(eservice.origin));
  await expect(service.getByRole('heading', { name: 'Fake Kela' })).toBeVisible();

  // Help request → claim → ask, as in the preview journey (tests/e2e/screen-share.spec.ts).
  await shell.getByRole('button', { name: /^Apua/ }).first().click();
  const panel = shell.getByRole('dialog').first();
  await panel.getByRole('button', { name: 'Kela' }).click();
  await panel.getByRole('button').nth(2).click(); // "write with me here"
  await central.addAdvisor('aino');
  const advisor = await (await browser.newContext({ bypassCSP: true })).newPage();
  await consoleLogIn(advisor, centralUrl);
  const card = advisor.getByRole('article', { name: /Kela · Oodi, 2nd floor/ });
  await card.getByRole('button', { name: 'Ota hoitoon' }).click();
  await card.getByRole('button', { name: 'Pyydä nähdä näyttö' }).click();

  // Allow in the kiosk window; the visitor hides the help panel and is back in the e-service.
  await shell
    .getByRole('dialog', { name: 'Saako digitukihenkilö nähdä näyttösi?' })
    .getByRole('button', { name: 'Salli', exact: true })
    .click();
  await expect(shell.getByTestId('screen-share')).toHaveAttribute('data-capture', 'live');
  await shell.getByRole('button', { name: /^Piilota/ }).click();

  // Frames of the kiosk window: its aspect, at most its size in pixels (DIPs × the screen's scale
  // factor). WebRTC may send a smaller picture when the machine is busy, never a wider one.
  const video = card.getByTestId('screen-video');
  await expect(video).toHaveAttribute('data-track-state', 'live');
  const { content, scale } = await kioskWindow();
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { message: 'decoded frames in the console' })
    .toBeGreaterThan(0);
  const [frameWidth, frameHeight] = await video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]);
  expect(frameWidth / frameHeight).toBeCloseTo(content.width / content.height, 1);
  expect(frameWidth).toBeLessThanOrEqual(Math.round(content.width * scale));
  expect(frameWidth).toBeGreaterThanOrEqual(Math.round((content.width * scale) / 2));

  // An e-service page cannot capture anything: its partition has no display-media handler.
  const serviceCapture = await service.evaluate(() =>
    navigator.mediaDevices.getDisplayMedia({ video: true }).then(
      () => 'granted',
      (error: unknown) => (error instanceof DOMException ? error.name : 'refused'),
    ),
  );
  expect(serviceCapture).not.toBe('granted');

  // The advisor points at 50 % / 60 % of the picture: below the toolbar, over the e-service.
  const box = (await video.boundingBox())!;
  await video.click({ position: { x: box.width * 0.5, y: box.height * 0.6 } });
  const pointer = shell.getByTestId('screen-share-pointer');
  await expect(pointer).toHaveCount(1);
  // One announcement, from the shell; its own ring is not drawn in Electron (main draws the marker).
  await expect(pointer.getByRole('status')).toHaveText('Paina tästä');
  expect(await pointer.evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe('0px');
  const fractions = await pointer.evaluate((el) => ({
    x: parseFloat(el.style.insetInlineStart) / 100,
    y: parseFloat(el.style.insetBlockStart) / 100,
  }));
  const spot = { x: Math.round(fractions.x * content.width), y: Math.round(fractions.y * content.height) };

  // main's overlay: the top view, a data: page, one gap from the spot, not covering it.
  await expect.poll(async () => (await childViews()).at(-1)?.url.startsWith('data:text/html') ?? false).toBe(true);
  const views = await childViews();
  const serviceIndex = views.findIndex((v) => v.url.startsWith(eservice.origin));
  expect(serviceIndex).toBeGreaterThanOrEqual(0);
  const overlay = views.at(-1)!.bounds;
  expect(views.length - 1).toBeGreaterThan(serviceIndex);
  const inside =
    spot.x >= overlay.x &&
    spot.x < overlay.x + overlay.width &&
    spot.y >= overlay.y &&
    spot.y < overlay.y + overlay.height;
  expect(inside).toBe(false);
  const nearX = Math.min(Math.abs(overlay.x - spot.x), Math.abs(overlay.x + overlay.width - spot.x));
  const nearY = Math.min(Math.abs(overlay.y - spot.y), Math.abs(overlay.y + overlay.height - spot.y));
  // One gap from the spot (±1 DIP: the shell's percentages round differently from main's numbers).
  for (const near of [nearX, nearY]) expect(Math.abs(near - GAP)).toBeLessThanOrEqual(1);
  // While shared, the shell's strip holds the banner and the toolbar it pushes down (100 % text).
  expect(views.find((v) => v.url.startsWith('app://shell/'))!.bounds.height).toBe(72 + 60);
  // The spot is over the e-service view, which is where the shell could not draw.
  const serviceBounds = views[serviceIndex]!.bounds;
  expect(spot.y).toBeGreaterThan(serviceBounds.y);

  // The visitor's Stop ends the share; the marker goes with it.
  await shell
    .getByRole('region', { name: 'Digitukihenkilö näkee näyttösi' })
    .getByRole('button', { name: 'Lopeta' })
    .click();
  await expect(video).toHaveAttribute('data-track-state', 'ended');
  await expect.poll(async () => (await childViews()).some((v) => v.url.startsWith('data:'))).toBe(false);
});
