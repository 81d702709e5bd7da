/**
 * Attacks on login as issue 10 found them. Before: 10 wrong passwords for a name, then the right
 * one got 429 for 15 minutes; behind the city's proxy every login shared one IP, so anyone could
 * lock any advisor out, and spraying one password over many names was not slowed at all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { storageTargets, type OpenedStorage } from '../testing/storage-targets.ts';
import { createLoginThrottle } from './login-throttle.ts';
import { createTestCentral, manualClock, TEST_PASSWORD, type TestCentral } from '../testing/test-app.ts';

const PROXY = '10.0.0.1';
let t: TestCentral;
afterEach(async () => t?.close());

/** A login through the city's proxy, as the client at `clientIp`. */
const login = (name: string, password: string, clientIp: string, via = PROXY) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { name, password },
    remoteAddress: via,
    headers: { 'x-forwarded-for': clientIp },
  });

describe('a stranger cannot lock an advisor out', () => {
  it('a hundred wrong passwords from many addresses keep the advisor out no longer than the longest delay', async () => {
    t = await createTestCentral({ config: { trustedProxies: [PROXY], loginMaxDelaySeconds: 60 } });
    await t.services.accounts.addUser({ name: 'ville', role: 'advisor', password: TEST_PASSWORD });
    const answers: number[] = [];
    for (let i = 0; i < 100; i++) answers.push((await login('ville', 'wrong guess', `203.0.113.${i}`)).statusCode);
    // The first few are checked (401); then the account waits and attempts are refused unchecked.
    expect(answers.slice(0, 3)).toEqual([401, 401, 401]);
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(90);

    const refused = await login('ville', TEST_PASSWORD, '198.51.100.7');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    t.clock.advance(Number(refused.headers['retry-after']) * 1000);
    expect((await login('ville', TEST_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
  });

  it('the delay grows with wrong passwords, refused attempts do not lengthen it, and it never passes the ceiling', async () => {
    t = await createTestCentral({ config: { trustedProxies: [PROXY], loginMaxDelaySeconds: 30 } });
    await t.services.accounts.addUser({ name: 'ville', role: 'advisor', password: TEST_PASSWORD });
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      // Wait out each delay so every guess is checked: the worst an attacker can do.
      let answer = await login('ville', 'wrong guess', '203.0.113.9');
      while (answer.statusCode === 429) {
        waits.push(Number(answer.headers['retry-after']));
        // Hammering during the wait: refused, unchecked, and the wait stays what it was.
        expect((await login('ville', 'another guess', '203.0.113.10')).headers['retry-after']).toBe(
          answer.headers['retry-after'],
        );
        t.clock.advance(Number(answer.headers['retry-after']) * 1000);
        answer = await login('ville', 'wrong guess', '203.0.113.9');
      }
      expect(answer.statusCode).toBe(401);
    }
    expect(waits.slice(0, 4)).toEqual([1, 2, 4, 8]);
    expect(Math.max(...waits)).toBe(30);
    // Right after the attacker's latest guess, the owner waits at most the ceiling, then gets in.
    const refused = await login('ville', TEST_PASSWORD, '198.51.100.7');
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(30);
    t.clock.advance(30_000);
    expect((await login('ville', TEST_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
  });
});

describe('login budgets', () => {
  it('one client trying many names is slowed, while another client behind the same proxy is not', async () => {
    t = await createTestCentral({ config: { trustedProxies: [PROXY], loginAttemptsPer15Minutes: 5 } });
    await t.services.accounts.addUser({ name: 'ville', role: 'advisor', password: TEST_PASSWORD });
    for (let i = 0; i < 5; i++) expect((await login(`name-${i}`, 'password1', '203.0.113.5')).statusCode).toBe(401);
    const limited = await login('name-6', 'password1', '203.0.113.5');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect((await login('ville', TEST_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
  });

  it('a client not among the trusted proxies cannot pick a new address per attempt with X-Forwarded-For', async () => {
    t = await createTestCentral({ config: { trustedProxies: [PROXY], loginAttemptsPer15Minutes: 3 } });
    const spoofed = (i: number) => login(`name-${i}`, 'password1', `192.0.2.${i}`, '203.0.113.66');
    for (let i = 0; i < 3; i++) expect((await spoofed(i)).statusCode).toBe(401);
    expect((await spoofed(4)).statusCode).toBe(429);
  });

  it('spraying one password over many names from many addresses meets the global budget', async () => {
    t = await createTestCentral({ config: { trustedProxies: [PROXY], loginAttemptsPerMinute: 20 } });
    const answers: number[] = [];
    for (let i = 0; i < 25; i++) answers.push((await login(`user-${i}`, 'Summer2026!', `203.0.113.${i}`)).statusCode);
    expect(answers.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(answers.slice(20).every((s) => s === 429)).toBe(true);
    t.clock.advance(60_000);
    expect((await login('user-99', 'Summer2026!', '203.0.113.99')).statusCode).toBe(401);
  });
});

describe.each(storageTargets)('central replicas on one $name database', ({ open }) => {
  let db: OpenedStorage;
  const replicas: TestCentral[] = [];
  afterEach(async () => {
    for (const replica of replicas.splice(0)) await replica.close();
    await db?.dispose();
  });

  it('count wrong passwords together: a guesser sent to each replica in turn waits as if it were one', async () => {
    db = await open();
    const clock = manualClock();
    for (let i = 0; i < 2; i++)
      replicas.push(await createTestCentral({ storage: db.storage, clock, config: { loginMaxDelaySeconds: 60 } }));
    const [a, b] = replicas as [TestCentral, TestCentral];
    await a.services.accounts.addUser({ name: 'ville', role: 'advisor', password: TEST_PASSWORD });
    const tryOn = (replica: TestCentral, password: string, name = 'ville') =>
      replica.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password } });
    // Three wrong passwords are free (loginFreeFailures), wherever the proxy sends them.
    expect([
      (await tryOn(a, 'guess 1')).statusCode,
      (await tryOn(b, 'guess 2', 'Ville ')).statusCode, // the same account however it is typed
      (await tryOn(a, 'guess 3')).statusCode,
      (await tryOn(b, 'guess 4')).statusCode,
    ]).toEqual([401, 401, 401, 401]);
    // The fourth made the account wait, on both replicas: the next guess is refused unchecked.
    const refused = await tryOn(a, 'guess 5');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    clock.advance(1000);
    expect((await tryOn(b, 'guess 6')).statusCode).toBe(401);
    expect((await tryOn(a, TEST_PASSWORD)).headers['retry-after']).toBe('2');
    // The right password, once the wait is over, clears the count on every replica.
    clock.advance(2000);
    expect((await tryOn(a, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await tryOn(b, 'guess 7')).statusCode).toBe(401);
  });

  it('forget what a wrong login name was once it no longer counts, even when nobody logs in again', async () => {
    db = await open();
    const clock = manualClock();
    replicas.push(await createTestCentral({ storage: db.storage, clock }));
    const rows = async () =>
      (await db.storage.all<{ name_key: string }>('SELECT name_key FROM login_throttle')).map((r) => r.name_key);
    // A password typed into the name field is what this table must not keep.
    await replicas[0]!.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { name: 'Hunter2-Salasana', password: 'x' },
    });
    expect(await rows()).toEqual(['hunter2-salasana']);
    const throttle = createLoginThrottle(db.storage, clock, {
      freeFailures: 3,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      forgetAfterMs: 15 * 60_000,
    });
    clock.advance(14 * 60_000);
    await throttle.forgetOld();
    expect(await rows()).toEqual(['hunter2-salasana']);
    clock.advance(60_000);
    await throttle.forgetOld(); // what auth-routes.ts runs every minute
    expect(await rows()).toEqual([]);
  });
});
