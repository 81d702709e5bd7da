import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccounts } from '../auth/accounts.ts';
import { realClock } from '../infrastructure/clock.ts';
import { centralMigrations } from '../storage/central-migrations.ts';
import { openSqliteStorage } from '../storage/sqlite-storage.ts';
import { runFleetCli } from './fleet-cli.ts';

describe('fleet CLI', () => {
  let dir: string;
  let db: string;
  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    await runFleetCli(argv, db, (line) => lines.push(line));
    return lines;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fleet-cli-'));
    db = join(dir, 'central.db');
    const storage = openSqliteStorage(db);
    await storage.migrate('central', centralMigrations);
    await createAccounts(storage, realClock(), {}).addStation({ id: 'oodi-1', location: 'Oodi', siteKind: 'library' });
    await storage.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets overrides, refusing a bad one with the field named, and lists who changed what', async () => {
    await expect(run('config', 'set', 'city', '--json', '{"idle":{"idleCountdownSeconds":5}}')).rejects.toThrow(
      /^refused: idle\.idleCountdownSeconds: /,
    );
    expect(await run('config', 'set', 'site', 'oodi', '--json', '{"defaultLanguage":"sv"}')).toEqual([
      'overrides of site oodi are now version 1',
    ]);
    const [history] = await run('config', 'history');
    expect(history).toMatch(/^1\t.*\tcli:.*\tsite\toodi\t\{"defaultLanguage":"sv"\}$/);
    expect(JSON.parse((await run('config', 'show', '--station', 'oodi-1')).join('\n'))).toEqual({
      version: 1,
      overrides: { defaultLanguage: 'sv' },
    });
  });

  it('queues actions for a station or a site and lists the fleet', async () => {
    const [queued] = await run(
      'action',
      'oodi-1',
      'welcome-message',
      '--text',
      'fi=Huolto klo 14',
      '--text',
      'en=Service at 14:00',
      '--until',
      '2026-11-30T12:00Z',
    );
    expect(queued).toMatch(/^queued welcome-message for oodi-1: [0-9a-f-]{36}$/);
    expect(await run('action', '--site', 'oodi', 'out-of-order', '--on', '--reason', 'Näyttö rikki')).toHaveLength(1);
    await expect(run('action', 'oodi-1', 'out-of-order')).rejects.toThrow(/--on .* or --off/);
    await expect(run('action', 'nobody', 'reset-now')).rejects.toThrow(/no station nobody/);
    expect(await run('list')).toEqual([expect.stringMatching(/^oodi-1\tunknown\toodi\t-\tnever\t-$/)]);
  });
});
