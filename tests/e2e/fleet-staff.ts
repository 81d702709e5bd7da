/**
 * The fleet view (issue 13) in the states IT meets, for the staff-apps accessibility sweep and the
 * screenshots: a fleet with stations in use, idle, failing, offline, out of order and never heard
 * from, through the real heartbeat route; then a failed login, the list, a filter, a station page,
 * a refused override.
 */
import { expect, type Page } from '@playwright/test';
import type { Heartbeat } from '../../protocol/fleet.ts';
import type { StaffCentral, StaffLanguage } from './staff-apps.ts';

const words = {
  fi: {
    login: 'Kirjaudu',
    badLogin: 'Kirjautuminen epäonnistui. Väärä käyttäjätunnus tai salasana.',
    stations: 'Päätteet',
    failing: 'vikatilassa',
    save: 'Tallenna asetukset',
    refused: 'Asetusta ei hyväksytty:',
    countdownTooShort: 'Kenttää idle.idleCountdownSeconds ei hyväksytty: arvon on oltava vähintään 20.',
    notForYou: 'Tämä näkymä on IT-tuelle',
    back: 'Takaisin päätteisiin',
    remoteCause: 'IT-tuki merkitsi päätteen epäkuntoiseksi.',
    invalidConfigCause:
      'Päätteen asetustiedosto on virheellinen. Virheelliset kentät näkyvät päätteen näytöllä ja sen lokissa.',
    actionsWait: 'Toimenpiteet odottavat',
  },
  sv: {
    login: 'Logga in',
    badLogin: 'Inloggningen misslyckades. Fel användarnamn eller lösenord.',
    stations: 'Terminaler',
    failing: 'felar',
    save: 'Spara inställningarna',
    refused: 'Inställningen godkändes inte:',
    countdownTooShort: 'Fältet idle.idleCountdownSeconds godkändes inte: värdet måste vara minst 20.',
    notForYou: 'Den här vyn är för IT-stödet',
    back: 'Tillbaka till terminalerna',
    remoteCause: 'IT-stödet markerade terminalen som ur funktion.',
    invalidConfigCause:
      'Terminalens inställningsfil är ogiltig. De felaktiga fälten visas på terminalens skärm och i terminalens logg.',
    actionsWait: 'Åtgärderna väntar',
  },
  en: {
    login: 'Log in',
    badLogin: 'Login failed. Wrong user name or password.',
    stations: 'Stations',
    failing: 'failing',
    save: 'Save settings',
    refused: 'The setting was refused:',
    countdownTooShort: 'Field idle.idleCountdownSeconds was refused: the value must be at least 20.',
    notForYou: 'This page is for IT staff',
    back: 'Back to the stations',
    remoteCause: 'IT marked the station out of order.',
    invalidConfigCause:
      "The station's config file is invalid. The fields at fault are on the station's screen and in its log.",
    actionsWait: 'Actions are on hold',
  },
} as const;

function heartbeat(overrides: Partial<Heartbeat> = {}): Heartbeat {
  return {
    reason: 'interval',
    appVersion: '0.1.0',
    host: 'electron',
    state: 'idle',
    outOfOrderCause: null,
    config: { source: 'flag', hash: 'b'.repeat(64), appliedVersion: 0, rejected: null },
    uptimeSeconds: 3600,
    sessionsSinceStart: 4,
    lastReset: 'ok',
    exitsSinceLastReport: {},
    crashesSinceLastReport: 0,
    freeDiskMb: 40_000,
    freeMemoryMb: 3_000,
    central: { reachable: true, queueBacklog: 0 },
    ...overrides,
  };
}

/** Seven stations in four sites, each in another state. */
export async function seedFleet(central: StaffCentral): Promise<void> {
  const t = central.t;
  const beat = async (token: string, body: Heartbeat) => {
    const reply = await t.app.inject({
      method: 'POST',
      url: '/api/v1/fleet/station/heartbeat',
      headers: { authorization: `Bearer ${token}` },
      payload: body,
    });
    if (reply.statusCode !== 200) throw new Error(`heartbeat refused: ${reply.body}`);
  };
  const oodi2 = await t.addStation('oodi-2', { location: 'Oodi, 2nd floor', siteKind: 'library' });
  const oodi3 = await t.addStation('oodi-3', { location: 'Oodi, 2nd floor', siteKind: 'library' });
  const kallio = await t.addStation('kallio-1', { location: 'Kallio library', siteKind: 'library' });
  const maunula = await t.addStation('maunula-1', { location: 'Maunula house', siteKind: 'community-house' });
  const kannelmaki = await t.addStation('kannelmaki-1', { location: 'Kannelmäki', siteKind: 'library' });
  const vallila = await t.addStation('vallila-1', { location: 'Vallila library', siteKind: 'library' });
  await beat(oodi2, heartbeat({ state: 'in-session' }));
  await beat(oodi3, heartbeat({ reason: 'start', exitsSinceLastReport: { resetStepFailed: 3 }, lastReset: 'failed' }));
  await beat(kallio, heartbeat({ state: 'out-of-order', outOfOrderCause: 'remote' }));
  // Vallila's config file is invalid: its page says so, and that actions wait for the fix.
  await beat(vallila, heartbeat({ state: 'out-of-order', outOfOrderCause: 'invalid-config' }));
  await beat(maunula, heartbeat({ freeDiskMb: 600 }));
  await beat(kannelmaki, heartbeat());
  // Kannelmäki was last heard from an hour ago: offline (or closed, by the time of day).
  await t.storage.run('UPDATE fleet_stations SET last_seen_at = ? WHERE station_id = ?', [
    Date.now() - 3_600_000,
    'kannelmaki-1',
  ]);
  const it = await t.login('it', 'ilkka');
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/fleet/actions',
    headers: it.headers,
    payload: {
      target: { station: 'oodi-3' },
      action: {
        kind: 'welcome-message',
        text: { fi: 'Päätettä huolletaan klo 14', en: 'This computer is serviced at 14:00' },
        until: new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000).toISOString().replace('.000', ''),
      },
    },
  });
}

/** Logs in to /fleet/ as `name` (created by the caller) and waits for the page. */
export async function fleetLogIn(
  page: Page,
  central: Pick<StaffCentral, 'url'>,
  name: string,
  language: StaffLanguage,
) {
  await page.goto(`${central.url}/fleet/`);
  await page.locator('#login-name').fill(name);
  await page.locator('#login-password').fill('correct horse battery');
  await page.getByRole('button', { name: words[language].login, exact: true }).click();
}

/**
 * Walks the fleet view through its states, calling `visit(page, state)` in each: the login, a
 * failed login, the list, the list filtered to failing stations, a station page and the same with
 * a refused override, an out-of-order station's page with its cause, and one whose config file is
 * invalid, with the note that actions wait.
 */
export async function walkFleet(
  page: Page,
  central: StaffCentral,
  language: StaffLanguage,
  visit: (state: string) => Promise<void>,
): Promise<void> {
  const w = words[language];
  await page.goto(`${central.url}/fleet/`);
  await expect(page.locator('#login-password')).toBeVisible();
  await visit('fleet login');
  // A wrong password: the shared login form says why, as the dashboard's does, not which field.
  await page.locator('#login-name').fill('ilkka');
  await page.locator('#login-password').fill('not the password');
  await page.getByRole('button', { name: w.login, exact: true }).click();
  await expect(page.getByText(w.badLogin)).toBeVisible();
  await visit('fleet login failed');
  await fleetLogIn(page, central, 'ilkka', language);
  await expect(page.getByRole('heading', { name: w.stations, exact: true })).toBeVisible();
  await expect(page.getByTestId('fleet-stations').locator('tbody tr')).toHaveCount(7);
  await visit('fleet list');

  await page.locator('#filter-status').selectOption('failing');
  await expect(page.getByTestId('fleet-stations').locator('tbody tr')).toHaveCount(1);
  await visit('fleet filtered');

  await page.getByRole('link', { name: 'oodi-3' }).click();
  await expect(page.getByTestId('fleet-station-summary')).toContainText(w.failing);
  await expect(page.getByTestId('fleet-history').locator('tbody tr')).not.toHaveCount(0);
  await visit('fleet station');

  await page.locator('#overrides-json').fill('{"idle":{"idleCountdownSeconds":5}}');
  await page.getByRole('button', { name: w.save }).click();
  // Central's reason arrives as data and is said in the page's language, not in the schema's English.
  await expect(page.getByRole('alert').filter({ hasText: w.refused }).getByRole('listitem')).toHaveText([
    w.countdownTooShort,
  ]);
  await visit('fleet refused override');
  await page.getByRole('link', { name: w.back }).click();
  await expect(page.getByTestId('fleet-stations')).toBeVisible();

  // An out-of-order station's page says why it is out of order.
  await page.getByRole('link', { name: 'kallio-1' }).click();
  await expect(page.getByTestId('fleet-out-of-order-cause')).toHaveText(w.remoteCause);
  await expect(page.getByTestId('fleet-actions-wait')).toHaveCount(0);
  await visit('fleet out-of-order station');
  await page.getByRole('link', { name: w.back }).click();
  await expect(page.getByTestId('fleet-stations')).toBeVisible();

  // One out of order for its config file also says that actions wait for the fix.
  await page.getByRole('link', { name: 'vallila-1' }).click();
  await expect(page.getByTestId('fleet-out-of-order-cause')).toHaveText(w.invalidConfigCause);
  await expect(page.getByTestId('fleet-actions-wait')).toContainText(w.actionsWait);
  await visit('fleet station with an invalid config');
  await page.getByRole('link', { name: w.back }).click();
  await expect(page.getByTestId('fleet-stations')).toBeVisible();
}

/** The page a coordinator gets at /fleet/. */
export async function fleetRefused(page: Page, central: StaffCentral, language: StaffLanguage, name: string) {
  await fleetLogIn(page, central, name, language);
  await expect(page.getByText(words[language].notForYou)).toBeVisible();
}
