import { Button, ButtonVariant, Notification, NotificationSize } from 'hds-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayNames } from '../shared/display-names.ts';
import { createAlerts } from './alerts.ts';
import type { Role } from '../../../protocol/auth.ts';
import type { ConsoleApi, Me, SessionEnd } from './console-api.ts';
import { ConsoleHeader } from './ConsoleHeader.tsx';
import { HandledToday } from './HandledToday.tsx';
import { LoginForm } from './LoginForm.tsx';
import { QueueItemCard } from './QueueItemCard.tsx';
import { QueueSummary } from './QueueSummary.tsx';
import { useConsoleQueue, type QueueAlerts } from './use-console-queue.ts';

/** The advisor console: login, then the live queue, the advisor's own requests and today's count. */
export function ConsoleApp({ api }: { api: ConsoleApi }) {
  const { t, i18n } = useTranslation();
  const [me, setMe] = useState<Me | null | 'loading'>('loading');
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const alerts = useMemo(() => createAlerts(window), []);
  const [alertsOn, setAlertsOn] = useState(false);
  const [presenceBusy, setPresenceBusy] = useState(false);
  // Where keyboard focus goes after an action removes the control that had it.
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  // Only advisors and admins answer help; anyone else has no advisor stream, and opening it would
  // only collect 403s.
  const loggedIn = me !== null && me !== 'loading' && answersHelp(me.role);

  useEffect(() => {
    void api.me().then(setMe, () => setMe(null));
  }, [api]);
  useEffect(
    () =>
      api.onSessionEnded((why) => {
        setEnded(why);
        setMe(null);
      }),
    [api],
  );

  const announce = useCallback(
    (title: string, text: string, tag: string) => {
      setAnnouncement(text);
      alerts.notify(title, text, tag);
    },
    [alerts],
  );
  const queueAlerts = useMemo<QueueAlerts>(
    () => ({
      created: (item) => {
        const names = displayNames(i18n.language);
        announce(
          t('queue.newRequestTitle'),
          t('queue.newRequest', { topic: names.topic(item.topic), location: item.location }),
          `help-request-${item.id}`,
        );
      },
      visitorMessage: (requestId, text) =>
        announce(t('chat.newMessageTitle'), t('chat.newMessage', { text }), `help-chat-${requestId}`),
    }),
    [announce, t, i18n.language],
  );
  const { state, dispatch } = useConsoleQueue(api, loggedIn, queueAlerts);

  useEffect(() => {
    if (!focusTarget) return;
    const target = document.getElementById(focusTarget);
    if (target) {
      target.focus();
      setFocusTarget(null);
    }
  }, [focusTarget, state]);

  if (me === 'loading') return <p className="console-loading">{t('app.loading')}</p>;
  if (me === null)
    return (
      <LoginForm
        api={api}
        notice={ended ? t(`login.ended.${ended}`) : null}
        onLoggedIn={(who) => {
          setEnded(null);
          setMe(who);
        }}
      />
    );

  if (!answersHelp(me.role))
    return (
      <main className="staff-login console-login" id="main">
        <h1>{t('app.title')}</h1>
        <p>{t('app.wrongRole')}</p>
        <p>
          {me.role === 'it' ? (
            <a href="/fleet/">{t('app.toFleet')}</a>
          ) : (
            <a href="/dashboard/">{t('app.toDashboard')}</a>
          )}
        </p>
        <Button variant={ButtonVariant.Secondary} onClick={() => void api.logout().then(() => setMe(null))}>
          {t('app.logout')}
        </Button>
      </main>
    );

  const mine = state.items.filter((i) => i.state === 'claimed' && i.claimedBy?.id === me.name);
  const waiting = state.items.filter((i) => i.state === 'queued');
  const others = state.items.filter((i) => i.state === 'claimed' && i.claimedBy?.id !== me.name);
  const presence = state.me?.status ?? null;

  const act = async (id: string, action: 'claim' | 'release' | 'resolve') => {
    setProblem(null);
    const result = await api.act(id, action);
    if (result.ok) {
      dispatch({ type: 'upsert', item: result.value });
      setFocusTarget(action === 'claim' ? `chat-${id}` : 'queue-title');
      if (action === 'resolve') dispatch({ type: 'handled', items: await api.handledToday() });
    } else if (result.status === 401) {
      return; // the session-ended listener shows the login form
    } else if (result.body.error === 'already-claimed') {
      setProblem(t('queue.alreadyClaimed', { name: result.body.claimedBy?.displayName ?? '?' }));
    } else {
      setProblem(
        t(
          `errors.${result.body.error === 'closed' || result.body.error === 'not-found' ? result.body.error : 'other'}`,
        ),
      );
    }
  };

  const togglePresence = () => {
    setPresenceBusy(true);
    void api
      .setPresence(presence === 'online' ? 'away' : 'online')
      .then((status) => {
        // The label follows what central now holds, not what was clicked.
        if (status) dispatch({ type: 'myStatus', status });
        else setProblem(t('errors.other'));
      })
      .finally(() => setPresenceBusy(false));
  };

  return (
    <div className="console">
      <ConsoleHeader
        connected={state.connected}
        presence={presence}
        presenceBusy={presenceBusy}
        onTogglePresence={togglePresence}
        alertsOn={alertsOn}
        onEnableAlerts={() => void alerts.enable().then(setAlertsOn)}
        onLogout={() =>
          void api.logout().then(() => {
            setEnded(null);
            setMe(null);
          })
        }
      />
      <p className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="console-live">
        {announcement}
      </p>
      <main className="console-main" id="main">
        <div className="console-notices">
          {!alertsOn && (
            <Notification type="info" label={t('alerts.promptTitle')} size={NotificationSize.Small}>
              <p className="console-notice-text">{t('alerts.promptText')}</p>
              <Button variant={ButtonVariant.Primary} onClick={() => void alerts.enable().then(setAlertsOn)}>
                {t('app.enableAlerts')}
              </Button>
            </Notification>
          )}
          {presence === 'away' && (
            <Notification type="alert" label={t('presence.awayNotice')} size={NotificationSize.Small}>
              {t('presence.awayText')}
            </Notification>
          )}
          {problem && (
            <Notification
              type="error"
              size={NotificationSize.Small}
              label={problem}
              dismissible
              closeButtonLabelText={t('app.dismiss')}
              onClose={() => setProblem(null)}
              data-testid="console-problem"
            >
              {null}
            </Notification>
          )}
        </div>
        <QueueSummary waiting={waiting} />
        <div className="console-columns">
          <section aria-labelledby="mine-title" className="console-section">
            <h2 id="mine-title">{t('queue.mine', { count: mine.length })}</h2>
            {mine.length === 0 ? (
              <p>{t('queue.noneMine')}</p>
            ) : (
              mine.map((item) => <QueueItemCard key={item.id} item={item} me={me.name} api={api} onAct={act} />)
            )}
          </section>
          <section aria-labelledby="queue-title" className="console-section">
            <h2 id="queue-title" tabIndex={-1}>
              {t('queue.waiting', { count: waiting.length })}
            </h2>
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
            {others.length > 0 && (
              <>
                <h2 id="others-title">{t('queue.others')}</h2>
                {others.map((item) => (
                  <QueueItemCard key={item.id} item={item} me={me.name} api={api} onAct={act} />
                ))}
              </>
            )}
          </section>
          <section aria-labelledby="today-title" className="console-section">
            <HandledToday items={state.handledToday} />
            <h2 id="advisors-title">{t('presence.title')}</h2>
            <ul className="console-advisors">
              {state.advisors.map((a) => (
                <li key={a.id}>
                  {a.displayName}: {t(`presence.${a.status}`)}
                </li>
              ))}
            </ul>
          </section>
        </div>
      </main>
    </div>
  );
}

/** Roles that central lets answer help (`ADVISOR_ROLES` in central/help/help-routes.ts, admins included). */
function answersHelp(role: Role): boolean {
  return role === 'advisor' || role === 'admin';
}
