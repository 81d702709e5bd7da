import { test as base } from '@playwright/test';
import { startPreviewServer } from '../../renderer/preview/serve.ts';
import { startEServiceServer, type EServiceServer } from '../fixtures/eservice-server.ts';
import { writeTestConfig } from '../fixtures/test-config.ts';

/** Starts a fake e-service and a preview station on free loopback ports for each test. */
export const test = base.extend<{
  eservice: EServiceServer;
  stationUrl: string;
  configOverrides: Record<string, unknown>;
}>({
  /** Dotted paths to override in the test config, e.g. `{ 'idle.idleCountdownSeconds': 5 }`. */
  configOverrides: [{}, { option: true }],
  eservice: async ({}, use) => {
    const server = await startEServiceServer();
    await use(server);
    await server.close();
  },
  stationUrl: async ({ eservice, configOverrides }, use) => {
    const configPath = writeTestConfig(eservice.origin, (config) => {
      for (const [path, value] of Object.entries(configOverrides)) setPath(config, path, value);
    });
    const preview = await startPreviewServer({ port: 0, configPath, central: null, build: false, ...builtShell() });
    await use(preview.url);
    await preview.close();
  },
});
export { expect } from '@playwright/test';

/** Sets `a.b.c` in a parsed JSON object; a test override may deliberately break the config's shape. */
function setPath(root: object, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? path;
  let target = root as Record<string, unknown>;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  target[last] = value;
}

/**
 * `PREVIEW_DIST_DIR` points the journeys at a shell built elsewhere (`buildShell(dir)` in
 * renderer/build.ts, which also renders the welcome screens),
 * so one engineer's run does not race another's rebuild of `dist/renderer`.
 */
export function builtShell(): { distDir: string } | Record<string, never> {
  const dir = process.env['PREVIEW_DIST_DIR'];
  return dir ? { distDir: dir } : {};
}
