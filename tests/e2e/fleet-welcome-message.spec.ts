/**
 * IT's welcome-screen message as visitors see it: in each of the station's nine languages (IT's
 * text where IT wrote one, else Finnish, marked with its real language), axe-clean and unclipped
 * at normal size, 200 % text, high contrast and in Arabic right to left, with a screenshot of each
 * under screenshots/ for a person to judge.
 *
 * The message is the one the station remembered (as after a restart), so no central is needed:
 * the station's central URL points at a port nothing listens on.
 */
import { mkdirSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import type { Language } from '../../protocol/events.ts';
import { emptyFleetMemory } from '../../core/fleet/fleet-memory.ts';
import { startPreviewServer } from '../../renderer/preview/serve.ts';
import { startEServiceServer } from '../fixtures/eservice-server.ts';
import { writeTestConfig } from '../fixtures/test-config.ts';
import { axeViolations, layoutProblems } from './a11y-checks.ts';
import {
  applyVariant,
  chooseLanguage,
  closeSettings,
  openSettingsFromWelcome,
  shellLanguages,
  type Variant,
} from './shell-screens.ts';

const OUT = new URL('../../screenshots/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const TEXT = {
  fi: 'Tämä tietokone huolletaan tänään klo 14–15. Voit käyttää konetta siihen asti.',
  sv: 'Datorn servas i dag kl. 14–15. Du kan använda den fram till dess.',
  en: 'This computer is serviced today at 14–15. You can use it until then.',
  ar: 'ستتم صيانة هذا الحاسوب اليوم من الساعة 14 إلى 15. يمكنك استخدامه حتى ذلك الحين.',
};

const test = base.extend<{ stationUrl: string }>({
  stationUrl: async ({}, use) => {
    const eservice = await startEServiceServer();
    const preview = await startPreviewServer({
      port: 0,
      configPath: writeTestConfig(eservice.origin),
      central: { url: 'http://127.0.0.1:9', stationToken: 'unreachable-central' },
      build: false,
    });
    await use(preview.url);
    await preview.close();
    await eservice.close();
  },
  page: async ({ page }, use) => {
    const memory = { ...emptyFleetMemory(), welcomeMessage: { text: TEXT, until: Date.now() + 3_600_000 } };
    await page.addInitScript((saved) => window.localStorage.setItem('kiosk.fleet', saved), JSON.stringify(memory));
    await use(page);
  },
});

// axe-core is injected as an inline script, which the shell's CSP rightly refuses.
test.use({ bypassCSP: true });

const message = (page: Page) => page.getByRole('status').locator('.welcome-message');

test('IT’s message shows in each station language, in IT’s text or else Finnish', async ({ page, stationUrl }) => {
  await page.goto(stationUrl);
  await expect(message(page)).toHaveText(TEXT.fi);
  for (const language of shellLanguages()) {
    if (language !== 'fi') await chooseLanguage(page, language);
    const shown: Language = language in TEXT ? language : 'fi';
    await expect(message(page)).toHaveText(TEXT[shown as keyof typeof TEXT]);
    await expect(message(page)).toHaveAttribute('lang', shown);
  }
});

const CASES: { language: Language; variant: Variant }[] = [
  { language: 'fi', variant: 'default' },
  { language: 'fi', variant: 'text-200' },
  { language: 'en', variant: 'high-contrast' },
  { language: 'ar', variant: 'default' },
];

for (const { language, variant } of CASES) {
  test(`IT’s message on the welcome screen, ${language}, ${variant}: accessible and unclipped`, async ({
    page,
    stationUrl,
  }) => {
    await page.goto(stationUrl);
    await expect(message(page)).toBeVisible();
    if (language !== 'fi') await chooseLanguage(page, language);
    if (variant !== 'default') {
      await openSettingsFromWelcome(page, language);
      await applyVariant(page, language, variant);
      await closeSettings(page, language);
    }
    await expect(message(page)).toHaveText(TEXT[language as keyof typeof TEXT]);
    await page.screenshot({ path: `${OUT}fleet-welcome-message-${language}-${variant}.png` });
    expect(await axeViolations(page, { enhancedContrast: variant === 'high-contrast' })).toEqual([]);
    expect(await layoutProblems(page)).toEqual([]);
  });
}
