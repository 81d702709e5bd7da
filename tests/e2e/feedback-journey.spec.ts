/**
 * Issue 14 end to end: a visitor at a preview station connected to a real central opens Kela,
 * ends the session, answers "Did you get it done?" with No — could not log in — and a coordinator
 * then sees that answer counted for Kela in the dashboard's service report.
 *
 * The small-count rule hides anything behind fewer than 5 visits, so four earlier answers for Kela
 * are seeded through the ingest route first: the report shows "<5" before the visitor answers and
 * 5 after, which only the visitor's answer can explain.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { repeatVisit, uploadFeedbackVisits } from '../../central/testing/feedback-fixtures.ts';
import { createTestCentral, realTestClock, type TestCentral } from '../../central/testing/test-app.ts';
import { startPreviewServer } from '../../renderer/preview/serve.ts';
import { startEServiceServer } from '../fixtures/eservice-server.ts';
import { writeTestConfig } from '../fixtures/test-config.ts';
import { builtShell } from './harness.ts';
import { answerFeedback, text } from './shell-screens.ts';
import { buildStaffApps, staffContext } from './staff-apps.ts';

const test = base.extend<{ central: { url: string; t: TestCentral; stationUrl: string } }>({
  central: async ({}, use) => {
    await buildStaffApps();
    // The real clock throughout: the browser and central run on real time here.
    const t = await createTestCentral({ clock: realTestClock(), config: { loginAttemptsPer15Minutes: 1000 } });
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const token = await t.addStation('oodi-1', { location: 'Oodi, 2nd floor' });
    const earlier = await t.addStation('malmi-1', { location: 'Malmi library' });
    await uploadFeedbackVisits((request) => t.app.inject(request), earlier, [
      ...repeatVisit(4, { at: t.clock.now() - 60_000, services: ['kela'], outcome: 'no', reason: 'login' }),
    ]);
    const eservice = await startEServiceServer();
    const preview = await startPreviewServer({
      port: 0,
      configPath: writeTestConfig(eservice.origin),
      central: { url, stationToken: token },
      build: false,
      ...builtShell(),
    });
    await use({ url, t, stationUrl: preview.url });
    await preview.close();
    await eservice.close();
    await t.close();
  },
});

/** The coordinator's service report, Kela's row for this week: the cell of the column `column`. */
async function kelaThisWeek(page: Page, column: string): Promise<string> {
  const table = page.locator('table[data-service="kela"]');
  const headers = await table.locator('thead th').allInnerTexts();
  const index = headers.indexOf(column);
  if (index < 0) throw new Error(`no column ${column} in ${headers.join(' | ')}`);
  return table.locator('tbody tr').last().locator('th, td').nth(index).innerText();
}

async function openServiceReport(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/dashboard/`);
  await page.locator('#login-name').fill('kaisa');
  await page.locator('#login-password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await page.getByRole('button', { name: 'Palveluraportti', exact: true }).click();
  await expect(page.locator('table[data-service="kela"]')).toBeVisible();
}

test('a visitor ends the session, answers "No — could not log in", and the answer is counted for Kela', async ({
  browser,
  central,
}) => {
  await central.t.login('coordinator', 'kaisa');
  const coordinator = await (await staffContext(browser, { language: 'fi', zoom: 100 })).newPage();
  await openServiceReport(coordinator, central.url);
  expect(await kelaThisWeek(coordinator, 'Ei saanut')).toBe('<5');

  const station = await (await browser.newContext()).newPage();
  await station.goto(central.stationUrl);
  await station.getByRole('button', { name: text('fi', 'welcome.start') }).click();
  const popup = station.waitForEvent('popup');
  await station.locator('[data-service="kela"]').click();
  await (await popup).close();
  await station.bringToFront();
  await station
    .getByRole('banner')
    .getByRole('button', { name: text('fi', 'toolbar.endSession') })
    .click();
  await station
    .getByRole('dialog', { name: text('fi', 'endSession.title') })
    .getByRole('button', { name: text('fi', 'endSession.confirm') })
    .click();
  // The wipe has already run when the question is on screen.
  await expect(station.getByRole('heading', { name: text('fi', 'reset.doneTitle') })).toBeVisible();
  await answerFeedback(station, 'fi', 'no', 'login');
  await expect(station.getByText(text('fi', 'feedback.thanks'))).toBeVisible();

  // The answer travels through the station's durable queue to central's ingest.
  await expect
    .poll(async () => {
      const row = await central.t.storage.get<{ n: unknown }>(
        `SELECT COUNT(*) AS n FROM events WHERE type = 'feedback.service' AND dim = 'kela:no:login'`,
      );
      return Number(row?.n ?? 0);
    })
    .toBe(5);

  await coordinator.reload();
  await coordinator.getByRole('button', { name: 'Palveluraportti', exact: true }).click();
  await expect(coordinator.locator('table[data-service="kela"]')).toBeVisible();
  expect(await kelaThisWeek(coordinator, 'Ei saanut')).toBe('5');
  expect(await kelaThisWeek(coordinator, 'Mikä oli esteenä')).toContain('kirjautuminen tai tunnistautuminen 5');
});
