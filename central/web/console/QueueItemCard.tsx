import { Button, ButtonVariant, TextArea } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CHAT_CHARS, type HelpQueueItem } from '../../../protocol/help.ts';
import { displayNames } from '../shared/display-names.ts';
import type { ConsoleApi } from './console-api.ts';
import { ScreenView } from './ScreenView.tsx';
import { useNow } from './use-now.ts';

const minutesSeconds = (ms: number) => {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
};

/** One request: where, what, how long it has waited; and for the advisor holding it, the chat. */
export function QueueItemCard({
  item,
  me,
  api,
  onAct,
}: {
  item: HelpQueueItem;
  me: string;
  api: ConsoleApi;
  onAct: (id: string, action: 'claim' | 'release' | 'resolve') => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const names = displayNames(i18n.language);
  const now = useNow();
  const [text, setText] = useState('');
  const mine = item.state === 'claimed' && item.claimedBy?.id === me;
  const since = item.state === 'claimed' && item.claimedAt !== null ? item.claimedAt : item.createdAt;
  const titleId = `req-${item.id}`;
  const [sendFailed, setSendFailed] = useState(false);
  const send = async () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    const result = await api.send(item.id, trimmed);
    setSendFailed(!result.ok && result.status !== 401);
    if (result.ok) setText('');
  };
  return (
    <article
      className={`console-card${mine ? ' console-card--mine' : ''}`}
      aria-labelledby={titleId}
      data-testid="queue-item"
      data-state={item.state}
    >
      <h3 id={titleId} className="console-card__title">
        {names.topic(item.topic)} · {item.location}
      </h3>
      <dl className="console-card__facts">
        <div>
          <dt>{item.state === 'queued' ? t('item.waiting') : t('item.helpingFor')}</dt>
          <dd className="console-card__timer">{minutesSeconds(now - since)}</dd>
        </div>
        <div>
          <dt>{t('item.language')}</dt>
          <dd>{names.language(item.language)}</dd>
        </div>
        <div>
          <dt>{t('item.mode')}</dt>
          <dd>{t(`mode.${item.mode}`)}</dd>
        </div>
        {item.accessibilityModes.length > 0 && (
          <div>
            <dt>{t('item.accessibility')}</dt>
            <dd>{item.accessibilityModes.map((m) => names.accessibilityMode(m)).join(', ')}</dd>
          </div>
        )}
        {item.serviceId && (
          <div>
            <dt>{t('item.service')}</dt>
            <dd>{names.service(item.serviceId)}</dd>
          </div>
        )}
        {item.claimedBy && !mine && (
          <div>
            <dt>{t('item.claimedBy')}</dt>
            <dd>{item.claimedBy.displayName}</dd>
          </div>
        )}
        {item.returnedCount > 0 && (
          <div>
            <dt>{t('item.returned')}</dt>
            <dd>{item.returnedCount}</dd>
          </div>
        )}
      </dl>
      <div className="console-card__actions">
        {item.state === 'queued' && (
          <Button variant={ButtonVariant.Primary} onClick={() => void onAct(item.id, 'claim')}>
            {t('item.claim')}
          </Button>
        )}
        {mine && (
          <>
            <Button variant={ButtonVariant.Success} onClick={() => void onAct(item.id, 'resolve')}>
              {t('item.resolve')}
            </Button>
            <Button variant={ButtonVariant.Secondary} onClick={() => void onAct(item.id, 'release')}>
              {t('item.release')}
            </Button>
          </>
        )}
      </div>
      {mine && <ScreenView requestId={item.id} api={api} />}
      {mine && (
        <div className="console-chat">
          <div className="console-chat__log" role="log" aria-label={t('chat.label')} data-testid="console-chat-log">
            <ol className="console-chat__lines">
              {item.messages.length === 0 ? (
                <li className="console-chat__empty">
                  {item.mode === 'chat-here' ? t('chat.emptyChat') : t('chat.emptyVisit')}
                </li>
              ) : (
                item.messages.map((m) => (
                  <li key={m.id} className={`console-chat__line console-chat__line--${m.from}`}>
                    <strong>{m.from === 'advisor' ? t('chat.you') : t('chat.visitor')}:</strong> {m.text}
                  </li>
                ))
              )}
            </ol>
          </div>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void send();
            }}
          >
            <TextArea
              id={`chat-${item.id}`}
              label={t('chat.inputLabel')}
              value={text}
              maxLength={MAX_CHAT_CHARS}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  void send();
                }
              }}
            />
            {sendFailed && (
              <p className="console-error" role="alert">
                {t('chat.sendFailed')}
              </p>
            )}
            <Button type="submit" variant={ButtonVariant.Primary} className="console-chat__send">
              {t('chat.send')}
            </Button>
          </form>
        </div>
      )}
    </article>
  );
}
