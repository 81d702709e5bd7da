import { useEffect, useState } from 'react';
import { afterFirstFrame } from '../after-first-frame.ts';

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
    return afterFirstFrame(() => setPainted(true), NO_FRAME_MS);
  }, [ready, painted]);
  return painted;
}
