/**
 * What the visitor sees of the advisor's pointer in Electron, without Electron: the overlay page
 * main loads (`pointerPageUrl`) drawn at the bounds main computes (`pointerPlacement`) over the
 * fake Kela page, in Chromium — by default, at 200 % text, in forced colours (high contrast) and
 * right to left (Arabic). Screenshots go to test-results/pointer-overlay/ to be looked at; axe
 * checks the overlay page and the page with the overlay over it. Runs with or without an Electron
 * binary (it needs only Chromium).
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { markerSize, pointerPageUrl, pointerPlacement } from '../../main/pointer-overlay.ts';
import { axeViolations } from '../e2e/a11y-checks.ts';
import { startEServiceServer, type EServiceServer } from '../fixtures/eservice-server.ts';
import { chromiumExecutable } from './kiosk-app.ts';

const shots = fileURLToPath(new URL('../../test-results/pointer-overlay/', import.meta.url));
const WINDOW = { width: 1280, height: 900 };

let eservice: EServiceServer;
let browser: Browser;

test.beforeAll(async () => {
  eservice = await startEServiceServer();
  const executablePath = chromiumExecutable();
  browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  mkdirSync(shots, { recursive: true });
});

test.afterAll(async () => {
  await browser?.close();
  await eservice?.close();
});

type Variant = 'default' | 'text-200' | 'high-contrast' | 'ar';

/**
 * The fake Kela page as the visitor has it, with main's overlay drawn where main would put it for
 * a pointer at the middle of the form's button. Returns the page and the spot in window DIPs.
 */
async function withOverlay(variant: Variant): Promise<{ page: Page; spot: { x: number; y: number } }> {
  const context = await browser.newContext({
    viewport: WINDOW,
    ...(variant === 'high-contrast' ? { forcedColors: 'active' as const, colorScheme: 'dark' as const } : {}),
  });
  const page = await context.newPage();
  await page.goto(`${eservice.origin}/`);
  await expect(page.getByRole('heading', { name: 'Fake Kela' })).toBeVisible();
  // What the station does to the e-service in these modes: zoom for text size (on the body here, so
  // the overlay below stays in window coordinates), right to left from the page's own language.
  const fractions = await page.evaluate((v) => {
    if (v === 'text-200') document.body.style.zoom = '2';
    if (v === 'ar') {
      document.documentElement.lang = 'ar';
      document.documentElement.dir = 'rtl';
    }
    const r = document.querySelector('button')!.getBoundingClientRect();
    return { x: (r.left + r.width / 2) / window.innerWidth, y: (r.top + r.height / 2) / window.innerHeight };
  }, variant);
  const placement = pointerPlacement(WINDOW, fractions.x, fractions.y, markerSize(variant === 'text-200' ? 200 : 100))!;
  // A view is a separate surface above the page; an iframe at the same bounds is drawn the same way.
  await page.evaluate(
    ({ bounds, url }) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      frame.setAttribute('aria-hidden', 'true');
      frame.tabIndex = -1;
      Object.assign(frame.style, {
        position: 'fixed',
        left: `${bounds.x}px`,
        top: `${bounds.y}px`,
        width: `${bounds.width}px`,
        height: `${bounds.height}px`,
        border: '0',
        background: 'transparent',
        zIndex: '2147483647',
      });
      document.documentElement.append(frame);
    },
    { bounds: placement.bounds, url: pointerPageUrl(placement.tip) },
  );
  expect(page.frames()).toHaveLength(2);
  await page.frames()[1]!.waitForLoadState();
  return { page, spot: placement.spot };
}

for (const variant of ['default', 'text-200', 'high-contrast', 'ar'] as const) {
  test(`the marker points at the form's button and leaves it pressable (${variant})`, async () => {
    const { page, spot } = await withOverlay(variant);
    await page.screenshot({ path: `${shots}${variant}.png` });
    // The spot is the page's, not the overlay's: a press there reaches the button.
    const hit = await page.evaluate(
      ({ sx, sy }) => document.elementFromPoint(sx, sy)?.closest('button')?.textContent ?? null,
      { sx: spot.x, sy: spot.y },
    );
    expect(hit).toBe('Kirjaudu');
    expect(await axeViolations(page, { enhancedContrast: variant === 'high-contrast' })).toEqual([]);
    await page.context().close();
  });
}

test('the overlay page itself passes axe and says nothing', async () => {
  // bypassCSP only so axe can be added: the page's own CSP allows no script at all.
  const page = await (await browser.newContext({ viewport: { width: 96, height: 96 }, bypassCSP: true })).newPage();
  await page.goto(pointerPageUrl('top-left'));
  await page.screenshot({ path: `${shots}marker-alone.png`, omitBackground: true });
  expect(await page.evaluate(() => document.body.innerText.trim())).toBe('');
  expect(await axeViolations(page, { enhancedContrast: false })).toEqual([]);
  await page.context().close();
});
