/**
 * The right behind a live stream, for `openSse`'s `access` option: a staff session (re-checked
 * without counting as use, so an open stream alone does not keep an idle login alive) or a
 * station's Bearer token. In-process notices end it at once; the heartbeat re-check catches
 * expiry and changes made by another process (the CLI).
 */
import type { HelpStreamEndReason } from '../../protocol/help.ts';
import type { AccessEvents } from './access-events.ts';
import type { Accounts, AuthenticatedStation, AuthenticatedUser, Role } from './accounts.ts';

/**
 * The right a request was let in on, as a live stream needs it. The guards set it on
 * `request.streamRight`; `openSse` (help/sse.ts) ends the stream when it no longer holds.
 */
export interface StreamRight {
  /** null while the right holds; otherwise why it ended. */
  recheck: () => Promise<HelpStreamEndReason | null>;
  /** Calls `end(reason)` when the right ends in this process; returns the unsubscribe function. */
  onEnded: (end: (reason: HelpStreamEndReason) => void) => () => void;
}

interface Deps {
  accounts: Accounts;
  access: AccessEvents;
}

/** A staff session, still valid and still one of `roles`. */
export function sessionStreamRight(ctx: Deps, user: AuthenticatedUser, roles: readonly Role[]): StreamRight {
  return {
    async recheck() {
      const check = await ctx.accounts.checkSessionHash(user.sessionIdHash);
      if (!check.ok) return check.reason;
      return check.user.role === 'admin' || roles.includes(check.user.role) ? null : 'account-disabled';
    },
    onEnded: (end) =>
      ctx.access.subscribe((event) => {
        if (
          (event.kind === 'session' && event.sessionIdHash === user.sessionIdHash) ||
          (event.kind === 'user' && event.name === user.name)
        )
          end(event.reason);
      }),
  };
}

/** A station's token, still the station's and not revoked. */
export function stationStreamRight(ctx: Deps, station: AuthenticatedStation, token: string): StreamRight {
  return {
    recheck: async () => ((await ctx.accounts.stationTokenValid(station.id, token)) ? null : 'station-revoked'),
    onEnded: (end) =>
      ctx.access.subscribe((event) => {
        if (event.kind === 'station' && event.stationId === station.id) end(event.reason);
      }),
  };
}
