import type { Page } from '@playwright/test';
import { expect, test } from './harness.ts';
import { consoleFaults, IDLE_MS, RESET_SCREEN_MS } from './shell-screens.ts';

async function openStation(page: Page, url: string): Promise<void> {
  // Playwright's clock drives the station's timers, so the idle journey needs no real waiting.
  await page.clock.install();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();
}

test('a visitor does an errand in Swedish by mouse, extends the idle warning, ends, and the next visitor gets Finnish', async ({
  page,
  stationUrl,
  eservice,
}) => {
  await openStation(page, stationUrl);
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { name: 'Välkommen' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByRole('button', { name: 'Börja' }).click();
  await expect(page.getByRole('heading', { name: 'Vad vill du göra?' })).toBeVisible();

  const popupPromise = page.waitForEvent('popup');
  await page.getByRole('button', { name: /FPA/ }).click();
  const service = await popupPromise;
  await expect(service.getByRole('heading', { name: 'Fake Kela' })).toBeVisible();
  expect(service.url()).toBe(`${eservice.origin}/`);
  await expect(page.getByRole('status')).toContainText('FPA öppnades i ett separat fönster');
  // The visitor logs in; the site leaves a cookie and storage behind.
  await service.getByLabel('Nimi').fill('Maija');
  await service.getByRole('button', { name: 'Kirjaudu' }).click();
  await expect(service.locator('#state')).toHaveText('logged in');

  // Idle warning after the configured time; "Fortsätt" extends, several times.
  for (let round = 0; round < 3; round++) {
    await page.clock.fastForward(IDLE_MS);
    const warning = page.getByRole('dialog', { name: 'Är du kvar?' });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(/sekunder/);
    await warning.getByRole('button', { name: 'Fortsätt' }).click();
    await expect(warning).toBeHidden();
  }

  await page.getByRole('button', { name: 'Avsluta' }).click();
  const confirm = page.getByRole('dialog', { name: 'Vill du avsluta?' });
  await confirm.getByRole('button', { name: 'Ja, avsluta och radera' }).click();
  await expect(page.getByRole('heading', { name: 'Allt du gjorde här har raderats' })).toBeVisible();
  // The e-service window is closed by the reset.
  await expect.poll(() => service.isClosed()).toBe(true);
  // "Did you get it done?" (issue 14) holds the welcome screen until it is answered or closes.
  await page.getByRole('button', { name: 'Ja', exact: true }).click();
  await expect(page.getByText('Tack för ditt svar!')).toBeVisible();
  await page.clock.fastForward(RESET_SCREEN_MS);
  await expect(page.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
});

test('the same journey works by keyboard alone', async ({ page, stationUrl }) => {
  await openStation(page, stationUrl);
  const tabTo = async (name: string | RegExp) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      const text = ((await focused.getAttribute('aria-label')) ?? '') + (await focused.innerText().catch(() => ''));
      if (typeof name === 'string' ? text.includes(name) : name.test(text)) return;
    }
    throw new Error(`could not reach "${name}" with Tab`);
  };
  await tabTo('Svenska');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Välkommen' })).toBeVisible();
  await tabTo('Börja');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Vad vill du göra?' })).toBeVisible();
  const popupPromise = page.waitForEvent('popup');
  await tabTo(/FPA/);
  await page.keyboard.press('Enter');
  await popupPromise;
  await page.bringToFront();

  await page.clock.fastForward(IDLE_MS);
  await expect(page.getByRole('dialog', { name: 'Är du kvar?' })).toBeVisible();
  // Focus starts on "Continue": one key press extends.
  // (toBeFocused would say "inactive": headless Chromium gives window focus to the service popup.)
  await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Fortsätt');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeHidden();

  await tabTo('Avsluta');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Vill du avsluta?' })).toBeVisible();
  await tabTo('Ja, avsluta och radera');
  await page.keyboard.press('Enter');
  // The erased screen follows the wipe, which also closes the e-service window; on the loaded 2-core
  // CI machine it once took longer than the default 10 s to appear (not reproduced in 8 runs alone).
  await expect(page.getByRole('heading', { name: 'Allt du gjorde här har raderats' })).toBeVisible({
    timeout: 30_000,
  });
  // The question after End session: skipped by keyboard.
  await tabTo('Hoppa över');
  await page.keyboard.press('Enter');
  await page.clock.fastForward(RESET_SCREEN_MS);
  await expect(page.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();
});

test('a visitor who walks away is reset after the warning, with everything back to the station defaults', async ({
  page,
  stationUrl,
}) => {
  await openStation(page, stationUrl);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Larger text and other settings' }).click();
  await page.getByRole('button', { name: '200 %' }).click();
  await page.getByRole('switch', { name: 'High contrast' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  await page.clock.fastForward(IDLE_MS);
  await expect(page.getByRole('dialog', { name: 'Are you still there?' })).toBeVisible();
  await page.clock.fastForward(30_000);
  await expect(page.getByRole('heading', { name: 'Everything you did here was erased' })).toBeVisible();
  await page.clock.fastForward(RESET_SCREEN_MS);
  await expect(page.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'normal');
  expect(await page.evaluate('document.documentElement.style.fontSize')).toBe('100%');
});

test.describe('with a broken config', () => {
  test.use({ configOverrides: { 'idle.idleCountdownSeconds': 5 } });
  test('the station says it is out of order and names the field for staff, instead of running on defaults', async ({
    page,
    stationUrl,
  }) => {
    await page.goto(stationUrl);
    await expect(page.getByRole('heading', { name: 'Tämä kone on epäkunnossa' })).toBeVisible();
    await expect(page.getByText('idle.idleCountdownSeconds')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Aloita' })).toHaveCount(0);
  });
});

test('a start, "Start" and the prefetch after it log no error or warning, so IT reading the console sees only real faults', async ({
  page,
  stationUrl,
}) => {
  const logged = consoleFaults(page);
  await page.goto(stationUrl);
  await page.getByRole('button', { name: 'Aloita' }).click();
  await expect(page.getByRole('heading', { name: 'Mitä haluat tehdä?' })).toBeVisible();
  // Everything prefetched after the welcome screen (dialogs, help, the other languages) has arrived.
  await page.waitForLoadState('networkidle');
  expect(logged).toEqual([]);
});

test("the shell's content security policy is in force: a script injected into the page does not run", async ({
  page,
  stationUrl,
}) => {
  await page.goto(stationUrl);
  await expect(page.getByRole('button', { name: 'Aloita' })).toBeVisible();
  // What an injected inline script (e.g. from a tampered e-service message) would try; the policy
  // comes as a response header (protocol/shell-page.ts), not a meta tag in the page.
  const blocked = await page.evaluate(
    () =>
      new Promise<string>((done) => {
        document.addEventListener('securitypolicyviolation', (event) => done(event.effectiveDirective), { once: true });
        const script = document.createElement('script');
        script.textContent = 'document.title = "injected"';
        document.head.append(script); // an allowed inline script runs right here, synchronously
        if (document.title === 'injected') done('the script ran');
      }),
  );
  expect(blocked).toBe('script-src-elem');
  await expect(page).not.toHaveTitle('injected');
});
