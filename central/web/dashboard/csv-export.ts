/**
 * The figures on screen as a CSV file for Excel: `;` between cells and a UTF-8 byte-order mark,
 * because Finnish and Swedish Excel read `,` as the decimal comma and put everything in column A,
 * and without the BOM read "ä" as "Ã¤". Headers and names are in the coordinator's language; a
 * cell that would start with = + - @ (or a tab/CR) gets a leading apostrophe so Excel never runs
 * it as a formula ("CSV injection": station locations are typed by staff).
 */
import type { DashboardSummary } from './dashboard-api.ts';

/** Column separator Excel expects in fi/sv locales. */
export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

/** One cell, neutralised and quoted when needed. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Labels and name lookups in one language. */
export interface CsvTexts {
  header: [string, string, string];
  figure: (key: string) => string;
  /** Writes a number the way the language does (decimal comma in fi/sv). */
  number: (value: number) => string;
  siteKind: (id: string) => string;
  station: (id: string) => string;
  service: (id: string) => string;
  language: (id: string) => string;
  accessibilityMode: (id: string) => string;
  topic: (id: string) => string;
  hourOfWeek: (hour: number) => string;
}

/** The whole file, BOM first. Suppressed figures stay "<5". */
export function summaryCsv(summary: DashboardSummary, texts: CsvTexts): string {
  const rows: (string | number)[][] = [texts.header];
  const value = (cell: number | '<5', scale = 1) => (cell === '<5' ? '<5' : texts.number(cell / scale));
  const add = (figure: string, key: string, cell: number | '<5', scale = 1) =>
    rows.push([texts.figure(figure), key, value(cell, scale)]);
  add('total', '', summary.totalSessions);
  add('median', '', summary.medianSessionSeconds, 60);
  summary.sessionsPerDay.forEach((d) => add('perDay', d.day, d.sessions));
  summary.sessionsPerHourOfWeek.forEach((h) => add('perHour', texts.hourOfWeek(h.hourOfWeek), h.sessions));
  summary.sessionsBySite.forEach((s) => add('bySite', texts.siteKind(s.siteKind), s.sessions));
  summary.sessionsByStation.forEach((s) => add('byStation', texts.station(s.stationId), s.sessions));
  summary.topServices.forEach((s) => add('services', texts.service(s.serviceId), s.opens));
  summary.languages.forEach((l) => add('languages', texts.language(l.language), l.sessions));
  summary.accessibilityModes.forEach((m) => add('accessibility', texts.accessibilityMode(m.mode), m.sessions));
  summary.help.forEach((h) => {
    const topic = texts.topic(h.topic);
    add('helpRequested', topic, h.requested);
    add('helpAnswered', topic, h.answered);
    add('helpCancelled', topic, h.cancelled);
    add('helpWait', topic, h.averageWaitSeconds, 60);
  });
  summary.blockedNavigations.forEach((b) => add('blocked', texts.service(b.serviceId), b.blocked));
  // Categories below five sessions, summed (central's "other"), as the page shows them.
  const other = summary.other;
  if (other) {
    const name = texts.service('other');
    add('services', name, other.topServices);
    add('languages', name, other.languages);
    add('accessibility', name, other.accessibilityModes);
    add('helpRequested', name, other.help.requested);
    add('helpAnswered', name, other.help.answered);
    add('helpCancelled', name, other.help.cancelled);
    add('blocked', name, other.blockedNavigations);
  }
  return BOM + rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}
