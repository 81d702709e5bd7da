import { Button } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardSummary, Filter } from '../dashboard-api.ts';

const SITE_KINDS = ['library', 'community-house', 'senior-centre', 'service-centre'];

/** Date range, site type and station; applied on submit so typing a date does not refetch. */
export function Filters(props: {
  filter: Filter;
  stations: DashboardSummary['stations'];
  csvUrl: string;
  onApply: (filter: Filter) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(props.filter);
  const set = (key: keyof Filter) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        props.onApply(draft);
      }}
    >
      <fieldset className="db-filters">
        <legend>{t('dashboard.filters.title')}</legend>
        <label>
          {t('dashboard.filters.from')}
          <input type="date" value={draft.from} onChange={set('from')} required />
        </label>
        <label>
          {t('dashboard.filters.to')}
          <input type="date" value={draft.to} onChange={set('to')} required />
        </label>
        <label>
          {t('dashboard.filters.site')}
          <select value={draft.site} onChange={set('site')}>
            <option value="">{t('dashboard.filters.all')}</option>
            {SITE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.filters.station')}
          <select value={draft.station} onChange={set('station')}>
            <option value="">{t('dashboard.filters.all')}</option>
            {props.stations
              .filter((s) => !draft.site || s.siteKind === draft.site)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id} – {s.location}
                </option>
              ))}
          </select>
        </label>
        <Button type="submit">{t('dashboard.filters.apply')}</Button>
        <a href={props.csvUrl} download>
          {t('dashboard.filters.csv')}
        </a>
      </fieldset>
    </form>
  );
}
