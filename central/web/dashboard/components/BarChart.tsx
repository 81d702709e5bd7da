import { useTranslation } from 'react-i18next';
import type { Cell } from '../dashboard-api.ts';
import { cellText, drawable, onlyHidden } from './cells.ts';
import { ChartCard } from './ChartCard.tsx';

/** One bar: its id (for "other"), its label in the coordinator's language, its figure. */
export interface Bar {
  id: string;
  label: string;
  value: Cell;
  /** Context for the text alternative only (e.g. answered/cancelled next to a wait). */
  details?: string;
}

/**
 * Horizontal bars for ranked lists (services, languages...), drawn in HTML rather than SVG: the
 * labels and values are page text at the page's font size, so they stay ≥ 16 px, grow with
 * browser zoom and wrap on a narrow screen. The bars themselves are decoration (the figures are
 * beside them and in the table).
 */
export function BarChart(props: {
  title: string;
  unit: string;
  hint?: string;
  items: Bar[];
  format?: (value: number) => string;
}) {
  const { t } = useTranslation();
  const text = (cell: Cell) => (cell === '<5' ? '<5' : props.format ? props.format(cell) : cellText(cell));
  const rows = props.items.map((item) => ({
    label: item.label,
    value: item.details ? `${text(item.value)} (${item.details})` : text(item.value),
  }));
  const max = Math.max(0, ...props.items.map((item) => drawable(item.value)));
  return (
    <ChartCard
      title={props.title}
      unit={props.unit}
      rows={rows}
      suppressed={props.items.some((i) => i.value === '<5')}
      other={props.items.some((i) => i.id === 'other')}
      {...(props.hint ? { hint: props.hint } : {})}
    >
      <div className="db-bars">
        <p className="db-bars__axis">
          {onlyHidden(props.items.map((item) => item.value))
            ? t('dashboard.charts.onlyHidden')
            : t('dashboard.charts.axis', { max: max === 0 ? 0 : text(max), unit: props.unit })}
        </p>
        {props.items.map((item) => (
          <div className="db-bars__row" key={item.id}>
            <span className="db-bars__label">{item.label}</span>
            <span className="db-bars__track">
              <span
                className="db-bars__bar"
                style={{ inlineSize: `${max === 0 ? 0 : (drawable(item.value) / max) * 100}%` }}
              />
              <span className="db-bars__value">{text(item.value)}</span>
            </span>
          </div>
        ))}
      </div>
    </ChartCard>
  );
}
