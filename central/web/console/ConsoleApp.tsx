import { Button, ButtonVariant, Notification, NotificationSize } from 'hds-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HelpQueueItem } from '../../../protocol/help.ts';
import { createAlerts } from './alerts.ts';
import type { ConsoleApi, Me } from './console-api.ts';
import { LoginForm } from './LoginForm.tsx';
import { QueueItemCard } from './QueueItemCard.tsx';
import { useConsoleQueue } from './use-console-queue.ts';

/** The advisor console: login, then the live queue, the advisor's own requests and today's handled list. */
export function ConsoleApp({ api }: { api: ConsoleApi }) {
  const { t, i18n } = useTranslation();
  const [me, setMe] = useState<Me | null | 'loading'>('loading');
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const alerts = useMemo(() => createAlerts(window), []);
  const [alertsOn, setAlertsOn] = useState(false);

  useEffect(() => {
    void api.me().then(setMe, () => setMe(null));
  }, [api]);

  const onCreated = useCallback(
    (item: HelpQueueItem) => {
      const text = t('queue.newRequest', { topic: t(`topic.${item.topic}`), location: item.location });
      setAnnouncement(text);
      alerts.notify(t('queue.newRequestTitle'), text);
    },
    [alerts, t],
  );
  const { state, dispatch } = useConsoleQueue(api, me !== null && me !== 'loading', onCreated);

  if (me === 'loading') return <p className="console-loading">{t('app.loading')}</p>;
  if (me === null) return <LoginForm api={api} onLoggedIn={setMe} />;

  const mine = state.items.filter((i) => i.state === 'claimed' && i.claimedBy?.id === me.name);
  const waiting = state.items.filter((i) => i.state === 'queued');
  const others = state.items.filter((i) => i.state === 'claimed' && i.claimedBy?.id !== me.name);
  const online = state.me?.status !== 'away';

  const act = async (id: string, action: 'claim' | 'release' | 'resolve') => {
    setProblem(null);
    const result = await api.act(id, action);
    if (result.ok) {
      dispatch({ type: 'upsert', item: result.value });
      if (action === 'resolve') dispatch({ type: 'handled', items: await api.handledToday() });
    } else if (result.body.error === 'already-claimed') {
      setProblem(t('queue.alreadyClaimed', { name: result.body.claimedBy?.displayName ?? '?' }));
    } else {
      setProblem(result.body.message ?? t('app.error'));
    }
  };

  return (
    <div className="console">
      <header className="console-header">
        <h1>{t('app.title')}</h1>
        <div className="console-header__tools">
          <span className={state.connected ? 'console-live' : 'console-live console-live--down'} role="status">
            {state.connected ? t('app.live') : t('app.reconnecting')}
          </span>
          <label className="console-select">
            <span>{t('app.language')}</span>
            <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
              <option value="fi">Suomi</option>
              <option value="sv">Svenska</option>
              <option value="en">English</option>
            </select>
          </label>
          <Button
            variant={online ? ButtonVariant.Secondary : ButtonVariant.Primary}
            onClick={() => void api.setPresence(online ? 'away' : 'online').then(() => api.me())}
            aria-pressed={online}
          >
            {online ? t('presence.goAway') : t('presence.goOnline')}
          </Button>
          {!alertsOn && (
            <Button variant={ButtonVariant.Secondary} onClick={() => void alerts.enable().then(setAlertsOn)}>
              {t('app.enableAlerts')}
            </Button>
          )}
          <Button
            variant={ButtonVariant.Supplementary}
            iconStart={undefined}
            onClick={() => void api.logout().then(() => setMe(null))}
          >
            {t('app.logout')}
          </Button>
        </div>
      </header>
      <p className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="console-live">
        {announcement}
      </p>
      {problem && (
        <Notification
          type="alert"
          size={NotificationSize.Small}
          label={problem}
          dismissible
          closeButtonLabelText={t('app.dismiss')}
          onClose={() => setProblem(null)}
        >
          {problem}
        </Notification>
      )}
      <main className="console-main">
        <section aria-labelledby="mine-title" className="console-section">
          <h2 id="mine-title">{t('queue.mine', { count: mine.length })}</h2>
          {mine.length === 0 ? (
            <p>{t('queue.noneMine')}</p>
          ) : (
            mine.map((item) => <QueueItemCard key={item.id} item={item} me={me.name} api={api} onAct={act} />)
          )}
        </section>
        <section aria-labelledby="queue-title" className="console-section">
          <h2 id="queue-title">{t('queue.waiting', { count: waiting.length })}</h2>
          {waiting.length === 0 ? (
            <p>{t('queue.empty')}</p>
          ) : (
            <ol className="console-list">
              {waiting.map((item) => (
                <li key={item.id}>
                  <QueueItemCard item={item} me={me.name} api={api} onAct={act} />
                </li>
              ))}
            </ol>
          )}
        </section>
        {others.length > 0 && (
          <section aria-labelledby="others-title" className="console-section">
            <h2 id="others-title">{t('queue.others')}</h2>
            {others.map((item) => (
              <QueueItemCard key={item.id} item={item} me={me.name} api={api} onAct={act} />
            ))}
          </section>
        )}
        <section aria-labelledby="handled-title" className="console-section">
          <h2 id="handled-title">{t('handled.title', { count: state.handledToday.length })}</h2>
          <ul className="console-handled" data-testid="handled-today">
            {state.handledToday.map((item) => (
              <li key={item.id}>
                {new Date(item.closedAt ?? item.createdAt).toLocaleTimeString(i18n.language, {
                  hour: '2-digit',
                  minute: '2-digit',
                })}{' '}
                · {t(`topic.${item.topic}`)} · {item.location}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="advisors-title" className="console-section">
          <h2 id="advisors-title">{t('presence.title')}</h2>
          <ul>
            {state.advisors.map((a) => (
              <li key={a.id}>
                {a.displayName}: {t(`presence.${a.status}`)}
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
