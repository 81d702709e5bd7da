import { Button, ButtonVariant, Dialog } from 'hds-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';
import { useCountdown } from '../hooks/use-countdown.ts';

/**
 * The idle warning (WCAG 2.2.1): counts down, is announced to screen readers when it opens and
 * at a few milestones (not every second, which would drown the reader), and one press of
 * "Continue" extends the session. Focus starts on "Continue" so Enter or Space is enough.
 */
export function IdleWarningDialog({ view, kiosk }: { view: StationView; kiosk: KioskApi }) {
  const { t } = useTranslation();
  const seconds = useCountdown(view.idleResetAt);
  const continueRef = useRef<HTMLButtonElement>(null);
  const isOpen = view.phase === 'idle-warning';
  useEffect(() => {
    if (!isOpen) return;
    // HDS's Dialog moves focus to its title once it is ready; when that happens, hand focus to
    // "Continue" so a single Enter or Space extends. The description is still read on entry.
    let handedOver = false;
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target as HTMLElement | null;
      if (handedOver || !target?.closest('#idle-warning') || target === continueRef.current) return;
      handedOver = true;
      continueRef.current?.focus();
    };
    document.addEventListener('focusin', onFocusIn);
    continueRef.current?.focus();
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [isOpen]);
  const announce = seconds !== null && (seconds % 10 === 0 || seconds <= 5);
  return (
    <Dialog id="idle-warning" aria-labelledby="idle-title" aria-describedby="idle-body" isOpen={isOpen}>
      <Dialog.Header id="idle-title" title={t('idle.title')} />
      <Dialog.Content>
        <p id="idle-body">{t('idle.body', { seconds: seconds ?? 0 })}</p>
        <p className="countdown" aria-hidden="true">
          {seconds ?? ''}
        </p>
        <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
          {announce ? t('idle.body', { seconds }) : ''}
        </p>
      </Dialog.Content>
      <Dialog.ActionButtons>
        <Button ref={continueRef} variant={ButtonVariant.Primary} onClick={() => void kiosk.invoke('session:extend')}>
          {t('idle.continue')}
        </Button>
        <Button
          variant={ButtonVariant.Secondary}
          onClick={() => void kiosk.invoke('session:end', { reason: 'visitor' })}
        >
          {t('idle.end')}
        </Button>
      </Dialog.ActionButtons>
    </Dialog>
  );
}
