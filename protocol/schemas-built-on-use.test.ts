import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Zod from 'zod';

/**
 * Issue 15: the station's start must not build schemas it does not use. Every zod factory call
 * made while a contract module is imported is counted; the station-side modules must make none.
 */
const built: string[] = [];
vi.mock('zod', async (importOriginal) => {
  const actual = await importOriginal<typeof Zod>();
  const z = new Proxy(actual.z, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string' || !/^[a-z]/.test(key)) return value;
      return (...args: unknown[]) => {
        built.push(key);
        return (value as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  return { ...actual, z };
});

afterEach(() => {
  built.length = 0;
  vi.resetModules();
});

describe('contract modules the station loads at start', () => {
  for (const module of [
    './events.ts',
    './help.ts',
    './ipc.ts',
    './fleet.ts',
    './ingest.ts',
    '../core/fleet/fleet-memory.ts',
    // The config arrives checked (Electron main, the preview server): composing a station from it
    // builds no config schema; only IT's overrides do (core/fleet/remote-config.ts).
    '../core/config/schema.ts',
    '../core/station/compose-station.ts',
    '../renderer/preview/preview-host.ts',
  ])
    it(`${module} builds no schema when imported, only when one is used`, async () => {
      await import(/* @vite-ignore */ module);
      expect(built).toEqual([]);
    });

  it('a schema still validates once used', async () => {
    const { ipcArgSchemas } = await import('./ipc.ts');
    expect(ipcArgSchemas['service:open'].parse({ serviceId: 'kela' })).toEqual({ serviceId: 'kela' });
    expect(() => ipcArgSchemas['service:open'].parse({ serviceId: 'https://x.example' })).toThrow();
    expect(built.length).toBeGreaterThan(0);
  });
});
