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
 * - a small inline script in the page's head (`HOLD_PRESS_SCRIPT`) holds a press on the served
 *   screen from its first paint; the page's boot module (`renderer/boot.ts`) imports the app after
 *   the first frame; the app replaces the markup with the identical React tree and carries out
 *   the held press (`renderer/welcome/held-action.ts`).
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

/** The live region, beside `#root`, in which a held press says "Loading…". */
export const WELCOME_STATUS_ID = 'welcome-status';

/**
 * Holds a press on the served welcome screen until the app has taken over: the pressed button
 * gets `aria-busy` and the live region says "Loading…" in the screen's language; the app carries
 * the press out (`renderer/welcome/held-action.ts` finds the button by its `aria-busy`). Only the
 * first press is kept. It runs inline in the page's head, before anything is painted: the page's
 * module scripts run only after the document has been parsed, and the served screen is often
 * painted before that (3 of 5 preview starts in a test), so a listener of theirs would miss a
 * press made in between. The CSP allows exactly this script by its hash (`HOLD_PRESS_SCRIPT_HASH`).
 * Plain ES5 in a string because it is sent as is; the e2e tests press through it.
 */
export const HOLD_PRESS_SCRIPT =
  `document.addEventListener('click',function(event){` +
  `var root=document.getElementById('root');` +
  `var button=event.target instanceof Element?event.target.closest('button'):null;` +
  `if(!root||!root.hasAttribute('${STATIC_WELCOME_ATTRIBUTE}')||!button||!root.contains(button))return;` +
  `event.preventDefault();event.stopPropagation();` +
  `if(root.querySelector('[aria-busy="true"]'))return;` +
  `button.setAttribute('aria-busy','true');` +
  `var status=document.getElementById('${WELCOME_STATUS_ID}');` +
  `if(status)status.textContent=root.getAttribute('${WELCOME_BUSY_ATTRIBUTE}')||'';` +
  `},true);`;

/** The CSP source that allows `HOLD_PRESS_SCRIPT` (protocol/shell-page.ts); a unit test checks it. */
export const HOLD_PRESS_SCRIPT_HASH = "'sha256-f9s+2yOiNd44kU+66wUle6qmm1IQG/7iQ2dy7RK2vvI='";

/** Languages written right to left. */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set<Language>(['ar']);

/** One language's welcome screen, as the app renders it for a host with these limitations. */
export interface WelcomeTemplate {
  language: Language;
  /** The host's limitations the markup lists (the preview's banner); empty for Electron. */
  limitations: string[];
  /** `#root`'s content, with `LOCATION_SLOT` where the location's name goes. */
  markup: string;
  /** What a held click announces while the app loads. */
  busy: string;
}

/** The content of `WELCOME_TEMPLATES_FILE`. */
export interface WelcomeTemplates {
  /**
   * The HDS component rules the templates' markup uses (hds-react injects its styles from its
   * script, which has not run when the served screen is painted). One set for all: every
   * language's screen is built from the same components.
   */
  css: string;
  templates: WelcomeTemplate[];
}

/**
 * Reads `WELCOME_TEMPLATES_FILE`'s text; null when it is not what the build writes (damaged,
 * from another version), so a host then serves the page without a welcome screen instead of
 * failing to serve it. The hosts read the file; this is the one check of its shape.
 */
export function parseWelcomeTemplates(text: string): WelcomeTemplates | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const isTemplate = (t: unknown): t is WelcomeTemplate => {
    if (typeof t !== 'object' || t === null) return false;
    const { language, limitations, markup, busy } = t as Record<string, unknown>;
    return (
      typeof language === 'string' &&
      Array.isArray(limitations) &&
      limitations.every((l) => typeof l === 'string') &&
      typeof markup === 'string' &&
      typeof busy === 'string'
    );
  };
  const { css, templates } = (data ?? {}) as { css?: unknown; templates?: unknown };
  return typeof css === 'string' && Array.isArray(templates) && templates.every(isTemplate) ? { css, templates } : null;
}

/** What a host knows of the first screen it serves. */
export interface WelcomeFill {
  language: Language;
  locationName: string;
  /** The host's limitations as the view lists them; a template matches only the same list in the same order. */
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
  // The live region is in the page from the start: screen readers announce a region's change,
  // not its arrival.
  const root =
    `<div id="root" ${STATIC_WELCOME_ATTRIBUTE} ${WELCOME_BUSY_ATTRIBUTE}="${escapeHtml(template.busy)}">` +
    `<style>${templates.css.replace(/<\//g, '<\\/')}</style>${markup}</div>` +
    `<p id="${WELCOME_STATUS_ID}" class="visually-hidden" role="status"></p>`;
  // Functions as replacements, so a `$` in the markup or a name is never read as a pattern.
  return html
    .replace(htmlTag, () => `<html ${attributes}>`)
    .replace('</head>', () => `<script>${HOLD_PRESS_SCRIPT}</script></head>`)
    .replace(rootDiv, () => root);
}
