/**
 * The dashboard summary as CSV (one row per figure), with the same "<5" suppression: the API's
 * machine export (English keys, for scripts). The dashboard page builds its own file with headers
 * and names in the coordinator's language from the same summary (central/web/dashboard/csv-export.ts).
 * Both use `;` and a UTF-8 BOM so Finnish and Swedish Excel open them in columns with "ä" intact.
 */
import type { Cell, DashboardSummary } from '../../protocol/dashboard.ts';

/** Excel in fi/sv locales splits on `;` (`,` is their decimal comma). */
export const CSV_SEPARATOR = ';';
/** Tells Excel the file is UTF-8. */
export const CSV_BOM = '\uFEFF';

/**
 * One cell: a text that Excel would run as a formula (starts with = + - @, tab or CR) gets a
 * leading apostrophe; a cell with the separator, a quote or a line break is quoted. Station
 * locations and ids are typed by people, so they are never trusted as formulas.
 */
export const csvCell = (value: string | number): string => {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function summaryToCsv(summary: DashboardSummary): string {
  // A Cell is a number or "<5", both already covered by string | number.
  const rows: (string | number)[][] = [['figure', 'key', 'value']];
  const add = (figure: string, key: string | number, value: Cell) => rows.push([figure, key, value]);
  add('total sessions', '', summary.totalSessions);
  add('median session seconds', '', summary.medianSessionSeconds);
  summary.sessionsPerDay.forEach((d) => add('sessions per day', d.day, d.sessions));
  summary.sessionsPerHourOfWeek.forEach((h) =>
    add('sessions per hour of week (0 = Monday 00-01)', h.hourOfWeek, h.sessions),
  );
  summary.sessionsBySite.forEach((s) => add('sessions by site', s.siteKind, s.sessions));
  summary.sessionsByStation.forEach((s) => add('sessions by station', s.stationId, s.sessions));
  summary.topServices.forEach((s) => add('service opens', s.serviceId, s.opens));
  summary.languages.forEach((l) => add('sessions by language', l.language, l.sessions));
  summary.accessibilityModes.forEach((m) => add('sessions with accessibility mode', m.mode, m.sessions));
  summary.help.forEach((h) => {
    add('help requested', h.topic, h.requested);
    add('help answered', h.topic, h.answered);
    add('help cancelled', h.topic, h.cancelled);
    add('help average wait seconds', h.topic, h.averageWaitSeconds);
  });
  summary.blockedNavigations.forEach((b) => add('blocked navigations', b.serviceId, b.blocked));
  // Categories below 5 sessions, summed: the same protected values the page shows (suppression.ts).
  const other = summary.other;
  if (other) {
    add('service opens', 'other', other.topServices);
    add('sessions by language', 'other', other.languages);
    add('sessions with accessibility mode', 'other', other.accessibilityModes);
    add('help requested', 'other', other.help.requested);
    add('help answered', 'other', other.help.answered);
    add('help cancelled', 'other', other.help.cancelled);
    add('blocked navigations', 'other', other.blockedNavigations);
  }
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}
