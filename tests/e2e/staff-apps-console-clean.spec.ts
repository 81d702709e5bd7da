/**
 * Opening a staff app before logging in is the normal first step, not an error: the browser's
 * console stays clean, so IT looking into a real problem is not sent after a red line that
 * means nothing.
 */
import { expect, test } from '@playwright/test';
import { startStaffCentral, staffContext } from './staff-apps.ts';

for (const app of ['console', 'dashboard', 'fleet'] as const) {
  test(`the ${app} app's login page logs no error in the browser`, async ({ browser }) => {
    const central = await startStaffCentral();
    try {
      const page = await (await staffContext(browser, { language: 'fi', zoom: 100 })).newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${central.url}/${app}/`);
      await expect(page.locator('#login-password')).toBeVisible();
      // Everything the page asked for at start has been answered by now.
      await page.waitForLoadState('networkidle');
      expect(errors).toEqual([]);
    } finally {
      await central.close();
    }
  });
}
