import { Notification } from 'hds-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { runsRemoteActions, type FleetStationDetail } from '../../../../protocol/fleet.ts';
import type { FleetApi } from '../fleet-api.ts';
import { helsinkiDateTime } from '../format.ts';
import { ActionForm } from './ActionForm.tsx';
import { OverrideForm } from './OverrideForm.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const REFRESH_MS = 10_000;

/** One station: summary, actions (queue and see them done), its overrides, alerts and recent health. */
export function StationPage(props: { api: FleetApi; stationId: string }) {
  const { t, i18n } = useTranslation();
  const [detail, setDetail] = useState<FleetStationDetail | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(
    () =>
      props.api.station(props.stationId).then(
        (next) => {
          setDetail(next);
          setFailed(false);
        },
        () => setFailed(true),
      ),
    [props.api, props.stationId],
  );
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);
  const time = (at: number) => helsinkiDateTime(at, i18n.language);

  return (
    <>
      <p>
        <a href="#/">{t('station.back')}</a>
      </p>
      <h2>{props.stationId}</h2>
      {failed ? (
        <Notification type="error" label={t('list.failed')}>
          {null}
        </Notification>
      ) : null}
      {detail === null ? (
        <p role="status">{t('list.loading')}</p>
      ) : (
        <>
          <section className="fl-card" aria-labelledby="summary-title">
            <h3 id="summary-title">{t('station.summary')}</h3>
            <dl className="fl-summary" data-testid="fleet-station-summary">
              <dt>{t('list.col.status')}</dt>
              <dd>
                <StatusBadge status={detail.station.status} />
              </dd>
              <dt>{t('station.site')}</dt>
              <dd>
                {detail.station.site} ({detail.station.location})
              </dd>
              <dt>{t('list.col.version')}</dt>
              <dd>{detail.station.appVersion ?? '–'}</dd>
              <dt>{t('list.col.lastSeen')}</dt>
              <dd>{detail.station.lastSeenAt === null ? t('list.never') : time(detail.station.lastSeenAt)}</dd>
              <dt>{t('station.config')}</dt>
              <dd>
                {detail.station.appliedConfigVersion ?? '–'} / {detail.station.currentConfigVersion}
              </dd>
              {detail.station.status === 'out-of-order' && detail.station.outOfOrderCause ? (
                <>
                  <dt>{t('station.outOfOrderCause')}</dt>
                  <dd data-testid="fleet-out-of-order-cause">{t(`cause.${detail.station.outOfOrderCause}`)}</dd>
                </>
              ) : null}
              {detail.station.outOfOrderReason ? (
                <>
                  <dt>{t('station.outOfOrderReason')}</dt>
                  <dd>{detail.station.outOfOrderReason}</dd>
                </>
              ) : null}
              <dt>{t('list.col.problems')}</dt>
              <dd>
                {detail.station.problems.length === 0
                  ? t('list.none')
                  : detail.station.problems.map((p) => t(`problem.${p}`)).join(', ')}
              </dd>
            </dl>
          </section>
          {runsRemoteActions(detail.station) ? null : (
            <Notification
              type="alert"
              label={t('station.actionsWait.title')}
              notificationAriaLabel={t('station.actionsWait.title')}
              headingLevel={3}
              data-testid="fleet-actions-wait"
              className="fl-notice"
            >
              {t('station.actionsWait.body')}
            </Notification>
          )}
          <div className="fl-columns">
            <ActionForm
              api={props.api}
              stationId={props.stationId}
              site={detail.station.site}
              onQueued={() => void load()}
            />
            <section className="fl-card" aria-labelledby="recent-actions-title">
              <h3 id="recent-actions-title">{t('actions.recent')}</h3>
              {detail.actions.length === 0 ? (
                <p>{t('actions.none')}</p>
              ) : (
                <ul className="fl-list" data-testid="fleet-actions">
                  {detail.actions.map((a) => (
                    <li key={a.id}>
                      <strong>{t(`actions.kind.${a.action.kind}`)}</strong> – {t(`actions.state.${a.state}`)}
                      <span className="fl-sub">
                        {' '}
                        {time(a.issuedAt)}, {a.issuedBy}
                        {a.refusal ? `, ${a.refusal}` : ''}
                      </span>
                      {a.state === 'pending' ? (
                        <button
                          type="button"
                          className="fl-link-button"
                          onClick={() => void props.api.cancel(a.id).then(load, load)}
                        >
                          {t('actions.cancel')}
                        </button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
              <h3>{t('alerts.title')}</h3>
              {detail.alerts.length === 0 ? (
                <p>{t('alerts.none')}</p>
              ) : (
                <ul className="fl-list">
                  {detail.alerts.map((a) => (
                    <li key={a.id}>
                      {t(`alerts.kind.${a.kind}`)}, {time(a.openedAt)} –{' '}
                      {a.resolvedAt === null ? t('alerts.open') : t('alerts.resolved', { at: time(a.resolvedAt) })}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <OverrideForm
            api={props.api}
            stationId={props.stationId}
            current={detail.config}
            onSaved={() => void load()}
          />
          <section className="fl-card" aria-labelledby="history-title">
            <h3 id="history-title">{t('station.history')}</h3>
            <div className="fl-table-wrap" role="region" aria-label={t('station.history')} tabIndex={0}>
              <table className="fl-table" data-testid="fleet-history">
                <thead>
                  <tr>
                    <th scope="col">{t('station.col.at')}</th>
                    <th scope="col">{t('station.col.reason')}</th>
                    <th scope="col">{t('station.col.state')}</th>
                    <th scope="col">{t('list.col.version')}</th>
                    <th scope="col">{t('station.col.sessions')}</th>
                    <th scope="col">{t('station.col.failedResets')}</th>
                    <th scope="col">{t('station.col.disk')}</th>
                    <th scope="col">{t('station.col.memory')}</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.history.slice(0, 50).map((h) => (
                    <tr key={`${h.at}-${h.reason}`}>
                      <td>{time(h.at)}</td>
                      <td>{t(`station.reason.${h.reason}`)}</td>
                      <td>{t(`state.${h.state}`)}</td>
                      <td>{h.appVersion}</td>
                      <td>{h.sessionsSinceStart}</td>
                      <td>{h.failedResets}</td>
                      <td>{h.freeDiskMb ?? '–'}</td>
                      <td>{h.freeMemoryMb ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
