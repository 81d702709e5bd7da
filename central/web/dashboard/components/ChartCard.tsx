import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ChartRow {
  label: string;
  value: string;
}

/**
 * A chart with its heading, and the same figures as a table inside <details>: the text
 * alternative for screen readers and for anyone who prefers numbers.
 */
export function ChartCard(props: {
  title: string;
  hint?: string;
  rows: ChartRow[];
  children: (ids: { titleId: string; descId: string }) => ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  return (
    <section className="db-chart" aria-labelledby={titleId}>
      <h2 id={titleId}>{props.title}</h2>
      {props.hint ? <p>{props.hint}</p> : null}
      {props.rows.length === 0 ? <p>{t('dashboard.charts.empty')}</p> : props.children({ titleId, descId })}
      {props.rows.length > 0 ? (
        <details>
          <summary>{t('dashboard.charts.values')}</summary>
          <table>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td>{row.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}
