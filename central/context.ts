/**
 * What every central plugin receives: built once in `buildCentral` and passed down, so tests
 * can hand in fakes without module mocking.
 */
import type { Accounts } from './auth/accounts.ts';
import type { AuthGuards } from './auth/auth-hooks.ts';
import type { CentralConfig } from './config.ts';
import type { CentralClock } from './infrastructure/clock.ts';
import type { Storage } from './storage/storage.ts';

export interface CentralContext {
  storage: Storage;
  config: CentralConfig;
  clock: CentralClock;
  accounts: Accounts;
  /** `requireStation` and `requireUser(roles)` preHandlers; see central/auth/README.md. */
  auth: AuthGuards;
}
