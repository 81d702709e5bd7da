/**
 * Build-time rendering of the welcome screen (ADR 0015): the real `App`, as the station would
 * render it first, once per language and host kind, to static markup the hosts serve inside
 * `index.html` (protocol/welcome-page.ts). Rendered from the same components as the app, so the
 * app's first render puts the identical tree in its place (tests/e2e/served-welcome.spec.ts checks).
 *
 * Bundled for Node by `renderer/build.ts` (a Vite SSR build, so hds-react, the locale chunks and
 * the shell's own modules resolve exactly as in the browser build) and run there once per build.
 */
import { getCriticalHdsRulesSync } from 'hds-react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Language } from '../../protocol/events.ts';
import { DEFAULT_ACCESSIBILITY, type KioskApi, type StationView } from '../../protocol/ipc.ts';
import { LOCATION_SLOT, type WelcomeTemplate, type WelcomeTemplates } from '../../protocol/welcome-page.ts';
import { App } from '../components/App.tsx';
import { createShellParts } from '../components/shell-parts.ts';
import { createHelpUi } from '../help/create-help-ui.tsx';
import { HELP_LOCALES } from '../help/register-help-translations.ts';
import { createShellI18n, offeredLanguages } from '../i18n/create-i18n.ts';
import { PREVIEW_LIMITATIONS } from '../preview/preview-limitations.ts';

/** A station view whose first screen is the plain welcome screen (what `welcomeFillOf` accepts). */
function welcomeView(language: Language, limitations: readonly string[]): StationView {
  return {
    phase: 'welcome',
    language,
    defaultLanguage: language,
    accessibility: { ...DEFAULT_ACCESSIBILITY },
    services: [],
    activeServiceId: null,
    idleResetAt: null,
    blockedNotice: null,
    files: [],
    help: { phase: 'none' },
    screenShare: { phase: 'off' },
    helpContacts: {
      phone: '',
      phoneHours: '',
      inPersonPlace: '',
      inPersonHours: '',
      phoneStatus: null,
      inPersonStatus: null,
    },
    locationName: LOCATION_SLOT,
    outOfOrder: null,
    host: { kind: limitations.length > 0 ? 'preview' : 'electron', limitations: [...limitations] },
    feedback: null,
  };
}

/** A host that is never called: rendering to markup runs no effects and no handlers. */
const inertKiosk: KioskApi = {
  invoke: () => Promise.reject(new Error('the build-time render calls no host')),
  onViewChanged: () => () => undefined,
};

async function renderOne(language: Language, limitations: readonly string[]): Promise<WelcomeTemplate> {
  const view = welcomeView(language, limitations);
  const languages = await createShellI18n(language, { help: HELP_LOCALES });
  const markup = renderToStaticMarkup(
    <App
      kiosk={inertKiosk}
      views={{ current: () => view, subscribe: () => () => undefined }}
      languages={languages}
      help={createHelpUi()}
      parts={createShellParts(languages)}
    />,
  );
  return {
    language,
    limitations: [...limitations],
    markup,
    busy: languages.i18n.t('app.loading'),
  };
}

/**
 * Every language's welcome screen, for Electron (no limitations) and for the preview host (its
 * banner), and the HDS rules their markup uses, kept from `hdsCss`, hds-react's whole stylesheet
 * (`hds-react/lib/index.css`).
 */
export async function renderWelcomeTemplates(hdsCss: string): Promise<WelcomeTemplates> {
  const templates: WelcomeTemplate[] = [];
  for (const limitations of [[], PREVIEW_LIMITATIONS])
    for (const language of offeredLanguages()) templates.push(await renderOne(language, limitations));
  return { css: getCriticalHdsRulesSync(templates.map((t) => t.markup).join(''), hdsCss), templates };
}
