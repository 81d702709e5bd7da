/**
 * Electron's answer to the shell's screen capture (issue 16): when the shell calls
 * `getDisplayMedia()` for the advisor's screen view, main grants the kiosk window — the shell's
 * toolbar and the e-service views composited in it — and nothing else: never a screen, another
 * window, or audio. No picker is shown. Only the shell's own origin may capture; e-services run
 * in visitor partitions that get no handler, so Electron refuses their calls outright.
 */
import type { DisplayMediaGrant, ElectronMain, SessionPort, WindowPort } from './electron-api.ts';

export function allowKioskWindowCapture(deps: {
  /** The shell's session (the default session). */
  session: SessionPort;
  window: WindowPort;
  desktopCapturer: ElectronMain['desktopCapturer'];
  shellOrigin: string;
  log: (message: string, details?: Record<string, unknown>) => void;
}): void {
  deps.session.setDisplayMediaRequestHandler(
    (request, callback) => {
      const refuse = (why: string) => {
        deps.log('screen capture refused', { why });
        callback(null);
      };
      if (request.securityOrigin !== deps.shellOrigin) return refuse('not the shell');
      if (!request.videoRequested) return refuse('no video requested');
      deps.desktopCapturer
        // No thumbnails: we never show a picker, and making them costs a capture of every window.
        .getSources({ types: ['window'], thumbnailSize: { width: 0, height: 0 } })
        .then((sources) => {
          const ours = sources.find((s) => s.id === deps.window.getMediaSourceId());
          if (!ours) return refuse('kiosk window not among the capture sources');
          const grant: DisplayMediaGrant = { video: { id: ours.id, name: ours.name } };
          callback(grant);
        })
        .catch(() => refuse('capture sources unavailable'));
    },
    { useSystemPicker: false },
  );
}
