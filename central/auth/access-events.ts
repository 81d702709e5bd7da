/**
 * In-process notices that a right has ended (logout, expiry, revocation, disabling), so whatever
 * holds that right open, a live stream above all, can end at once instead of at its next check.
 * Built once in `buildCentral` and passed to the account service; the CLI runs in another process
 * and has no listeners, so streams there notice at their next heartbeat check instead.
 */
import type { HelpStreamEndReason } from '../../protocol/help.ts';

/** What ended, and why (the reason a stream passes on to its client). */
export type AccessEnded =
  | { kind: 'session'; sessionIdHash: string; reason: HelpStreamEndReason }
  | { kind: 'user'; name: string; reason: HelpStreamEndReason }
  | { kind: 'station'; stationId: string; reason: HelpStreamEndReason };

/** A small publish/subscribe hub for `AccessEnded` notices. */
export interface AccessEvents {
  /** Returns the function that unsubscribes. */
  subscribe(listener: (event: AccessEnded) => void | Promise<void>): () => void;
  /** Resolves when every listener is done (e.g. a revoked station's requests are closed). */
  publish(event: AccessEnded): Promise<void>;
}

export function createAccessEvents(): AccessEvents {
  const listeners = new Set<(event: AccessEnded) => void | Promise<void>>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async publish(event) {
      await Promise.all([...listeners].map(async (listener) => listener(event)));
    },
  };
}
