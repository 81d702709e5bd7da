import { useTranslation } from 'react-i18next';
import type { Cell } from '../dashboard-api.ts';
import { cellText, drawable } from './cells.ts';
import { ChartCard } from './ChartCard.tsx';

/** Shade steps; each has a text colour that keeps 4.5:1 on it (dark text on light, white on dark). */
const LEVELS = 4;

/**
 * Sessions per hour of week (Helsinki time) as a real table: weekdays as rows, hours as columns,
 * each cell shaded by its share of the busiest hour and showing its figure as text. It scrolls
 * sideways inside its own box on a narrow screen (a two-dimensional table may, WCAG 1.4.10).
 */
export function HourHeatmap(props: { title: string; unit: string; hours: { hourOfWeek: number; sessions: Cell }[] }) {
  const { t } = useTranslation();
  const weekdays = t('dashboard.weekdays').split(',');
  const label = (hourOfWeek: number) =>
    `${weekdays[Math.floor(hourOfWeek / 24)] ?? ''} ${String(hourOfWeek % 24).padStart(2, '0')}`;
  const busy = props.hours.filter((h) => h.sessions !== 0);
  const rows = busy.map((h) => ({ label: label(h.hourOfWeek), value: cellText(h.sessions) }));
  const max = Math.max(1, ...props.hours.map((h) => drawable(h.sessions)));
  const byHour = new Map(props.hours.map((h) => [h.hourOfWeek, h.sessions]));
  const level = (cell: Cell | undefined) =>
    cell === undefined || cell === 0 ? 0 : cell === '<5' ? 1 : Math.max(1, Math.ceil((cell / max) * LEVELS));
  return (
    <ChartCard
      title={props.title}
      unit={props.unit}
      rows={rows}
      suppressed={props.hours.some((h) => h.sessions === '<5')}
      other={false}
      wide
    >
      <div className="db-heatmap" tabIndex={0} role="region" aria-label={props.title}>
        <table className="db-heatmap__table">
          <caption>{t('dashboard.heatmap.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.heatmap.day')}</th>
              {Array.from({ length: 24 }, (_, hour) => (
                <th scope="col" key={hour}>
                  {hour}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weekdays.map((name, day) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                {Array.from({ length: 24 }, (_, hour) => {
                  const cell = byHour.get(day * 24 + hour);
                  return (
                    <td key={hour} className={`db-heat db-heat--${level(cell)}`}>
                      {cell === undefined || cell === 0 ? '' : cellText(cell)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartCard>
  );
}
