import { Button, ButtonVariant, LoadingSpinner, Notification } from 'hds-react';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayNames } from '../../shared/display-names.ts';
import { helsinkiDay, helsinkiDayBefore } from '../../shared/helsinki-time.ts';
import { summaryCsv } from '../csv-export.ts';
import { ApiFailure, type Cell, type DashboardApi, type DashboardSummary, type Filter } from '../dashboard-api.ts';
import { failureText } from '../errors.ts';
import { BarChart } from './BarChart.tsx';
import { cellText } from './cells.ts';
import { DayChart } from './DayChart.tsx';
import { Filters } from './Filters.tsx';
import { HourHeatmap } from './HourHeatmap.tsx';

/** The last 30 Helsinki calendar days including today, whatever the PC's time zone. */
function defaultFilter(): Filter {
  const now = Date.now();
  return { from: helsinkiDayBefore(now, 29), to: helsinkiDay(now), site: '', station: '' };
}

export function Dashboard(props: { api: DashboardApi; onLoggedOut: (why: string) => void }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>(defaultFilter);
  const [summary, setSummary] = useState<DashboardSummary | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  // Logging out is an event, not a reason to fetch again: the parent may pass a new function each render.
  const onLoggedOut = useEffectEvent((why: string) => props.onLoggedOut(why));
  const { api } = props;
  useEffect(() => {
    let current = true;
    setFailure(null);
    api.summary(filter).then(
      (result) => current && setSummary(result),
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

  const names = displayNames(i18n.language);
  const other = (id: string, name: (id: string) => string) => (id === 'other' ? t('dashboard.names.other') : name(id));
  const stationName = (id: string) => {
    const station = summary?.stations.find((s) => s.id === id);
    return station ? `${station.location} (${id})` : id;
  };
  const decimal = (value: number) => value.toLocaleString(i18n.language, { maximumFractionDigits: 1 });
  const minutes = (seconds: number) => decimal(seconds / 60);

  const download = () => {
    if (!summary) return;
    const weekdays = t('dashboard.weekdays').split(',');
    const csv = summaryCsv(summary, {
      header: [t('csv.figure'), t('csv.key'), t('csv.value')],
      figure: (key) => t(`csv.${key}`),
      number: decimal,
      siteKind: (id) => other(id, names.siteKind),
      station: stationName,
      service: (id) => other(id, names.service),
      language: (id) => other(id, names.language),
      accessibilityMode: (id) => other(id, names.accessibilityMode),
      topic: (id) => other(id, names.topic),
      hourOfWeek: (h) => `${weekdays[Math.floor(h / 24)] ?? ''} ${String(h % 24).padStart(2, '0')}`,
    });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `kiosk-usage-${summary.filter.from}-${summary.filter.to}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };

  /** The "other" bucket (categories below five sessions, summed) as one more bar, when central sent one. */
  const otherBar = (value: Cell | undefined) =>
    value === undefined || value === 0 ? [] : [{ id: 'other', label: t('dashboard.names.other'), value }];
  const protection = summary?.protection;

  const median = summary?.medianSessionSeconds;
  const sessions = t('dashboard.units.sessions');
  return (
    <>
      <Filters
        filter={filter}
        stations={summary?.stations ?? []}
        onApply={setFilter}
        download={
          <Button variant={ButtonVariant.Secondary} onClick={download} disabled={!summary}>
            {t('dashboard.filters.csv')}
          </Button>
        }
      />
      <p>{t('dashboard.privacy.note')}</p>
      {protection ? (
        <ul className="db-protection" data-testid="protection">
          {protection.roundedTo > 1 ? <li>{t('dashboard.privacy.rounded', { step: protection.roundedTo })}</li> : null}
          {protection.widenedToWeeks && summary ? (
            <li>
              {t('dashboard.privacy.weeks', {
                from: summary.filter.from.split('-').reverse().join('.'),
                to: summary.filter.to.split('-').reverse().join('.'),
              })}
            </li>
          ) : null}
        </ul>
      ) : null}
      <div aria-live="polite">
        {failure ? (
          <Notification
            type="error"
            label={t('dashboard.status.failed', { message: failureText(t, failure, 'summary') })}
          >
            {null}
          </Notification>
        ) : null}
        {!summary && !failure ? <LoadingSpinner loadingText={t('dashboard.status.loading')} /> : null}
      </div>
      {summary ? (
        <>
          <div className="db-figures">
            <p className="db-figure">
              {t('dashboard.figures.totalSessions')}
              <strong>{cellText(summary.totalSessions)}</strong>
            </p>
            <p className="db-figure">
              {t('dashboard.figures.medianSession')}
              <strong>
                {median === undefined || median === '<5'
                  ? '<5'
                  : t('dashboard.figures.minutes', { value: minutes(median) })}
              </strong>
            </p>
          </div>
          <div className="db-grid">
            <DayChart title={t('dashboard.charts.perDay')} unit={sessions} days={summary.sessionsPerDay} />
            <HourHeatmap title={t('dashboard.charts.heatmap')} unit={sessions} hours={summary.sessionsPerHourOfWeek} />
            <BarChart
              title={t('dashboard.charts.bySite')}
              unit={sessions}
              items={summary.sessionsBySite.map((s) => ({
                id: s.siteKind,
                label: other(s.siteKind, names.siteKind),
                value: s.sessions,
              }))}
            />
            <BarChart
              title={t('dashboard.charts.byStation')}
              unit={sessions}
              items={summary.sessionsByStation.map((s) => ({
                id: s.stationId,
                label: s.stationId === 'other' ? t('dashboard.names.other') : `${s.location} (${s.stationId})`,
                value: s.sessions,
              }))}
            />
            <BarChart
              title={t('dashboard.charts.services')}
              unit={t('dashboard.units.opens')}
              items={[
                ...summary.topServices.slice(0, 15).map((s) => ({
                  id: s.serviceId,
                  label: other(s.serviceId, names.service),
                  value: s.opens,
                })),
                ...otherBar(summary.other?.topServices),
              ]}
            />
            <BarChart
              title={t('dashboard.charts.languages')}
              unit={sessions}
              items={[
                ...summary.languages.map((l) => ({
                  id: l.language,
                  label: other(l.language, names.language),
                  value: l.sessions,
                })),
                ...otherBar(summary.other?.languages),
              ]}
            />
            <BarChart
              title={t('dashboard.charts.accessibility')}
              unit={sessions}
              items={[
                ...summary.accessibilityModes.map((m) => ({
                  id: m.mode,
                  label: other(m.mode, names.accessibilityMode),
                  value: m.sessions,
                })),
                ...otherBar(summary.other?.accessibilityModes),
              ]}
            />
            <BarChart
              title={t('dashboard.charts.help')}
              unit={t('dashboard.units.requests')}
              items={[
                ...summary.help.map((h) => ({ id: h.topic, label: other(h.topic, names.topic), value: h.requested })),
                ...otherBar(summary.other?.help.requested),
              ]}
            />
            <BarChart
              title={t('dashboard.charts.helpWait')}
              unit={t('dashboard.units.minutes')}
              format={minutes}
              items={summary.help.map((h) => ({
                id: h.topic,
                label: other(h.topic, names.topic),
                value: h.averageWaitSeconds,
                details: `${t('dashboard.help.answered')} ${cellText(h.answered)}, ${t('dashboard.help.cancelled')} ${cellText(h.cancelled)}`,
              }))}
            />
            <BarChart
              title={t('dashboard.charts.blocked')}
              unit={t('dashboard.units.blocked')}
              hint={t('dashboard.charts.blockedHint')}
              items={[
                ...summary.blockedNavigations.map((b) => ({
                  id: b.serviceId,
                  label: other(b.serviceId, names.service),
                  value: b.blocked,
                })),
                ...otherBar(summary.other?.blockedNavigations),
              ]}
            />
          </div>
        </>
      ) : null}
    </>
  );
}
