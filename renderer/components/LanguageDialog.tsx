import { Button, ButtonVariant, Dialog } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';
import { LanguagePicker } from './LanguagePicker.tsx';

/**
 * Language choice during a session, from the toolbar. Changing language keeps everything else:
 * the open e-service, settings, files and any help request.
 */
export function LanguageDialog({
  view,
  kiosk,
  isOpen,
  close,
}: {
  view: StationView;
  kiosk: KioskApi;
  isOpen: boolean;
  close: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      id="language-dialog"
      aria-labelledby="language-title"
      isOpen={isOpen}
      close={close}
      closeButtonLabelText={t('files.close')}
    >
      <Dialog.Header id="language-title" title={t('welcome.chooseLanguage')} />
      <Dialog.Content>
        <LanguagePicker kiosk={kiosk} current={view.language} compact />
      </Dialog.Content>
      <Dialog.ActionButtons>
        <Button variant={ButtonVariant.Primary} onClick={close}>
          {t('a11y.close')}
        </Button>
      </Dialog.ActionButtons>
    </Dialog>
  );
}
