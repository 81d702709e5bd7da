/** `GET /api/v1/dashboard/summary` and `GET /api/v1/dashboard/export.csv` (coordinators and admins). */
import { z } from 'zod';
import { apiErrorSchema } from '../../protocol/api.ts';
import {
  dashboardQuerySchema,
  dashboardSummarySchema,
  MAX_DASHBOARD_RANGE_DAYS,
  type DashboardFilter,
  type DashboardQuery,
} from '../../protocol/dashboard.ts';
import type { CentralPlugin } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import { SESSION_AUTH } from '../infrastructure/openapi.ts';
import { createLocalSlots, localDayMinus } from '../ingest/local-time.ts';
import { createDashboardQueries, widenToWeeks } from './dashboard-queries.ts';
import { DASHBOARD_MIGRATIONS, loadDashboardSecret } from './dashboard-secret.ts';
import { serviceReportRoutes } from './service-report-routes.ts';
import { summaryToCsv } from './summary-csv.ts';
import { createSmallCountProtection } from './suppression.ts';

const refusals = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };

export const dashboardRoutes: CentralPlugin = async (app, ctx) => {
  const queries = createDashboardQueries(ctx.storage);
  const slots = createLocalSlots();
  // On request, before the query is validated: a stranger gets 401, not a validation message.
  const guard = ctx.auth.requireUser(['coordinator']);
  // Read once, on first use (the table is created by this plugin's migration at boot).
  let secret: Promise<string> | undefined;
  const summaryFor = async (filter: DashboardFilter) => {
    secret ??= loadDashboardSecret(ctx.storage);
    const scope = `station=${filter.station ?? ''}&site=${filter.site ?? ''}`;
    return queries.summary(filter, createSmallCountProtection(await secret, scope));
  };
  await ctx.storage.migrate('dashboard', DASHBOARD_MIGRATIONS);
  // Issue 14: the service report (its own module; coordinators, admins and service owners).
  await serviceReportRoutes(app, ctx);

  /** Fills the default range (the last 30 days including today) and checks it; the schema checked the shapes. */
  const resolveFilter = (
    query: DashboardQuery,
  ): { ok: true; filter: DashboardFilter } | { ok: false; reason: string } => {
    const now = ctx.clock.now();
    const to = query.to ?? slots(now).day;
    const from = query.from ?? localDayMinus(slots, now, 29);
    if (from > to) return { ok: false, reason: 'from must not be after to' };
    if ((Date.parse(to) - Date.parse(from)) / 86400_000 >= MAX_DASHBOARD_RANGE_DAYS)
      return { ok: false, reason: `a range may cover at most ${MAX_DASHBOARD_RANGE_DAYS} days` };
    // One station over a few days is a handful of visitors: its figures cover whole weeks at least.
    const range = query.station ? widenToWeeks(from, to) : { from, to };
    return { ok: true, filter: { ...range, site: query.site, station: query.station } };
  };

  app.get(
    '/api/v1/dashboard/summary',
    {
      schema: {
        summary:
          'Usage figures for a range of days: "<5" below 5 sessions, small categories in `other`, counts rounded to 5',
        tags: ['dashboard'],
        security: SESSION_AUTH,
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSummarySchema, ...refusals },
      },
      onRequest: guard,
    },
    async (request, reply) => {
      const filter = resolveFilter(request.query);
      if (!filter.ok) return sendError(reply, 400, 'bad_request', filter.reason);
      reply.header('cache-control', 'no-store');
      return summaryFor(filter.filter);
    },
  );

  app.get(
    '/api/v1/dashboard/export.csv',
    {
      schema: {
        summary: 'The same figures as CSV (figure, key, value)',
        tags: ['dashboard'],
        security: SESSION_AUTH,
        querystring: dashboardQuerySchema,
        response: {
          200: { description: 'CSV attachment', content: { 'text/csv': { schema: z.string() } } },
          ...refusals,
        },
      },
      onRequest: guard,
    },
    async (request, reply) => {
      const filter = resolveFilter(request.query);
      if (!filter.ok) return sendError(reply, 400, 'bad_request', filter.reason);
      const csv = summaryToCsv(await summaryFor(filter.filter));
      const name = `kiosk-usage-${filter.filter.from}-${filter.filter.to}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
};
