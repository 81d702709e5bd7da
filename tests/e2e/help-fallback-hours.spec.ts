/**
 * The fallback card knows the time: with no advisor reachable, the visitor sees whether the phone
 * line and the in-person desk are open now, or when they open next (Helsinki time), at an open and
 * a closed moment set with Playwright's clock, and a card left open that changes when the line closes.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { Language } from '../../protocol/events.ts';
import { expect, test } from './harness.ts';
import { chooseLanguage, text } from './shell-screens.ts';

const shots = fileURLToPath(new URL('../../test-results/help-fallback-hours/', import.meta.url));

/** Help → a topic → "come to me"; the demo station in the harness has no central, so help is unavailable at once. */
async function askForHelp(page: Page, language: Language) {
  await page
    .getByRole('button', { name: new RegExp(`^${text(language, 'button.label', 'help')}`) })
    .first()
    .click();
  const panel = page.getByRole('dialog', { name: text(language, 'panel.title', 'help') });
  await panel.getByRole('button', { name: text(language, 'topic.kela', 'help') }).click();
  await panel.getByRole('button', { name: new RegExp(text(language, 'mode.come-to-me', 'help')) }).click();
  return panel;
}

test('on a weekday morning the card says the phone line is open now and until when', async ({ page, stationUrl }) => {
  // Tuesday 1 December 2026, 10:30 in Helsinki (UTC+2). Timers still run; only the date is fixed.
  await page.clock.setFixedTime(new Date('2026-12-01T10:30:00+02:00'));
  await page.goto(stationUrl);
  const panel = await askForHelp(page, 'fi');
  await expect(panel.getByTestId('help-contacts-phone-status')).toHaveText('Avoinna nyt, klo 12.00 asti');
  await expect(panel.getByTestId('help-contacts-in-person-status')).toHaveText(
    'Suljettu nyt. Avautuu tänään klo 12.00.',
  );
  await expect(panel).toContainText('09 310 10011');
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}fi-open.png` });
});

test('on a Friday afternoon the card says the line opens on Monday, in the visitor language', async ({
  page,
  stationUrl,
}) => {
  // Friday 4 December 2026, 15:00 in Helsinki: the line closed at 12, the desk is not open on Fridays.
  await page.clock.setFixedTime(new Date('2026-12-04T15:00:00+02:00'));
  await page.goto(stationUrl);
  let panel = await askForHelp(page, 'fi');
  await expect(panel.getByTestId('help-contacts-phone-status')).toHaveText(
    'Suljettu nyt. Avautuu maanantaina klo 9.00.',
  );
  await expect(panel.getByTestId('help-contacts-in-person-status')).toHaveText(
    'Suljettu nyt. Avautuu tiistaina klo 12.00.',
  );
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}fi-closed.png` });

  await page.goto(stationUrl);
  await chooseLanguage(page, 'ar');
  panel = await askForHelp(page, 'ar');
  await expect(panel.getByTestId('help-contacts-phone-status')).toHaveText('مغلق الآن. يفتح يوم الاثنين الساعة 9:00.');
  await page.screenshot({ path: `${shots}ar-closed.png` });
});

test('a card left open changes to "closed" the minute the phone line closes', async ({ page, stationUrl }) => {
  // Tuesday 1 December 2026, 11:59 in Helsinki; Playwright's clock moves only when told to.
  await page.clock.install({ time: new Date('2026-12-01T11:59:00+02:00') });
  await page.goto(stationUrl);
  const panel = await askForHelp(page, 'fi');
  const phone = panel.getByTestId('help-contacts-phone-status');
  await expect(phone).toHaveText('Avoinna nyt, klo 12.00 asti');
  await page.clock.runFor(60_000); // 12:00, with the visitor doing nothing
  await expect(phone).toHaveText('Suljettu nyt. Avautuu huomenna klo 9.00.');
  await expect(panel.getByTestId('help-contacts-in-person-status')).toHaveText('Avoinna nyt, klo 15.00 asti');
});
