/** Serves the built advisor console at `/console/` (build it with `npm run build:console`). */
import type { CentralPlugin } from '../context.ts';
import { serveStaticWebApp } from '../infrastructure/static-web-app.ts';

export const consoleWebApp: CentralPlugin = async (app, ctx) =>
  serveStaticWebApp(app, {
    path: 'console',
    dir: ctx.config.consoleDir,
    notBuiltMessage: 'The advisor console is not built yet: run `npm run build:console`.',
  });
