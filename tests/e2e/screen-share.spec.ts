/**
 * The consented screen view (issue 16) in two browser contexts: a visitor at a preview station and
 * an advisor in the console, against one real central. Chromium's fake capture stands in for the
 * screen (`--use-fake-ui-for-media-stream` answers the picker, `--use-fake-device-for-media-stream`
 * paints a test pattern), and WebRTC runs over loopback without ICE servers.
 *
 * Times (Allow → first frame, Stop → track ended) are printed, never asserted: bench/screen-share.ts
 * measures them properly.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { createTestCentral, realTestClock, type TestCentral } from '../../central/testing/test-app.ts';
import { startPreviewServer } from '../../renderer/preview/serve.ts';
import { startEServiceServer } from '../fixtures/eservice-server.ts';
import { writeTestConfig } from '../fixtures/test-config.ts';
import { axeViolations, layoutProblems } from './a11y-checks.ts';
import { builtShell } from './harness.ts';
import {
  applyVariant,
  closeSettings,
  openSettingsFromWelcome,
  recordSpeech,
  spoken,
  text,
  type Variant,
} from './shell-screens.ts';
import { consoleLogIn } from '../fixtures/console-login.ts';

const file = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const shots = file('../../test-results/screen-share/');
const consoleDir = process.env['CONSOLE_DIST_DIR'] ?? file('../../dist/console');

// Fake capture and loopback WebRTC, for this spec only.
base.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  },
});

interface Fixture {
  t: TestCentral;
  url: string;
  stationUrl: string;
}

const test = base.extend<{ central: Fixture }>({
  central: async ({}, use) => {
    if (!existsSync(`${consoleDir}/index.html`))
      await build({ configFile: file('../../central/web/console/vite.config.ts'), logLevel: 'warn' });
    const t = await createTestCentral({
      clock: realTestClock(),
      config: { loginAttemptsPer15Minutes: 1000, consoleDir },
    });
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const token = await t.addStation('oodi-1', { location: 'Oodi, 2nd floor' });
    const eservice = await startEServiceServer();
    const preview = await startPreviewServer({
      port: 0,
      configPath: writeTestConfig(eservice.origin),
      central: { url, stationToken: token },
      build: false,
      ...builtShell(),
    });
    await use({ t, url, stationUrl: preview.url });
    await preview.close();
    await eservice.close();
    await t.close();
  },
});

/** Request → claim → ask: returns both pages with the consent question showing on the station. */
async function upToTheQuestion(
  browser: Browser,
  central: Fixture,
  language: 'fi' | 'ar' = 'fi',
  options: { startSession?: boolean; variant?: Variant; readAloud?: boolean } = {},
) {
  await central.t.addAdvisor('aino');
  const advisor = await (await browser.newContext({ bypassCSP: true })).newPage();
  await consoleLogIn(advisor, central.url);
  const station = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })
  ).newPage();
  await station.addInitScript(recordSpeech);
  await station.goto(central.stationUrl);
  if (options.readAloud) {
    await openSettingsFromWelcome(station, 'fi');
    await station.getByRole('switch', { name: text('fi', 'a11y.readAloud') }).click();
    await closeSettings(station, 'fi');
  }
  if (options.variant && options.variant !== 'default') {
    await openSettingsFromWelcome(station, 'fi');
    await applyVariant(station, 'fi', options.variant);
    await closeSettings(station, 'fi');
  }
  if (language === 'ar') await station.getByRole('button', { name: 'العربية', exact: true }).click();
  if (options.startSession) await station.getByRole('button', { name: /^Aloita/ }).click();
  await station
    .getByRole('button', { name: language === 'ar' ? /^مساعدة/ : /^Apua/ })
    .first()
    .click();
  const panel = station.getByRole('dialog').first();
  await panel.getByRole('button', { name: language === 'ar' ? 'Kela' : 'Kela' }).click();
  await panel.getByRole('button').nth(2).click(); // "write with me here" (second mode; the first is the close button)
  const card = advisor.getByRole('article', { name: /Kela · Oodi, 2nd floor/ });
  await card.getByRole('button', { name: 'Ota hoitoon' }).click();
  await card.getByRole('button', { name: 'Pyydä nähdä näyttö' }).click();
  await expect(card.getByTestId('screen-status')).toHaveText('Kysytään asiakkaalta lupaa näyttää näyttö…');
  return { advisor, station, card };
}

/** Allow → the console shows decoded frames; returns ms from Allow to the first frame. */
async function allowAndSeeFrames(station: Page, card: ReturnType<Page['getByRole']>, allowName: string) {
  const started = Date.now();
  await station.getByRole('button', { name: allowName, exact: true }).click();
  const video = card.getByTestId('screen-video');
  await expect(video).toHaveAttribute('data-track-state', 'live');
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { message: 'decoded frames in the console' })
    .toBeGreaterThan(0);
  const firstFrameMs = Date.now() - started;
  await expect(card.getByTestId('screen-status')).toHaveText(/Näet asiakkaan näytön/);
  return firstFrameMs;
}

/** Waits until both ends have let go of the picture; returns the time it took. */
async function waitForTrackEnded(station: Page, card: ReturnType<Page['getByRole']>, from: number) {
  await expect(card.getByTestId('screen-video')).toHaveAttribute('data-track-state', 'ended');
  await expect(station.getByTestId('screen-share')).toHaveAttribute('data-capture', 'ended');
  return Date.now() - from;
}

test('the visitor allows, the advisor sees the screen and points, and Stop ends it for both', async ({
  browser,
  central,
}) => {
  const { station, card } = await upToTheQuestion(browser, central);
  const question = station.getByRole('dialog', { name: 'Saako digitukihenkilö nähdä näyttösi?' });
  await expect(question).toContainText('Hän ei voi klikata eikä kirjoittaa, eikä mitään tallenneta.');
  mkdirSync(shots, { recursive: true });
  await station.screenshot({ path: `${shots}fi-1-question.png` });

  const firstFrameMs = await allowAndSeeFrames(station, card, 'Salli');
  console.log(`screen view: Allow → first decoded frame in the console: ${firstFrameMs} ms`);
  const banner = station.getByRole('region', { name: 'Digitukihenkilö näkee näyttösi' });
  await expect(banner).toBeVisible();

  // The advisor points by keyboard: the marker starts in the middle; two steps right, Enter.
  const video = card.getByTestId('screen-video');
  await video.focus();
  await video.press('ArrowRight');
  await video.press('ArrowRight');
  await video.press('Enter');
  const pointer = station.getByTestId('screen-share-pointer');
  await expect(pointer).toBeVisible();
  await expect(pointer).toContainText('Paina tästä');
  await station.screenshot({ path: `${shots}fi-2-sharing-with-pointer.png` });
  await card.page().screenshot({ path: `${shots}fi-console-live.png`, fullPage: true });

  const stopAt = Date.now();
  await banner.getByRole('button', { name: 'Lopeta' }).click();
  console.log(
    `screen view: visitor's Stop → track ended on both ends: ${await waitForTrackEnded(station, card, stopAt)} ms`,
  );
  await expect(banner).toBeHidden();
  const notice = station.getByRole('dialog', { name: 'Digitukihenkilö ei enää näe näyttöäsi.' });
  await expect(notice).toContainText('Lopetit näytön näyttämisen.');
  await station.screenshot({ path: `${shots}fi-3-stopped.png` });
  await expect(card.getByTestId('screen-status')).toHaveText('Näytön katselu päättyi: Asiakas lopetti.');
  await notice.getByRole('button', { name: 'Sulje' }).click();
  await expect(notice).toBeHidden();
});

test('a reset ends the share and leaves no notice for the next visitor', async ({ browser, central }) => {
  const { station, card } = await upToTheQuestion(browser, central, 'fi', { startSession: true });
  await allowAndSeeFrames(station, card, 'Salli');
  const stopAt = Date.now();
  // The visitor hides the help panel (the request stays open) and ends their session from the
  // toolbar, which the banner pushed down but does not cover.
  await station.getByRole('button', { name: /^Piilota/ }).click();
  await station.getByRole('banner').getByRole('button', { name: 'Lopeta', exact: true }).click();
  await station
    .getByRole('dialog', { name: 'Lopetetaanko?' })
    .getByRole('button', { name: 'Kyllä, lopeta ja poista' })
    .click();
  // The reset cancels the request: the card (and its video, closed on unmount) leaves the console.
  await expect(station.getByTestId('screen-share')).toHaveAttribute('data-capture', 'ended');
  await expect(card).toBeHidden();
  console.log(`screen view: reset → station capture ended and console card closed: ${Date.now() - stopAt} ms`);
  await expect(station.getByRole('region', { name: 'Digitukihenkilö näkee näyttösi' })).toBeHidden();
  await expect(station.getByRole('dialog', { name: 'Digitukihenkilö ei enää näe näyttöäsi.' })).toBeHidden();
});

test('when the advisor logs out the share ends and the visitor is told', async ({ browser, central }) => {
  const { advisor, station, card } = await upToTheQuestion(browser, central);
  await allowAndSeeFrames(station, card, 'Salli');
  const stopAt = Date.now();
  await advisor.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await expect(station.getByRole('dialog', { name: 'Digitukihenkilö ei enää näe näyttöäsi.' })).toContainText(
    'Digitukihenkilön yhteys päättyi.',
  );
  await expect(station.getByTestId('screen-share')).toHaveAttribute('data-capture', 'ended');
  console.log(`screen view: advisor logout → station capture ended: ${Date.now() - stopAt} ms`);
});

test('a visitor who says no shares nothing, and the advisor is told', async ({ browser, central }) => {
  const { station, card } = await upToTheQuestion(browser, central);
  await station.getByRole('button', { name: 'Ei', exact: true }).click();
  await expect(card.getByTestId('screen-status')).toHaveText(/Asiakas ei antanut lupaa/);
  await expect(card.getByTestId('screen-video')).toHaveAttribute('data-track-state', 'none');
  await expect(station.getByTestId('screen-share')).toHaveAttribute('data-capture', 'none');
  await expect(station.getByRole('region', { name: 'Digitukihenkilö näkee näyttösi' })).toBeHidden();
});

test('the question is read aloud only to a visitor who has read aloud on', async ({ browser, central }) => {
  const { station, card } = await upToTheQuestion(browser, central);
  // React runs the question's effects before it handles a click, so by the answer anything the
  // question had to say has been said.
  await station.getByRole('button', { name: 'Ei', exact: true }).click();
  await expect(card.getByTestId('screen-status')).toHaveText(/Asiakas ei antanut lupaa/);
  expect(await spoken(station)).toEqual([]);
});

test('with read aloud on, the question is read aloud in the visitor language', async ({ browser, central }) => {
  const { station } = await upToTheQuestion(browser, central, 'fi', { readAloud: true });
  await expect
    .poll(async () => await spoken(station))
    .toContainEqual({ text: expect.stringContaining('Saako digitukihenkilö nähdä näyttösi?'), lang: 'fi-FI' });
});

test('in Arabic the question, banner and pointer read right to left', async ({ browser, central }) => {
  const { station, card } = await upToTheQuestion(browser, central, 'ar');
  await expect(station.getByRole('dialog', { name: 'هل يمكن للمستشار رؤية شاشتك؟' })).toBeVisible();
  mkdirSync(shots, { recursive: true });
  await station.screenshot({ path: `${shots}ar-1-question.png` });
  await allowAndSeeFrames(station, card, 'السماح');
  await card.getByTestId('screen-video').click({ position: { x: 40, y: 40 } });
  await expect(station.getByTestId('screen-share-pointer')).toContainText('اضغط هنا');
  await station.screenshot({ path: `${shots}ar-2-sharing-with-pointer.png` });
});

test('the question, the banner with the pointer, the stopped notice and the console view pass axe (Arabic, right to left)', async ({
  browser,
  central,
}) => {
  const { station, card } = await upToTheQuestion(browser, central, 'ar');
  expect(await axeViolations(station, { enhancedContrast: false }), 'question (ar)').toEqual([]);
  await allowAndSeeFrames(station, card, 'السماح');
  await card.getByTestId('screen-video').click({ position: { x: 40, y: 40 } });
  await expect(station.getByTestId('screen-share-pointer')).toBeVisible();
  expect(await axeViolations(station, { enhancedContrast: false }), 'banner + pointer (ar)').toEqual([]);
  expect(await axeViolations(card.page(), { enhancedContrast: false }), 'console live view').toEqual([]);
  await station.getByRole('button', { name: 'إيقاف' }).click();
  await expect(station.getByRole('dialog', { name: 'لم يعد المستشار يرى شاشتك.' })).toBeVisible();
  expect(await axeViolations(station, { enhancedContrast: false }), 'stopped notice (ar)').toEqual([]);
});

for (const variant of ['high-contrast', 'text-200'] as const) {
  test(`the question, the banner with the pointer and the stopped notice are clean in ${variant}`, async ({
    browser,
    central,
  }) => {
    const { station, card } = await upToTheQuestion(browser, central, 'fi', { variant });
    const enhancedContrast = variant === 'high-contrast';
    const problems = async (screen: string) =>
      [
        ...(await axeViolations(station, { enhancedContrast })).map((v) => `axe ${v.rule}: ${v.targets.join(' | ')}`),
        ...(await layoutProblems(station)),
      ].map((problem) => `${screen}: ${problem}`);
    mkdirSync(shots, { recursive: true });
    const found = await problems('question');
    await station.screenshot({ path: `${shots}fi-${variant}-1-question.png` });
    await allowAndSeeFrames(station, card, 'Salli');
    await card.getByTestId('screen-video').click({ position: { x: 40, y: 40 } });
    await expect(station.getByTestId('screen-share-pointer')).toBeVisible();
    found.push(...(await problems('banner + pointer')));
    await station.screenshot({ path: `${shots}fi-${variant}-2-sharing-with-pointer.png` });
    await station
      .getByRole('region', { name: 'Digitukihenkilö näkee näyttösi' })
      .getByRole('button', { name: 'Lopeta' })
      .click();
    await expect(station.getByRole('dialog', { name: 'Digitukihenkilö ei enää näe näyttöäsi.' })).toBeVisible();
    found.push(...(await problems('stopped notice')));
    await station.screenshot({ path: `${shots}fi-${variant}-3-stopped.png` });
    expect(found).toEqual([]);
  });
}
