import { Button, ButtonVariant, Dialog } from 'hds-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HELP_TOPICS, type HelpTopic } from '../../protocol/events.ts';
import { HELP_MODES, type HelpMode } from '../../protocol/help.ts';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';
import { HelpChat } from './HelpChat.tsx';
import { HelpContacts } from './HelpContacts.tsx';
import type { HelpPanelState } from './help-panel-state.ts';
import { useHelpAnnouncement } from './use-help-announcement.ts';
import { useHelpPanelOpen } from './use-help-panel-open.ts';
import './help.css';

/**
 * The help dialog: choose a topic, choose how to be helped, then follow the request live. Every
 * state comes from `view.help` (the host's HelpClient); the panel only sends the visitor's choices.
 */
export function HelpPanel({ view, kiosk, panel }: { view: StationView; kiosk: KioskApi; panel: HelpPanelState }) {
  const { t } = useTranslation('help');
  const isOpen = useHelpPanelOpen(panel);
  const help = view.help;
  const [topic, setTopic] = useState<HelpTopic | null>(null);
  const announcement = useHelpAnnouncement(help);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // News the visitor must not miss (an advisor took it, it was resolved, nobody can come) opens the panel.
  useEffect(() => {
    if (help.phase === 'claimed' || help.phase === 'resolved' || help.phase === 'unavailable') panel.setOpen(true);
    if (help.phase === 'none') setTopic(null);
  }, [help.phase, panel]);

  const close = () => {
    if (help.phase === 'resolved' || help.phase === 'unavailable') void kiosk.invoke('help:dismiss');
    setTopic(null);
    panel.setOpen(false);
  };
  const send = (mode: HelpMode) => {
    if (topic) void kiosk.invoke('help:request', { topic, mode });
  };

  return (
    <>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="help-live">
        {announcement}
      </p>
      <Dialog
        id="help-panel"
        aria-labelledby="help-title"
        isOpen={isOpen}
        close={close}
        closeButtonLabelText={t('action.close')}
        scrollable
      >
        <Dialog.Header id="help-title" title={t('panel.title')} />
        <Dialog.Content>
          <div className="help-panel" ref={headingRef}>
            {help.phase === 'none' && topic === null && (
              <fieldset className="help-choices">
                <legend className="help-question">{t('topic.question')}</legend>
                <div className="help-chips">
                  {HELP_TOPICS.map((id) => (
                    <Button
                      key={id}
                      className="help-chip"
                      variant={ButtonVariant.Secondary}
                      onClick={() => setTopic(id)}
                    >
                      {t(`topic.${id}`)}
                    </Button>
                  ))}
                </div>
              </fieldset>
            )}
            {help.phase === 'none' && topic !== null && (
              <fieldset className="help-choices">
                <legend className="help-question">{t('mode.question')}</legend>
                <p className="help-picked">{t('mode.picked', { topic: t(`topic.${topic}`) })}</p>
                <div className="help-modes">
                  {HELP_MODES.map((mode) => (
                    <button key={mode} type="button" className="help-mode" onClick={() => send(mode)}>
                      <span className="help-mode__title">{t(`mode.${mode}`)}</span>
                      <span className="help-mode__hint">{t(`mode.${mode}-hint`)}</span>
                    </button>
                  ))}
                </div>
                <Button variant={ButtonVariant.Secondary} onClick={() => setTopic(null)}>
                  {t('action.back')}
                </Button>
              </fieldset>
            )}
            {help.phase === 'sending' && (
              <p className="help-status" role="status">
                {t('status.sending')}
              </p>
            )}
            {help.phase === 'queued' && (
              <div className="help-status" data-testid="help-queued">
                <p className="help-status__main">{t('status.queued', { position: help.position })}</p>
                <p>
                  {help.estimatedWaitMinutes === null
                    ? t('status.waitUnknown')
                    : t('status.wait', { count: Math.max(1, help.estimatedWaitMinutes) })}
                </p>
                <p>{t(help.draft.mode === 'come-to-me' ? 'status.queuedComeToMe' : 'status.queuedChat')}</p>
              </div>
            )}
            {help.phase === 'claimed' && (
              <div className="help-status" data-testid="help-claimed">
                <p className="help-status__main">
                  {t(help.draft.mode === 'come-to-me' ? 'status.onTheWay' : 'status.chatting', {
                    name: help.advisorFirstName,
                  })}
                </p>
                {help.draft.mode === 'chat-here' && (
                  <HelpChat
                    messages={help.messages}
                    advisorName={help.advisorFirstName}
                    onSend={(text) => void kiosk.invoke('help:send-message', { text })}
                  />
                )}
              </div>
            )}
            {help.phase === 'resolved' && (
              <p className="help-status help-status__main" data-testid="help-resolved">
                {t('status.resolved')}
              </p>
            )}
            {help.phase === 'unavailable' && (
              <div className="help-status" data-testid="help-unavailable">
                <p className="help-status__main">{t(`unavailable.${help.reason}`)}</p>
                <HelpContacts contacts={view.helpContacts} />
              </div>
            )}
          </div>
        </Dialog.Content>
        <Dialog.ActionButtons>
          {(help.phase === 'queued' || help.phase === 'claimed' || help.phase === 'sending') && (
            <Button variant={ButtonVariant.Danger} onClick={() => void kiosk.invoke('help:cancel')}>
              {t('action.cancel')}
            </Button>
          )}
          <Button variant={ButtonVariant.Secondary} onClick={close}>
            {help.phase === 'queued' || help.phase === 'claimed' ? t('action.hide') : t('action.close')}
          </Button>
        </Dialog.ActionButtons>
      </Dialog>
    </>
  );
}
