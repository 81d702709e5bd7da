/**
 * IT runs a preview station from central (issue 13): sees it come online, puts a message on its
 * welcome screen, changes its config (which waits until the visitor has left), gives it a config
 * it cannot use (it keeps its last good one and says so), and sees it go offline when it stops.
 *
 * IT watches and messages the station in the fleet web app (`/fleet/`) and changes its config through
 * the same fleet API the app calls, as a logged-in `it` user. Central runs on a manual clock so
 * "offline" is reached by moving its clock, not by waiting; the station's browser starts on central's
 * date (its timers run normally) and central asks it for a heartbeat every 10 s, so each step waits
 * for what the station shows or what central reports, never for a fixed time.
 */
import { test as base, expect, type Page } from '@playwright/test';
import type { FleetList, FleetStationDetail } from '../../protocol/fleet.ts';
import {
  createTestCentral,
  manualClock,
  TEST_PASSWORD,
  type TestCentral,
  type UserSession,
} from '../../central/testing/test-app.ts';
import { startPreviewServer } from '../../renderer/preview/serve.ts';
import { startEServiceServer, type EServiceServer } from '../fixtures/eservice-server.ts';
import { writeTestConfig } from '../fixtures/test-config.ts';
import { fleetLogIn } from './fleet-staff.ts';
import { buildStaffApps, staffContext } from './staff-apps.ts';

const HEARTBEAT_SECONDS = 10;
/** Long enough for two heartbeats to have been missed or answered. */
const HEARTBEAT_WAIT = { timeout: 3 * HEARTBEAT_SECONDS * 1000 };
/** A heartbeat, then the fleet view's own 15 s refresh. */
const VIEW_WAIT = { timeout: 3 * HEARTBEAT_SECONDS * 1000 + 15_000 };

interface Fleet {
  t: TestCentral;
  url: string;
  it: UserSession;
  eservice: EServiceServer;
  /** Starts a preview station linked to central (its test config changed by `edit`); returns its URL and how to stop it. */
  station(edit?: Parameters<typeof writeTestConfig>[1]): Promise<{ url: string; stop(): Promise<void> }>;
  list(): Promise<FleetList['stations'][number] | undefined>;
  detail(): Promise<FleetStationDetail>;
  /** Calls the fleet API as IT; fails the test on anything but 2xx. */
  call(method: 'POST' | 'PUT', path: string, payload: Record<string, unknown>): Promise<unknown>;
}

const test = base.extend<{ fleet: Fleet }>({
  fleet: async ({}, use) => {
    await buildStaffApps();
    const t = await createTestCentral({
      clock: manualClock(),
      config: { loginAttemptsPer15Minutes: 1000, fleet: { heartbeatSeconds: HEARTBEAT_SECONDS } },
    });
    const url = await t.listen();
    const token = await t.addStation('oodi-1', { location: 'Oodi, 2nd floor' });
    const it = await t.login('it', 'ilkka');
    const eservice = await startEServiceServer();
    const stops: (() => Promise<void>)[] = [];
    const get = async <T>(path: string): Promise<T> => {
      const reply = await t.app.inject({ method: 'GET', url: `/api/v1/fleet${path}`, headers: it.headers });
      expect(reply.statusCode, reply.body).toBe(200);
      return reply.json<T>();
    };
    await use({
      t,
      url,
      it,
      eservice,
      async station(edit) {
        const preview = await startPreviewServer({
          port: 0,
          configPath: writeTestConfig(eservice.origin, edit),
          central: { url, stationToken: token },
          build: false,
        });
        stops.push(preview.close);
        return { url: preview.url, stop: preview.close };
      },
      list: async () => (await get<FleetList>('/stations')).stations.find((s) => s.id === 'oodi-1'),
      detail: () => get<FleetStationDetail>('/stations/oodi-1'),
      async call(method, path, payload) {
        const reply = await t.app.inject({ method, url: `/api/v1/fleet${path}`, headers: it.headers, payload });
        expect(reply.statusCode, reply.body).toBeLessThan(300);
        return reply.json();
      },
    });
    for (const stop of stops) await stop().catch(() => undefined);
    await eservice.close();
    await t.close();
  },
});

/** Central's clock moves on a minute, so the next heartbeat is told apart from the ones before. */
async function nextHeartbeat(fleet: Fleet): Promise<void> {
  fleet.t.clock.advance(60_000);
  const after = fleet.t.clock.now();
  await expect.poll(async () => (await fleet.list())?.lastSeenAt ?? 0, HEARTBEAT_WAIT).toBeGreaterThanOrEqual(after);
}

async function launcherTiles(page: Page): Promise<string[]> {
  return page.locator('.service-tile').allInnerTexts();
}

/** The visitor ends the visit (skipping the "Did you get it done?" question) and the welcome screen returns. */
async function endVisit(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lopeta', exact: true }).click();
  await page.getByRole('button', { name: 'Kyllä, lopeta ja poista' }).click();
  const skip = page.getByRole('button', { name: 'Ohita' });
  const start = page.getByRole('button', { name: 'Aloita' });
  await expect(skip.or(start)).toBeVisible();
  if (await skip.isVisible()) await skip.click();
  await expect(start).toBeVisible({ timeout: 30_000 });
}

test('IT sees a station come online, messages it, changes its config after the visitor, and sees it go offline', async ({
  page,
  browser,
  fleet,
}) => {
  test.setTimeout(120_000);
  const station = await fleet.station();
  // The station's browser keeps central's date (timers still run), so the test has one clock: the
  // station's events and IT's "show until" are on the date central thinks it is.
  await page.clock.setSystemTime(fleet.t.clock.now());
  await page.goto(station.url);
  await expect(page.getByRole('button', { name: 'Aloita' })).toBeVisible();

  // Online: IT's fleet view lists the station as free once its start heartbeat reached central.
  const itPage = await (await staffContext(browser, { language: 'fi', zoom: 100 })).newPage();
  // Another IT person than the one the API calls run as: a new login ends that person's other session.
  await fleet.t.services.accounts.addUser({ name: 'iiris', role: 'it', password: TEST_PASSWORD });
  await fleetLogIn(itPage, fleet, 'iiris', 'fi');
  const row = itPage.locator('tr[data-station="oodi-1"]');
  // The view refreshes itself every 15 s; IT does nothing but look.
  await expect(row).toContainText('vapaana', VIEW_WAIT);
  expect(await fleet.list()).toMatchObject({ host: 'preview', appVersion: expect.any(String) });

  // A welcome-screen message in the station's languages, typed into the station's page by IT:
  // shown with the next heartbeat, announced.
  await row.getByRole('link', { name: 'oodi-1' }).click();
  await itPage.locator('#action-kind').selectOption('welcome-message');
  await itPage.locator('#message-fi').fill('Tämä tietokone huolletaan klo 14.');
  await itPage.locator('#message-sv').fill('Datorn servas kl. 14.');
  await itPage.locator('#message-en').fill('This computer is serviced at 14.');
  await itPage.locator('#message-until').fill(helsinkiLocal(fleet.t.clock.now() + 2 * 3600_000));
  await itPage.getByRole('button', { name: 'Lähetä' }).click();
  await expect(itPage.getByText('Toimenpide on jonossa.', { exact: false })).toBeVisible();
  const message = page.getByRole('status').filter({ hasText: 'Tämä tietokone huolletaan klo 14.' });
  await expect(message).toBeVisible(HEARTBEAT_WAIT);
  await expect(message.locator('[lang="fi"]')).toBeVisible();
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Datorn servas kl. 14.' })).toBeVisible();
  await page.getByRole('button', { name: 'Suomi', exact: true }).click();
  // IT sees it done on the station's page.
  await expect(itPage.getByTestId('fleet-actions')).toContainText('tehty', VIEW_WAIT);

  // A visitor starts; IT adds a service meanwhile. The visitor's launcher does not change under them.
  await page.getByRole('button', { name: 'Aloita' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const before = await launcherTiles(page);
  expect(before.join(' ')).not.toContain('Vero');
  const vero = {
    id: 'vero',
    category: 'government',
    icon: 'bank',
    startUrl: 'https://www.vero.fi/',
    name: { fi: 'Vero', sv: 'Skatteförvaltningen', en: 'Tax Administration' },
    purpose: { fi: 'Verokortti ja veroilmoitus' },
    allowedOrigins: ['https://www.vero.fi'],
  };
  await fleet.call('PUT', '/config/overrides', { level: 'station', target: 'oodi-1', overrides: { services: [vero] } });
  await nextHeartbeat(fleet);
  expect(await launcherTiles(page)).toEqual(before);
  expect(await fleet.list()).toMatchObject({ status: 'online-in-use', appliedConfigVersion: 0 });

  // The visitor leaves: the station restarts onto the new config and reports it.
  await endVisit(page);
  await expect.poll(async () => (await fleet.list())?.appliedConfigVersion, HEARTBEAT_WAIT).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Aloita' }).click();
  await expect(page.getByText('Vero', { exact: true })).toBeVisible();
  await endVisit(page);
  const good = (await fleet.list())?.appliedConfigVersion;

  // A change central accepts (its shipped base has no plain-http services) that this station's own
  // file cannot take: its services are plain http, allowed only by its local origins.
  await fleet.call('PUT', '/config/overrides', {
    level: 'station',
    target: 'oodi-1',
    overrides: { localHttpOrigins: [] },
  });
  await expect
    .poll(async () => (await fleet.detail()).history.find((h) => h.rejectedConfigVersion !== null), HEARTBEAT_WAIT)
    .toMatchObject({ appliedConfigVersion: good });
  expect((await fleet.list())?.problems).toContain('config-rejected');
  await page.getByRole('button', { name: 'Aloita' }).click();
  await expect(page.getByText('Vero', { exact: true })).toBeVisible();

  // Stopped: no heartbeat comes, and once central's clock passes the offline limit it says so.
  await page.close();
  await station.stop();
  fleet.t.clock.advance(10 * 60_000);
  await expect.poll(async () => (await fleet.list())?.status).toBe('offline');
  await itPage.getByRole('link', { name: 'Takaisin päätteisiin' }).click();
  await expect(itPage.locator('tr[data-station="oodi-1"]')).toContainText('ei yhteyttä', VIEW_WAIT);
});

test('IT sees a station whose config file is invalid as out of order, and why, instead of as silent', async ({
  page,
  browser,
  fleet,
}) => {
  // A deployment with a typo: the idle countdown is text. The station cannot run on it.
  const station = await fleet.station((config) => {
    (config.idle as { idleCountdownSeconds: unknown }).idleCountdownSeconds = 'soon';
  });
  await page.clock.setSystemTime(fleet.t.clock.now());
  await page.goto(station.url);
  await expect(page.getByRole('heading', { name: 'Tämä kone on epäkunnossa' })).toBeVisible();

  await expect.poll(async () => (await fleet.list())?.status, HEARTBEAT_WAIT).toBe('out-of-order');
  const itPage = await (await staffContext(browser, { language: 'fi', zoom: 100 })).newPage();
  await fleet.t.services.accounts.addUser({ name: 'iiris', role: 'it', password: TEST_PASSWORD });
  await fleetLogIn(itPage, fleet, 'iiris', 'fi');
  const row = itPage.locator('tr[data-station="oodi-1"]');
  await expect(row).toContainText('epäkunnossa');
  await row.getByRole('link', { name: 'oodi-1' }).click();
  await expect(itPage.getByTestId('fleet-out-of-order-cause')).toHaveText(
    'Päätteen asetustiedosto on virheellinen. Virheelliset kentät näkyvät päätteen näytöllä ja sen lokissa.',
  );
  // The station runs no actions until its file is fixed: IT is told before queueing one, and
  // one queued anyway stays waiting (central does not hand it to the broken station).
  await expect(itPage.getByTestId('fleet-actions-wait')).toContainText(
    'Jonoon lisäämäsi toimenpiteet odottavat siihen asti.',
  );
  await itPage.getByLabel('Toimenpide').selectOption('restart-after-visitor');
  await itPage.getByRole('button', { name: 'Lähetä' }).click();
  await expect(itPage.getByTestId('fleet-actions')).toContainText('odottaa');
  await nextHeartbeat(fleet);
  expect((await fleet.detail()).actions.map((a) => [a.state, a.deliveredAt])).toEqual([['pending', null]]);
});

/** `YYYY-MM-DDTHH:MM` in Helsinki time, as the fleet view's datetime-local field takes it. */
function helsinkiLocal(epochMs: number): string {
  // Swedish formatting is ISO-like: "2026-11-30 14:05".
  const text = new Date(epochMs).toLocaleString('sv-SE', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return text.replace(' ', 'T');
}
