/**
 * Sound and desktop notification for a new request. The browser allows both only after a user
 * gesture, so the console asks once from a button ("Turn on alerts").
 */
export interface Alerts {
  /** Call from a click: unlocks audio and asks for notification permission. */
  enable(): Promise<boolean>;
  enabled(): boolean;
  notify(title: string, body: string): void;
}

export function createAlerts(win: Window & typeof globalThis): Alerts {
  let audio: AudioContext | null = null;
  let on = false;
  const beep = () => {
    if (!audio) return;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.4);
  };
  return {
    async enable() {
      const context = audio ?? new win.AudioContext();
      audio = context;
      await context.resume().catch(() => undefined);
      if ('Notification' in win && win.Notification.permission === 'default')
        await win.Notification.requestPermission().catch(() => undefined);
      on = true;
      return true;
    },
    enabled: () => on,
    notify(title, body) {
      if (!on) return;
      beep();
      if (
        'Notification' in win &&
        win.Notification.permission === 'granted' &&
        win.document.visibilityState !== 'visible'
      ) {
        new win.Notification(title, { body, tag: 'help-request' });
      }
    },
  };
}
