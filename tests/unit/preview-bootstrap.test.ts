import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTestConfig } from '../fixtures/test-config.ts';
import type { PreviewBootstrap } from '../../renderer/preview/bootstrap.ts';
import { startPreviewServer } from '../../renderer/preview/serve.ts';

/**
 * Issue 15: the preview page must not build the config schema and check the file before its
 * first screen, as Electron's renderer never does; the server checks it, as Electron main does,
 * with the same core function, so the page gets the same result or the same problems.
 */
describe('the preview server checks the config for the page', () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  const serve = async (configPath: string) => {
    const dist = mkdtempSync(join(tmpdir(), 'preview-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const server = await startPreviewServer({ port: 0, configPath, central: null, build: false, distDir: dist });
    servers.push(server);
    return server;
  };
  const bootstrapOf = async (url: string) =>
    (await (await fetch(new URL('preview/bootstrap.json', url))).json()) as PreviewBootstrap;
  const inlinedIn = async (url: string) => {
    const html = await (await fetch(url)).text();
    const json = /<script type="application\/json" id="preview-bootstrap">(.*?)<\/script>/s.exec(html)?.[1];
    return JSON.parse(json ?? 'null') as PreviewBootstrap;
  };

  it('hands the page the checked config, defaults filled in, inlined and on request', async () => {
    const path = writeTestConfig('http://127.0.0.1:9', (config) => {
      config.location.name = { fi: 'Oodi <2. krs>' };
    });
    const server = await serve(path);
    for (const boot of [await inlinedIn(server.url), await bootstrapOf(server.url)]) {
      expect(boot.configPath).toBe(path);
      if (!boot.config.ok) throw new Error(JSON.stringify(boot.config.errors));
      expect(boot.config.config.location.name.fi).toBe('Oodi <2. krs>');
      expect(boot.config.config.services[0]?.permissions).toEqual(expect.any(Array));
    }
  });

  it('hands the page every problem of an invalid file, so it shows the out-of-order screen', async () => {
    let copied = -1;
    const path = writeTestConfig('http://127.0.0.1:9', (config) => {
      (config.idle as { idleCountdownSeconds: unknown }).idleCountdownSeconds = 'soon';
      copied = config.services.push({ ...config.services[0]! }) - 1;
    });
    const { config } = await inlinedIn((await serve(path)).url);
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['idle.idleCountdownSeconds', `services[${String(copied)}].id`]),
    );
  });

  it('reports a file that is not JSON, or missing, as a problem of the whole file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
    writeFileSync(join(dir, 'broken.json'), '{ "stationId": ');
    for (const path of [join(dir, 'broken.json'), join(dir, 'missing.json')]) {
      const { config } = await bootstrapOf((await serve(path)).url);
      expect(config).toEqual({ ok: false, errors: [expect.objectContaining({ field: '(file)' })] });
    }
  });
});
