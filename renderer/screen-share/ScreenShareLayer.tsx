import { Button, ButtonVariant, Dialog } from 'hds-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi, StationView } from '../../protocol/ipc.ts';
import { useReadAloud } from '../read-aloud/use-read-aloud.ts';
import { useScreenSharePeer } from './use-screen-share-peer.ts';
import './screen-share.css';

/**
 * What the visitor sees of a screen share (issue 16): the consent question in their language
 * (read aloud when that mode is on), the banner "An advisor can see your screen" with Stop while
 * shared, the advisor's highlight ("press here"), and a notice saying that it stopped and why.
 * Mounted once at the shell's root with the help panel.
 */
export function ScreenShareLayer({ view, kiosk }: { view: StationView; kiosk: KioskApi }) {
  const { t } = useTranslation('help');
  const share = view.screenShare;
  const capture = useScreenSharePeer(share, kiosk);
  const say = useReadAloud(view.accessibility.readAloud, view.language);
  const allowRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const asking = share.phase === 'asking';
  const stopped = share.phase === 'stopped' && share.reason !== 'declined' && share.reason !== 'reset';
  const name = share.phase === 'asking' ? share.advisorFirstName : '';

  useEffect(() => {
    if (asking) allowRef.current?.focus();
  }, [asking]);
  // `say` speaks whenever it is called (the toolbar's "read selection" is an explicit request), so
  // the question is spoken only to a visitor who has switched read aloud on.
  const readAloud = view.accessibility.readAloud;
  useEffect(() => {
    if (asking && readAloud) say(`${t('screen.askTitle')} ${t('screen.askBody', { name })}`);
  }, [asking, name, readAloud, say, t]);
  useEffect(() => {
    if (stopped) closeRef.current?.focus();
  }, [stopped]);
  // While shared, the shell moves down by the banner's height so the banner covers no control.
  const sharing = share.phase === 'sharing';
  useEffect(() => {
    if (!sharing) return;
    document.documentElement.classList.add('screen-share-on');
    return () => document.documentElement.classList.remove('screen-share-on');
  }, [sharing]);

  return (
    <div className="screen-share" data-testid="screen-share" data-capture={capture}>
      <Dialog
        id="screen-share-ask"
        aria-labelledby="screen-share-ask-title"
        aria-describedby="screen-share-ask-body"
        isOpen={asking}
        variant="primary"
      >
        <Dialog.Header id="screen-share-ask-title" title={t('screen.askTitle')} />
        <Dialog.Content>
          <p id="screen-share-ask-body">{t('screen.askBody', { name })}</p>
        </Dialog.Content>
        <Dialog.ActionButtons>
          <Button ref={allowRef} onClick={() => void kiosk.invoke('screen:answer', { allow: true })}>
            {t('screen.allow')}
          </Button>
          <Button
            variant={ButtonVariant.Secondary}
            onClick={() => void kiosk.invoke('screen:answer', { allow: false })}
          >
            {t('screen.deny')}
          </Button>
        </Dialog.ActionButtons>
      </Dialog>

      {share.phase === 'sharing' && (
        <div className="screen-share__banner" role="region" aria-label={t('screen.banner')}>
          <p className="screen-share__banner-text" role="status">
            {t('screen.banner')}
          </p>
          <button
            type="button"
            className="screen-share__stop"
            onClick={() => void kiosk.invoke('screen:stop', { reason: 'visitor' })}
          >
            {t('screen.stop')}
          </button>
        </div>
      )}

      {share.phase === 'sharing' && share.pointer && (
        // The picture's coordinates run left to right whatever the language, so this box does too.
        // In Electron the e-service view lies above the shell, so main draws the marker in a view of
        // its own (main/pointer-overlay.ts); the shell keeps only the one "press here" announcement.
        <div
          className={`screen-share__pointer-area${view.host.kind === 'electron' ? ' screen-share__pointer-area--host-drawn' : ''}`}
          dir="ltr"
          aria-hidden="false"
        >
          <div
            key={share.pointer.seq}
            className="screen-share__pointer"
            data-testid="screen-share-pointer"
            style={{ insetInlineStart: `${share.pointer.x * 100}%`, insetBlockStart: `${share.pointer.y * 100}%` }}
          >
            <span className="screen-share__pointer-label" role="status">
              {t('screen.pointer')}
            </span>
          </div>
        </div>
      )}

      <Dialog
        id="screen-share-stopped"
        aria-labelledby="screen-share-stopped-title"
        aria-describedby="screen-share-stopped-body"
        isOpen={stopped}
      >
        <Dialog.Header id="screen-share-stopped-title" title={t('screen.stoppedTitle')} />
        <Dialog.Content>
          <p id="screen-share-stopped-body">
            {share.phase === 'stopped' && share.reason !== 'declined' && share.reason !== 'reset'
              ? t(`screen.stopped.${share.reason}`)
              : ''}
          </p>
        </Dialog.Content>
        <Dialog.ActionButtons>
          <Button ref={closeRef} onClick={() => void kiosk.invoke('screen:dismiss')}>
            {t('screen.close')}
          </Button>
        </Dialog.ActionButtons>
      </Dialog>
    </div>
  );
}
