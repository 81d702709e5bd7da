/**
 * Every shell screen, in every shipped language, at normal settings, in high
 * contrast and at 200 % text, has zero axe-core violations of the WCAG 2.1 AA and 2.2 AA rules
 * (and meets 7:1 in high contrast), a main landmark and one h1, and no clipped or overlapping
 * controls. A failure lists every screen and rule at once, so one run shows all there is to fix.
 */
import type { Page } from '@playwright/test';
import { TOOLBAR_HEIGHT_PX, TOOLBAR_MAX_SCALE_PERCENT } from '../../main/window.ts';
import { axeViolations, layoutProblems, structureProblems } from './a11y-checks.ts';
import { expect, test } from './harness.ts';
import {
  applyVariant,
  chooseLanguage,
  closeSettings,
  endSession,
  openSettingsFromWelcome,
  openStation,
  openToolbarDialog,
  shellLanguages,
  startSession,
  text,
  waitForIdleWarning,
  type Variant,
} from './shell-screens.ts';

const VARIANTS: Variant[] = ['default', 'high-contrast', 'text-200'];

// The shell's CSP (rightly) forbids inline scripts; axe-core is injected by the test only.
test.use({ bypassCSP: true });

/** Collects the findings of every screen visited in one test. */
class Sweep {
  readonly findings: Record<string, string[]> = {};
  constructor(
    private readonly page: Page,
    private readonly variant: Variant,
  ) {}

  async check(screen: string, { structure = true } = {}): Promise<void> {
    const found: string[] = [];
    for (const v of await axeViolations(this.page, { enhancedContrast: this.variant === 'high-contrast' }))
      found.push(`axe ${v.rule}: ${v.help} — ${v.targets.join(' | ')}`);
    found.push(...(await layoutProblems(this.page)));
    if (structure) found.push(...(await structureProblems(this.page)));
    // In Electron the toolbar is a strip of fixed height above the e-service: a taller toolbar is cut off.
    const bar = this.page.locator('header.toolbar');
    const toolbar = (await bar.count()) > 0 ? await bar.boundingBox() : null;
    const strip = Math.round(
      (TOOLBAR_HEIGHT_PX * Math.min(this.variant === 'text-200' ? 200 : 100, TOOLBAR_MAX_SCALE_PERCENT)) / 100,
    );
    if (toolbar && toolbar.height > strip)
      found.push(`toolbar is ${Math.round(toolbar.height)}px tall, the Electron strip ${strip}px`);
    if (found.length) this.findings[screen] = found;
  }
}

for (const language of shellLanguages()) {
  for (const variant of VARIANTS) {
    test(`every shell screen is clean in ${language}, ${variant}`, async ({ page, stationUrl }) => {
      const sweep = new Sweep(page, variant);
      await openStation(page, stationUrl);
      if (language !== 'fi') await chooseLanguage(page, language);
      await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');

      await openSettingsFromWelcome(page, language);
      await applyVariant(page, language, variant);
      await sweep.check('settings panel');
      await closeSettings(page, language);
      await sweep.check('welcome');

      await startSession(page, language);
      await sweep.check('launcher');

      await openToolbarDialog(page, text(language, 'toolbar.language'), text(language, 'welcome.chooseLanguage'));
      await sweep.check('language dialog');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: text(language, 'a11y.close'), exact: true })
        .click();

      await page.getByTestId('help-button').first().click();
      const helpPanel = page.getByRole('dialog', { name: text(language, 'panel.title', 'help') });
      await expect(helpPanel).toBeVisible();
      await sweep.check('help panel');
      await helpPanel
        .getByRole('button', { name: text(language, 'action.close', 'help'), exact: true })
        .last()
        .click();
      await expect(page.getByRole('dialog')).toHaveCount(0);

      await page
        .getByRole('banner')
        .getByRole('button', { name: text(language, 'toolbar.endSession') })
        .click();
      const confirm = page.getByRole('dialog', { name: text(language, 'endSession.title') });
      await expect(confirm).toBeVisible();
      await sweep.check('end-session dialog');
      // The header's close button has the same name; the visible one is the last.
      await confirm
        .getByRole('button', { name: text(language, 'endSession.cancel') })
        .last()
        .click();

      const popup = page.waitForEvent('popup');
      await page.locator('[data-service]').first().click();
      await (await popup).close();
      await page.bringToFront();
      await expect(page.locator('.service-area')).toBeVisible();
      await sweep.check('e-service open');

      await waitForIdleWarning(page, language);
      await sweep.check('idle warning');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: text(language, 'idle.continue') })
        .click();
      await expect(page.getByRole('dialog')).toHaveCount(0);

      await endSession(page, language);
      await sweep.check('session erased, feedback question');
      await page
        .getByRole('region', { name: text(language, 'feedback.question') })
        .getByRole('button', { name: text(language, 'feedback.outcomes.no'), exact: true })
        .click();
      await expect(page.getByRole('region', { name: text(language, 'feedback.reasonQuestion') })).toBeVisible();
      await sweep.check('feedback reasons');
      await page
        .getByRole('region', { name: text(language, 'feedback.reasonQuestion') })
        .getByRole('button', { name: text(language, 'feedback.reasons.login'), exact: true })
        .click();
      await expect(page.getByText(text(language, 'feedback.thanks'))).toBeVisible();
      await sweep.check('feedback thanks');

      expect(sweep.findings).toEqual({});
    });
  }
}

test.describe('with a broken config', () => {
  test.use({ configOverrides: { 'idle.idleCountdownSeconds': 5 } });
  test('the out-of-order screen is clean', async ({ page, stationUrl }) => {
    await page.goto(stationUrl);
    await expect(page.getByRole('heading', { name: text('fi', 'outOfOrder.title') })).toBeVisible();
    const sweep = new Sweep(page, 'default');
    await sweep.check('out of order');
    expect(sweep.findings).toEqual({});
  });
});
