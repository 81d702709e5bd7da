/**
 * The whole help journey in two browsers: a visitor at a preview station and an advisor in the
 * console, against one real central, with the station side by keyboard.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { build } from 'vite';
import { createTestCentral, realTestClock, type TestCentral } from '../../central/testing/test-app.ts';
import { startPreviewServer } from '../../renderer/preview/serve.ts';
import { startEServiceServer } from '../fixtures/eservice-server.ts';
import { writeTestConfig } from '../fixtures/test-config.ts';
import { consoleLogIn } from '../fixtures/console-login.ts';
import { consoleFaults } from './shell-screens.ts';

const file = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const test = base.extend<{ central: { url: string; t: TestCentral; stationUrl(running: boolean): Promise<string> } }>({
  central: async ({}, use) => {
    if (!existsSync(file('../../dist/console/index.html')))
      await build({ configFile: file('../../central/web/console/vite.config.ts'), logLevel: 'warn' });
    // The real clock throughout: the browser and central run on real time here.
    const t = await createTestCentral({ clock: realTestClock(), config: { loginAttemptsPer15Minutes: 1000 } });
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const token = await t.addStation('oodi-1', { location: 'Oodi, 2nd floor' });
    const eservice = await startEServiceServer();
    const closers: (() => Promise<void>)[] = [];
    await use({
      url,
      t,
      async stationUrl(running) {
        // A stopped central is simulated by a port nothing listens on.
        const preview = await startPreviewServer({
          port: 0,
          configPath: writeTestConfig(eservice.origin),
          central: { url: running ? url : 'http://127.0.0.1:9', stationToken: token },
          build: false,
        });
        closers.push(preview.close);
        return preview.url;
      },
    });
    for (const close of closers) await close();
    await eservice.close();
    await t.close();
  },
});

/** Help button → topic → how, all by keyboard. */
async function askForHelp(page: Page, topic: string, how: RegExp) {
  await page.getByRole('button', { name: /^Apua/ }).first().focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Pyydä apua digitukihenkilöltä' });
  await panel.getByRole('button', { name: topic }).focus();
  await page.keyboard.press('Enter');
  await panel.getByRole('button', { name: how }).focus();
  await page.keyboard.press('Enter');
  return panel;
}

test('a visitor asks for help, an advisor claims, they chat both ways, and the advisor resolves it', async ({
  browser,
  central,
}) => {
  await central.t.addAdvisor('aino');
  const advisor = await (await browser.newContext()).newPage();
  await consoleLogIn(advisor, central.url);
  const station = await (await browser.newContext()).newPage();
  await station.goto(await central.stationUrl(true));
  await expect(station.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();

  const panel = await askForHelp(station, 'Kela', /Kirjoitetaan tässä/);
  await expect(panel).toContainText('Olet jonossa sijalla 1.');

  const card = advisor.getByRole('article', { name: 'Kela · Oodi, 2nd floor' });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Ota hoitoon' }).click();
  await expect(panel).toContainText('aino auttaa sinua');

  await panel.getByLabel('Kirjoita viesti').fill('En pääse kirjautumaan');
  await station.keyboard.press('Enter');
  await expect(card.getByRole('log')).toContainText('En pääse kirjautumaan');
  await card.getByLabel('Viesti asiakkaalle').fill('Tulen katsomaan');
  await advisor.keyboard.press('Enter');
  await expect(panel.getByRole('log')).toContainText('Tulen katsomaan');

  await card.getByRole('button', { name: 'Merkitse ratkaistuksi' }).click();
  await expect(panel).toContainText('Hienoa, että saimme auttaa!');
});

test('with central stopped the visitor gets the phone line and the in-person desk at once', async ({
  page,
  central,
}) => {
  await page.goto(await central.stationUrl(false));
  await expect(page.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();
  const panel = await askForHelp(page, 'Sähköposti', /Tule luokseni/);
  await expect(panel).toContainText('Digitukeen ei juuri nyt saada yhteyttä.', { timeout: 6000 });
  await expect(panel).toContainText('09 310 10011');
});

test('a station linked to central starts without errors or warnings in its console, so IT sees only real faults', async ({
  page,
  central,
}) => {
  const logged = consoleFaults(page);
  await page.goto(await central.stationUrl(true));
  await page.getByRole('button', { name: 'Aloita' }).click();
  await expect(page.getByRole('heading', { name: 'Mitä haluat tehdä?' })).toBeVisible();
  // The first heartbeat and metrics upload have been answered, and the prefetch has arrived.
  await page.waitForLoadState('networkidle');
  expect(logged).toEqual([]);
});
