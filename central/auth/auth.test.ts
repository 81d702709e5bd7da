import { scryptSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCentral, TEST_PASSWORD, type TestCentral } from '../testing/test-app.ts';

let central: TestCentral;
afterEach(async () => central?.close());

describe('logging in to central', () => {
  it('gives a coordinator an HttpOnly SameSite=Strict session and a readable CSRF cookie', async () => {
    central = await createTestCentral();
    await central.login('coordinator', 'anna');
    const response = await central.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { name: 'anna', password: 'correct horse battery' },
    });
    expect(response.statusCode).toBe(200);
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    expect(setCookie.find((c) => c.startsWith('kiosk_session='))).toMatch(/HttpOnly/i);
    expect(setCookie.find((c) => c.startsWith('kiosk_session='))).toMatch(/SameSite=Strict/i);
    expect(setCookie.find((c) => c.startsWith('kiosk_csrf='))).not.toMatch(/HttpOnly/i);
  });

  it('refuses a wrong password without saying whether the user exists', async () => {
    central = await createTestCentral();
    await central.login('coordinator', 'anna');
    const wrong = await central.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { name: 'anna', password: 'nope' },
    });
    const unknown = await central.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { name: 'bob', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('slows down password guessing: too many attempts get 429 with Retry-After', async () => {
    central = await createTestCentral({ config: { loginAttemptsPer15Minutes: 3 } });
    const attempt = () =>
      central.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: 'anna', password: 'guess' } });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    central.clock.advance(15 * 60_000);
    expect((await attempt()).statusCode).toBe(401);
  });

  it('answers the staff apps\' start-up question "who is logged in?" with nobody, not an error', async () => {
    central = await createTestCentral();
    const session = (cookie?: string) =>
      central.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: cookie ? { cookie } : {} });
    const nobody = await session();
    expect([nobody.statusCode, nobody.json()]).toEqual([200, { me: null }]);
    const { cookie, csrf } = await central.login('advisor', 'ville');
    expect((await session(cookie)).json()).toEqual({
      me: { name: 'ville', displayName: 'ville', role: 'advisor', csrfToken: csrf },
    });
    await central.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect((await session(cookie)).json()).toEqual({ me: null });
  });

  it('tells who is logged in, and logging out needs the CSRF header', async () => {
    central = await createTestCentral();
    const { cookie, csrf } = await central.login('advisor', 'ville');
    const me = await central.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ name: 'ville', role: 'advisor' });
    const forged = await central.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ error: 'csrf' });
    const out = await central.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(200);
    expect((await central.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('ends a session when it expires', async () => {
    central = await createTestCentral({ config: { sessionHours: 1 } });
    const { cookie } = await central.login('coordinator');
    central.clock.advance(3600_000 + 1);
    expect((await central.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('keeps advisors out of coordinator-only pages', async () => {
    central = await createTestCentral();
    const { cookie } = await central.login('advisor');
    const response = await central.app.inject({ method: 'GET', url: '/api/v1/dashboard/summary', headers: { cookie } });
    expect(response.statusCode).toBe(403);
  });
});

describe('session cookies and lifetimes (issue 10)', () => {
  it('outside development mode the session cookie is __Host-, Secure, and lives only as long as the browser', async () => {
    central = await createTestCentral({ config: { devMode: false } });
    await central.services.accounts.addUser({ name: 'anna', role: 'coordinator', password: TEST_PASSWORD });
    const response = await central.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { name: 'anna', password: TEST_PASSWORD },
    });
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const session = setCookie.find((c) => c.startsWith('__Host-kiosk_session='));
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Domain=|Expires=|Max-Age=/i);
    expect(setCookie.find((c) => c.startsWith('__Host-kiosk_csrf='))).toMatch(/; Secure/i);
    // The plain name is not accepted in production: a sibling subdomain could plant it.
    const plain = `kiosk_session=${response.cookies.find((c) => c.name === '__Host-kiosk_session')?.value}`;
    expect(
      (await central.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: plain } })).statusCode,
    ).toBe(401);
  });

  it('an unused session ends after the idle timeout, while a used one lives on', async () => {
    central = await createTestCentral({ config: { sessionIdleMinutes: 30 } });
    const busy = await central.login('advisor', 'aino');
    const idle = await central.login('coordinator', 'anna');
    const me = (cookie: string) => central.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    for (let i = 0; i < 4; i++) {
      central.clock.advance(10 * 60_000);
      expect((await me(busy.cookie)).statusCode).toBe(200);
    }
    expect((await me(idle.cookie)).statusCode).toBe(401);
  });

  it('logging in again ends the older session of the same person', async () => {
    central = await createTestCentral();
    const first = await central.login('advisor', 'aino');
    const again = await central.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { name: 'aino', password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(200);
    expect(
      (await central.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: first.cookie } }))
        .statusCode,
    ).toBe(401);
  });

  it('a password hashed with the old scrypt cost is upgraded, with its parameters stored, at the next login', async () => {
    central = await createTestCentral({ config: { passwordScryptLog2N: 15 } });
    const salt = 'legacysalt';
    const legacy = scryptSync(TEST_PASSWORD, salt, 64, { N: 16384, r: 8, p: 1 }).toString('base64url');
    await central.storage.run(
      'INSERT INTO users (name, role, password_hash, password_salt, created_at) VALUES (?, ?, ?, ?, ?)',
      ['old-timer', 'advisor', legacy, salt, 0],
    );
    const login = () =>
      central.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { name: 'old-timer', password: TEST_PASSWORD },
      });
    expect((await login()).statusCode).toBe(200);
    const row = await central.storage.get<{ password_hash: string }>('SELECT password_hash FROM users WHERE name = ?', [
      'old-timer',
    ]);
    expect(row?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect((await login()).statusCode).toBe(200);
  });
});
