import { Button, ButtonVariant, Dialog } from 'hds-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A shell dialog the visitor reads or adjusts and then closes: a titled HDS dialog with the corner
 * close button and one primary close button at the bottom (large and easy to find, for visitors
 * who do not spot the corner ×). Dialogs that ask a question (end session, idle warning) build
 * their own buttons instead.
 */
export function ClosableDialog({
  id,
  title,
  isOpen,
  close,
  scrollable = false,
  closeLabel,
  children,
}: {
  /** DOM id of the dialog; its title gets `${id}-title`. */
  id: string;
  title: string;
  isOpen: boolean;
  close: () => void;
  scrollable?: boolean;
  /** Text of the bottom button ("Close" for a list, "Done" after choosing settings). */
  closeLabel: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      id={id}
      aria-labelledby={`${id}-title`}
      isOpen={isOpen}
      close={close}
      closeButtonLabelText={t('files.close')}
      scrollable={scrollable}
    >
      <Dialog.Header id={`${id}-title`} title={title} />
      <Dialog.Content>{children}</Dialog.Content>
      <Dialog.ActionButtons>
        <Button variant={ButtonVariant.Primary} onClick={close}>
          {closeLabel}
        </Button>
      </Dialog.ActionButtons>
    </Dialog>
  );
}
