import { LoadingSpinner, Notification } from 'hds-react';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure, type DashboardApi, type DashboardSummary, type Filter } from '../dashboard-api.ts';
import { BarChart } from './BarChart.tsx';
import { cellText } from './cells.ts';
import { DayChart } from './DayChart.tsx';
import { Filters } from './Filters.tsx';
import { HourHeatmap } from './HourHeatmap.tsx';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function defaultFilter(): Filter {
  const to = new Date();
  const from = new Date(to.getTime() - 29 * 86400_000);
  return { from: isoDay(from), to: isoDay(to), site: '', station: '' };
}

export function Dashboard(props: { api: DashboardApi; onLoggedOut: () => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>(defaultFilter);
  const [summary, setSummary] = useState<DashboardSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Logging out is an event, not a reason to fetch again: the parent may pass a new function each render.
  const onLoggedOut = useEffectEvent(() => props.onLoggedOut());
  const { api } = props;
  useEffect(() => {
    let current = true;
    setError(null);
    api.summary(filter).then(
      (result) => current && setSummary(result),
      (failure: unknown) => {
        if (failure instanceof ApiFailure && failure.status === 401) onLoggedOut();
        else if (current) setError((failure as Error).message);
      },
    );
    return () => {
      current = false;
    };
  }, [filter, api]);

  const median = summary?.medianSessionSeconds;
  return (
    <>
      <Filters
        filter={filter}
        stations={summary?.stations ?? []}
        csvUrl={props.api.csvUrl(filter)}
        onApply={setFilter}
      />
      <p>{t('dashboard.privacy.note')}</p>
      <div aria-live="polite">
        {error ? (
          <Notification type="error" label={t('dashboard.status.failed', { message: error })}>
            {null}
          </Notification>
        ) : null}
        {!summary && !error ? <LoadingSpinner loadingText={t('dashboard.status.loading')} /> : null}
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
                  : t('dashboard.figures.minutes', { value: (median / 60).toFixed(1) })}
              </strong>
            </p>
          </div>
          <div className="db-grid">
            <DayChart title={t('dashboard.charts.perDay')} days={summary.sessionsPerDay} />
            <HourHeatmap title={t('dashboard.charts.heatmap')} hours={summary.sessionsPerHourOfWeek} />
            <BarChart
              title={t('dashboard.charts.bySite')}
              items={summary.sessionsBySite.map((s) => ({ label: s.siteKind, value: s.sessions }))}
            />
            <BarChart
              title={t('dashboard.charts.byStation')}
              items={summary.sessionsByStation.map((s) => ({ label: s.stationId, value: s.sessions }))}
            />
            <BarChart
              title={t('dashboard.charts.services')}
              items={summary.topServices.slice(0, 15).map((s) => ({ label: s.serviceId, value: s.opens }))}
            />
            <BarChart
              title={t('dashboard.charts.languages')}
              items={summary.languages.map((l) => ({ label: l.language, value: l.sessions }))}
            />
            <BarChart
              title={t('dashboard.charts.accessibility')}
              items={summary.accessibilityModes.map((m) => ({ label: m.mode, value: m.sessions }))}
            />
            <BarChart
              title={t('dashboard.charts.help')}
              items={summary.help.map((h) => ({ label: h.topic, value: h.requested }))}
            />
            <BarChart
              title={`${t('dashboard.charts.help')}: ${t('dashboard.help.wait')} (s)`}
              items={summary.help.map((h) => ({
                label: h.topic,
                value: h.averageWaitSeconds,
                details: `${t('dashboard.help.answered')} ${cellText(h.answered)}, ${t('dashboard.help.cancelled')} ${cellText(h.cancelled)}`,
              }))}
            />
            <BarChart
              title={t('dashboard.charts.blocked')}
              hint={t('dashboard.charts.blockedHint')}
              items={summary.blockedNavigations.map((b) => ({ label: b.serviceId, value: b.blocked }))}
            />
          </div>
        </>
      ) : null}
    </>
  );
}
