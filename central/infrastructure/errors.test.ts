import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../protocol/api.ts';
import { createTestCentral, type TestCentral } from '../testing/test-app.ts';

let central: TestCentral;
afterEach(async () => central?.close());

const TEN_KB = 'a'.repeat(10_000);

/** A reply in the one error shape, short enough that nothing long was echoed back. */
function expectShortError(body: string, error: string) {
  expect(body.length).toBeLessThan(400);
  expect(apiErrorSchema.strict().parse(JSON.parse(body))).toMatchObject({ error });
}

describe('errors central answers before any route runs', () => {
  it('answers a 10 kB unknown path with a short 404, without echoing the path', async () => {
    central = await createTestCentral();
    const response = await central.app.inject({ method: 'GET', url: `/api/v1/${TEN_KB}` });
    expect(response.statusCode).toBe(404);
    expectShortError(response.body, 'not_found');
  });

  it('answers a 10 kB path parameter with a short 414', async () => {
    central = await createTestCentral();
    const token = await central.addStation();
    const response = await central.app.inject({
      method: 'GET',
      url: `/api/v1/help/requests/${TEN_KB}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(414);
    expectShortError(response.body, 'uri_too_long');
  });

  it('answers a URL that is not valid percent-encoding with a short 400', async () => {
    central = await createTestCentral();
    const response = await central.app.inject({
      method: 'GET',
      url: `/api/v1/help/requests/%zz${TEN_KB.slice(0, 90)}`,
    });
    expect(response.statusCode).toBe(400);
    expectShortError(response.body, 'bad_url');
  });

  it('answers a request line over the header limit with a short 431 in the same shape', async () => {
    central = await createTestCentral();
    const base = await central.listen();
    const response = await fetch(`${base}/api/v1/${'a'.repeat(20_000)}`);
    expect(response.status).toBe(431);
    expectShortError(await response.text(), 'headers_too_large');
  });

  it('names the field a query got wrong without echoing a 10 kB value or key', async () => {
    central = await createTestCentral();
    const { cookie } = await central.login('coordinator');
    for (const query of [`from=${TEN_KB}`, `${TEN_KB}=1`]) {
      const response = await central.app.inject({
        method: 'GET',
        url: `/api/v1/dashboard/summary?${query}`,
        headers: { cookie },
      });
      expect(response.statusCode).toBe(400);
      expectShortError(response.body, 'bad_request');
    }
  });

  it('refuses a stranger before looking at the body', async () => {
    central = await createTestCentral();
    const response = await central.app.inject({
      method: 'POST',
      url: '/api/v1/help/requests',
      payload: { nonsense: TEN_KB },
    });
    expect(response.statusCode).toBe(401);
    expectShortError(response.body, 'unauthenticated');
  });
});
