import { IconLinkExternal, IconSize } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { StationView } from '../../protocol/ipc.ts';

/**
 * Where the e-service is. In Electron the host lays the e-service view over this area, so it is
 * empty; in the preview the service opens in a second browser window and this says so.
 */
export function ServiceArea({ view }: { view: StationView }) {
  const { t } = useTranslation();
  const service = view.services.find((s) => s.id === view.activeServiceId);
  if (view.host.kind === 'electron') return <main id="main" className="service-area" aria-label={service?.name} />;
  return (
    <main id="main" className="service-area preview">
      <IconLinkExternal aria-hidden="true" size={IconSize.ExtraLarge} />
      <h1 className="screen-title" role="status">
        {t('service.openedInWindow', { service: service?.name ?? '' })}
      </h1>
      <p>{t('service.previewNote')}</p>
    </main>
  );
}
