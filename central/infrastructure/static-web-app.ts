/** Serves one of central's built web apps (console, dashboard) under its own path. */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { CentralApp } from '../context.ts';

/** Pages, not API: hidden from the OpenAPI document (@fastify/static hides its routes too). */
const page = { schema: { hide: true } };

/** The repository root, so the default `dist/...` path works from any working directory. */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where one web app lives and what to tell someone who has not built it. */
export interface StaticWebApp {
  /** URL path without slashes, e.g. `console`. */
  path: string;
  /** The build output folder (absolute, or relative to the repository root). */
  dir: string;
  /** The plain-text answer while the build is missing, naming the command that builds it. */
  notBuiltMessage: string;
}

/**
 * `/path` redirects to `/path/`, which serves the built files; a missing build answers 503 with
 * `notBuiltMessage` instead of a bare 404, so whoever started central knows what to run.
 */
export async function serveStaticWebApp(app: CentralApp, webApp: StaticWebApp): Promise<void> {
  const root = isAbsolute(webApp.dir) ? webApp.dir : resolve(projectRoot, webApp.dir);
  const prefix = `/${webApp.path}/`;
  app.get(`/${webApp.path}`, page, async (_request, reply) => reply.redirect(prefix));
  if (!existsSync(resolve(root, 'index.html'))) {
    app.get(prefix, page, async (_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send(webApp.notBuiltMessage),
    );
    return;
  }
  await app.register(fastifyStatic, { root, prefix, decorateReply: false });
}
