/**
 * `GET /healthz` (the process answers) and `GET /readyz` (this replica can serve: the database
 * answers, migrations ran, live help events are flowing, and it is not shutting down). A reverse
 * proxy or orchestrator sends traffic only to ready replicas and restarts one that is not healthy.
 * Both answer without authentication and say nothing about the deployment beyond ok / not ok.
 */
import { z } from 'zod';
import type { CentralPlugin } from '../context.ts';
import type { Storage } from '../storage/storage.ts';

/** What readiness depends on besides the database. */
export interface HealthOptions {
  storage: Storage;
  /** False while a dependency that recovers by itself is down (the help event listener). */
  liveEventsHealthy: () => boolean;
  /** Longest wait for the database before `/readyz` answers 503. */
  databaseTimeoutMs?: number;
}

const healthReplySchema = z.object({ ok: z.literal(true) }).strict();
const readyReplySchema = z
  .object({
    ready: z.boolean(),
    /** Which check failed, in words an operator can act on; absent when ready. */
    reason: z.enum(['shutting-down', 'database-unreachable', 'live-events-down']).optional(),
  })
  .strict();

export const healthRoutes: CentralPlugin<HealthOptions> = async (app, options) => {
  // Routes of a plugin are served only once every plugin registered before it, migrations
  // included, has loaded: answering at all means the migrations ran.
  let shuttingDown = false;
  app.addHook('preClose', async () => {
    shuttingDown = true;
  });
  const timeoutMs = options.databaseTimeoutMs ?? 2000;

  app.get(
    '/healthz',
    {
      schema: { summary: 'Liveness: the process answers', tags: ['meta'], response: { 200: healthReplySchema } },
    },
    async () => ({ ok: true as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: database reachable, migrations applied, live events flowing, not shutting down',
        tags: ['meta'],
        response: { 200: readyReplySchema, 503: readyReplySchema },
      },
    },
    async (_request, reply) => {
      if (shuttingDown) return reply.code(503).send({ ready: false, reason: 'shutting-down' });
      let timer: NodeJS.Timeout | undefined;
      const reachable = await Promise.race([
        options.storage.get('SELECT 1 AS ok').then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!reachable) return reply.code(503).send({ ready: false, reason: 'database-unreachable' });
      if (!options.liveEventsHealthy()) return reply.code(503).send({ ready: false, reason: 'live-events-down' });
      return { ready: true };
    },
  );
};
