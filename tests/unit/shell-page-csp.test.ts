import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shellCsp } from '../../protocol/shell-page.ts';
import { HOLD_PRESS_SCRIPT_HASH } from '../../protocol/welcome-page.ts';
import { startPreviewServer } from '../../renderer/preview/serve.ts';
import { writeTestConfig } from '../fixtures/test-config.ts';

const indexHtml = resolve(import.meta.dirname, '../../renderer/index.html');

/**
 * Issue 15: the shell's CSP travels as a response header from both hosts, never as a meta tag.
 * Chromium holds the requests its preload scanner finds until a meta CSP has been applied, which
 * put the entry script's request behind the parsing of the head (bench/README.md).
 */
describe("the shell page's content security policy", () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('is not declared in index.html, so the scripts are requested while the page is still arriving', () => {
    expect(readFileSync(indexHtml, 'utf8')).not.toMatch(/http-equiv=["']?content-security-policy/i);
  });

  it('comes with the preview page as a header: scripts from the page itself (and the press holder), fetches to its central only', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'preview-dist-'));
    cpSync(indexHtml, join(dist, 'index.html'));
    const configPath = writeTestConfig('http://127.0.0.1:9');
    for (const central of [null, { url: 'http://127.0.0.1:8787/', stationToken: 'token' }]) {
      const server = await startPreviewServer({ port: 0, configPath, central, build: false, distDir: dist });
      servers.push(server);
      const policy = (await fetch(server.url)).headers.get('content-security-policy');
      expect(policy).toBe(shellCsp(central ? ['http://127.0.0.1:8787'] : []));
      // The page's own files, and the served welcome screen's press holder by its hash alone.
      expect(policy).toContain(`script-src 'self' ${HOLD_PRESS_SCRIPT_HASH};`);
      expect(policy).toContain(central ? "connect-src 'self' http://127.0.0.1:8787;" : "connect-src 'self';");
    }
  });
});
