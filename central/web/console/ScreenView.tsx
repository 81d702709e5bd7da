import { Button, ButtonVariant } from 'hds-react';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HELP_SCREEN_EVENTS,
  screenConsentEventSchema,
  screenSignalEventSchema,
  screenStoppedEventSchema,
  type IceServer,
  type ScreenStopReason,
} from '../../../protocol/help.ts';
import type { ConsoleApi } from './console-api.ts';

type Phase =
  | { kind: 'idle' }
  | { kind: 'asking' }
  | { kind: 'declined' }
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'stopped'; reason: ScreenStopReason }
  | { kind: 'error' };

interface Peer {
  shareId: string;
  iceServers: IceServer[];
  connection: RTCPeerConnection | null;
  /** Signals are applied in order: an ICE candidate must wait for the offer. */
  queue: Promise<void>;
}

const STEP = 0.05;

/**
 * The advisor's view of the visitor's screen (issue 16): "Ask to see the screen" on my claimed
 * request, the visitor's answer, the live picture (view only), and the pointer the visitor sees.
 * The picture comes peer to peer over WebRTC; central relays only the signalling. Nothing is
 * recorded: the video element shows the stream and keeps nothing.
 */
export function ScreenView({ requestId, api }: { requestId: string; api: ConsoleApi }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [marker, setMarker] = useState({ x: 0.5, y: 0.5 });
  const [pointed, setPointed] = useState(0);
  const [trackState, setTrackState] = useState<'none' | 'live' | 'ended'>('none');
  const peer = useRef<Peer | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  const close = useCallback(() => {
    const current = peer.current;
    peer.current = null;
    if (!current?.connection) return;
    current.connection.close();
    // Closing the connection ends the received track at once.
    const stream = video.current?.srcObject as MediaStream | null | undefined;
    for (const track of stream?.getTracks() ?? []) track.stop();
    if (video.current) video.current.srcObject = null;
    setTrackState('ended');
  }, []);

  useEffect(() => close, [close]);

  // Events that arrive while the ask is still on its way back (the visitor can answer first)
  // wait here until the share id is known.
  const early = useRef<{ type: string; data: unknown }[]>([]);
  const awaitingAsk = useRef(false);
  const handle = useCallback(
    (type: string, data: unknown) => {
      const current = peer.current;
      if (!current) {
        if (awaitingAsk.current) early.current.push({ type, data });
        return;
      }
      if (type === HELP_SCREEN_EVENTS.consent) {
        const consent = screenConsentEventSchema.parse(data);
        if (consent.requestId !== requestId || consent.shareId !== current.shareId) return;
        if (consent.allow) setPhase({ kind: 'connecting' });
      } else if (type === HELP_SCREEN_EVENTS.stopped) {
        const stopped = screenStoppedEventSchema.parse(data);
        if (stopped.requestId !== requestId || stopped.shareId !== current.shareId) return;
        close();
        setPhase(stopped.reason === 'declined' ? { kind: 'declined' } : { kind: 'stopped', reason: stopped.reason });
      } else if (type === HELP_SCREEN_EVENTS.signal) {
        const signal = screenSignalEventSchema.parse(data);
        if (signal.requestId !== requestId || signal.shareId !== current.shareId) return;
        current.queue = current.queue
          .then(() =>
            apply(current, signal.kind, signal.data, {
              api,
              requestId,
              video,
              isCurrent: () => peer.current === current,
              onTrack: () => setTrackState('live'),
            }),
          )
          .catch(() => setPhase({ kind: 'error' }));
      }
    },
    [api, requestId, close],
  );
  useEffect(() => api.onScreenEvent(handle), [api, handle]);

  const ask = async () => {
    close();
    early.current = [];
    awaitingAsk.current = true;
    setPhase({ kind: 'asking' });
    setTrackState('none');
    const result = await api.screenAsk(requestId);
    awaitingAsk.current = false;
    if (!result.ok) return setPhase({ kind: 'error' });
    peer.current = {
      shareId: result.value.shareId,
      iceServers: result.value.iceServers,
      connection: null,
      queue: Promise.resolve(),
    };
    const waiting = early.current;
    early.current = [];
    for (const event of waiting) handle(event.type, event.data);
  };
  const stop = async () => {
    const shareId = peer.current?.shareId;
    close();
    setPhase({ kind: 'stopped', reason: 'advisor' });
    if (shareId) await api.screenStop(requestId, shareId);
  };
  const point = (x: number, y: number) => {
    const shareId = peer.current?.shareId;
    if (!shareId) return;
    setMarker({ x, y });
    void api.screenPointer(requestId, { shareId, x, y }).then((r) => r.ok && setPointed((n) => n + 1));
  };
  const onClick = (event: MouseEvent<HTMLVideoElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    point(clamp((event.clientX - box.left) / box.width), clamp((event.clientY - box.top) / box.height));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLVideoElement>) => {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-STEP, 0],
      ArrowRight: [STEP, 0],
      ArrowUp: [0, -STEP],
      ArrowDown: [0, STEP],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      setMarker((m) => ({ x: clamp(m.x + move[0]), y: clamp(m.y + move[1]) }));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      point(marker.x, marker.y);
    }
  };

  const showing = phase.kind === 'connecting' || phase.kind === 'live';
  const status =
    phase.kind === 'asking'
      ? t('screen.asking')
      : phase.kind === 'declined'
        ? t('screen.declined')
        : phase.kind === 'connecting'
          ? t('screen.connecting')
          : phase.kind === 'live'
            ? t('screen.live')
            : phase.kind === 'stopped'
              ? `${t('screen.stoppedTitle')}: ${t(`screen.stopped.${phase.reason}`)}`
              : phase.kind === 'error'
                ? t('screen.failed')
                : '';

  return (
    <section className="console-screen" aria-label={t('screen.ask')}>
      <p className="console-screen__status" role="status" data-testid="screen-status">
        {status}
      </p>
      {showing ? (
        <Button variant={ButtonVariant.Danger} onClick={() => void stop()}>
          {t('screen.stop')}
        </Button>
      ) : (
        phase.kind !== 'asking' && (
          <Button variant={ButtonVariant.Secondary} onClick={() => void ask()}>
            {t('screen.ask')}
          </Button>
        )
      )}
      <div className="console-screen__frame" hidden={!showing}>
        <video
          ref={video}
          className="console-screen__video"
          data-testid="screen-video"
          data-track-state={trackState}
          autoPlay
          muted
          playsInline
          tabIndex={showing ? 0 : -1}
          aria-label={t('screen.videoLabel')}
          onClick={onClick}
          onKeyDown={onKeyDown}
          onPlaying={() => setPhase((p) => (p.kind === 'connecting' ? { kind: 'live' } : p))}
        />
        <span
          className="console-screen__marker"
          aria-hidden="true"
          style={{ left: `${marker.x * 100}%`, top: `${marker.y * 100}%` }}
        />
      </div>
      {pointed > 0 && showing && (
        <p className="console-screen__pointed" role="status" key={pointed}>
          {t('screen.pointerSent')}
        </p>
      )}
    </section>
  );
}

/** Applies one signal from the station: the offer builds the connection and answers; ICE is added. */
async function apply(
  current: Peer,
  kind: 'offer' | 'answer' | 'ice',
  data: string,
  deps: {
    api: ConsoleApi;
    requestId: string;
    video: { current: HTMLVideoElement | null };
    isCurrent: () => boolean;
    onTrack: () => void;
  },
) {
  const { api, requestId, video } = deps;
  if (kind === 'offer') {
    const connection = new RTCPeerConnection({ iceServers: current.iceServers as RTCIceServer[] });
    current.connection = connection;
    connection.onicecandidate = (event) => {
      if (event.candidate && deps.isCurrent())
        void api.screenSignal(requestId, {
          shareId: current.shareId,
          kind: 'ice',
          data: JSON.stringify(event.candidate.toJSON()),
        });
    };
    connection.ontrack = (event) => {
      const [stream] = event.streams;
      if (video.current && stream) video.current.srcObject = stream;
      deps.onTrack();
    };
    await connection.setRemoteDescription(JSON.parse(data) as RTCSessionDescriptionInit);
    const answer = await connection.createAnswer();
    await connection.setLocalDescription(answer);
    await api.screenSignal(requestId, { shareId: current.shareId, kind: 'answer', data: JSON.stringify(answer) });
  } else if (kind === 'ice' && current.connection) {
    await current.connection.addIceCandidate(JSON.parse(data) as RTCIceCandidateInit);
  }
}

const clamp = (n: number) => Math.min(1, Math.max(0, n));
