/** Serves the built advisor console at `/console/` (build it with `npm run build:console`). */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { CentralPlugin } from '../context.ts';

/** Pages, not API: hidden from the OpenAPI document (@fastify/static hides its routes too). */
const page = { schema: { hide: true } };

/** The repository root, so the default `dist/...` path works from any working directory. */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const consoleWebApp: CentralPlugin = async (app, ctx) => {
  const dir = ctx.config.consoleDir;
  const root = isAbsolute(dir) ? dir : resolve(projectRoot, dir);
  app.get('/console', page, async (_request, reply) => reply.redirect('/console/'));
  if (!existsSync(resolve(root, 'index.html'))) {
    app.get('/console/', page, async (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The advisor console is not built yet: run `npm run build:console`.'),
    );
    return;
  }
  await app.register(fastifyStatic, { root, prefix: '/console/', decorateReply: false });
};
