import { HOLD_PRESS_SCRIPT_HASH } from './welcome-page.ts';

/**
 * The Content-Security-Policy the shell page runs under: its own files only, no remote code, no
 * framing, no forms. Both hosts send it as a response header with the page (Electron's `app://`
 * handler, `serveShell` in main/window.ts; the preview server, renderer/preview/serve.ts).
 *
 * It is deliberately not a `<meta http-equiv>` tag in `renderer/index.html` as well: Chromium
 * holds every request its preload scanner finds until the parser has applied a meta CSP, so the
 * entry script and the language chunks were requested only after the whole head had been parsed
 * and the init scripts had run (in a trace ~25 ms later at normal speed). Without the tag the
 * renderer's start to an interactive welcome screen took 0.92× the time at normal speed and 0.89×
 * with the CPU slowed 4× in an A/B run; the preview gained nothing measurable (issue 15,
 * bench/README.md).
 *
 * @param connectOrigins origins the page may reach with fetch or EventSource besides its own:
 *   none in Electron (the station talks to central from main), central's in the preview, where
 *   core runs in the page.
 */
export function shellCsp(connectOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    // One inline script besides the page's own files: the served welcome screen's press holder,
    // allowed by its hash alone (protocol/welcome-page.ts).
    `script-src 'self' ${HOLD_PRESS_SCRIPT_HASH}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ['connect-src', "'self'", ...connectOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
