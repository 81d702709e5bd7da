/**
 * The welcome screen the host serves inside the page (issue 15, ADR 0015): painted before the
 * app's script has run, then replaced by the app's own first render. A visitor must notice
 * nothing of the hand-over: the same screen, focus where it was, and a press made before the app
 * was there carried out, with a busy state that screen readers announce in the screen's language.
 *
 * Each test holds the app's chunk (`main-*.js`, imported by the boot module after the first
 * frame) until it has looked at the served screen, so the served state is seen for certain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { Language } from '../../protocol/events.ts';
import { parseWelcomeTemplates, WELCOME_TEMPLATES_FILE } from '../../protocol/welcome-page.ts';
import { axeViolations } from './a11y-checks.ts';
import { builtShell, expect, test } from './harness.ts';
import { consoleFaults, shellLanguages, text } from './shell-screens.ts';

/** The app's chunk, imported by the boot module after the first frame. */
const APP_CHUNK = /\/assets\/main-[\w-]+\.js$/;
/** The page's own module script, `boot.ts` (which runs only once the document is parsed). */
const BOOT_CHUNK = /\/assets\/index-[\w-]+\.js$/;

/** Holds the scripts matching `pattern` until the returned function is called. */
async function hold(page: Page, pattern: RegExp = APP_CHUNK): Promise<() => void> {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** `#root`'s markup without the served screen's inline HDS rules, and `<html>`'s attributes. */
const pageShape = () => {
  const root = document.getElementById('root')?.cloneNode(true) as HTMLElement;
  root.querySelector('style')?.remove();
  const html = [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`).sort();
  return { markup: root.innerHTML, html };
};

const servedScreenGone = () => !document.getElementById('root')?.hasAttribute('data-static-welcome');

for (const language of shellLanguages())
  test.describe(`the served welcome screen in ${language}`, () => {
    // bypassCSP only so axe can be added to the page: the shell's own CSP allows no inline script
    // but the press holder. The other tests here run under the real policy.
    test.use({ configOverrides: { defaultLanguage: language }, bypassCSP: true });

    test('is the app’s own first screen, and passes the accessibility checks before the app runs', async ({
      page,
      stationUrl,
    }) => {
      const faults = consoleFaults(page);
      const release = await hold(page);
      await page.goto(stationUrl);
      const heading = page.getByRole('heading', { level: 1, name: text(language, 'welcome.heading') });
      await expect(heading).toBeVisible();
      expect(await page.evaluate(servedScreenGone)).toBe(false);
      const served = await page.evaluate(pageShape);
      if (language === 'fi' || language === 'ar')
        expect(await axeViolations(page, { enhancedContrast: true })).toEqual([]);
      release();
      await page.waitForFunction(servedScreenGone);
      expect(await page.evaluate(pageShape)).toEqual(served);
      expect(faults).toEqual([]);
    });
  });

for (const held of ['app', 'boot module and app'] as const)
  test(`a press on the served screen is announced, held and carried out once the app is there (${held} still loading)`, async ({
    page,
    stationUrl,
  }) => {
    const faults = consoleFaults(page);
    // With the boot module held too, only the page's inline script can hold the press.
    const release = await hold(
      page,
      held === 'app' ? APP_CHUNK : new RegExp(`${APP_CHUNK.source}|${BOOT_CHUNK.source}`),
    );
    await page.goto(stationUrl, { waitUntil: 'commit' });
    const start = page.getByRole('button', { name: text('fi', 'welcome.start') });
    await start.click();
    await expect(start).toHaveAttribute('aria-busy', 'true');
    await expect(page.getByRole('status').filter({ hasText: text('fi', 'app.loading') })).toHaveCount(1);
    // Only the first press is carried out: a second one, on Swedish, is not.
    await page.getByRole('button', { name: text('sv', 'languages.sv'), exact: true }).click();
    release();
    await expect(page.getByRole('heading', { level: 1, name: text('fi', 'launcher.heading') })).toBeVisible();
    await expect(page.getByText(text('fi', 'app.loading'))).toHaveCount(0);
    expect(faults).toEqual([]);
  });

test('keyboard focus on the served screen stays on the same control when the app takes over', async ({
  page,
  stationUrl,
}) => {
  const release = await hold(page);
  await page.goto(stationUrl);
  const swedish = (language: Language) =>
    page.getByRole('button', { name: text(language, 'languages.sv'), exact: true });
  await swedish('fi').focus();
  release();
  await page.waitForFunction(servedScreenGone);
  await expect(swedish('fi')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: text('sv', 'welcome.heading') })).toBeVisible();
});

test.describe('a station whose config is invalid', () => {
  test.use({ configOverrides: { idle: 'soon' } });

  test('is served without the welcome screen, so it never flashes before the out-of-order screen', async ({
    page,
    stationUrl,
  }) => {
    const served = await (await page.request.get(stationUrl)).text();
    expect(served).not.toContain('data-static-welcome');
    await page.goto(stationUrl);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('fi', 'outOfOrder.title'));
  });
});

test("Electron's served screens are the preview's without its banner, so they too are the app's own", () => {
  // The preview's are compared with the app's render above; Electron's differ only in the banner
  // (no limitations), which the app draws only for a host that has some.
  const dist = builtShell().distDir ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url));
  const file = parseWelcomeTemplates(readFileSync(join(dist, WELCOME_TEMPLATES_FILE), 'utf8'));
  const templates = file?.templates ?? [];
  const languages = shellLanguages();
  for (const language of languages) {
    const electron = templates.find((t) => t.language === language && t.limitations.length === 0);
    const preview = templates.find((t) => t.language === language && t.limitations.length > 0);
    expect(preview?.markup).toContain('class="preview-banner"');
    expect(electron?.markup, language).toBe(
      preview?.markup.replace(/<aside class="preview-banner"[^>]*>.*?<\/aside>/, ''),
    );
  }
  expect(templates).toHaveLength(2 * languages.length);
});

test('a start whose app chunk failed to load loads the page again, rather than leave a screen that looks alive', async ({
  page,
  stationUrl,
}) => {
  let failed = false;
  await page.route(APP_CHUNK, async (route) => {
    if (failed) return route.continue();
    failed = true;
    return route.abort('failed');
  });
  await page.goto(stationUrl);
  await page.getByRole('button', { name: text('fi', 'welcome.start') }).click();
  // The press on the broken page is lost with it; the page loaded again is taken over by the app.
  await page.waitForFunction(servedScreenGone);
  await page.getByRole('button', { name: text('fi', 'welcome.start') }).click();
  await expect(page.getByRole('heading', { level: 1, name: text('fi', 'launcher.heading') })).toBeVisible();
  expect(failed).toBe(true);
});
