import { Button, ButtonVariant, Dialog } from 'hds-react';
import { useTranslation } from 'react-i18next';
import type { StationView } from '../../protocol/ipc.ts';

/** Files downloaded in this session; all of them are deleted at reset. */
export function FilesPanel({ view, isOpen, close }: { view: StationView; isOpen: boolean; close: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      id="files-panel"
      aria-labelledby="files-title"
      isOpen={isOpen}
      close={close}
      closeButtonLabelText={t('files.close')}
    >
      <Dialog.Header id="files-title" title={t('files.title')} />
      <Dialog.Content>
        {view.files.length === 0 ? (
          <p>{t('files.empty')}</p>
        ) : (
          <ul className="file-list">
            {view.files.map((file) => (
              <li key={file.id}>
                {file.name}{' '}
                <span className="file-meta">
                  {file.state === 'done' ? `${Math.ceil(file.sizeBytes / 1024)} kB` : t(`files.${file.state}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>{t('files.erasedNote')}</p>
      </Dialog.Content>
      <Dialog.ActionButtons>
        <Button variant={ButtonVariant.Primary} onClick={close}>
          {t('files.close')}
        </Button>
      </Dialog.ActionButtons>
    </Dialog>
  );
}
