/** Serves the built dashboard at `/dashboard/` (build it with `npm run build:central-web`). */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { CentralPlugin } from '../context.ts';

/** Pages, not API: hidden from the OpenAPI document (@fastify/static hides its routes too). */
const page = { schema: { hide: true } };

/** The repository root, so the default `dist/...` path works from any working directory. */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const dashboardWebApp: CentralPlugin = async (app, ctx) => {
  const root = isAbsolute(ctx.config.dashboardDir)
    ? ctx.config.dashboardDir
    : resolve(projectRoot, ctx.config.dashboardDir);
  app.get('/dashboard', page, async (_request, reply) => reply.redirect('/dashboard/'));
  if (!existsSync(resolve(root, 'index.html'))) {
    app.get('/dashboard/', page, async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The dashboard is not built yet: run `npm run build:central-web`.'),
    );
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/dashboard/', decorateReply: false });
};
