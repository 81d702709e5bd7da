import { Notification } from 'hds-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FLEET_STATUSES, type FleetList, type FleetStatus } from '../../../../protocol/fleet.ts';
import type { FleetApi } from '../fleet-api.ts';
import { helsinkiDateTime } from '../format.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** How often the list refreshes itself while open. */
const REFRESH_MS = 15_000;

/** Every station with status, version, last seen and problems; filter by site and status. */
export function StationList(props: { api: FleetApi }) {
  const { t, i18n } = useTranslation();
  const [site, setSite] = useState('');
  const [status, setStatus] = useState<FleetStatus | ''>('');
  const [list, setList] = useState<FleetList | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      props.api.list({ site, status }).then(
        (next) => {
          if (!live) return;
          setList(next);
          setFailed(false);
        },
        () => live && setFailed(true),
      );
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [props.api, site, status]);

  return (
    <>
      <h2>{t('list.title')}</h2>
      <fieldset className="fl-filters">
        <legend>{t('list.filters')}</legend>
        <label>
          {t('list.site')}
          <select id="filter-site" value={site} onChange={(e) => setSite(e.target.value)}>
            <option value="">{t('list.all')}</option>
            {(list?.sites ?? []).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('list.status')}
          <select id="filter-status" value={status} onChange={(e) => setStatus(e.target.value as FleetStatus | '')}>
            <option value="">{t('list.all')}</option>
            {FLEET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {failed ? (
        <Notification type="error" label={t('list.failed')}>
          {null}
        </Notification>
      ) : null}
      {list === null ? (
        <p role="status">{t('list.loading')}</p>
      ) : (
        <>
          <p role="status" className="fl-count">
            {t('list.count', { count: list.stations.length })}
          </p>
          {list.stations.length === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            <div className="fl-table-wrap" role="region" aria-label={t('list.title')} tabIndex={0}>
              <table className="fl-table" data-testid="fleet-stations">
                <thead>
                  <tr>
                    <th scope="col">{t('list.col.station')}</th>
                    <th scope="col">{t('list.col.status')}</th>
                    <th scope="col">{t('list.col.version')}</th>
                    <th scope="col">{t('list.col.lastSeen')}</th>
                    <th scope="col">{t('list.col.problems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.stations.map((s) => (
                    <tr key={s.id} data-station={s.id}>
                      <th scope="row">
                        <a href={`#/station/${encodeURIComponent(s.id)}`}>{s.id}</a>
                        <span className="fl-sub">{s.location}</span>
                      </th>
                      <td>
                        <StatusBadge status={s.status} />
                      </td>
                      <td>{s.appVersion ?? '–'}</td>
                      <td>{s.lastSeenAt === null ? t('list.never') : helsinkiDateTime(s.lastSeenAt, i18n.language)}</td>
                      <td>
                        {s.problems.length === 0 ? (
                          <span className="fl-sub">{t('list.none')}</span>
                        ) : (
                          <ul className="fl-problems">
                            {s.problems.map((p) => (
                              <li key={p}>{t(`problem.${p}`)}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
