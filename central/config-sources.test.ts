import { describe, expect, it } from 'vitest';
import { ConfigSourceError, configFromSources, parseServiceHours } from './config-sources.ts';
import { centralConfigSchema } from './config.ts';

const load = (flags: Record<string, string | boolean | undefined>, env: Record<string, string> = {}) =>
  centralConfigSchema.parse(configFromSources({ flags, env }));

describe('central settings from flags and the environment', () => {
  it('lets IT staff set help service hours from the command line, in a form people write', () => {
    const config = load({ 'help-service-hours': 'mon-fri 09:00-16:00; sat 10:00-12:00 13:00-14:00' });
    expect(config.help.serviceHours).toEqual({
      timeZone: 'Europe/Helsinki',
      weekly: {
        mon: [['09:00', '16:00']],
        tue: [['09:00', '16:00']],
        wed: [['09:00', '16:00']],
        thu: [['09:00', '16:00']],
        fri: [['09:00', '16:00']],
        sat: [
          ['10:00', '12:00'],
          ['13:00', '14:00'],
        ],
      },
    });
    expect(load({ 'help-service-hours': 'always' }).help.serviceHours).toBeNull();
  });

  it('reads CENTRAL_* variables, and a flag wins over its variable', () => {
    const config = load(
      { 'help-online-within-seconds': '30' },
      {
        CENTRAL_HELP_ONLINE_WITHIN_SECONDS: '120',
        CENTRAL_RETENTION_DAYS: '30',
        CENTRAL_DEV_MODE: 'true',
        CENTRAL_TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16',
        CENTRAL_HELP_SERVICE_HOURS: 'sat,sun 10:00-14:00',
        CENTRAL_HELP_TIME_ZONE: 'Europe/Stockholm',
      },
    );
    expect(config.help.onlineWithinSeconds).toBe(30);
    expect(config.retentionDays).toBe(30);
    expect(config.devMode).toBe(true);
    expect(config.trustedProxies).toEqual(['10.0.0.5', '10.1.0.0/16']);
    expect(config.help.serviceHours).toEqual({
      timeZone: 'Europe/Stockholm',
      weekly: { sat: [['10:00', '14:00']], sun: [['10:00', '14:00']] },
    });
  });

  it('keeps every default when nothing is given', () => {
    expect(load({})).toEqual(centralConfigSchema.parse({}));
    expect(load({}).help).toMatchObject({ serviceHours: null, returnAfterSilenceSeconds: 90 });
  });

  it('names the flag or variable that is wrong', () => {
    expect(() => load({ 'retention-days': 'ninety' })).toThrow(/--retention-days must be a whole number/);
    expect(() => load({}, { CENTRAL_DEV_MODE: 'maybe' })).toThrow(/CENTRAL_DEV_MODE/);
    expect(() => parseServiceHours('weekdays 09:00-16:00')).toThrow(ConfigSourceError);
    expect(() => parseServiceHours('mon-fri')).toThrow(/time range/);
    expect(() => load({ 'help-time-zone': 'Europe/Helsinki' })).toThrow(/needs --help-service-hours/);
    expect(() => load({ 'help-service-hours': 'mon 9-16' })).toThrow(
      /--help-service-hours: "9-16" must be a range of HH:MM/,
    );
    expect(() => load({ 'help-service-hours': 'mon 16:00-09:00' })).toThrow(/must open before it closes/);
    expect(() => load({ 'help-service-hours': 'mon 09:00-16:00', 'help-time-zone': 'Mars/Olympus' })).toThrow(
      /time zone/,
    );
    expect(() => load({ 'help-online-within-seconds': '5' })).toThrow(/onlineWithinSeconds/);
  });
});
