/**
 * Who lands where on the usage dashboard: staff whose work is in another app are told so and
 * given the way there, instead of an error about figures they were never meant to see.
 */
import { expect, test } from '@playwright/test';
import { dashboardLogIn, startStaffCentral, staffContext } from './staff-apps.ts';

test('IT staff who log in to the dashboard are pointed to the fleet view, with no error', async ({ browser }) => {
  const central = await startStaffCentral();
  try {
    await central.t.login('it', 'ilkka');
    const page = await (await staffContext(browser, { language: 'fi', zoom: 100 })).newPage();
    await dashboardLogIn(page, central, 'ilkka', 'fi');
    await expect(page.getByRole('heading', { name: 'Tämä näkymä on koordinaattoreille' })).toBeVisible();
    await expect(page.getByText('Tällä tunnuksella ei voi katsoa käyttötilastoja.')).toHaveCount(0);
    await page.getByRole('link', { name: 'Siirry asiakaspäätteiden ylläpitoon' }).click();
    await expect(page).toHaveURL(`${central.url}/fleet/`);
    // Already logged in: the same session works in the fleet view.
    await expect(page.getByRole('heading', { name: 'Päätteet' })).toBeVisible();
  } finally {
    await central.close();
  }
});
