import type { Cell } from '../dashboard-api.ts';
import { cellText, describeRows, drawable } from './cells.ts';
import { ChartCard } from './ChartCard.tsx';

/** Horizontal bars with their labels and values: for ranked lists (services, languages...). */
export function BarChart(props: {
  title: string;
  hint?: string;
  items: { label: string; value: Cell; details?: string }[];
}) {
  // `details` adds context in the text alternative only (e.g. answered/cancelled next to a wait).
  const rows = props.items.map((item) => ({
    label: item.label,
    value: item.details ? `${cellText(item.value)} (${item.details})` : cellText(item.value),
  }));
  const max = Math.max(1, ...props.items.map((item) => drawable(item.value)));
  const rowHeight = 28;
  const labelWidth = 150;
  const barSpace = 300;
  return (
    <ChartCard title={props.title} rows={rows} {...(props.hint ? { hint: props.hint } : {})}>
      {({ titleId, descId }) => (
        <svg
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          viewBox={`0 0 ${labelWidth + barSpace + 60} ${props.items.length * rowHeight}`}
        >
          <title>{props.title}</title>
          <desc id={descId}>{describeRows(rows)}</desc>
          {props.items.map((item, i) => {
            const width = (drawable(item.value) / max) * barSpace;
            const y = i * rowHeight;
            return (
              <g key={item.label}>
                <text x={labelWidth - 8} y={y + 18} textAnchor="end" fontSize="13">
                  {item.label}
                </text>
                <rect x={labelWidth} y={y + 4} width={width} height={rowHeight - 8} fill="#0000bf" />
                <text x={labelWidth + width + 6} y={y + 18} fontSize="13">
                  {cellText(item.value)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </ChartCard>
  );
}
