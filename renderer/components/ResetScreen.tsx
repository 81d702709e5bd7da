import { IconCheckCircle, IconSize, LoadingSpinner } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { StationView } from '../../protocol/ipc.ts';

/** While wiping, then "everything you did here was erased" (announced), then the welcome screen. */
export function ResetScreen({ view }: { view: StationView }) {
  const { t } = useTranslation();
  const done = view.phase === 'reset-done';
  return (
    <main className="center-screen" id="main">
      <div role="status" aria-live="polite" className="reset-status">
        {done ? (
          <>
            <IconCheckCircle aria-hidden="true" size={IconSize.ExtraLarge} />
            <h1 className="screen-title">{t('reset.doneTitle')}</h1>
            <p>{t('reset.doneBody')}</p>
          </>
        ) : (
          <>
            <LoadingSpinner small={false} loadingText={t('reset.resetting')} />
            <h1 className="screen-title">{t('reset.resetting')}</h1>
          </>
        )}
      </div>
    </main>
  );
}
