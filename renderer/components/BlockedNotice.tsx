import { Button, ButtonVariant } from 'hds-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';

/** "This page is not available here", in the visitor's language, with a way back. */
export function BlockedNotice({ view, kiosk }: { view: StationView; kiosk: KioskApi }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const service = view.services.find((s) => s.id === view.blockedNotice?.serviceId)?.name ?? '';
  return (
    <section className="blocked-notice" role="alert" aria-labelledby="blocked-title">
      <h1 id="blocked-title" ref={heading} tabIndex={-1} className="screen-title">
        {t('blocked.title')}
      </h1>
      <p>{t('blocked.body', { service })}</p>
      <div className="button-row">
        <Button variant={ButtonVariant.Primary} onClick={() => void kiosk.invoke('service:back')}>
          {t('blocked.back')}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={() => void kiosk.invoke('service:home')}>
          {t('blocked.home')}
        </Button>
      </div>
    </section>
  );
}
