import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Language } from '../../protocol/events.ts';
import { expect, test } from '../e2e/harness.ts';
import {
  applyVariant,
  chooseLanguage,
  closeSettings,
  endSession,
  openSettingsFromWelcome,
  openStation,
  openToolbarDialog,
  startSession,
  text,
  waitForIdleWarning,
  type Variant,
} from '../e2e/shell-screens.ts';

const OUT = new URL('../../screenshots/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const CASES: { language: Language; variant: Variant }[] = [
  { language: 'fi', variant: 'default' },
  { language: 'fi', variant: 'text-200' },
  { language: 'en', variant: 'high-contrast' },
  { language: 'ar', variant: 'default' },
  { language: 'ar', variant: 'text-200' },
  { language: 'fi-x-plain', variant: 'default' },
];

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${OUT}${name}.png`, fullPage: false });
}

for (const { language, variant } of CASES) {
  test(`screens in ${language}, ${variant}`, async ({ page, stationUrl }) => {
    const tag = `${language}-${variant}`;
    await openStation(page, stationUrl);
    if (language !== 'fi') await chooseLanguage(page, language);
    await openSettingsFromWelcome(page, language);
    await applyVariant(page, language, variant);
    await shot(page, `${tag}-02-settings`);
    await closeSettings(page, language);
    await shot(page, `${tag}-01-welcome`);
    await startSession(page, language);
    await shot(page, `${tag}-03-launcher`);
    await page.screenshot({ path: `${OUT}${tag}-03-launcher-full.png`, fullPage: true });
    await openToolbarDialog(page, text(language, 'toolbar.language'), text(language, 'welcome.chooseLanguage'));
    await shot(page, `${tag}-04-language`);
    await page.getByRole('dialog').getByRole('button', { name: text(language, 'a11y.close'), exact: true }).click();
    await page.getByTestId('help-button').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shot(page, `${tag}-05-help`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.getByRole('banner').getByRole('button', { name: text(language, 'toolbar.endSession') }).click();
    await shot(page, `${tag}-06-end-confirm`);
    await page.getByRole('dialog').getByRole('button', { name: text(language, 'endSession.cancel') }).last().click();
    const popup = page.waitForEvent('popup');
    await page.locator('[data-service]').first().click();
    await (await popup).close();
    await page.bringToFront();
    await shot(page, `${tag}-07-service`);
    await waitForIdleWarning(page, language);
    await shot(page, `${tag}-08-idle`);
    await page.getByRole('dialog').getByRole('button', { name: text(language, 'idle.continue') }).click();
    await endSession(page, language);
    await shot(page, `${tag}-09-erased`);
    // "Did you get it done?" shows on the erased screen; after No, what got in the way.
    await page
      .getByRole('region', { name: text(language, 'feedback.question') })
      .getByRole('button', { name: text(language, 'feedback.outcomes.no'), exact: true })
      .click();
    await expect(page.getByRole('region', { name: text(language, 'feedback.reasonQuestion') })).toBeVisible();
    await shot(page, `${tag}-09b-feedback-reasons`);
  });
}

test.describe('with a broken config', () => {
  test.use({ configOverrides: { 'idle.idleCountdownSeconds': 5 } });
  test('out of order', async ({ page, stationUrl }) => {
    await page.goto(stationUrl);
    await expect(page.getByRole('heading', { name: text('fi', 'outOfOrder.title') })).toBeVisible();
    await shot(page, 'fi-default-10-out-of-order');
  });
});
