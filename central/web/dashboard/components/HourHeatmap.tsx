import { useTranslation } from 'react-i18next';
import type { Cell } from '../dashboard-api.ts';
import { cellText, describeRows, drawable } from './cells.ts';
import { ChartCard } from './ChartCard.tsx';

/** 7 × 24 grid of sessions per hour of week (Helsinki time), darker = busier. */
export function HourHeatmap(props: { title: string; hours: { hourOfWeek: number; sessions: Cell }[] }) {
  const { t } = useTranslation();
  const weekdays = t('dashboard.weekdays').split(',');
  const label = (hourOfWeek: number) =>
    `${weekdays[Math.floor(hourOfWeek / 24)] ?? ''} ${String(hourOfWeek % 24).padStart(2, '0')}`;
  const busy = props.hours.filter((h) => h.sessions !== 0);
  const rows = busy.map((h) => ({ label: label(h.hourOfWeek), value: cellText(h.sessions) }));
  const max = Math.max(1, ...props.hours.map((h) => drawable(h.sessions)));
  const cell = 22;
  const left = 36;
  return (
    <ChartCard title={props.title} rows={rows}>
      {({ titleId, descId }) => (
        <svg role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={`0 0 ${left + 24 * cell} ${16 + 7 * cell}`}>
          <title>{props.title}</title>
          <desc id={descId}>{describeRows(rows)}</desc>
          {Array.from({ length: 24 }, (_, hour) =>
            hour % 3 === 0 ? (
              <text key={hour} x={left + hour * cell + cell / 2} y={12} fontSize="10" textAnchor="middle">
                {hour}
              </text>
            ) : null,
          )}
          {props.hours.map((h) => {
            const day = Math.floor(h.hourOfWeek / 24);
            const hour = h.hourOfWeek % 24;
            // Suppressed cells get a light tint: there was some use, too little to count.
            const opacity = h.sessions === '<5' ? 0.08 : 0.1 + 0.9 * (drawable(h.sessions) / max);
            return (
              <rect
                key={h.hourOfWeek}
                x={left + hour * cell}
                y={16 + day * cell}
                width={cell - 2}
                height={cell - 2}
                fill="#0000bf"
                fillOpacity={h.sessions === 0 ? 0.02 : opacity}
              >
                <title>{`${label(h.hourOfWeek)}: ${cellText(h.sessions)}`}</title>
              </rect>
            );
          })}
          {weekdays.map((name, day) => (
            <text key={name} x={0} y={16 + day * cell + 15} fontSize="12">
              {name}
            </text>
          ))}
        </svg>
      )}
    </ChartCard>
  );
}
