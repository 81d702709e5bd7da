/**
 * Read aloud and switching language mid-session, as a visitor would notice them: what the
 * station says (recorded from speechSynthesis), and that the open errand survives a language change.
 */
import { expect, test } from './harness.ts';
import {
  chooseLanguage,
  openSettingsFromWelcome,
  openStation,
  recordSpeech,
  spoken,
  startSession,
  text,
} from './shell-screens.ts';

test('with read aloud on, the station speaks the focused control and selected text in the visitor language, and falls silent when switched off', async ({
  page,
  stationUrl,
}) => {
  await page.addInitScript(recordSpeech);
  await openStation(page, stationUrl);
  await chooseLanguage(page, 'sv');
  await openSettingsFromWelcome(page, 'sv');
  const readAloud = page.getByRole('switch', { name: text('sv', 'a11y.readAloud') });
  await readAloud.click();
  await expect(readAloud).toHaveAttribute('aria-checked', 'true');
  // Switching it on is confirmed aloud, with the new state.
  await expect
    .poll(() => spoken(page))
    .toContainEqual({ text: `${text('sv', 'a11y.readAloud')}, ${text('sv', 'a11y.on')}`, lang: 'sv-FI' });

  await page.getByRole('button', { name: text('sv', 'a11y.close'), exact: true }).click();
  await page.getByRole('button', { name: text('sv', 'welcome.start') }).focus();
  await expect
    .poll(async () => (await spoken(page)).at(-1))
    .toEqual({ text: text('sv', 'welcome.start'), lang: 'sv-FI' });

  // Selecting text with the mouse reads it.
  const intro = page.locator('.lead');
  await intro.selectText();
  await page.mouse.up();
  await expect.poll(async () => (await spoken(page)).at(-1)?.text).toBe(text('sv', 'welcome.intro'));

  // Switched off: focus moves are silent again.
  await openSettingsFromWelcome(page, 'sv');
  await page.getByRole('switch', { name: text('sv', 'a11y.readAloud') }).click();
  const before = (await spoken(page)).length;
  await page.getByRole('button', { name: text('sv', 'a11y.close'), exact: true }).click();
  await page.getByRole('button', { name: text('sv', 'welcome.start') }).focus();
  expect((await spoken(page)).length).toBe(before);
});

test('a visitor switches language from the toolbar mid-errand and keeps the open service and settings', async ({
  page,
  stationUrl,
}) => {
  await openStation(page, stationUrl);
  await chooseLanguage(page, 'en');
  await openSettingsFromWelcome(page, 'en');
  await page.getByRole('button', { name: '150 %' }).click();
  await page.getByRole('button', { name: text('en', 'a11y.close'), exact: true }).click();
  await startSession(page, 'en');
  const popup = page.waitForEvent('popup');
  await page.locator('[data-service]').first().click();
  const service = await popup;
  await page.bringToFront();

  await page
    .getByRole('banner')
    .getByRole('button', { name: text('en', 'toolbar.language') })
    .click();
  const dialog = page.getByRole('dialog', { name: text('en', 'welcome.chooseLanguage') });
  await dialog.getByRole('button', { name: 'العربية' }).click();
  // The dialog follows at once, in the new language and direction.
  await expect(page.getByRole('dialog', { name: text('ar', 'welcome.chooseLanguage') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: text('ar', 'a11y.close'), exact: true })
    .click();

  // Same errand: the service is still open, the text size kept, the toolbar now in Arabic.
  expect(service.isClosed()).toBe(false);
  await expect(page.locator('.service-area')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('150%');
  await expect(page.getByRole('banner').getByRole('button', { name: text('ar', 'toolbar.endSession') })).toBeVisible();
});
