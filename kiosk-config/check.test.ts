import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stationConfigJsonSchema } from './export-schema.ts';

const tsx = join(process.cwd(), 'node_modules/.bin/tsx');

describe('npm run config:check', () => {
  it('exits 0 for the demo config', () => {
    const out = execFileSync(tsx, ['kiosk-config/check.ts', 'kiosk-config/default.json'], { encoding: 'utf8' });
    expect(out).toContain('ok (11 services');
  });

  it('exits 1 and names every bad field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ stationId: 'Bad Id', services: [] }));
    const result = spawnSync(tsx, ['kiosk-config/check.ts', file], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('stationId:');
    expect(result.stderr).toContain('services:');
    expect(result.stderr).toContain('location: required field is missing');
  });

  it('ships a JSON Schema that matches the code (run npm run config:schema after changing it)', async () => {
    const { readFileSync } = await import('node:fs');
    const committed: unknown = JSON.parse(readFileSync('kiosk-config/schema.json', 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(stationConfigJsonSchema())));
  });
});
