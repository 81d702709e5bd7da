/**
 * Sound and system notification for a new request or a visitor's chat message. The browser allows
 * both only after a user gesture, so the console asks from a button ("Turn on alerts").
 */
export interface Alerts {
  /** Call from a click: unlocks audio and asks for notification permission. */
  enable(): Promise<boolean>;
  enabled(): boolean;
  /** Whether system notifications may be shown (the advisor may allow sound but block these). */
  notificationsAllowed(): boolean;
  /** Beeps, and shows a system notification while the console is not the visible tab. `tag` groups repeats. */
  notify(title: string, body: string, tag: string): void;
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
    notificationsAllowed: () => 'Notification' in win && win.Notification.permission === 'granted',
    notify(title, body, tag) {
      if (!on) return;
      beep();
      if (
        'Notification' in win &&
        win.Notification.permission === 'granted' &&
        win.document.visibilityState !== 'visible'
      ) {
        new win.Notification(title, { body, tag });
      }
    },
  };
}
