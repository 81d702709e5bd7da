import { Button, ButtonVariant, Dialog } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../protocol/ipc.ts';

/** "End session?" confirmation; confirming wipes everything the visitor did. */
export function EndSessionDialog({ kiosk, isOpen, close }: { kiosk: KioskApi; isOpen: boolean; close: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      id="end-session-dialog"
      aria-labelledby="end-session-title"
      aria-describedby="end-session-body"
      isOpen={isOpen}
      close={close}
      closeButtonLabelText={t('endSession.cancel')}
      variant="danger"
    >
      <Dialog.Header id="end-session-title" title={t('endSession.title')} />
      <Dialog.Content>
        <p id="end-session-body">{t('endSession.body')}</p>
      </Dialog.Content>
      <Dialog.ActionButtons>
        <Button
          variant={ButtonVariant.Danger}
          onClick={() => {
            close();
            void kiosk.invoke('session:end', { reason: 'visitor' });
          }}
        >
          {t('endSession.confirm')}
        </Button>
        <Button variant={ButtonVariant.Secondary} onClick={close}>
          {t('endSession.cancel')}
        </Button>
      </Dialog.ActionButtons>
    </Dialog>
  );
}
