import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ChartRow {
  label: string;
  value: string;
}

/**
 * A chart with its heading, its unit, the notes that explain "<5" and "other" when they appear in
 * it, and the same figures as a table inside <details>: the text alternative for screen readers
 * and for anyone who prefers numbers.
 */
export function ChartCard(props: {
  title: string;
  unit: string;
  hint?: string;
  rows: ChartRow[];
  /** Any figure shown as "<5" in this chart. */
  suppressed: boolean;
  /** An "other" bucket (small groups combined) in this chart. */
  other: boolean;
  wide?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className={props.wide ? 'db-chart db-chart--wide' : 'db-chart'} aria-labelledby={titleId}>
      <h2 id={titleId}>{props.title}</h2>
      <p className="db-chart__unit">{t('dashboard.charts.unit', { unit: props.unit })}</p>
      {props.hint ? <p>{props.hint}</p> : null}
      {props.rows.length === 0 ? <p>{t('dashboard.charts.empty')}</p> : props.children}
      {props.suppressed || props.other ? (
        <ul className="db-chart__notes">
          {props.suppressed ? <li>{t('dashboard.notes.suppressed')}</li> : null}
          {props.other ? <li>{t('dashboard.notes.other')}</li> : null}
        </ul>
      ) : null}
      {props.rows.length > 0 ? (
        <details>
          <summary>{t('dashboard.charts.values')}</summary>
          <table className="hds-table hds-table--light db-table">
            <caption className="visually-hidden">{props.title}</caption>
            <thead className="hds-table__header-row">
              <tr>
                <th scope="col">{t('csv.key')}</th>
                <th scope="col">{props.unit}</th>
              </tr>
            </thead>
            <tbody className="hds-table__content">
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
