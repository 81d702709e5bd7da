/** Serves the built dashboard at `/dashboard/` (build it with `npm run build:central-web`). */
import type { CentralPlugin } from '../context.ts';
import { serveStaticWebApp } from '../infrastructure/static-web-app.ts';

export const dashboardWebApp: CentralPlugin = async (app, ctx) =>
  serveStaticWebApp(app, {
    path: 'dashboard',
    dir: ctx.config.dashboardDir,
    notBuiltMessage: 'The dashboard is not built yet: run `npm run build:central-web`.',
  });
