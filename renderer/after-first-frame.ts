/**
 * Calls `callback` once the next frame has been painted and the main thread is free again, or
 * after `fallbackMs` if no frame comes (a hidden window paints none). Work started from it cannot
 * delay that frame, though a long task it starts still delays what comes after it. Returns a
 * function that cancels the call.
 *
 * requestAnimationFrame runs just before the frame is painted; a message posted from it is handled
 * once that frame is done, as in the start bench's probe (bench/start-probe.ts).
 */
export function afterFirstFrame(callback: () => void, fallbackMs: number): () => void {
  let done = false;
  const channel = new MessageChannel();
  const finish = () => {
    if (done) return;
    cancel();
    callback();
  };
  channel.port1.onmessage = finish;
  const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
  const timer = setTimeout(finish, fallbackMs);
  function cancel(): void {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    channel.port1.close();
  }
  return cancel;
}
