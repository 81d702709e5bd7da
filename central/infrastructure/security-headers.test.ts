/**
 * Headers (issue 10). Before: no CSP, frame-ancestors, nosniff, Referrer-Policy or HSTS anywhere,
 * and the console's HTML was cached `public`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCentral, type TestCentral } from '../testing/test-app.ts';

let t: TestCentral;
let dir: string;
afterEach(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('security headers', () => {
  it('the API, the console shell and the live stream refuse framing, sniffing and referrers, and are never cached', async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    t = await createTestCentral({ config: { consoleDir: dir } });
    const token = await t.addStation();
    for (const [url, headers] of [
      ['/api/v1/auth/me', {}],
      ['/console/', {}],
      ['/api/v1/help/availability', { authorization: `Bearer ${token}` }],
      ['/api/v1/openapi.json', {}],
    ] as const) {
      const response = await t.app.inject({ method: 'GET', url, headers });
      expect(response.headers['content-security-policy'], url).toMatch(/frame-ancestors 'none'/);
      expect(response.headers['content-security-policy'], url).toMatch(/script-src 'self'/);
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
      expect(response.headers['cache-control'], url).toBe('no-store');
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
    }
    const base = await t.listen();
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/v1/help/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    controller.abort();
  });

  it('over TLS (as a trusted proxy reports it) replies carry HSTS; a stranger cannot claim TLS', async () => {
    t = await createTestCentral({ config: { trustedProxies: ['10.0.0.1'] } });
    const via = (remoteAddress: string) =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        remoteAddress,
        headers: { 'x-forwarded-proto': 'https' },
      });
    expect((await via('10.0.0.1')).headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect((await via('203.0.113.9')).headers['strict-transport-security']).toBeUndefined();
  });
});
