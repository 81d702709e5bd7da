import { useTranslation } from 'react-i18next';
import type { HelpQueueItem } from '../../../protocol/help.ts';
import { displayNames } from '../shared/display-names.ts';
import { helsinkiDay, helsinkiTime } from '../shared/helsinki-time.ts';
import { useNow } from './use-now.ts';

/** How many shown of today's list: enough to recall the last visits, never a page-long list. */
const LATEST = 3;

/**
 * Requests this advisor resolved today, as a count and the latest few. "Today" is the Helsinki
 * calendar day: central's list may start at its own midnight, so it is filtered here.
 */
export function HandledToday({ items }: { items: HelpQueueItem[] }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const names = displayNames(i18n.language);
  const today = helsinkiDay(now);
  const handled = items
    .filter((item) => helsinkiDay(item.closedAt ?? item.createdAt) === today)
    .sort((a, b) => (b.closedAt ?? b.createdAt) - (a.closedAt ?? a.createdAt));
  return (
    <>
      <h2 id="today-title">{t('handled.title')}</h2>
      <p className="console-handled-count" data-testid="handled-count">
        {t('handled.count', { count: handled.length })}
      </p>
      {handled.length > 0 && (
        <>
          <h3 className="console-subtitle">{t('handled.latest')}</h3>
          <ul className="console-handled" data-testid="handled-today">
            {handled.slice(0, LATEST).map((item) => (
              <li key={item.id}>
                {helsinkiTime(item.closedAt ?? item.createdAt, i18n.language)} · {names.topic(item.topic)} ·{' '}
                {item.location}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
