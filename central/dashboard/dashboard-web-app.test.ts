import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCentral, type TestCentral } from '../testing/test-app.ts';

let central: TestCentral;
let dir: string;
afterEach(async () => {
  await central?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the dashboard web app', () => {
  it('is served at /dashboard/ once built', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Asiakaspäätteiden käyttö</title>');
    central = await createTestCentral({ config: { dashboardDir: dir } });
    const page = await central.app.inject({ method: 'GET', url: '/dashboard/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Asiakaspäätteiden käyttö');
    expect((await central.app.inject({ method: 'GET', url: '/dashboard' })).statusCode).toBe(302);
  });

  it('says how to build it when it is not built', async () => {
    central = await createTestCentral({ config: { dashboardDir: '/nonexistent/dashboard' } });
    const page = await central.app.inject({ method: 'GET', url: '/dashboard/' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build:central-web');
  });
});
