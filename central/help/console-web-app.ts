/** Serves the built advisor console at `/console/` (build it with `npm run build:console`). */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { CentralContext } from '../context.ts';

/** The repository root, so the default `dist/...` path works from any working directory. */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const consoleWebApp: FastifyPluginAsync<CentralContext> = async (app, ctx) => {
  const dir = ctx.config.consoleDir;
  const root = isAbsolute(dir) ? dir : resolve(projectRoot, dir);
  app.get('/console', async (_request, reply) => reply.redirect('/console/'));
  if (!existsSync(resolve(root, 'index.html'))) {
    app.get('/console/', async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The advisor console is not built yet: run `npm run build:console`.'),
    );
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/console/', decorateReply: false });
};
