import { describe, expect, it } from 'vitest';
import { decideNavigation, decidePopup, type NavigationRules } from './policy.ts';

const kela: NavigationRules = {
  allowedOrigins: ['https://www.kela.fi', 'https://*.suomi.fi', 'https://asiointi.kela.fi:8443'],
  localHttpOrigins: [],
};

describe('navigation policy: a visitor stays inside the services the station offers', () => {
  it.each([
    'https://www.kela.fi/asiointi',
    'https://WWW.KELA.FI/',
    'https://www.kela.fi:443/x',
    'https://www.kela.fi./x',
    'https://tunnistus.suomi.fi/idp',
    'https://a.b.suomi.fi/',
    'https://asiointi.kela.fi:8443/login',
  ])('opens %s', (url) => {
    expect(decideNavigation(url, kela)).toEqual({ allowed: true });
  });

  it.each([
    ['https://www.kela.fi.example.com/', 'origin'],
    ['https://evil.example/www.kela.fi', 'origin'],
    ['https://www.kela.fi@evil.example/', 'credentials'],
    ['https://user:pw@www.kela.fi/', 'credentials'],
    ['https://suomi.fi/', 'origin'], // wildcard means subdomains only
    ['https://evilsuomi.fi/', 'origin'],
    ['https://www.kela.fi:8443/', 'origin'],
    ['https://asiointi.kela.fi/', 'origin'],
    ['http://www.kela.fi/', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['data:text/html,<h1>x</h1>', 'scheme'],
    ['chrome://settings', 'scheme'],
    ['devtools://devtools/bundled/inspector.html', 'scheme'],
    ['ms-settings:display', 'scheme'],
    ['mailto:a@b.fi', 'scheme'],
    ['not a url', 'malformed'],
    ['https://www.kеla.fi/', 'origin'], // Cyrillic "е": punycode host, not the real one
    ['https://xn--www-kla-4ve.fi/', 'malformed'], // invalid punycode never parses
    ['https://www.kela.fi%2eevil.example/', 'origin'], // decodes to www.kela.fi.evil.example
  ])('refuses %s (%s)', (url, reason) => {
    expect(decideNavigation(url, kela)).toEqual({ allowed: false, reason });
  });

  it('allows plain http only for an origin the station marks local and the service lists', () => {
    const rules: NavigationRules = {
      allowedOrigins: ['http://printer.local:8080'],
      localHttpOrigins: ['http://printer.local:8080'],
    };
    expect(decideNavigation('http://printer.local:8080/jobs', rules)).toEqual({ allowed: true });
    expect(decideNavigation('http://printer.local/jobs', rules)).toEqual({ allowed: false, reason: 'scheme' });
    expect(decideNavigation('http://printer.local:8080/', { ...rules, localHttpOrigins: [] })).toEqual({
      allowed: false,
      reason: 'scheme',
    });
  });

  it('matches IDN patterns by their real (punycode) host', () => {
    const rules: NavigationRules = { allowedOrigins: ['https://xn--sknetrafiken-ucb.se'], localHttpOrigins: [] };
    expect(decideNavigation('https://skånetrafiken.se/', rules)).toEqual({ allowed: true });
  });
});

describe('in-memory documents', () => {
  const rules = { allowedOrigins: ['https://www.kela.fi'], localHttpOrigins: [] };
  it('judges a blob: URL by the origin that made it', () => {
    expect(decideNavigation('blob:https://www.kela.fi/9f1c', rules).allowed).toBe(true);
    expect(decideNavigation('blob:https://evil.example/9f1c', rules).allowed).toBe(false);
    expect(decideNavigation('blob:null/9f1c', rules).allowed).toBe(false);
    expect(decideNavigation('blob:blob:https://www.kela.fi/1', rules).allowed).toBe(false);
  });
  it('allows an empty popup only from an allowed page', () => {
    expect(decidePopup('about:blank', 'https://www.kela.fi/x', rules).allowed).toBe(true);
    expect(decidePopup('about:blank', 'https://evil.example/', rules).allowed).toBe(false);
    expect(decidePopup('about:srcdoc', 'https://www.kela.fi/x', rules).allowed).toBe(false);
    expect(decidePopup('https://evil.example/', 'https://www.kela.fi/x', rules).allowed).toBe(false);
  });
});
