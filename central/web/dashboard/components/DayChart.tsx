import type { Cell } from '../dashboard-api.ts';
import { cellText, describeRows, drawable } from './cells.ts';
import { ChartCard } from './ChartCard.tsx';

/** Columns per day: sessions over the chosen range. */
export function DayChart(props: { title: string; days: { day: string; sessions: Cell }[] }) {
  const rows = props.days.map((d) => ({ label: d.day, value: cellText(d.sessions) }));
  const max = Math.max(1, ...props.days.map((d) => drawable(d.sessions)));
  const width = 600;
  const height = 180;
  const step = width / Math.max(1, props.days.length);
  return (
    <ChartCard title={props.title} rows={rows}>
      {({ titleId, descId }) => (
        <svg role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={`0 0 ${width} ${height + 24}`}>
          <title>{props.title}</title>
          <desc id={descId}>{describeRows(rows)}</desc>
          <line x1="0" y1={height} x2={width} y2={height} stroke="#666" />
          {props.days.map((d, i) => {
            const h = (drawable(d.sessions) / max) * (height - 10);
            return (
              <g key={d.day}>
                <rect x={i * step + 1} y={height - h} width={Math.max(1, step - 2)} height={h} fill="#0000bf">
                  <title>{`${d.day}: ${cellText(d.sessions)}`}</title>
                </rect>
                {i === 0 || i === props.days.length - 1 ? (
                  <text x={i * step + step / 2} y={height + 16} fontSize="12" textAnchor={i === 0 ? 'start' : 'end'}>
                    {d.day}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      )}
    </ChartCard>
  );
}
