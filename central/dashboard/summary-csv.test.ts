import { describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../../protocol/dashboard.ts';
import { csvCell, summaryToCsv } from './summary-csv.ts';

const summary = (location: string): DashboardSummary => ({
  filter: { from: '2026-11-01', to: '2026-11-30' },
  stations: [],
  totalSessions: 12,
  medianSessionSeconds: '<5',
  sessionsPerDay: [],
  sessionsPerHourOfWeek: [],
  sessionsBySite: [],
  sessionsByStation: [{ stationId: 'oodi-1', location, sessions: 8 }],
  topServices: [],
  languages: [],
  accessibilityModes: [],
  help: [],
  blockedNavigations: [],
});

describe('the CSV export', () => {
  it('opens in columns in Finnish Excel: a BOM, ";" between cells, CRLF lines', () => {
    const csv = summaryToCsv(summary('Oodi'));
    expect(csv.startsWith('\uFEFFfigure;key;value\r\n')).toBe(true);
    expect(csv).toContain('sessions by station;oodi-1;8\r\n');
    expect(csv).toContain('median session seconds;;<5\r\n');
  });

  it('never lets a cell run as a formula and quotes separators', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+358')).toBe("'+358");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('Oodi; 2nd floor')).toBe('"Oodi; 2nd floor"');
    expect(csvCell(-3)).toBe('-3');
  });
});
