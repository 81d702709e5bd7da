import { afterEach, describe, expect, it } from 'vitest';
import { createTestCentral, type TestCentral } from '../testing/test-app.ts';

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
