import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccounts } from './auth/accounts.ts';
import { realClock } from './infrastructure/clock.ts';
import { openSqliteStorage } from './storage/sqlite-storage.ts';
import { batch, createTestCentral, realTestClock, sessionStarted } from './testing/test-app.ts';
import { uploadSessions } from './testing/usage-fixtures.ts';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    encoding: 'utf8',
    input: input ?? '',
    timeout: 30_000,
  });

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the central command line', () => {
  it('registers a station and prints a token that then authenticates its uploads', async () => {
    dir = mkdtempSync(join(tmpdir(), 'central-cli-'));
    const db = join(dir, 'central.db');
    const added = run(['station', 'add', 'oodi-2', '--location', 'Oodi, 2nd floor', '--site', 'library', '--db', db]);
    expect(added.status).toBe(0);
    const token = added.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^kst_/);
    expect(run(['station', 'list', '--db', db]).stdout).toContain('oodi-2\tlibrary\tOodi, 2nd floor\tactive');

    const storage = openSqliteStorage(db);
    const central = await createTestCentral({ storage });
    const response = await central.app.inject({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { authorization: `Bearer ${token}` },
      payload: batch([sessionStarted(central.clock.now())]),
    });
    expect(response.json()).toMatchObject({ accepted: 1 });
    await central.close();
    await storage.close();

    expect(run(['station', 'revoke', 'oodi-2', '--db', db]).status).toBe(0);
    expect(run(['station', 'list', '--db', db]).stdout).toContain('revoked');
  });

  it('adds a user with the password piped on stdin', async () => {
    dir = mkdtempSync(join(tmpdir(), 'central-cli-'));
    const db = join(dir, 'central.db');
    expect(run(['user', 'add', 'anna', '--role', 'coordinator', '--db', db], 'a long enough password\n').status).toBe(
      0,
    );
    const storage = openSqliteStorage(db);
    expect(await createAccounts(storage, realClock()).checkPassword('anna', 'a long enough password')).toBe(
      'coordinator',
    );
    await storage.close();
  });

  it('manages a user from list to removal, and re-keys a station under the same id', async () => {
    dir = mkdtempSync(join(tmpdir(), 'central-cli-'));
    const db = join(dir, 'central.db');
    const ok = (args: string[], input?: string) => {
      const result = run([...args, '--db', db, '--password-scrypt-log2n', '14'], input);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return result.stdout;
    };
    ok(['user', 'add', 'ville.virtanen', '--role', 'advisor', '--display-name', 'Ville'], 'a long enough password\n');
    expect(ok(['user', 'list'])).toContain('ville.virtanen\tadvisor\tVille\tactive\t0 session(s)');
    expect(ok(['user', 'disable', 'ville.virtanen'])).toContain('disabled');
    expect(ok(['user', 'list'])).toMatch(/ville\.virtanen\tadvisor\tVille\tdisabled /);
    ok(['user', 'enable', 'ville.virtanen']);
    ok(['user', 'passwd', 'ville.virtanen'], 'another long password\n');
    const storage = openSqliteStorage(db);
    const accounts = createAccounts(storage, realClock());
    expect(await accounts.checkPassword('ville.virtanen', 'a long enough password')).toBeNull();
    expect(await accounts.checkPassword('ville.virtanen', 'another long password')).toBe('advisor');
    await storage.close();
    expect(ok(['user', 'logout', 'ville.virtanen'])).toContain('logged out everywhere');
    ok(['user', 'remove', 'ville.virtanen']);
    expect(ok(['user', 'list'])).toContain('no users');

    const first = ok(['station', 'add', 'oodi-2', '--location', 'Oodi', '--site', 'library']).trim().split('\n').at(-1);
    ok(['station', 'revoke', 'oodi-2']);
    const second = ok(['station', 'rotate', 'oodi-2']).trim().split('\n').at(-1);
    expect(second).toMatch(/^kst_/);
    expect(second).not.toBe(first);
    expect(ok(['station', 'list'])).toContain('oodi-2\tlibrary\tOodi\tactive');
  }, 120_000);

  it('explains a mistake in one line and exits 1, without a stack trace', () => {
    dir = mkdtempSync(join(tmpdir(), 'central-cli-'));
    const db = join(dir, 'central.db');
    for (const args of [
      ['station', 'add', 'oodi-2', '--location', 'x', '--site', 'castle', '--db', db],
      ['user', 'add', 'anna', '--role', 'boss', '--db', db],
      ['user', 'add', 'anna', '--role', 'advisor', '--display-name', 'Anna Virtanen', '--db', db],
      ['user', 'disable', 'nobody', '--db', db],
      ['station', 'rotate', 'nowhere', '--db', db],
      ['--port', 'http'],
      ['--db', 'mysql://nope'],
      ['--help-service-hours', 'weekdays 9-16'],
      ['frobnicate'],
    ]) {
      const result = run(args, 'a long enough password\n');
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(/^error: /m);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it('rebuilds the dashboard rollups from raw events, so damaged figures come back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'central-cli-'));
    const db = join(dir, 'central.db');
    const storage = openSqliteStorage(db);
    const central = await createTestCentral({ storage, clock: realTestClock() });
    const token = await central.addStation('oodi-1', { siteKind: 'library' });
    await uploadSessions(central, token, [{ at: Date.now() - 3600_000, serviceId: 'kela', language: 'fi' }]);
    const siteRows = () => storage.all('SELECT * FROM daily_site_totals ORDER BY type, day, site_kind, dim');
    const before = await siteRows();
    expect(before.length).toBeGreaterThan(3);
    await storage.run('DELETE FROM daily_site_totals');
    await central.close();

    const rebuilt = run(['rollups', 'rebuild', '--db', db]);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.stdout).toMatch(/rollups rebuilt: 1 day\(s\) from raw events/);
    expect(await siteRows()).toEqual(before);
    await storage.close();
  });

  it('starts the server and says where it listens', async () => {
    dir = mkdtempSync(join(tmpdir(), 'central-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--db', join(dir, 'central.db')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /central listening on http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (match) resolve(match[0]);
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const url = line.replace('central listening on ', '');
    expect(((await (await fetch(`${url}/api/v1/health`)).json()) as { ok: boolean }).ok).toBe(true);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
  });
});
