/**
 * Navigation policy: may an e-service view go to this URL?
 *
 * Decisions are made on the URL as the WHATWG parser normalises it (the same parser Chromium
 * uses), so tricks such as `https://kela.fi@evil.example`, `https://kela.fi.evil.example`,
 * mixed case, trailing dots, IDN look-alikes or default-port spellings are judged on the real
 * origin, not on the text. Hosts are compared as ASCII (punycode), so a Unicode look-alike of an
 * allowed host never equals it.
 */

/** Why a navigation was refused (stable values: they end up in logs and tests). */
export type BlockReason = 'malformed' | 'scheme' | 'credentials' | 'origin';

export type NavigationDecision = { allowed: true } | { allowed: false; reason: BlockReason };

/** What the policy needs to know about the service being navigated. */
export interface NavigationRules {
  /** Origin patterns: `https://host`, `https://host:port`, or `https://*.host` (subdomains only). */
  allowedOrigins: readonly string[];
  /** Plain-http origins the station allows (local printer pages and the like). */
  localHttpOrigins: readonly string[];
}

interface ParsedPattern {
  scheme: 'https:' | 'http:';
  /** Host in ASCII form, without a leading `*.` */
  host: string;
  wildcard: boolean;
  port: string;
}

function parsePattern(pattern: string): ParsedPattern | null {
  const match = /^(https?):\/\/(\*\.)?([^/:]+)(?::(\d+))?$/.exec(pattern.trim().toLowerCase());
  if (!match) return null;
  const [, scheme, star, hostText, portText] = match;
  // Run the host through the URL parser so patterns and candidates are normalised alike.
  let url: URL;
  try {
    url = new URL(`${scheme}://${hostText}${portText ? `:${portText}` : ''}/`);
  } catch {
    return null;
  }
  return {
    scheme: url.protocol as 'https:' | 'http:',
    host: stripDot(url.hostname),
    wildcard: Boolean(star),
    port: url.port,
  };
}

function stripDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function matches(url: URL, pattern: ParsedPattern): boolean {
  if (url.protocol !== pattern.scheme) return false;
  // URL.port is '' for the scheme's default port, so https://host:443 equals https://host.
  if (url.port !== pattern.port) return false;
  const host = stripDot(url.hostname);
  if (pattern.wildcard) return host.endsWith(`.${pattern.host}`) && host.length > pattern.host.length + 1;
  return host === pattern.host;
}

/** Decides a top-level navigation (also used for redirects and popups). */
export function decideNavigation(rawUrl: string, rules: NavigationRules): NavigationDecision {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { allowed: false, reason: 'malformed' };
  }
  // A blob: URL (a PDF letter the page built in memory) belongs to the origin that made it, written
  // inside it: blob:https://www.kela.fi/<uuid>. It is judged on that inner origin, never allowed by itself.
  if (url.protocol === 'blob:')
    return url.pathname.startsWith('blob:')
      ? { allowed: false, reason: 'scheme' }
      : decideNavigation(url.pathname, rules);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { allowed: false, reason: 'scheme' };
  // A user name or password in a URL is how look-alike links hide the real host; never follow one.
  if (url.username !== '' || url.password !== '') return { allowed: false, reason: 'credentials' };

  if (url.protocol === 'http:') {
    const local = rules.localHttpOrigins
      .map(parsePattern)
      .filter((p): p is ParsedPattern => p !== null && p.scheme === 'http:');
    const allowedHttp = rules.allowedOrigins
      .map(parsePattern)
      .filter((p): p is ParsedPattern => p !== null && p.scheme === 'http:');
    // http is allowed only where the station marks the origin as local AND the service lists it.
    const ok = allowedHttp.some((p) => matches(url, p)) && local.some((p) => matches(url, p));
    return ok ? { allowed: true } : { allowed: false, reason: 'scheme' };
  }

  const patterns = rules.allowedOrigins.map(parsePattern).filter((p): p is ParsedPattern => p !== null);
  return patterns.some((p) => matches(url, p)) ? { allowed: true } : { allowed: false, reason: 'origin' };
}

/**
 * Decides a popup. Like a navigation, except that an empty popup (`about:blank`, which a page
 * opens and then writes into, e.g. to show a PDF letter) is allowed when the page opening it is
 * itself on an allowed origin: the empty document inherits that page's origin, and every later
 * navigation of the popup is judged again.
 */
export function decidePopup(rawUrl: string, openerUrl: string, rules: NavigationRules): NavigationDecision {
  if (rawUrl === '' || rawUrl === 'about:blank' || rawUrl.startsWith('about:blank#')) {
    const opener = decideNavigation(openerUrl, rules);
    return opener.allowed ? { allowed: true } : { allowed: false, reason: 'scheme' };
  }
  return decideNavigation(rawUrl, rules);
}

/** Checks a service's start URL once at config time, so a typo shows on the out-of-order screen. */
export function startUrlProblem(startUrl: string, rules: NavigationRules): string | null {
  const decision = decideNavigation(startUrl, rules);
  return decision.allowed ? null : `start URL is not allowed by the service's own allowedOrigins (${decision.reason})`;
}
