import { useTranslation } from 'react-i18next';
import type { HelpQueueItem } from '../../../protocol/help.ts';
import { useNow } from './use-now.ts';

/** One line an advisor reads at a glance: how many wait, and how long the longest has waited. */
export function QueueSummary({ waiting }: { waiting: HelpQueueItem[] }) {
  const { t } = useTranslation();
  const now = useNow();
  const oldest = waiting.reduce<number | null>(
    (min, i) => (min === null || i.createdAt < min ? i.createdAt : min),
    null,
  );
  const minutes = oldest === null ? 0 : Math.max(0, Math.floor((now - oldest) / 60_000));
  return (
    <p className="console-summary" data-testid="queue-summary">
      <span>
        {t('summary.waiting')} <strong>{waiting.length}</strong>
      </span>
      <span>
        {t('summary.longest')} <strong>{oldest === null ? '–' : t('summary.minutes', { count: minutes })}</strong>
      </span>
    </p>
  );
}
