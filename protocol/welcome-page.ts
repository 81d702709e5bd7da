/**
 * The welcome screen served inside the shell's page (issue 15, ADR 0015). Both hosts put it into
 * `index.html` before the page's script runs, so an old PC paints the first screen at about a
 * blank page's time instead of after React, i18next and hds-react have been evaluated:
 *
 * - the build renders the real `App` once per language and host kind to markup with a slot for the
 *   location's name (`renderer/welcome/render-welcome.tsx`, written by `renderer/build.ts` to
 *   `WELCOME_TEMPLATES_FILE` in the built renderer);
 * - a host fills in the station's first view (`pageWithWelcome`): Electron's `serveShell`
 *   (main/window.ts) from the running station's view, the preview server from its config;
 * - the page's boot module (`renderer/boot.ts`) holds a click on the static screen and imports
 *   the app after the first frame; the app replaces the markup with the identical React tree.
 *
 * Only types are imported, so the renderer's boot chunk and the hosts share this without zod.
 */
import type { Language } from './events.ts';
import type { AccessibilitySettings, StationView } from './ipc.ts';

/** The file, in the built renderer, that holds the rendered welcome screens. */
export const WELCOME_TEMPLATES_FILE = 'welcome-templates.json';

/** Stands where the location's name goes in a template; the host puts the escaped name there. */
export const LOCATION_SLOT = '%KIOSK_LOCATION%';

/** The attribute on `#root` that says its content is the served welcome screen, not React's yet. */
export const STATIC_WELCOME_ATTRIBUTE = 'data-static-welcome';

/**
 * The attribute on `#root` holding the text a held click announces while the app loads
 * ("Ladataan…"), in the screen's language.
 */
export const WELCOME_BUSY_ATTRIBUTE = 'data-welcome-busy';

/** Languages written right to left. */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set<Language>(['ar']);

/** One language's welcome screen, as the app renders it for a host with these limitations. */
export interface WelcomeTemplate {
  language: Language;
  /** The host's limitations the markup lists (the preview's banner); empty for Electron. */
  limitations: string[];
  /** `#root`'s content, with `LOCATION_SLOT` where the location's name goes. */
  markup: string;
  /** HDS component rules the markup uses (hds-react injects its styles from its script). */
  css: string;
  /** What a held click announces while the app loads. */
  busy: string;
}

/** The content of `WELCOME_TEMPLATES_FILE`. */
export interface WelcomeTemplates {
  templates: WelcomeTemplate[];
}

/** What a host knows of the first screen it serves. */
export interface WelcomeFill {
  language: Language;
  locationName: string;
  limitations: readonly string[];
  accessibility: AccessibilitySettings;
}

/**
 * What `view` needs filled in, or null when its first screen is not the plain welcome screen the
 * templates hold (another phase, IT's welcome message, help under way, the feedback question):
 * that page is served without markup and React draws it, as before.
 */
export function welcomeFillOf(view: StationView): WelcomeFill | null {
  const plain =
    view.phase === 'welcome' &&
    !view.welcomeMessage &&
    view.help.phase === 'none' &&
    view.screenShare.phase === 'off' &&
    view.feedback === null;
  if (!plain) return null;
  return {
    language: view.language,
    locationName: view.locationName,
    limitations: view.host.limitations,
    accessibility: view.accessibility,
  };
}

/** `<html>`'s `lang` and `dir` for a language. */
export function languageAttributes(language: Language): { lang: string; dir: 'ltr' | 'rtl' } {
  return { lang: language === 'fi-x-plain' ? 'fi' : language, dir: RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr' };
}

/** `<html>`'s root font size (everything is sized in rem) and the theme attributes the stylesheet keys on. */
export function accessibilityAttributes(a11y: AccessibilitySettings): {
  fontSize: string;
  attributes: Record<'data-contrast' | 'data-font' | 'data-motion' | 'data-pointer', string>;
} {
  return {
    fontSize: `${a11y.textScalePercent}%`,
    attributes: {
      'data-contrast': a11y.highContrast ? 'high' : 'normal',
      'data-font': a11y.readableFont ? 'readable' : 'normal',
      'data-motion': a11y.reducedMotion ? 'reduced' : 'normal',
      'data-pointer': a11y.largePointer ? 'large' : 'normal',
    },
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * `html` (the built `index.html`) with the welcome screen for `fill` in `#root` and the settings
 * on `<html>`. Unchanged when no template matches (a build without templates, a host whose
 * limitations no template lists, a page shape this does not know): the app then draws the screen.
 */
export function pageWithWelcome(html: string, templates: WelcomeTemplates | null, fill: WelcomeFill | null): string {
  if (!templates || !fill) return html;
  const template = templates.templates.find(
    (t) => t.language === fill.language && sameList(t.limitations, fill.limitations),
  );
  const htmlTag = /<html\b[^>]*>/;
  const rootDiv = /<div id="root">[\s\S]*?<\/div>/;
  if (!template || !htmlTag.test(html) || !rootDiv.test(html)) return html;
  // The same attributes the app keeps there (useDocumentSettings), so its first render changes none.
  const a11y = accessibilityAttributes(fill.accessibility);
  const attributes = Object.entries({
    ...languageAttributes(fill.language),
    style: `font-size: ${a11y.fontSize};`,
    ...a11y.attributes,
  })
    .map(([name, value]) => `${name}="${escapeHtml(value)}"`)
    .join(' ');
  const markup = template.markup.split(LOCATION_SLOT).join(escapeHtml(fill.locationName));
  // The rules go inside #root, so the app's first render removes them with the markup (hds-react
  // has injected its own by then).
  const root =
    `<div id="root" ${STATIC_WELCOME_ATTRIBUTE} ${WELCOME_BUSY_ATTRIBUTE}="${escapeHtml(template.busy)}">` +
    `<style>${template.css.replace(/<\//g, '<\\/')}</style>${markup}</div>`;
  // Functions as replacements, so a `$` in the markup or a name is never read as a pattern.
  return html.replace(htmlTag, () => `<html ${attributes}>`).replace(rootDiv, () => root);
}
