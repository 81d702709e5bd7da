/**
 * The preview's fleet ports: IT's remembered state (last good remote config, handled action ids,
 * welcome message, out-of-order switch) in localStorage, sha256 by WebCrypto, and no disk or
 * memory probes (a page cannot see either; the heartbeat says null). A reload is the preview's
 * restart, and it starts again on the remembered last good config.
 */
import type { FleetHostPorts } from '../../core/fleet/fleet-agent.ts';
import type { FleetMemory, FleetStore } from '../../core/fleet/fleet-memory.ts';
import type { KeyValueStorage } from './local-storage-queue-store.ts';

/** `FleetStore` over one localStorage key; `setItem` replaces the value whole, so a write is atomic. */
export function localStorageFleetStore(storage: KeyValueStorage, key = 'kiosk.fleet'): FleetStore {
  return {
    load: () => {
      const text = storage.getItem(key);
      return text === null ? null : (JSON.parse(text) as unknown);
    },
    save: (memory: FleetMemory) => storage.setItem(key, JSON.stringify(memory)),
  };
}

export function previewFleetPorts(page: Window, configPath: string): FleetHostPorts {
  return {
    store: localStorageFleetStore(page.localStorage),
    appVersion: __APP_VERSION__,
    // The preview server reads `--config FILE`, or the shipped default when none is given.
    configSource: configPath.replace(/\\/g, '/').endsWith('kiosk-config/default.json') ? 'default' : 'flag',
    sha256: async (text) => {
      const digest = await page.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
      return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    },
    freeDiskMb: async () => null,
    freeMemoryMb: async () => null,
    previousExit: null,
  };
}

declare const __APP_VERSION__: string;
