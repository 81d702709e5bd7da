import { useTranslation } from 'react-i18next';
import type { Cell } from '../dashboard-api.ts';
import { cellText, drawable, onlyHidden } from './cells.ts';
import { ChartCard } from './ChartCard.tsx';

/** `YYYY-MM-DD` → the language's short date (1.11. / 1/11), without the time-zone shift of Date parsing. */
const shortDay = (day: string, language: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(language, {
    day: 'numeric',
    month: 'numeric',
    timeZone: 'UTC',
  });
};

/**
 * Columns per day over the chosen range, in HTML: an axis with its top value and unit, and the
 * first, middle and last day under it (all page text, ≥ 12 px). The exact figure of every day is
 * in the table under the chart.
 */
export function DayChart(props: { title: string; unit: string; days: { day: string; sessions: Cell }[] }) {
  const { t, i18n } = useTranslation();
  const rows = props.days.map((d) => ({ label: shortDay(d.day, i18n.language), value: cellText(d.sessions) }));
  const max = Math.max(0, ...props.days.map((d) => drawable(d.sessions)));
  const marks = new Set([0, Math.floor((props.days.length - 1) / 2), props.days.length - 1]);
  return (
    <ChartCard
      title={props.title}
      unit={props.unit}
      rows={rows}
      suppressed={props.days.some((d) => d.sessions === '<5')}
      other={false}
      wide
    >
      {onlyHidden(props.days.map((d) => d.sessions)) ? (
        <p>{t('dashboard.charts.onlyHidden')}</p>
      ) : (
        <>
          <p className="db-days__axis-text">{t('dashboard.charts.dayAxis', { max })}</p>
          <div className="db-days" aria-hidden="true">
            <div className="db-days__y">
              <span>{max}</span>
              <span>0</span>
            </div>
            <div className="db-days__plot">
              {props.days.map((d) => (
                <span
                  key={d.day}
                  className={d.sessions === '<5' ? 'db-days__col db-days__col--suppressed' : 'db-days__col'}
                  style={{ blockSize: `${max === 0 ? 0 : (drawable(d.sessions) / max) * 100}%` }}
                />
              ))}
            </div>
            <div className="db-days__x">
              {props.days.map((d, i) => (
                <span key={d.day}>{marks.has(i) ? shortDay(d.day, i18n.language) : ''}</span>
              ))}
            </div>
          </div>
        </>
      )}
    </ChartCard>
  );
}
