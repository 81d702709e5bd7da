import { Button, LoadingSpinner, Notification } from 'hds-react';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SITE_KINDS } from '../../../../protocol/dashboard.ts';
import { displayNames } from '../../shared/display-names.ts';
import {
  ApiFailure,
  serviceReportQuery,
  type DashboardApi,
  type ServiceReport as Report,
  type ServiceReportFilter,
  type ServiceWeek,
} from '../dashboard-api.ts';
import { failureText } from '../errors.ts';
import { cellText } from './cells.ts';

const WEEK_CHOICES = [4, 8, 12] as const;

/** `2026-11-23` as `23.11.` (the week's Monday, as Finnish and Swedish readers write it). */
const dayMonth = (day: string): string => {
  const [, month, date] = day.split('-');
  return `${Number(date)}.${Number(month)}.`;
};

/**
 * The service report (issue 14): per e-service, one table of weeks (oldest first, so the trend
 * reads down) with visits, "Did you get it done?" answers, what got in the way, visits with help,
 * and refused navigations; then the whole range. A service owner sees only their services; the
 * server decides that, this page shows what it is given. Every figure arrives protected ("<5").
 */
export function ServiceReport(props: { api: DashboardApi; onLoggedOut: (why: string) => void }) {
  const { t, i18n } = useTranslation();
  const names = displayNames(i18n.language);
  const [filter, setFilter] = useState<ServiceReportFilter>({ weeks: 8, site: '' });
  const [draft, setDraft] = useState(filter);
  const [report, setReport] = useState<Report | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const onLoggedOut = useEffectEvent((why: string) => props.onLoggedOut(why));
  const { api } = props;
  useEffect(() => {
    let current = true;
    setFailure(null);
    setReport(null);
    api.serviceReport(filter).then(
      (result) => current && setReport(result),
      (error: unknown) => {
        if (error instanceof ApiFailure && error.status === 401) onLoggedOut(failureText(t, error, 'summary'));
        else if (current) setFailure(error);
      },
    );
    return () => {
      current = false;
    };
    // t changes with the language; the figures do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter, api]);

  const reasonName = (id: string) => t(`serviceReport.reasons.${id}`, { defaultValue: id });
  const list = (items: { name: string; value: ServiceWeek['visits'] }[]) =>
    items
      .filter((item) => item.value !== 0)
      .map((item) => `${item.name} ${cellText(item.value)}`)
      .join(', ') || '–';
  const reasons = (w: ServiceWeek) =>
    list([
      ...w.reasons.map((r) => ({ name: reasonName(r.reason), value: r.answers })),
      { name: t('dashboard.names.other'), value: w.otherReasons },
    ]);
  const topics = (w: ServiceWeek) =>
    list([
      ...w.helpTopics.map((h) => ({ name: names.topic(h.topic), value: h.visits })),
      { name: t('dashboard.names.other'), value: w.otherHelpTopics },
    ]);
  const row = (label: string, w: ServiceWeek, key: string) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td>{cellText(w.visits)}</td>
      <td>{cellText(w.answered)}</td>
      <td>{cellText(w.outcomes.yes)}</td>
      <td>{cellText(w.outcomes.partly)}</td>
      <td>{cellText(w.outcomes.no)}</td>
      <td>{reasons(w)}</td>
      <td>{cellText(w.helpVisits)}</td>
      <td>{topics(w)}</td>
      <td>{cellText(w.blocked)}</td>
    </tr>
  );

  return (
    <section aria-labelledby="service-report-title" className="db-service-report">
      <h2 id="service-report-title">{t('serviceReport.title')}</h2>
      <p>{t('serviceReport.intro')}</p>
      <form
        className="db-filter-form"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(draft);
        }}
      >
        <fieldset className="db-filters">
          <legend>{t('dashboard.filters.title')}</legend>
          <div className="db-filters__fields">
            <label>
              {t('serviceReport.filters.weeks')}
              <select
                value={draft.weeks}
                onChange={(event) => setDraft({ ...draft, weeks: Number(event.target.value) })}
              >
                {WEEK_CHOICES.map((n) => (
                  <option key={n} value={n}>
                    {t('serviceReport.filters.weeksValue', { count: n })}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('dashboard.filters.site')}
              <select value={draft.site} onChange={(event) => setDraft({ ...draft, site: event.target.value })}>
                <option value="">{t('dashboard.filters.all')}</option>
                {SITE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {names.siteKind(kind)}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit">{t('dashboard.filters.apply')}</Button>
            <a className="db-download" href={`/api/v1/dashboard/service-report.csv?${serviceReportQuery(filter)}`}>
              {t('dashboard.filters.csv')}
            </a>
          </div>
        </fieldset>
      </form>
      <ul className="db-protection">
        <li>{t('dashboard.privacy.note')}</li>
        <li>{t('dashboard.privacy.rounded', { step: report?.protection.roundedTo ?? 5 })}</li>
        <li>{t('serviceReport.helpNote')}</li>
      </ul>
      <div aria-live="polite">
        {failure ? (
          <Notification
            type="error"
            label={t('dashboard.status.failed', { message: failureText(t, failure, 'summary') })}
          >
            {null}
          </Notification>
        ) : null}
        {!report && !failure ? <LoadingSpinner loadingText={t('dashboard.status.loading')} /> : null}
        {report && report.services.length === 0 ? <p>{t('serviceReport.none')}</p> : null}
      </div>
      {report?.services.map((service) => (
        <section
          key={service.serviceId}
          className="db-chart db-chart--wide"
          aria-labelledby={`sr-${service.serviceId}`}
        >
          <h3 id={`sr-${service.serviceId}`}>{names.service(service.serviceId)}</h3>
          <div className="db-table-scroll" tabIndex={0} role="region" aria-labelledby={`sr-${service.serviceId}`}>
            <table className="db-table" data-service={service.serviceId}>
              <thead>
                <tr>
                  <th scope="col">{t('serviceReport.columns.week')}</th>
                  <th scope="col">{t('serviceReport.columns.visits')}</th>
                  <th scope="col">{t('serviceReport.columns.answered')}</th>
                  <th scope="col">{t('serviceReport.columns.yes')}</th>
                  <th scope="col">{t('serviceReport.columns.partly')}</th>
                  <th scope="col">{t('serviceReport.columns.no')}</th>
                  <th scope="col">{t('serviceReport.columns.reasons')}</th>
                  <th scope="col">{t('serviceReport.columns.help')}</th>
                  <th scope="col">{t('serviceReport.columns.topics')}</th>
                  <th scope="col">{t('serviceReport.columns.blocked')}</th>
                </tr>
              </thead>
              <tbody>
                {service.weeks.map((w) => row(t('serviceReport.weekOf', { day: dayMonth(w.week) }), w, w.week))}
              </tbody>
              <tfoot>{row(t('serviceReport.total'), service.total, 'total')}</tfoot>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}
