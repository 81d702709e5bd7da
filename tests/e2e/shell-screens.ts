/**
 * Drives the shell to each of its screens in any language, using the same locale files the
 * visitor reads (so a button is found by the name a visitor sees). Shared by the accessibility
 * sweep and the screenshot script, so both cover the same screens.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { LANGUAGES, type Language } from '../../protocol/events.ts';

type Strings = Record<string, unknown>;

const localeCache = new Map<string, Strings>();
function locale(dir: string, language: string): Strings | null {
  const key = `${dir}/${language}`;
  if (!localeCache.has(key)) {
    try {
      localeCache.set(
        key,
        JSON.parse(
          readFileSync(new URL(`../../renderer/${dir}/locales/${language}.json`, import.meta.url), 'utf8'),
        ) as Strings,
      );
    } catch {
      return null;
    }
  }
  return localeCache.get(key) ?? null;
}

function lookup(strings: Strings | null, path: string): string | undefined {
  let node: unknown = strings;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Strings)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** A shell text as the visitor sees it in `language`, with the shell's fallbacks (fi-x-plain → fi, others → en). */
export function text(language: Language, path: string, namespace: 'i18n' | 'help' = 'i18n'): string {
  const chain = language === 'fi-x-plain' ? [language, 'fi'] : [language, 'en', 'fi'];
  for (const lng of chain) {
    const value = lookup(locale(namespace, lng), path);
    if (value !== undefined) return value;
  }
  throw new Error(`no text for ${namespace}:${path} in ${language}`);
}

/** Languages the shell ships a locale for, in the order of protocol LANGUAGES. */
export function shellLanguages(): Language[] {
  return LANGUAGES.filter((language) => locale('i18n', language) !== null);
}

export const IDLE_MS = 180_000; // idleWarningAfterSeconds in the test config
export const RESET_SCREEN_MS = 6_000;

export type Variant = 'default' | 'high-contrast' | 'text-200';

/** Opens the station with Playwright's clock driving its timers (no real waiting for the idle warning). */
export async function openStation(page: Page, url: string): Promise<void> {
  await page.clock.install();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: text('fi', 'welcome.heading') })).toBeVisible();
}

/** Picks a language on the welcome screen by its own name, as a visitor would. */
export async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await page.getByRole('button', { name: text(language, `languages.${language}`), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: text(language, 'welcome.heading') })).toBeVisible();
}

/** Opens the settings panel from the welcome screen; leaves it open. */
export async function openSettingsFromWelcome(page: Page, language: Language): Promise<void> {
  await page.getByRole('button', { name: text(language, 'welcome.accessibility') }).click();
  await expect(page.getByRole('dialog', { name: text(language, 'a11y.title') })).toBeVisible();
}

/** In the open settings panel, switches on the variant's mode. */
export async function applyVariant(page: Page, language: Language, variant: Variant): Promise<void> {
  const panel = page.getByRole('dialog', { name: text(language, 'a11y.title') });
  if (variant === 'high-contrast') {
    await panel.getByRole('switch', { name: text(language, 'a11y.highContrast') }).click();
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  }
  if (variant === 'text-200') {
    await panel.getByRole('button', { name: '200 %' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.style.fontSize)).toBe('200%');
  }
}

export async function closeSettings(page: Page, language: Language): Promise<void> {
  await page
    .getByRole('dialog', { name: text(language, 'a11y.title') })
    .getByRole('button', { name: text(language, 'a11y.close'), exact: true })
    .click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

export async function startSession(page: Page, language: Language): Promise<void> {
  await page.getByRole('button', { name: text(language, 'welcome.start') }).click();
  await expect(page.getByRole('heading', { level: 1, name: text(language, 'launcher.heading') })).toBeVisible();
}

/** Opens a toolbar dialog by its button and waits for the dialog named `dialogTitle`. */
export async function openToolbarDialog(page: Page, button: string, dialogTitle: string): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: button }).click();
  await expect(page.getByRole('dialog', { name: dialogTitle })).toBeVisible();
}

/** Lets the idle time pass; the warning dialog is open afterwards. */
export async function waitForIdleWarning(page: Page, language: Language): Promise<void> {
  await page.clock.fastForward(IDLE_MS);
  await expect(page.getByRole('dialog', { name: text(language, 'idle.title') })).toBeVisible();
}

/** Ends the session through the confirmation; the "erased" screen is shown afterwards. */
export async function endSession(page: Page, language: Language): Promise<void> {
  await page
    .getByRole('banner')
    .getByRole('button', { name: text(language, 'toolbar.endSession') })
    .click();
  await page
    .getByRole('dialog', { name: text(language, 'endSession.title') })
    .getByRole('button', { name: text(language, 'endSession.confirm') })
    .click();
  await expect(page.getByRole('heading', { name: text(language, 'reset.doneTitle') })).toBeVisible();
}

/**
 * Answers "Did you get it done?" on the erased screen (issue 14): `outcome`, then after Partly or
 * No the `reason` (or Skip when none is given); the question is gone afterwards.
 */
export async function answerFeedback(
  page: Page,
  language: Language,
  outcome: 'yes' | 'partly' | 'no',
  reason?: string,
): Promise<void> {
  const question = page.getByRole('region', { name: text(language, 'feedback.question') });
  await question.getByRole('button', { name: text(language, `feedback.outcomes.${outcome}`), exact: true }).click();
  if (outcome !== 'yes') {
    const reasons = page.getByRole('region', { name: text(language, 'feedback.reasonQuestion') });
    await expect(reasons).toBeVisible();
    const button = reason ? text(language, `feedback.reasons.${reason}`) : text(language, 'feedback.skip');
    await reasons.getByRole('button', { name: button, exact: true }).click();
  }
  await expect(page.locator('.feedback')).toHaveCount(0);
}

/** Replaces the browser's speech engine with a recorder: headless Chromium has no voices to hear. */
export const recordSpeech = () => {
  const spoken: { text: string; lang: string }[] = [];
  (window as unknown as { spoken: typeof spoken }).spoken = spoken;
  const fake = {
    speak: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }),
    cancel: () => undefined,
    getVoices: () => [],
  };
  Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
};
/** What the station has said since `recordSpeech` was installed. */
export const spoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);

/**
 * Collects what a page logs as an error or warning, and uncaught errors, from now on: a station
 * whose console is clean lets IT reading it see only real faults.
 */
export function consoleFaults(page: Page): string[] {
  const logged: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') logged.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => logged.push(`uncaught: ${error.message}`));
  return logged;
}
