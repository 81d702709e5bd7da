import { useEffect, useState } from 'react';

/** If no frame comes (a hidden window paints none), go ahead anyway after this long. */
const NO_FRAME_MS = 1000;

/**
 * False until the first frame rendered while `ready` was true has been painted and the main thread
 * is free again; then true for good. Work started after it (prefetching the next screens' code)
 * cannot delay the first screen or the visitor's first click.
 */
export function useAfterFirstPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      setPainted(true);
    };
    // requestAnimationFrame runs just before the frame is painted; a message posted from it is
    // handled once that frame is done.
    const channel = new MessageChannel();
    channel.port1.onmessage = finish;
    const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
    const timer = window.setTimeout(finish, NO_FRAME_MS);
    return () => {
      done = true;
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      channel.port1.close();
    };
  }, [ready, painted]);
  return painted;
}
