import { useEffect, useRef, useState } from 'react';
import type { ScreenShareView } from '../../protocol/help.ts';
import type { KioskApi } from '../../protocol/ipc.ts';

/** The capture as the layer reports it: nothing yet, live, or ended (tests and the banner read it). */
export type CaptureState = 'none' | 'live' | 'ended';

interface Peer {
  shareId: string;
  connection: RTCPeerConnection;
  stream: MediaStream | null;
  /** The highest inbox `seq` already applied. */
  applied: number;
  /** Applies signals one after another (an ICE candidate must wait for the answer). */
  queue: Promise<void>;
  closed: boolean;
}

/**
 * The station end of the WebRTC connection, following `view`: while the phase is `sharing` it
 * captures the shell's own window with the platform's screen capture (`getDisplayMedia`: the
 * browser's own picker in the preview, our window only in Electron, where main answers the
 * request with `setDisplayMediaRequestHandler`), sends the offer and its ICE candidates through
 * the host, and applies the advisor's answer and candidates from `view.inbox` once each. Media
 * goes peer to peer; nothing is recorded. When the phase leaves `sharing` the track is stopped
 * and the connection closed at once.
 */
export function useScreenSharePeer(view: ScreenShareView, kiosk: KioskApi): CaptureState {
  const peer = useRef<Peer | null>(null);
  const [capture, setCapture] = useState<CaptureState>('none');
  const shareId = view.phase === 'sharing' ? view.shareId : null;

  useEffect(() => {
    if (view.phase !== 'sharing' || shareId === null) return;
    const iceServers: RTCIceServer[] = view.iceServers.map(({ urls, username, credential }) => ({
      urls,
      ...(username === undefined ? {} : { username }),
      ...(credential === undefined ? {} : { credential }),
    }));
    const connection = new RTCPeerConnection({ iceServers });
    const current: Peer = { shareId, connection, stream: null, applied: 0, queue: Promise.resolve(), closed: false };
    peer.current = current;
    const fail = () => {
      if (!current.closed) void kiosk.invoke('screen:stop', { reason: 'failed' }).catch(() => undefined);
    };
    connection.onicecandidate = (event) => {
      if (event.candidate && !current.closed)
        void kiosk
          .invoke('screen:signal', { kind: 'ice', data: JSON.stringify(event.candidate.toJSON()) })
          .catch(() => undefined);
    };
    connection.onconnectionstatechange = () => {
      if (connection.connectionState === 'failed') fail();
    };
    void (async () => {
      try {
        const stream = await navigator.mediaDevices.getDisplayMedia({
          video: { frameRate: { ideal: 15, max: 30 } },
          audio: false,
        });
        if (current.closed) {
          for (const track of stream.getTracks()) track.stop();
          return;
        }
        current.stream = stream;
        setCapture('live');
        for (const track of stream.getVideoTracks()) {
          // The platform's own "stop sharing" control counts as the visitor's Stop.
          track.onended = () => {
            if (!current.closed) void kiosk.invoke('screen:stop', { reason: 'visitor' }).catch(() => undefined);
          };
          connection.addTrack(track, stream);
        }
        const offer = await connection.createOffer();
        await connection.setLocalDescription(offer);
        await kiosk.invoke('screen:signal', { kind: 'offer', data: JSON.stringify(offer) });
      } catch {
        fail();
      }
    })();
    return () => {
      current.closed = true;
      for (const track of current.stream?.getTracks() ?? []) track.stop();
      connection.close();
      if (peer.current === current) peer.current = null;
      setCapture(current.stream ? 'ended' : 'none');
    };
    // The connection belongs to one share: only a new share id starts another.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shareId, kiosk]);

  const inbox = view.phase === 'sharing' ? view.inbox : null;
  useEffect(() => {
    const current = peer.current;
    if (!current || !inbox) return;
    for (const message of inbox) {
      if (message.seq <= current.applied) continue;
      current.applied = message.seq;
      current.queue = current.queue
        .then(async () => {
          if (current.closed) return;
          const data = JSON.parse(message.data) as RTCSessionDescriptionInit & RTCIceCandidateInit;
          if (message.kind === 'answer') await current.connection.setRemoteDescription(data);
          else await current.connection.addIceCandidate(data);
        })
        .catch(() => undefined);
    }
  }, [inbox]);

  return capture;
}
