/**
 * A coordinator of a small site, where every figure is under five: the charts must not claim a
 * scale of zero next to totals that say "<5" (the figures are hidden, not absent).
 */
import { expect, test } from '@playwright/test';
import { axeViolations, layoutProblems } from './a11y-checks.ts';
import { dashboardLogIn, seedUsage, startStaffCentral, staffContext } from './staff-apps.ts';

test('a station whose every figure is under five gets charts that say so, not a scale of zero', async ({ browser }) => {
  const central = await startStaffCentral();
  try {
    await seedUsage(central);
    await central.t.login('coordinator', 'kaisa');
    const page = await (await staffContext(browser, { language: 'fi', zoom: 100 })).newPage();
    await dashboardLogIn(page, central, 'kaisa', 'fi');
    // Maunula has seven visits over the weeks: no day, language or service reaches five.
    await page.getByLabel('Pääte').selectOption('maunula-1');
    await page.getByRole('button', { name: 'Näytä' }).click();
    const perDay = page.locator('section', { has: page.getByRole('heading', { name: 'Käynnit päivittäin' }) });
    await expect(perDay).toContainText('Kaikki luvut näkyvät muodossa "<5", joten pylväitä ei piirretä.');
    // No chart claims a scale of zero where its figures are "<5".
    await expect(page.getByRole('main')).not.toContainText('enintään 0');
    await expect(page.getByRole('main')).not.toContainText('Asteikko 0–0');
    await expect(page.getByText('Kaikki luvut näkyvät muodossa "<5", joten pylväitä ei piirretä.')).not.toHaveCount(0);
    // The note is page text like the scale it replaces: it passes the same checks.
    expect({ axe: await axeViolations(page, { enhancedContrast: false }), layout: await layoutProblems(page) }).toEqual(
      {
        axe: [],
        layout: [],
      },
    );
    // The figures themselves are still there, as "<5", in the table under each chart.
    await perDay.getByText('Luvut taulukkona').click();
    await expect(perDay.getByRole('table')).toContainText('<5');
  } finally {
    await central.close();
  }
});
