import { IconCheckCircle, IconSize, LoadingSpinner } from 'hds-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';
import { FeedbackQuestion } from './FeedbackQuestion.tsx';

/**
 * While wiping, then "everything you did here was erased" (announced), then the welcome screen.
 * After "End session" the "Did you get it done?" question shows below while the reset runs.
 */
export function ResetScreen({ view, kiosk }: { view: StationView; kiosk: KioskApi }) {
  const { t } = useTranslation();
  const done = view.phase === 'reset-done';
  const [answered, setAnswered] = useState(false);
  const main = useRef<HTMLElement>(null);
  const asking = view.feedback !== null;
  const wasAsking = useRef(asking);
  useEffect(() => {
    // The question closed under the visitor's focus: put focus back on the screen's heading.
    if (wasAsking.current && !asking) main.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
    wasAsking.current = asking;
  }, [asking]);
  return (
    <main className="center-screen reset-screen" id="main" ref={main}>
      <div role="status" aria-live="polite" className="reset-status">
        {done ? (
          <>
            <IconCheckCircle aria-hidden="true" size={IconSize.ExtraLarge} />
            <h1 className="screen-title" tabIndex={-1}>
              {t('reset.doneTitle')}
            </h1>
            <p>{t('reset.doneBody')}</p>
          </>
        ) : (
          <>
            <LoadingSpinner small={false} loadingText={t('reset.resetting')} />
            <h1 className="screen-title" tabIndex={-1}>
              {t('reset.resetting')}
            </h1>
          </>
        )}
        {answered && !asking && <p className="feedback-thanks">{t('feedback.thanks')}</p>}
      </div>
      {view.feedback && (
        <FeedbackQuestion
          question={view.feedback}
          phase={view.phase}
          kiosk={kiosk}
          onAnswered={() => setAnswered(true)}
        />
      )}
    </main>
  );
}
