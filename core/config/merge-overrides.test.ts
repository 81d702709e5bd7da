import { describe, expect, it } from 'vitest';
import { mergeOverrides } from './merge-overrides.ts';

describe('remote overrides over the local config file', () => {
  it('merges objects key by key, later layers winning', () => {
    const local = { defaultLanguage: 'fi', idle: { idleWarningAfterSeconds: 120, idleCountdownSeconds: 30 } };
    const city = { idle: { idleWarningAfterSeconds: 300 } };
    const station = { defaultLanguage: 'sv' };
    expect(mergeOverrides(local, city, station)).toEqual({
      defaultLanguage: 'sv',
      idle: { idleWarningAfterSeconds: 300, idleCountdownSeconds: 30 },
    });
  });

  it('replaces a list whole, so the launcher never shows half of one layer and half of another', () => {
    const local = { services: [{ id: 'kela' }, { id: 'omakanta' }] };
    expect(mergeOverrides(local, { services: [{ id: 'vero' }] })).toEqual({ services: [{ id: 'vero' }] });
  });

  it('leaves its inputs untouched', () => {
    const local = { idle: { idleWarningAfterSeconds: 120 } };
    const layer = { idle: { idleCountdownSeconds: 30 } };
    const merged = mergeOverrides(local, layer);
    (merged['idle'] as Record<string, number>)['idleCountdownSeconds'] = 99;
    expect(local).toEqual({ idle: { idleWarningAfterSeconds: 120 } });
    expect(layer).toEqual({ idle: { idleCountdownSeconds: 30 } });
  });
});
