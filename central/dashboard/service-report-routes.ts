/**
 * `GET /api/v1/dashboard/service-report` and `GET /api/v1/dashboard/service-report.csv` (issue 14):
 * coordinators and admins see every service; a service owner (`service-owner`) only the services
 * an admin gave them (`user add NAME --role service-owner --services kela,omakanta`), and asking
 * for another service is a 403, not an empty report.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema } from '../../protocol/api.ts';
import {
  MAX_SERVICE_REPORT_WEEKS,
  serviceReportQuerySchema,
  serviceReportSchema,
  type ServiceReport,
  type ServiceReportQuery,
} from '../../protocol/dashboard.ts';
import type { CentralApp, CentralContext } from '../context.ts';
import { sendError } from '../infrastructure/errors.ts';
import { SESSION_AUTH } from '../infrastructure/openapi.ts';
import { createLocalSlots } from '../ingest/local-time.ts';
import { csvCell, CSV_BOM, CSV_SEPARATOR } from './summary-csv.ts';
import { loadDashboardSecret } from './dashboard-secret.ts';
import { createServiceOwners } from './service-owners.ts';
import { addDays, createServiceReportQueries, mondayOf, type ServiceReportFilter } from './service-report.ts';
import { createSmallCountProtection } from './suppression.ts';

const refusals = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };
/** Who may open the report; admins always pass `requireUser`. */
export const SERVICE_REPORT_ROLES = ['coordinator', 'service-owner'] as const;
/** Weeks shown when the query does not say. */
const DEFAULT_WEEKS = 8;

/** Registers the report's routes; called by `dashboardRoutes` after the dashboard's migration. */
export async function serviceReportRoutes(app: CentralApp, ctx: CentralContext): Promise<void> {
  const owners = createServiceOwners(ctx.storage);
  await owners.migrate();
  const queries = createServiceReportQueries(ctx.storage);
  const slots = createLocalSlots();
  const guard = ctx.auth.requireUser(SERVICE_REPORT_ROLES);
  let secret: Promise<string> | undefined;

  /** The filter for this user and query, or why it is refused (status and message). */
  const filterFor = async (
    request: FastifyRequest,
    query: ServiceReportQuery,
  ): Promise<{ ok: true; filter: ServiceReportFilter } | { ok: false; status: 403; reason: string }> => {
    const user = request.user;
    const own = user?.role === 'service-owner' ? await owners.servicesOf(user.name) : null;
    if (query.service && own && !own.includes(query.service))
      return { ok: false, status: 403, reason: 'This service is not one of yours.' };
    const weeks = query.weeks ?? DEFAULT_WEEKS;
    const to = slots(ctx.clock.now()).day;
    const from = addDays(mondayOf(to), -7 * (weeks - 1));
    const services = query.service ? [query.service] : own;
    return { ok: true, filter: { from, to, weeks, site: query.site, services } };
  };

  const reportFor = async (filter: ServiceReportFilter, service: string | undefined): Promise<ServiceReport> => {
    secret ??= loadDashboardSecret(ctx.storage);
    // The same scope for every user, so an owner's and a coordinator's numbers for a service agree.
    const protection = createSmallCountProtection(await secret, `service-report&site=${filter.site ?? ''}`);
    const report = await queries.report(filter, protection);
    return service ? { ...report, filter: { ...report.filter, service } } : report;
  };

  /** The protected report for this request, or null once the refusal has been sent. */
  const answer = async (request: FastifyRequest, query: ServiceReportQuery, reply: FastifyReply) => {
    const filter = await filterFor(request, query);
    if (!filter.ok) {
      await sendError(reply, filter.status, 'forbidden', filter.reason);
      return null;
    }
    reply.header('cache-control', 'no-store');
    return reportFor(filter.filter, query.service);
  };

  app.get(
    '/api/v1/dashboard/service-report',
    {
      schema: {
        summary: `Per service and week (at most ${MAX_SERVICE_REPORT_WEEKS}): visits, "Did you get it done?" answers and reasons, help, refused navigations; protected like every dashboard figure`,
        tags: ['dashboard'],
        security: SESSION_AUTH,
        querystring: serviceReportQuerySchema,
        response: { 200: serviceReportSchema, ...refusals },
      },
      onRequest: guard,
    },
    async (request, reply) => (await answer(request, request.query, reply)) ?? reply,
  );

  app.get(
    '/api/v1/dashboard/service-report.csv',
    {
      schema: {
        summary: 'The same report as CSV (service, week, figure, key, value)',
        tags: ['dashboard'],
        security: SESSION_AUTH,
        querystring: serviceReportQuerySchema,
        response: {
          200: { description: 'CSV attachment', content: { 'text/csv': { schema: z.string() } } },
          ...refusals,
        },
      },
      onRequest: guard,
    },
    async (request, reply) => {
      const report = await answer(request, request.query, reply);
      if (!report) return reply;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="kiosk-service-report-${report.filter.from}-${report.filter.to}.csv"`,
        )
        .send(serviceReportToCsv(report));
    },
  );
}

/** The report as CSV, one protected value per row, `;` and a BOM like the dashboard's export. */
export function serviceReportToCsv(report: ServiceReport): string {
  const rows: (string | number)[][] = [['service', 'week', 'figure', 'key', 'value']];
  for (const service of report.services) {
    for (const week of [...service.weeks, { ...service.total, week: 'total' }]) {
      const add = (figure: string, key: string, value: string | number) =>
        rows.push([service.serviceId, week.week, figure, key, value]);
      add('visits', '', week.visits);
      add('answered', '', week.answered);
      add('outcome', 'yes', week.outcomes.yes);
      add('outcome', 'partly', week.outcomes.partly);
      add('outcome', 'no', week.outcomes.no);
      for (const r of week.reasons) add('reason', r.reason, r.answers);
      add('reason', 'other', week.otherReasons);
      add('visits with help', '', week.helpVisits);
      for (const t of week.helpTopics) add('visits with help topic', t.topic, t.visits);
      add('visits with help topic', 'other', week.otherHelpTopics);
      add('blocked navigations', '', week.blocked);
    }
  }
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}
