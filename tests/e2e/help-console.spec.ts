/**
 * The advisor console in Chromium against a real central (help domain, SQLite). The station side is
 * driven over HTTP with its token, as the station host's HelpClient does, so each console behaviour
 * is tested without a station UI; help-station-console.spec.ts runs the two-browser journey.
 */
import { test as base, expect, type Page } from '@playwright/test';
import type { HelpStationRequest } from '../../protocol/help.ts';
import { requestBody } from '../../central/testing/help-fixtures.ts';
import { startStaffCentral, type StaffCentral } from './staff-apps.ts';

const test = base.extend<{ central: StaffCentral }>({
  central: async ({}, use) => {
    const central = await startStaffCentral();
    await use(central);
    await central.close();
  },
});

/** Logs in with the keyboard only. */
async function logIn(page: Page, url: string, name: string) {
  await page.goto(`${url}/console/`);
  await page.getByLabel(/käyttäjätunnus/i).focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('correct horse battery');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Jonossa/ })).toBeVisible();
  await expect(page.getByText('Yhteys päällä')).toBeVisible();
  // Advisors may start away: go present by keyboard, and the header then says so.
  const presence = page.getByTestId('console-presence');
  await expect(presence).toHaveText(/paikalla|poissa/);
  if ((await presence.textContent())?.includes('poissa')) {
    await page.getByRole('button', { name: 'Merkitse paikalla' }).focus();
    await page.keyboard.press('Enter');
  }
  await expect(presence).toHaveText('Tilasi: paikalla');
  await expect(page.getByRole('button', { name: 'Merkitse poissa' })).toBeVisible();
}

test('an advisor sees a new request arrive, claims it, chats with the visitor and resolves it, by keyboard', async ({
  page,
  central,
}) => {
  await central.t.addAdvisor('aino');
  await logIn(page, central.url, 'aino');

  const created = await central.station(
    '/requests',
    requestBody({ topic: 'kela', mode: 'chat-here', accessibilityModes: ['text-200'] }),
  );
  const id = (created.body as { request: HelpStationRequest }).request.requestId;
  const card = page.getByRole('article', { name: 'Kela · Oodi, 2nd floor' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('teksti 200 %');
  await expect(page.getByTestId('console-live')).toHaveText('Uusi avunpyyntö: Kela, Oodi, 2nd floor');

  await card.getByRole('button', { name: 'Ota hoitoon' }).focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => ((await central.station(`/requests/${id}`)).body as HelpStationRequest).advisorFirstName)
    .toBe('aino');

  await central.station(`/requests/${id}/messages`, { text: 'Kela asks for my bank codes' });
  const mine = page.getByRole('article', { name: 'Kela · Oodi, 2nd floor' });
  await expect(mine.getByRole('log')).toContainText('Kela asks for my bank codes');

  await mine.getByLabel('Viesti asiakkaalle').focus();
  await page.keyboard.type('I will come and look');
  await page.keyboard.press('Enter');
  await expect(mine.getByRole('log')).toContainText('I will come and look');
  await expect
    .poll(async () =>
      ((await central.station(`/requests/${id}`)).body as HelpStationRequest).messages.map((m) => m.text),
    )
    .toContain('I will come and look');

  await mine.getByRole('button', { name: 'Merkitse ratkaistuksi' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('handled-today')).toContainText('Kela');
  expect(((await central.station(`/requests/${id}`)).body as HelpStationRequest).state).toBe('resolved');
});

test('when one advisor claims a request, the other advisor’s console shows at once who has it', async ({
  browser,
  central,
}) => {
  await central.t.addAdvisor('aino');
  await central.t.addAdvisor('eero');
  const ainoContext = await browser.newContext();
  const eeroContext = await browser.newContext();
  const ainoPage = await ainoContext.newPage();
  const eeroPage = await eeroContext.newPage();
  await logIn(ainoPage, central.url, 'aino');
  await logIn(eeroPage, central.url, 'eero');

  await central.station('/requests', requestBody({ topic: 'email' }));
  const name = 'Sähköposti · Oodi, 2nd floor';
  await expect(ainoPage.getByRole('article', { name })).toBeVisible();
  await expect(eeroPage.getByRole('article', { name })).toBeVisible();

  await ainoPage.getByRole('article', { name }).getByRole('button', { name: 'Ota hoitoon' }).click();
  const onEero = eeroPage.getByRole('article', { name });
  await expect(onEero).toContainText('Auttaja');
  await expect(onEero).toContainText('aino');
  await expect(onEero.getByRole('button', { name: 'Ota hoitoon' })).toHaveCount(0);
  await ainoContext.close();
  await eeroContext.close();
});

test('the console fits a phone-sized screen', async ({ browser, central }) => {
  await central.t.addAdvisor('aino');
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await logIn(page, central.url, 'aino');
  await central.station('/requests', requestBody({ topic: 'print-scan' }));
  const card = page.getByRole('article', { name: 'Tulostus ja skannaus · Oodi, 2nd floor' });
  await expect(card).toBeVisible();
  const width = await page.locator('html').evaluate((html) => html.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await context.close();
});

test('staff who do not answer help are told so on the console and sent to their own view', async ({
  page,
  central,
}) => {
  await central.t.services.accounts.addUser({ name: 'iiris', role: 'it', password: 'correct horse battery' });
  await page.goto(`${central.url}/console/`);
  await page.getByLabel(/käyttäjätunnus/i).fill('iiris');
  await page.getByLabel(/salasana/i).fill('correct horse battery');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Tällä tunnuksella ei voi vastata avunpyyntöihin.', { exact: false })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Siirry laitteiden tilaan' })).toHaveAttribute('href', '/fleet/');
  // No queue and no advisor stream behind the notice: only the way out.
  await expect(page.getByRole('heading', { name: /Jonossa/ })).toHaveCount(0);
});
