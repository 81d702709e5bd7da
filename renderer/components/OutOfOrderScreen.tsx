import { IconAlertCircle, IconSize } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { StationView } from '../../protocol/ipc.ts';

/** Shown when the station cannot run safely (e.g. invalid config). Tells visitors to ask staff. */
export function OutOfOrderScreen({ view }: { view: StationView }) {
  const { t } = useTranslation();
  return (
    <main className="center-screen out-of-order" id="main">
      <IconAlertCircle aria-hidden="true" size={IconSize.ExtraLarge} />
      <h1 className="screen-title">{t('outOfOrder.title')}</h1>
      <p className="lead" lang="fi">
        {t('outOfOrder.body', { lng: 'fi' })}
      </p>
      <p className="lead" lang="sv">
        {t('outOfOrder.body', { lng: 'sv' })}
      </p>
      <p className="lead" lang="en">
        {t('outOfOrder.body', { lng: 'en' })}
      </p>
      <p className="staff-note">{t('outOfOrder.staff', { reason: view.outOfOrder?.reason ?? '' })}</p>
    </main>
  );
}
