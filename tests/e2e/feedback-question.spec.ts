/**
 * "Did you get it done?" as a visitor meets it in the shell (issue 14): read aloud in their
 * language, answered by keyboard alone, announced, and never asked after an idle reset.
 */
import { expect, test } from './harness.ts';
import {
  chooseLanguage,
  endSession,
  IDLE_MS,
  openSettingsFromWelcome,
  openStation,
  recordSpeech,
  spoken,
  startSession,
  text,
} from './shell-screens.ts';

test('with read aloud on, the question and the reason step are spoken in the visitor language', async ({
  page,
  stationUrl,
}) => {
  await page.addInitScript(recordSpeech);
  await openStation(page, stationUrl);
  await chooseLanguage(page, 'sv');
  await openSettingsFromWelcome(page, 'sv');
  await page.getByRole('switch', { name: text('sv', 'a11y.readAloud') }).click();
  await page.getByRole('button', { name: text('sv', 'a11y.close'), exact: true }).click();
  await startSession(page, 'sv');
  await endSession(page, 'sv');
  await expect
    .poll(async () => (await spoken(page)).at(-1))
    .toEqual({ text: text('sv', 'feedback.question'), lang: 'sv-FI' });
  await page.getByRole('button', { name: text('sv', 'feedback.outcomes.partly'), exact: true }).click();
  await expect
    .poll(async () => (await spoken(page)).at(-1))
    .toEqual({ text: text('sv', 'feedback.reasonQuestion'), lang: 'sv-FI' });
});

test('a keyboard user answers with Tab and Enter, hears the thanks, and lands on the erased screen heading', async ({
  page,
  stationUrl,
}) => {
  await openStation(page, stationUrl);
  await startSession(page, 'fi');
  await endSession(page, 'fi');
  // Focus starts on the question, so the first Tab reaches "Yes".
  await expect(page.getByRole('heading', { name: text('fi', 'feedback.question') })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: text('fi', 'feedback.outcomes.yes'), exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.feedback')).toHaveCount(0);
  await expect(page.getByRole('status').getByText(text('fi', 'feedback.thanks'))).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: text('fi', 'reset.doneTitle') })).toBeFocused();
});

test('an idle reset asks nobody, and an unanswered question closes by itself', async ({ page, stationUrl }) => {
  await openStation(page, stationUrl);
  await startSession(page, 'fi');
  await page.clock.fastForward(IDLE_MS);
  await expect(page.getByRole('dialog', { name: text('fi', 'idle.title') })).toBeVisible();
  await page.clock.fastForward(30_000);
  await expect(page.getByRole('heading', { name: text('fi', 'reset.doneTitle') })).toBeVisible();
  await expect(page.locator('.feedback')).toHaveCount(0);

  await page.clock.fastForward(6_000);
  await startSession(page, 'fi');
  await endSession(page, 'fi');
  await expect(page.getByRole('heading', { name: text('fi', 'feedback.question') })).toBeVisible();
  await page.clock.fastForward(20_000);
  await expect(page.locator('.feedback')).toHaveCount(0);
  await expect(page.getByRole('button', { name: text('fi', 'welcome.start') })).toBeVisible();
});
