import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateConfig, validateConfigText } from './validate.ts';

/** The demo config as plain JSON objects, so a test can break any field of it. */
type Json = Record<string, unknown>;
type DemoConfig = Json & { idle: Json; services: (Json & { name: Json })[]; help?: unknown };

const demo = () =>
  JSON.parse(readFileSync(new URL('../../kiosk-config/default.json', import.meta.url), 'utf8')) as DemoConfig;

/** The service at `index` of the demo (the tests break services the demo is known to have). */
function serviceAt(config: DemoConfig, index: number): DemoConfig['services'][number] {
  const service = config.services[index];
  if (!service) throw new Error(`the demo config has no services[${index}]`);
  return service;
}

describe('station config: IT staff see every mistake with the field it is in', () => {
  it('accepts the demo station config', () => {
    expect(validateConfig(demo())).toMatchObject({ ok: true });
  });

  it('names each bad field, and never fills in defaults for invalid values', () => {
    const config = demo();
    config.idle['idleCountdownSeconds'] = 5;
    serviceAt(config, 2)['startUrl'] = 'https://evil.example/';
    serviceAt(config, 3)['allowedOrigins'] = ['https://www.suomi.fi/path'];
    serviceAt(config, 4)['id'] = serviceAt(config, 0)['id'];
    config['unknownKey'] = true;
    delete config.help;
    const check = validateConfig(config);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const fields = check.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'idle.idleCountdownSeconds',
        'services[2].startUrl',
        'services[3].allowedOrigins[0]',
        'services[4].id',
        'unknownKey',
        'help',
      ]),
    );
    expect(check.errors.find((e) => e.field === 'help')?.message).toBe('required field is missing');
  });

  it('reports a JSON syntax error as a problem of the whole file', () => {
    const check = validateConfigText('{ "stationId": ');
    expect(check).toMatchObject({ ok: false, errors: [{ field: '(file)' }] });
  });

  it('refuses a language code the shell does not know', () => {
    const config = demo();
    serviceAt(config, 0).name['xx'] = 'Foo';
    const check = validateConfig(config);
    expect(check.ok ? [] : check.errors.map((e) => e.field)).toContain('services[0].name.xx');
  });
});
