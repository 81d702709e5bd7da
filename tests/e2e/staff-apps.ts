/**
 * The staff web apps (advisor console, usage dashboard) against a real central, for the
 * accessibility sweep, the advisor's keyboard journey and the screenshots: builds both apps once,
 * starts central on the real clock, and brings each app into the states a person would see.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import type { HelpStationRequest } from '../../protocol/help.ts';
import { requestBody } from '../../central/testing/help-fixtures.ts';
import { createTestCentral, realTestClock, type TestCentral } from '../../central/testing/test-app.ts';
import { repeatVisit, uploadFeedbackVisits } from '../../central/testing/feedback-fixtures.ts';
import { uploadSessions } from '../../central/testing/usage-fixtures.ts';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** Builds whichever of the two apps is not built yet. */
export async function buildStaffApps(): Promise<void> {
  if (!existsSync(root('dist/console/index.html')))
    await build({ configFile: root('central/web/console/vite.config.ts'), logLevel: 'warn' });
  if (!existsSync(root('dist/central-web/dashboard/index.html')))
    await build({ configFile: root('central/web/vite.config.ts'), logLevel: 'warn' });
  if (!existsSync(root('dist/fleet/index.html')))
    await build({ configFile: root('central/web/fleet/vite.config.ts'), logLevel: 'warn' });
}

export type StaffLanguage = 'fi' | 'sv' | 'en';

/** Central on the real clock with one station, listening on a free port. */
export interface StaffCentral {
  url: string;
  t: TestCentral;
  /** Calls the help API as the station, as its HelpClient does. */
  station(path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startStaffCentral(): Promise<StaffCentral> {
  await buildStaffApps();
  const t = await createTestCentral({ clock: realTestClock(), config: { loginAttemptsPer15Minutes: 1000 } });
  const url = await t.listen();
  const token = await t.addStation('oodi-1', { location: 'Oodi, 2nd floor' });
  const station = async (path: string, body?: unknown) => {
    const response = await fetch(`${url}/api/v1/help${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { url, t, station, close: () => t.close() };
}

/** Usage over the last weeks from two stations in two kinds of site, so every chart has data and some "<5". */
export async function seedUsage(central: StaffCentral): Promise<void> {
  const kallio = await central.t.addStation('kallio-1', { location: 'Kallio library', siteKind: 'library' });
  const maunula = await central.t.addStation('maunula-1', { location: 'Maunula house', siteKind: 'community-house' });
  const now = central.t.clock.now();
  const day = 86_400_000;
  const services = ['kela', 'omakanta', 'maisa', 'suomi-fi', 'bank-op'];
  const languages = ['fi', 'sv', 'en', 'ar', 'fi-x-plain'];
  const modes = ['text-150', 'high-contrast', 'read-aloud'];
  const specs = (count: number, offset: number) =>
    Array.from({ length: count }, (_, i) => ({
      // Few days, so several days pass the five-session threshold and draw a column.
      at: now - ((i + offset) % 6) * 2 * day - (i % 9) * 3_600_000 - 3_600_000,
      serviceId: services[i % services.length]!,
      language: languages[i % (i % 4 === 0 ? 5 : 3)]!,
      durationSeconds: 300 + (i % 7) * 120,
      ...(i % 3 === 0 ? { mode: modes[i % modes.length]! } : {}),
      ...(i % 4 === 0 ? { helpWaitSeconds: 90 + (i % 5) * 60 } : {}),
      ...(i % 11 === 0 ? { blocked: 'kela' } : {}),
    }));
  await uploadSessions(central.t, kallio, specs(60, 0));
  await uploadSessions(central.t, maunula, specs(7, 3));
}

/** A browser context in one language, at 100 % or 200 % zoom (a 1280 px window at 200 % is 640 CSS px). */
export async function staffContext(
  browser: Browser,
  options: { language: StaffLanguage; zoom: 100 | 200; forcedColors?: boolean },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: options.language,
    viewport: options.zoom === 200 ? { width: 640, height: 400 } : { width: 1280, height: 800 },
    deviceScaleFactor: options.zoom === 200 ? 2 : 1,
    permissions: ['notifications'],
    // axe is injected as an inline script, which central's CSP (script-src 'self') refuses.
    bypassCSP: true,
    ...(options.forcedColors ? { forcedColors: 'active' as const } : {}),
  });
  await context.addInitScript(
    (language) => window.localStorage.setItem('console.language', language),
    options.language,
  );
  return context;
}

const texts = {
  fi: { queue: /Jonossa \(/, login: 'Kirjaudu' },
  sv: { queue: /I kö \(/, login: 'Logga in' },
  en: { queue: /Waiting \(/, login: 'Log in' },
} as const;

/** Logs in to the console in the page's language and turns the advisor present. */
export async function consoleLogIn(page: Page, central: StaffCentral, name: string, language: StaffLanguage) {
  await page.goto(`${central.url}/console/`);
  await page.locator('#login-name').fill(name);
  await page.locator('#login-password').fill('correct horse battery');
  await page.getByRole('button', { name: texts[language].login, exact: true }).click();
  await expect(page.getByRole('heading', { name: texts[language].queue })).toBeVisible();
  const toggle = page.locator('.console-hbtn').first();
  await expect(page.getByTestId('console-presence')).not.toContainText('…');
  const present = { fi: 'paikalla', sv: 'på plats', en: 'present' }[language];
  if (!(await page.getByTestId('console-presence').innerText()).includes(present)) await toggle.click();
  await expect(page.getByTestId('console-presence')).toContainText(present);
}

/** Logs in to the dashboard as a user of the given role (created here). */
export async function dashboardLogIn(page: Page, central: StaffCentral, name: string, language: StaffLanguage) {
  await page.goto(`${central.url}/dashboard/`);
  await page.locator('#login-name').fill(name);
  await page.locator('#login-password').fill('correct horse battery');
  await page.getByRole('button', { name: texts[language].login, exact: true }).click();
}

/** Creates a help request from the station; returns its id. */
export async function createRequest(
  central: StaffCentral,
  draft: Parameters<typeof requestBody>[0] = { topic: 'kela', mode: 'chat-here' },
): Promise<string> {
  const created = await central.station('/requests', requestBody(draft));
  const body = created.body as { request?: HelpStationRequest };
  if (!body.request) throw new Error(`request not accepted: ${JSON.stringify(created.body)}`);
  return body.request.requestId;
}

/**
 * Answers to "Did you get it done?" this week and last week for the service report (issue 14):
 * Kela with enough visits for figures and reasons to show, OmaKanta with few ("<5").
 */
export async function seedFeedback(central: StaffCentral): Promise<void> {
  const token = await central.t.addStation('malmi-1', { location: 'Malmi library', siteKind: 'library' });
  const now = central.t.clock.now() - 3_600_000;
  const lastWeek = now - 7 * 86_400_000;
  await uploadFeedbackVisits((request) => central.t.app.inject(request), token, [
    ...repeatVisit(7, { at: now, services: ['kela'], outcome: 'no', reason: 'login', helpTopic: 'bank-id' }),
    ...repeatVisit(6, { at: now, services: ['kela'], outcome: 'yes' }),
    ...repeatVisit(5, { at: lastWeek, services: ['kela'], outcome: 'yes' }),
    ...repeatVisit(2, { at: now, services: ['omakanta'], outcome: 'partly', blocked: 'omakanta' }),
  ]);
}
