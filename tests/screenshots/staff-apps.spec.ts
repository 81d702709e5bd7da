/**
 * `npm run screenshots`: the staff apps (advisor console, usage dashboard, fleet view) in the states
 * of the accessibility sweep, to screenshots/staff/ for a person to look at: Finnish at 100 %, 200 %
 * and in forced colours (Windows high contrast), and Swedish at 100 %.
 */
import { test, expect, type Page } from '@playwright/test';
import {
  consoleLogIn,
  createRequest,
  dashboardLogIn,
  seedFeedback,
  seedUsage,
  staffContext,
  startStaffCentral,
  type StaffLanguage,
} from '../e2e/staff-apps.ts';
import { seedFleet, walkFleet } from '../e2e/fleet-staff.ts';

const variants: { name: string; language: StaffLanguage; zoom: 100 | 200; forcedColors?: boolean }[] = [
  { name: 'fi-100', language: 'fi', zoom: 100 },
  { name: 'fi-200', language: 'fi', zoom: 200 },
  { name: 'fi-forced-colors', language: 'fi', zoom: 100, forcedColors: true },
  { name: 'sv-100', language: 'sv', zoom: 100 },
];

const shot = (page: Page, variant: string, state: string) =>
  page.screenshot({ path: `screenshots/staff/${variant}-${state}.png`, fullPage: true });

for (const variant of variants) {
  test(`staff apps, ${variant.name}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const central = await startStaffCentral();
    try {
      await central.t.addAdvisor('aino');
      await central.t.login('coordinator', 'kaisa');
      const context = await staffContext(browser, variant);
      const page = await context.newPage();
      await page.goto(`${central.url}/console/`);
      await expect(page.locator('#login-name')).toBeVisible();
      await shot(page, variant.name, 'console-login');
      await consoleLogIn(page, central, 'aino', variant.language);
      await shot(page, variant.name, 'console-empty');
      const id = await createRequest(central, {
        topic: 'kela',
        language: 'ar',
        serviceId: 'kela',
        accessibilityModes: ['text-200'],
      });
      const card = page.getByRole('article', { name: /Kela|FPA/ });
      await expect(card).toBeVisible();
      await shot(page, variant.name, 'console-queued');
      await card.getByRole('button').first().click();
      await central.station(`/requests/${id}/messages`, { text: 'En pääse kirjautumaan Kelaan' });
      await expect(page.getByRole('log')).toContainText('En pääse kirjautumaan Kelaan');
      await shot(page, variant.name, 'console-chat');
      await context.close();

      await seedUsage(central);
      const dbContext = await staffContext(browser, variant);
      const db = await dbContext.newPage();
      await db.goto(`${central.url}/dashboard/`);
      await expect(db.locator('#login-password')).toBeVisible();
      await shot(db, variant.name, 'dashboard-login');
      await dashboardLogIn(db, central, 'kaisa', variant.language);
      await expect(db.locator('.db-chart').first()).toBeVisible();
      await db.locator('details').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      await shot(db, variant.name, 'dashboard');
      // Issue 14: the service report (the second view switch button), with answers seeded.
      await seedFeedback(central);
      await db.locator('.db-views button').last().click();
      await expect(db.locator('table[data-service="kela"]')).toBeVisible();
      await shot(db, variant.name, 'service-report');
      await db.locator('header button').last().click();
      await dashboardLogIn(db, central, 'aino', variant.language);
      await expect(db.getByTestId('advisor-refused')).toBeVisible();
      await shot(db, variant.name, 'dashboard-advisor');
      await db.locator('header button').last().click();
      await central.t.login('it', 'ilkka');
      await dashboardLogIn(db, central, 'ilkka', variant.language);
      await expect(db.getByTestId('it-refused')).toBeVisible();
      await shot(db, variant.name, 'dashboard-it');
      await dbContext.close();
    } finally {
      await central.close();
    }
  });
}

// Issue 13: the fleet view for IT, in the same variants.
for (const variant of variants) {
  test(`fleet view, ${variant.name}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const central = await startStaffCentral();
    try {
      await seedFleet(central);
      const context = await staffContext(browser, variant);
      const page = await context.newPage();
      const names = [
        'login',
        'login-failed',
        'list',
        'filtered',
        'station',
        'refused-override',
        'out-of-order',
        'invalid-config',
      ];
      let n = 0;
      await walkFleet(page, central, variant.language, async () => {
        await shot(page, variant.name, `fleet-${names[n++]}`);
      });
      await context.close();
    } finally {
      await central.close();
    }
  });
}
