/**
 * Accessibility sweep of the staff apps, logged in: axe-core (WCAG 2.0–2.2 A and AA), the layout
 * check (no sideways page scroll, no clipped or overlapping control) and the structure check (a
 * main landmark, one h1) on every state an advisor, coordinator or IT person meets — console: empty queue,
 * a queued request, a claimed request with chat, the "someone already helps" conflict; dashboard:
 * with data, filtered, the service report for a coordinator and for a service owner (issue 14), and
 * the pages an advisor and an IT person get — in Finnish, Swedish and English, at 100 % and 200 %
 * zoom. 2 apps × (4 + 6) states × 3 languages × 2 zooms = 60 checks.
 */
import { test, expect, type Page } from '@playwright/test';
import { createServiceOwners } from '../../central/dashboard/service-owners.ts';
import { axeViolations, layoutProblems, structureProblems } from './a11y-checks.ts';
import { fleetRefused, seedFleet, walkFleet } from './fleet-staff.ts';
import {
  consoleLogIn,
  createRequest,
  dashboardLogIn,
  seedFeedback,
  seedUsage,
  staffContext,
  startStaffCentral,
  type StaffLanguage,
} from './staff-apps.ts';

const words = {
  fi: {
    claim: 'Ota hoitoon',
    message: 'Viesti asiakkaalle',
    apply: 'Näytä',
    library: 'kirjasto',
    perDay: 'Käynnit päivittäin',
    advisor: 'Tämä näkymä on koordinaattoreille',
    logout: 'Kirjaudu ulos',
    helps: 'auttaa jo',
    serviceReport: 'Palveluraportti',
    fleetLink: 'Siirry asiakaspäätteiden ylläpitoon',
  },
  sv: {
    claim: 'Ta hand om',
    message: 'Meddelande till kunden',
    apply: 'Visa',
    library: 'bibliotek',
    perDay: 'Besök per dag',
    advisor: 'Den här vyn är för koordinatorer',
    logout: 'Logga ut',
    helps: 'hjälper redan',
    serviceReport: 'Tjänsterapport',
    fleetLink: 'Gå till underhållet av kundterminaler',
  },
  en: {
    claim: 'Take it',
    message: 'Message to the visitor',
    apply: 'Show',
    library: 'library',
    perDay: 'Visits per day',
    advisor: 'This page is for coordinators',
    logout: 'Log out',
    helps: 'is already helping',
    serviceReport: 'Service report',
    fleetLink: 'Go to the fleet view',
  },
} as const;

/** Every check on the page as it is now; the state's name goes into the failure message. */
async function check(page: Page, state: string) {
  const findings = await axeViolations(page, { enhancedContrast: false });
  const layout = await layoutProblems(page);
  const structure = await structureProblems(page);
  expect({ state, findings, layout, structure }).toEqual({ state, findings: [], layout: [], structure: [] });
}

for (const language of ['fi', 'sv', 'en'] as const satisfies StaffLanguage[]) {
  for (const zoom of [100, 200] as const) {
    test(`staff apps pass axe, layout and structure checks in ${language} at ${zoom} %`, async ({ browser }) => {
      test.setTimeout(180_000);
      const central = await startStaffCentral();
      const w = words[language];
      try {
        // --- console ---
        await central.t.addAdvisor('aino');
        const eero = await central.t.addAdvisor('eero');
        const context = await staffContext(browser, { language, zoom });
        const page = await context.newPage();
        await consoleLogIn(page, central, 'aino', language);
        await check(page, 'console: empty queue');

        const id = await createRequest(central, {
          topic: 'kela',
          language: 'ar',
          serviceId: 'kela',
          accessibilityModes: ['text-200', 'read-aloud'],
        });
        const card = page.getByRole('article', { name: /Kela|FPA/ });
        await expect(card).toBeVisible();
        await check(page, 'console: a queued request');

        await card.getByRole('button', { name: w.claim }).click();
        await expect(page.getByLabel(w.message)).toBeFocused();
        await central.station(`/requests/${id}/messages`, { text: 'En pääse kirjautumaan' });
        await expect(page.getByRole('log')).toContainText('En pääse kirjautumaan');
        await page.getByLabel(w.message).fill('Tulen katsomaan');
        await page.getByLabel(w.message).press('Enter');
        await expect(page.getByRole('log')).toContainText('Tulen katsomaan');
        await check(page, 'console: claimed, with chat');

        // Eero takes the next request just before Aino's claim reaches central: a real 409.
        const second = await createRequest(central, { topic: 'email', mode: 'come-to-me' });
        const secondCard = page.getByRole('article', { name: /Sähköposti|E-post|Email/ });
        await expect(secondCard).toBeVisible();
        await page.route(`**/requests/${second}/claim`, async (route) => {
          await central.t.app.inject({
            method: 'POST',
            url: `/api/v1/help/advisor/requests/${second}/claim`,
            headers: eero.headers,
          });
          await route.continue();
        });
        await secondCard.getByRole('button', { name: w.claim }).click();
        await expect(page.getByTestId('console-problem')).toContainText(w.helps);
        await check(page, 'console: conflict notice');
        await context.close();

        // --- dashboard ---
        await seedUsage(central);
        await central.t.login('coordinator', 'kaisa');
        const dbContext = await staffContext(browser, { language, zoom });
        const db = await dbContext.newPage();
        await dashboardLogIn(db, central, 'kaisa', language);
        await expect(db.getByRole('heading', { name: w.perDay })).toBeVisible();
        await check(db, 'dashboard: with data');

        await db.getByRole('combobox').first().selectOption({ label: w.library });
        await db.getByRole('button', { name: w.apply, exact: true }).click();
        await expect(db.getByRole('combobox').first()).toHaveValue('library');
        await expect(db.getByRole('heading', { name: w.perDay })).toBeVisible();
        await check(db, 'dashboard: filtered');

        // Issue 14: the service report, for a coordinator and for a Kela service owner.
        await seedFeedback(central);
        await db.getByRole('button', { name: w.serviceReport, exact: true }).click();
        await expect(db.getByRole('heading', { name: /^(Kela|FPA)$/ })).toBeVisible();
        await check(db, 'dashboard: service report');
        await db.getByRole('button', { name: w.logout }).click();
        await central.t.login('service-owner', 'kela-owner');
        await createServiceOwners(central.t.storage).setServices('kela-owner', ['kela']);
        await dashboardLogIn(db, central, 'kela-owner', language);
        await expect(db.getByRole('heading', { name: /^(Kela|FPA)$/ })).toBeVisible();
        await check(db, 'dashboard: service owner');

        await db.getByRole('button', { name: w.logout }).click();
        await dashboardLogIn(db, central, 'aino', language);
        await expect(db.getByRole('heading', { name: w.advisor })).toBeVisible();
        await check(db, 'dashboard: advisor refused');

        await db.getByRole('button', { name: w.logout }).click();
        await central.t.login('it', 'ilkka');
        await dashboardLogIn(db, central, 'ilkka', language);
        await expect(db.getByRole('link', { name: w.fleetLink })).toBeVisible();
        await check(db, 'dashboard: IT pointed to the fleet view');
        await dbContext.close();
      } finally {
        await central.close();
      }
    });
  }
}

// Issue 13: the fleet view for IT, in the same languages and zooms (7 states each and the coordinator's page).
for (const language of ['fi', 'sv', 'en'] as const satisfies StaffLanguage[]) {
  for (const zoom of [100, 200] as const) {
    test(`fleet view passes axe, layout and structure checks in ${language} at ${zoom} %`, async ({ browser }) => {
      test.setTimeout(120_000);
      const central = await startStaffCentral();
      try {
        await seedFleet(central);
        await central.t.login('coordinator', 'kaisa');
        const context = await staffContext(browser, { language, zoom });
        const page = await context.newPage();
        await walkFleet(page, central, language, (state) => check(page, state));
        await page.getByRole('button', { name: words[language].logout }).click();
        await fleetRefused(page, central, language, 'kaisa');
        await check(page, 'fleet: coordinator refused');
        await context.close();
      } finally {
        await central.close();
      }
    });
  }
}
