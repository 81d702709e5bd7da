import { describe, expect, it } from 'vitest';
import { createFetchFleetApi } from './fleet-api.ts';

/** A fetch that answers (200 with `{}`) or fails like a lost network, as the test says. */
function network() {
  const state = { up: true };
  const fetch: typeof globalThis.fetch = async () => {
    if (!state.up) throw new TypeError('fetch failed');
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { state, fetch };
}

describe('the fetch fleet client says whether central answered', () => {
  it('before any call, a station is not reported as cut off (central only reads this in a heartbeat that arrived)', () => {
    const api = createFetchFleetApi({ centralUrl: 'https://central.test', token: () => 't', fetch: network().fetch });
    expect(api.reachable()).toBe(true);
  });

  it('false after a call central did not answer, true again after one it did', async () => {
    const net = network();
    const api = createFetchFleetApi({ centralUrl: 'https://central.test', token: () => 't', fetch: net.fetch });
    net.state.up = false;
    await expect(api.remoteConfig()).rejects.toThrow('fetch failed');
    expect(api.reachable()).toBe(false);
    net.state.up = true;
    // `{}` is not a remote config (refused as outside the contract), but central did answer.
    await expect(api.remoteConfig()).rejects.toThrow('outside the contract');
    expect(api.reachable()).toBe(true);
  });
});
