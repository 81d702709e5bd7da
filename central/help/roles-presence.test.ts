/**
 * Who answers help (issue 10). Before: a coordinator opening the console counted as an advisor
 * online, so stations were told help was available; an advisor counted as online the moment the
 * console opened; and stations showed the advisor's login name ("ville.virtanen auttaa sinua").
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HelpStationRequest } from '../../protocol/help.ts';
import { requestBody } from '../testing/help-fixtures.ts';
import { createTestCentral, TEST_PASSWORD, type TestCentral } from '../testing/test-app.ts';

let t: TestCentral;
afterEach(async () => t?.close());

const availability = async (token: string): Promise<unknown> =>
  (
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/help/availability',
      headers: { authorization: `Bearer ${token}` },
    })
  ).json<unknown>();

describe('only advisors answer help', () => {
  it('a coordinator cannot open the console, and is never counted as an advisor online', async () => {
    t = await createTestCentral();
    const token = await t.addStation();
    const anna = await t.login('coordinator', 'anna');
    for (const url of ['/api/v1/help/advisor/queue', '/api/v1/help/advisor/stream'])
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie: anna.cookie } })).statusCode).toBe(403);
    const presence = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/help/advisor/presence',
      headers: anna.headers,
      payload: { status: 'online' },
    });
    expect(presence.statusCode).toBe(403);
    expect(await availability(token)).toEqual({ available: false, reason: 'no-advisors' });
  });

  it('an advisor who opens the console is away until they say they are online', async () => {
    t = await createTestCentral();
    const token = await t.addStation();
    const aino = await t.addAdvisor('aino');
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/help/advisor/queue', headers: aino.headers });
    expect(queue.json()).toMatchObject({ me: { status: 'away' } });
    expect(await availability(token)).toEqual({ available: false, reason: 'no-advisors' });
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/help/advisor/presence',
      headers: aino.headers,
      payload: { status: 'online' },
    });
    expect(await availability(token)).toEqual({ available: true, advisorsOnline: 1 });
  });

  it('the visitor sees the advisor’s first name, never the login name', async () => {
    t = await createTestCentral();
    const token = await t.addStation();
    await t.services.accounts.addUser({
      name: 'ville.virtanen',
      role: 'advisor',
      password: TEST_PASSWORD,
      displayName: 'Ville',
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { name: 'ville.virtanen', password: TEST_PASSWORD },
    });
    expect(login.json()).toMatchObject({ name: 'ville.virtanen', displayName: 'Ville' });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const headers = { cookie, 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken };
    await t.app.inject({ method: 'PUT', url: '/api/v1/help/advisor/presence', headers, payload: { status: 'online' } });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/help/requests',
      headers: { authorization: `Bearer ${token}` },
      payload: requestBody(),
    });
    const id = created.json<{ request: HelpStationRequest }>().request.requestId;
    await t.app.inject({ method: 'POST', url: `/api/v1/help/advisor/requests/${id}/claim`, headers });
    const seen = await t.app.inject({
      method: 'GET',
      url: `/api/v1/help/requests/${id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(seen.json<HelpStationRequest>().advisorFirstName).toBe('Ville');
    expect(seen.body).not.toContain('virtanen');
  });

  it('a display name must be a first name only', async () => {
    t = await createTestCentral();
    await expect(
      t.services.accounts.addUser({
        name: 'ville',
        role: 'advisor',
        password: TEST_PASSWORD,
        displayName: 'Ville Virtanen',
      }),
    ).rejects.toThrow(/first name only/);
  });
});
