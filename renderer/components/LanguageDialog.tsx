import { useTranslation } from 'react-i18next';
import { ClosableDialog } from './ClosableDialog.tsx';
import type { Language } from '../../protocol/events.ts';
import type { StationView } from '../../protocol/ipc.ts';
import { LanguagePicker } from './LanguagePicker.tsx';

/**
 * Language choice during a session, from the toolbar. Changing language keeps everything else:
 * the open e-service, settings, files and any help request.
 */
export function LanguageDialog({
  view,
  chooseLanguage,
  isOpen,
  close,
}: {
  view: StationView;
  chooseLanguage: (language: Language) => void;
  isOpen: boolean;
  close: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ClosableDialog
      id="language-dialog"
      title={t('welcome.chooseLanguage')}
      isOpen={isOpen}
      close={close}
      closeLabel={t('a11y.close')}
    >
      <LanguagePicker choose={chooseLanguage} current={view.language} compact />
    </ClosableDialog>
  );
}
