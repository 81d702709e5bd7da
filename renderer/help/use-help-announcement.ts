import { useTranslation } from 'react-i18next';
import type { HelpStatusView } from '../../protocol/help.ts';

/**
 * The sentence the live region reads when the help status changes. Derived from the status
 * (not every render), so a screen reader hears each change once.
 */
export function useHelpAnnouncement(help: HelpStatusView): string {
  const { t } = useTranslation('help');
  switch (help.phase) {
    case 'queued':
      return t('status.queued', { position: help.position });
    case 'claimed':
      return t(help.draft.mode === 'come-to-me' ? 'status.onTheWay' : 'status.chatting', {
        name: help.advisorFirstName,
      });
    case 'resolved':
      return t('status.resolved');
    case 'unavailable':
      return t(`unavailable.${help.reason}`);
    default:
      return '';
  }
}
