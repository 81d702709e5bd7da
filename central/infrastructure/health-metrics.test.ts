import { afterEach, describe, expect, it } from 'vitest';
import { processSettingsFromEnv } from '../start-central.ts';
import { batch, createTestCentral, sessionStarted, type TestCentral } from '../testing/test-app.ts';

let central: TestCentral | null = null;
afterEach(async () => {
  await central?.close();
  central = null;
});

describe('health checks', () => {
  it('say the process is up, and ready while the database answers', async () => {
    central = await createTestCentral();
    expect((await central.app.inject({ url: '/healthz' })).json()).toEqual({ ok: true });
    expect((await central.app.inject({ url: '/readyz' })).json()).toEqual({ ready: true });
  });

  it('say not ready when the database does not answer', async () => {
    central = await createTestCentral();
    await central.storage.close();
    const reply = await central.app.inject({ url: '/readyz' });
    expect(reply.statusCode).toBe(503);
    expect(reply.json()).toEqual({ ready: false, reason: 'database-unreachable' });
    expect((await central.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('Prometheus metrics', () => {
  it('count requests by route pattern, never by URL, and ingest events by outcome', async () => {
    central = await createTestCentral();
    const token = await central.addStation('oodi-1');
    const upload = batch([sessionStarted(central.clock.now())]);
    for (let i = 0; i < 2; i++) {
      const reply = await central.app.inject({
        method: 'POST',
        url: '/api/v1/ingest',
        headers: { authorization: `Bearer ${token}` },
        payload: upload,
      });
      expect(reply.statusCode).toBe(200);
    }
    await central.app.inject({
      url: '/api/v1/help/requests/some-secret-looking-id',
      headers: { authorization: `Bearer ${token}` },
    });

    const text = (await central.app.inject({ url: '/metrics' })).body;
    expect(text).toContain('central_http_requests_total{method="POST",route="/api/v1/ingest",status="200"} 2');
    expect(text).toContain('route="/api/v1/help/requests/:id"');
    expect(text).not.toContain('some-secret-looking-id');
    expect(text).toContain('central_ingest_events_total{outcome="accepted"} 1');
    expect(text).toContain('central_ingest_events_total{outcome="duplicate"} 1');
    expect(text).toContain('central_open_streams 0');
    expect(text).toContain('central_help_queue_length 0');
  });

  it('answer only a scraper on this host that did not come through the proxy, unless a token is set', async () => {
    central = await createTestCentral();
    expect((await central.app.inject({ url: '/metrics' })).statusCode).toBe(200);
    const proxied = await central.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.5' } });
    expect(proxied.statusCode).toBe(404);
    await central.close();

    const token = 'a'.repeat(40);
    central = await createTestCentral({ config: { metricsToken: token } });
    expect((await central.app.inject({ url: '/metrics' })).statusCode).toBe(404);
    expect((await central.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(
      404,
    );
    const ok = await central.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
  });
});

describe('settings from the environment', () => {
  it('are validated at boot, each problem named by its variable', () => {
    expect(() => processSettingsFromEnv({ CENTRAL_PORT: 'eighty' })).toThrow('CENTRAL_PORT must be a number 0-65535');
    expect(() => processSettingsFromEnv({ CENTRAL_LOG_LEVEL: 'loud' })).toThrow(/CENTRAL_LOG_LEVEL must be one of/);
    expect(() => processSettingsFromEnv({ CENTRAL_DB: 'mysql://db/central' })).toThrow(/postgres:\/\/ URL/);
    expect(() => processSettingsFromEnv({ CENTRAL_HELP_REPLAY_EVENTS: 'many' })).toThrow(
      'CENTRAL_HELP_REPLAY_EVENTS must be a whole number',
    );
    const settings = processSettingsFromEnv({
      DATABASE_URL: 'postgres://central@db/central',
      CENTRAL_PORT: '8080',
      CENTRAL_HELP_REPLAY_EVENTS: '500',
    });
    expect(settings).toMatchObject({ db: 'postgres://central@db/central', port: 8080, logLevel: 'info' });
    expect(settings.config.help.replayEvents).toBe(500);
  });
});
