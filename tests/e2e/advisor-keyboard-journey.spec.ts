/**
 * The advisor's whole day by keyboard alone, moving only with Tab / Shift+Tab and pressing Enter
 * or Space: log in, turn on alerts, go present, claim a request, chat, resolve, come back to the
 * queue, log out. `tabTo` presses Tab until the named control has focus, as a keyboard user would,
 * and fails if it is never reached.
 */
import { test, expect, type Page } from '@playwright/test';
import { createRequest, staffContext, startStaffCentral, type StaffCentral } from './staff-apps.ts';

/** Presses Tab until the focused element's accessible text matches `name`. */
async function tabTo(page: Page, name: RegExp, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return '';
      const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
      return `${el.getAttribute('aria-label') ?? ''} ${labelled ?? ''} ${el.innerText ?? ''}`.trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`${String(name)} was not reached with Tab`);
}

let central: StaffCentral;
test.beforeEach(async () => {
  central = await startStaffCentral();
});
test.afterEach(async () => {
  await central.close();
});

test('an advisor logs in, turns on alerts, claims, chats, resolves and logs out with the keyboard alone', async ({
  browser,
}) => {
  await central.t.login('advisor', 'aino');
  const context = await staffContext(browser, { language: 'fi', zoom: 100 });
  const page = await context.newPage();
  await page.goto(`${central.url}/console/`);
  await expect(page.getByRole('heading', { name: 'Digituki – avunpyynnöt' })).toBeVisible();

  await tabTo(page, /Käyttäjätunnus/);
  await page.keyboard.type('aino');
  await tabTo(page, /^Salasana/);
  await page.keyboard.type('correct horse battery');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Jonossa \(0\)/ })).toBeVisible();

  // First run: the notice explains alerts; its button turns them on.
  await expect(page.getByRole('heading', { name: 'Ota hälytykset käyttöön' })).toBeVisible();
  await tabTo(page, /Ota äänimerkki ja ilmoitukset käyttöön/);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Äänimerkki päällä')).toBeVisible();

  // Present or away is always written out, and the toggle says what it will do next.
  const presence = page.getByTestId('console-presence');
  // Known once the console's stream has said it ("…" until then): decide only then, or a slow
  // snapshot skips the toggle and the check below waits for a presence nobody set.
  await expect(presence).toHaveText(/Tilasi: (paikalla|poissa)/);
  if ((await presence.innerText()).includes('poissa')) {
    await page.keyboard.press('Shift+Tab');
    await tabTo(page, /Merkitse paikalla/);
    await page.keyboard.press('Enter');
  }
  await expect(presence).toHaveText('Tilasi: paikalla');

  const id = await createRequest(central, { topic: 'bank-id', mode: 'chat-here', language: 'ar' });
  const card = page.getByRole('article', { name: 'Pankki ja tunnistautuminen · Oodi, 2nd floor' });
  await expect(card).toContainText('arabia');
  await expect(page.getByTestId('queue-summary')).toContainText('Jonossa nyt 1');
  await expect(page.getByTestId('console-live')).toHaveText(/Uusi avunpyyntö: Pankki ja tunnistautuminen/);

  await tabTo(page, /Ota hoitoon/);
  await page.keyboard.press('Enter');
  // Claiming moves focus to the message box of the chat that just opened.
  const message = page.getByLabel('Viesti asiakkaalle');
  await expect(message).toBeFocused();
  await expect(page.getByRole('log')).toContainText('Ei viestejä vielä');

  await central.station(`/requests/${id}/messages`, { text: 'Pankkitunnukset eivät toimi' });
  await expect(page.getByRole('log')).toContainText('Pankkitunnukset eivät toimi');
  await expect(page.getByTestId('console-live')).toHaveText('Asiakas: Pankkitunnukset eivät toimi');
  await page.keyboard.type('Tulen luoksesi');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log')).toContainText('Tulen luoksesi');

  await page.keyboard.press('Shift+Tab');
  await tabTo(page, /Merkitse ratkaistuksi/);
  await page.keyboard.press('Enter');
  // Back to the queue: focus lands on its heading, and today's count went up.
  await expect(page.getByRole('heading', { name: /Jonossa \(0\)/ })).toBeFocused();
  await expect(page.getByTestId('handled-count')).toHaveText('Olet hoitanut tänään 1 pyynnön.');

  await page.keyboard.press('Shift+Tab');
  await tabTo(page, /Kirjaudu ulos/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Kirjaudu', exact: true })).toBeVisible();
  await context.close();
});

test('when central ends the session, the console returns to the login form and says why', async ({ browser }) => {
  await central.t.login('advisor', 'aino');
  const context = await staffContext(browser, { language: 'sv', zoom: 100 });
  const page = await context.newPage();
  await page.goto(`${central.url}/console/`);
  await page.locator('#login-name').fill('aino');
  await page.locator('#login-password').fill('correct horse battery');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /I kö/ })).toBeVisible();

  // The console has finished loading (presence known) before the session goes away, so the 401
  // comes from the advisor's action, not from a load still in flight.
  const presence = page.getByRole('button', { name: /Markera/ });
  await expect(presence).toBeEnabled();
  // The session cookie disappears (as after a logout elsewhere): the next action gets 401. A
  // heartbeat may meet the 401 first and return to the login form on its own; the click then finds
  // no button, and both paths must end at the same login form and message.
  await context.clearCookies();
  await presence.evaluateAll((buttons) => buttons.forEach((button) => (button as HTMLButtonElement).click()));
  await expect(page.getByTestId('session-ended')).toContainText('Din session har gått ut');
  await expect(page.locator('#login-name')).toBeVisible();
  await context.close();
});
