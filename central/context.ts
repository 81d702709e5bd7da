/**
 * What every central plugin receives: built once in `buildCentral` and passed down, so tests
 * can hand in fakes without module mocking.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Accounts } from './auth/accounts.ts';
import type { AccessEvents } from './auth/access-events.ts';
import type { AuthGuards, CookiePolicy } from './auth/auth-hooks.ts';
import type { CentralConfig } from './config.ts';
import type { CentralClock } from './infrastructure/clock.ts';
import type { Storage } from './storage/storage.ts';

export interface CentralContext {
  storage: Storage;
  config: CentralConfig;
  clock: CentralClock;
  accounts: Accounts;
  /** `requireStation` and `requireUser(roles)` route guards (`onRequest`); see central/auth/README.md. */
  auth: AuthGuards;
  /** Session and CSRF cookie names and flags (`__Host-` + Secure outside development mode). */
  cookies: CookiePolicy;
  /** Notices that a session, user or station right ended, so live streams end at once. */
  access: AccessEvents;
}

/**
 * A central plugin whose routes declare zod schemas from protocol/ (fastify-type-provider-zod):
 * params, query, body and reply are validated and typed from the same schema the OpenAPI
 * document is generated from.
 */
export type CentralPlugin<Options extends object = CentralContext> = FastifyPluginAsyncZod<Options>;

/** The fastify instance a `CentralPlugin` gets. */
export type CentralApp = Parameters<CentralPlugin>[0];
