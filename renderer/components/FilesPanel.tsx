import { useTranslation } from 'react-i18next';
import { ClosableDialog } from './ClosableDialog.tsx';
import type { StationView } from '../../protocol/ipc.ts';

/** Files downloaded in this session; all of them are deleted at reset. */
export function FilesPanel({ view, isOpen, close }: { view: StationView; isOpen: boolean; close: () => void }) {
  const { t } = useTranslation();
  return (
    <ClosableDialog
      id="files-panel"
      title={t('files.title')}
      isOpen={isOpen}
      close={close}
      closeLabel={t('files.close')}
    >
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
    </ClosableDialog>
  );
}
