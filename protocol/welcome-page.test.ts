import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESSIBILITY, type StationView } from './ipc.ts';
import {
  HOLD_PRESS_SCRIPT,
  HOLD_PRESS_SCRIPT_HASH,
  LOCATION_SLOT,
  pageWithWelcome,
  parseWelcomeTemplates,
  welcomeFillOf,
  type WelcomeFill,
  type WelcomeTemplates,
} from './welcome-page.ts';

const INDEX = `<!doctype html>
<html lang="fi" dir="ltr">
  <head><title>t</title></head>
  <body>
    <div id="root">
      <!-- warm-up --><span class="visually-hidden" aria-hidden="true">Aa</span>
    </div>
    <script type="module" src="./boot.js"></script>
  </body>
</html>`;

const TEMPLATES: WelcomeTemplates = {
  css: '.b{}',
  templates: [
    { language: 'fi', limitations: [], markup: `<p>Olet täällä: ${LOCATION_SLOT}</p>`, busy: 'Ladataan…' },
    { language: 'ar', limitations: [], markup: `<p>${LOCATION_SLOT}</p>`, busy: 'جارٍ التحميل…' },
    { language: 'fi', limitations: ['noSiteDataWipe'], markup: '<aside>preview</aside>', busy: 'Ladataan…' },
  ],
};

const fill = (patch: Partial<WelcomeFill> = {}): WelcomeFill => ({
  language: 'fi',
  locationName: 'Oodi',
  limitations: [],
  accessibility: DEFAULT_ACCESSIBILITY,
  ...patch,
});

describe('pageWithWelcome', () => {
  it("puts the language's screen into #root with the location filled in, and marks it as served", () => {
    const page = pageWithWelcome(INDEX, TEMPLATES, fill());
    expect(page).toContain(
      '<div id="root" data-static-welcome data-welcome-busy="Ladataan…"><style>.b{}</style><p>Olet täällä: Oodi</p></div>' +
        '<p id="welcome-status" class="visually-hidden" role="status"></p>',
    );
    // The press holder runs in the head, before the screen is painted.
    expect(page).toContain(`<script>${HOLD_PRESS_SCRIPT}</script></head>`);
    expect(page).not.toContain('warm-up');
    expect(page).toContain('<script type="module" src="./boot.js"></script>');
  });

  it('escapes the location, and reads no replacement patterns in it', () => {
    const page = pageWithWelcome(INDEX, TEMPLATES, fill({ locationName: `<img src=x onerror=alert(1)> & $& "q"` }));
    expect(page).toContain('<p>Olet täällä: &lt;img src=x onerror=alert(1)&gt; &amp; $&amp; &quot;q&quot;</p>');
    expect(page).not.toContain('<img');
  });

  it("sets the station's language, direction and settings on <html>, as the app would", () => {
    const page = pageWithWelcome(
      INDEX,
      TEMPLATES,
      fill({ language: 'ar', accessibility: { ...DEFAULT_ACCESSIBILITY, textScalePercent: 200, highContrast: true } }),
    );
    expect(page).toContain(
      '<html lang="ar" dir="rtl" style="font-size: 200%;" data-contrast="high" data-font="normal" data-motion="normal" data-pointer="normal">',
    );
  });

  it("picks the template for the host's limitations, and serves the page unchanged when none fits", () => {
    expect(pageWithWelcome(INDEX, TEMPLATES, fill({ limitations: ['noSiteDataWipe'] }))).toContain(
      '<aside>preview</aside>',
    );
    expect(pageWithWelcome(INDEX, TEMPLATES, fill({ limitations: ['somethingElse'] }))).toBe(INDEX);
    expect(pageWithWelcome(INDEX, TEMPLATES, fill({ language: 'sv' }))).toBe(INDEX);
    expect(pageWithWelcome(INDEX, TEMPLATES, null)).toBe(INDEX);
    expect(pageWithWelcome(INDEX, null, fill())).toBe(INDEX);
  });
});

describe("the shell's own index.html", () => {
  it('takes the welcome screen into #root, in place of the font warm-up, before the boot module', () => {
    const html = readFileSync(new URL('../renderer/index.html', import.meta.url), 'utf8');
    const page = pageWithWelcome(html, TEMPLATES, fill());
    expect(page).toMatch(
      /<div id="root" data-static-welcome[^>]*><style>.b\{\}<\/style><p>Olet täällä: Oodi<\/p><\/div>/,
    );
    expect(page).not.toContain('Aa Åä Ыя ع');
    expect(page.indexOf('id="welcome-status"')).toBeLessThan(page.indexOf('<script type="module"'));
  });
});

describe('parseWelcomeTemplates', () => {
  it('reads what the build writes, and refuses what it does not, so the page is served without the screen', () => {
    expect(parseWelcomeTemplates(JSON.stringify(TEMPLATES))).toEqual(TEMPLATES);
    for (const damaged of [
      '',
      '{}',
      '{"templates":{}}',
      '{"css":"","templates":[{"language":"fi"}]}',
      '{"templates":[]}',
      'null',
      '[1]',
    ])
      expect(parseWelcomeTemplates(damaged), damaged).toBeNull();
    expect(pageWithWelcome(INDEX, parseWelcomeTemplates('{}'), fill())).toBe(INDEX);
  });
});

describe('welcomeFillOf', () => {
  const view = {
    phase: 'welcome',
    language: 'sv',
    locationName: 'Oodi',
    accessibility: DEFAULT_ACCESSIBILITY,
    help: { phase: 'none' },
    screenShare: { phase: 'off' },
    feedback: null,
    host: { kind: 'electron', limitations: [] },
  } as unknown as StationView;

  it("takes a plain welcome screen's language, location, settings and limitations", () => {
    expect(welcomeFillOf(view)).toEqual({
      language: 'sv',
      locationName: 'Oodi',
      limitations: [],
      accessibility: DEFAULT_ACCESSIBILITY,
    });
  });

  it("serves no screen for another phase, IT's message, help under way or the feedback question", () => {
    expect(welcomeFillOf({ ...view, phase: 'out-of-order' })).toBeNull();
    expect(welcomeFillOf({ ...view, welcomeMessage: { text: 'Huolto klo 14', language: 'fi' } })).toBeNull();
    expect(welcomeFillOf({ ...view, help: { phase: 'unavailable', reason: 'no-advisors', draft: null } })).toBeNull();
    expect(welcomeFillOf({ ...view, feedback: { step: 'outcome', outcome: null, closesAt: 0 } })).toBeNull();
  });
});

describe('the press holder', () => {
  it('is allowed by the CSP hash the hosts send, and by nothing broader', () => {
    const hash = createHash('sha256').update(HOLD_PRESS_SCRIPT).digest('base64');
    expect(HOLD_PRESS_SCRIPT_HASH).toBe(`'sha256-${hash}'`);
  });
});
