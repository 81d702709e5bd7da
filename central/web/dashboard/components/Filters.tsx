import { Button } from 'hds-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SITE_KINDS } from '../../../../protocol/dashboard.ts';
import { displayNames } from '../../shared/display-names.ts';
import type { DashboardSummary, Filter } from '../dashboard-api.ts';

/**
 * Date range, site type and station; applied on submit so typing a date does not refetch. The
 * legend is a block above the fields (a flex fieldset would draw it over the first field).
 */
export function Filters(props: {
  filter: Filter;
  stations: DashboardSummary['stations'];
  onApply: (filter: Filter) => void;
  download: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const names = displayNames(i18n.language);
  const [draft, setDraft] = useState(props.filter);
  const set = (key: keyof Filter) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });
  return (
    <form
      className="db-filter-form"
      onSubmit={(event) => {
        event.preventDefault();
        props.onApply(draft);
      }}
    >
      <fieldset className="db-filters">
        <legend>{t('dashboard.filters.title')}</legend>
        <div className="db-filters__fields">
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
                  {names.siteKind(kind)}
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
                    {s.location} ({s.id})
                  </option>
                ))}
            </select>
          </label>
          <Button type="submit">{t('dashboard.filters.apply')}</Button>
          {props.download}
        </div>
      </fieldset>
    </form>
  );
}
