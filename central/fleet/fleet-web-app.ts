/** Serves the built fleet view at `/fleet/` (build it with `npm run build:fleet`). */
import type { CentralPlugin } from '../context.ts';
import { serveStaticWebApp } from '../infrastructure/static-web-app.ts';

export const fleetWebApp: CentralPlugin = async (app, ctx) =>
  serveStaticWebApp(app, {
    path: 'fleet',
    dir: ctx.config.fleet.webDir,
    notBuiltMessage: 'The fleet view is not built yet: run `npm run build:fleet`.',
  });
