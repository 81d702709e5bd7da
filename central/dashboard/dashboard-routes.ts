/** `GET /api/v1/dashboard/summary` and `GET /api/v1/dashboard/export.csv` (coordinators and admins). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { formatIssues, slugSchema } from '../../protocol/events.ts';
import { siteKindSchema } from '../auth/accounts.ts';
import type { CentralContext } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import { createLocalSlots, localDayMinus } from '../ingest/local-time.ts';
import { createDashboardQueries, type DashboardFilter } from './dashboard-queries.ts';
import { summaryToCsv } from './summary-csv.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const filterSchema = z
  .object({ from: day.optional(), to: day.optional(), site: siteKindSchema.optional(), station: slugSchema.optional() })
  .strict();

/** Longest range one request may ask for. */
const MAX_RANGE_DAYS = 400;

export const dashboardRoutes: FastifyPluginAsync<CentralContext> = async (app, ctx) => {
  const queries = createDashboardQueries(ctx.storage);
  const slots = createLocalSlots();
  const guard = ctx.auth.requireUser(['coordinator']);

  /** Parses the query; the default range is the last 30 days including today. */
  const parseFilter = (query: unknown): { ok: true; filter: DashboardFilter } | { ok: false; reason: string } => {
    const parsed = filterSchema.safeParse(query);
    if (!parsed.success) return { ok: false, reason: formatIssues(parsed.error) };
    const now = ctx.clock.now();
    const to = parsed.data.to ?? slots(now).day;
    const from = parsed.data.from ?? localDayMinus(slots, now, 29);
    if (from > to) return { ok: false, reason: 'from must not be after to' };
    if ((Date.parse(to) - Date.parse(from)) / 86400_000 >= MAX_RANGE_DAYS)
      return { ok: false, reason: `a range may cover at most ${MAX_RANGE_DAYS} days` };
    return { ok: true, filter: { from, to, site: parsed.data.site, station: parsed.data.station } };
  };

  app.get('/api/v1/dashboard/summary', { preHandler: guard }, async (request, reply) => {
    const filter = parseFilter(request.query);
    if (!filter.ok) return sendError(reply, 400, 'bad_request', filter.reason);
    reply.header('cache-control', 'no-store');
    return queries.summary(filter.filter);
  });

  app.get('/api/v1/dashboard/export.csv', { preHandler: guard }, async (request, reply) => {
    const filter = parseFilter(request.query);
    if (!filter.ok) return sendError(reply, 400, 'bad_request', filter.reason);
    const csv = summaryToCsv(await queries.summary(filter.filter));
    const name = `kiosk-usage-${filter.filter.from}-${filter.filter.to}.csv`;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
};
