/**
 * Account and station lifecycle (issue 10): before, there was no way to disable, remove or re-key
 * an account short of editing the database, and a revoked station could never get a new token
 * under its id. Run on SQLite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestBody } from '../testing/help-fixtures.ts';
import { storageTargets, type OpenedStorage } from '../testing/storage-targets.ts';
import { batch, createTestCentral, sessionStarted, TEST_PASSWORD, type TestCentral } from '../testing/test-app.ts';

describe.each(storageTargets)('account and station lifecycle ($name)', (target) => {
  let db: OpenedStorage;
  let t: TestCentral;
  beforeEach(async () => {
    db = await target.open();
    t = await createTestCentral({ storage: db.storage });
  });
  afterEach(async () => {
    await t.close();
    await db.dispose();
  });

  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  const login = (name: string, password = TEST_PASSWORD) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password } });

  it('disabling a user ends their sessions and refuses their password; enabling lets them back', async () => {
    const aino = await t.addAdvisor('aino');
    await t.services.accounts.disableUser('aino');
    expect((await me(aino.cookie)).statusCode).toBe(401);
    expect((await login('aino')).statusCode).toBe(401);
    expect((await t.services.accounts.listUsers()).find((u) => u.name === 'aino')?.disabledAt).not.toBeNull();
    await t.services.accounts.enableUser('aino');
    expect((await login('aino')).statusCode).toBe(200);
  });

  it('a password change ends every session; the old password stops working', async () => {
    const aino = await t.addAdvisor('aino');
    await t.services.accounts.setPassword('aino', 'a brand new passphrase');
    expect((await me(aino.cookie)).statusCode).toBe(401);
    expect((await login('aino')).statusCode).toBe(401);
    expect((await login('aino', 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('removing a user deletes the account and its sessions', async () => {
    const aino = await t.addAdvisor('aino');
    await t.services.accounts.removeUser('aino');
    expect((await me(aino.cookie)).statusCode).toBe(401);
    expect((await t.services.accounts.listUsers()).map((u) => u.name)).not.toContain('aino');
  });

  it('an admin manages users over the API; others cannot, and nothing lists a hash', async () => {
    const admin = await t.login('admin', 'root');
    const aino = await t.addAdvisor('aino');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie: aino.cookie } })).statusCode,
    ).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie: admin.cookie } });
    expect(list.body).not.toMatch(/scrypt|password/);
    expect(list.json<{ users: { name: string; activeSessions: number }[] }>().users).toContainEqual(
      expect.objectContaining({ name: 'aino', activeSessions: 1 }),
    );
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/admin/users/aino/logout', headers: admin.headers });
    expect(out.json()).toEqual({ ended: 1 });
    expect((await me(aino.cookie)).statusCode).toBe(401);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users/nobody/disable',
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found' });
    const weak = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/users/aino/password',
      headers: admin.headers,
      payload: { password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(Object.keys(weak.json<Record<string, unknown>>()).sort()).toEqual(['error', 'message']);
  });

  it('rotating a station gives a new token under the same id; the old token stops and its events stay', async () => {
    const old = await t.addStation('oodi-1');
    const upload = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/ingest',
        headers: { authorization: `Bearer ${token}` },
        payload: batch([sessionStarted(t.clock.now())]),
      });
    expect((await upload(old)).statusCode).toBe(200);
    await t.services.accounts.revokeStation('oodi-1');
    const fresh = await t.services.accounts.rotateStation('oodi-1');
    expect((await upload(old)).statusCode).toBe(401);
    expect((await upload(fresh)).statusCode).toBe(200);
    const rows = await t.storage.all<{ station_id: string }>('SELECT station_id FROM events');
    expect(rows.map((r) => r.station_id)).toEqual(['oodi-1', 'oodi-1']);
    expect((await t.services.accounts.listStations())[0]).toMatchObject({ id: 'oodi-1', revokedAt: null });
  });

  it('revoking a station through the admin API closes its open help request', async () => {
    const admin = await t.login('admin', 'root');
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/help/advisor/presence',
      headers: admin.headers,
      payload: { status: 'online' },
    });
    const token = await t.addStation('oodi-1');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/help/requests',
      headers: { authorization: `Bearer ${token}` },
      payload: requestBody(),
    });
    const id = created.json<{ request: { requestId: string } }>().request.requestId;
    const revoked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/stations/oodi-1/revoke',
      headers: admin.headers,
    });
    expect(revoked.statusCode).toBe(200);
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/help/advisor/queue', headers: admin.headers });
    expect(queue.json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(id);
    const rotated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/stations/oodi-1/rotate',
      headers: admin.headers,
    });
    const fresh = rotated.json<{ id: string; token: string }>();
    expect(fresh.id).toBe('oodi-1');
    expect(fresh.token).toMatch(/^kst_/);
  });
});
