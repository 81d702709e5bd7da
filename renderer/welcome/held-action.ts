/**
 * The served welcome screen's hand-over to the app (ADR 0015). A press on the served screen, made
 * before the app was there, is held by the page's inline script (`HOLD_PRESS_SCRIPT` in
 * protocol/welcome-page.ts), which marks the pressed button `aria-busy` and says "Loading…" in the
 * live region beside `#root`. Once the app has rendered, this puts focus back where it was and
 * carries out that press.
 *
 * Controls are matched between the served markup and the app's by their order, and checked by
 * their text: the markup is the app's own render of the same view (`render-welcome.tsx`), so a
 * mismatch means the view changed meanwhile, and then nothing is replayed.
 */
import { STATIC_WELCOME_ATTRIBUTE, WELCOME_BUSY_ATTRIBUTE, WELCOME_STATUS_ID } from '../../protocol/welcome-page.ts';

/** The served screen's hand-over to the app; from `welcomeHandover`. */
export interface WelcomeHandover {
  /**
   * Calls `render`, which must replace the served markup in `#root` with the app's first screen
   * synchronously (`flushSync`), then puts focus back on the same control and carries out the
   * held press, if any.
   */
  takeOver(render: () => void): void;
}

const CONTROLS = 'a[href], button';

interface Control {
  index: number;
  text: string;
}

function controlOf(root: HTMLElement, element: Element | null): Control | null {
  const control = element?.closest(CONTROLS);
  if (!control || !root.contains(control)) return null;
  return { index: [...root.querySelectorAll(CONTROLS)].indexOf(control), text: control.textContent ?? '' };
}

function findControl(root: HTMLElement, control: Control | null): HTMLElement | null {
  if (!control) return null;
  const found = root.querySelectorAll<HTMLElement>(CONTROLS)[control.index];
  return found && found.textContent === control.text ? found : null;
}

/**
 * The hand-over of the served welcome screen in `root`; null when `root` holds none (the page was
 * served without one: the app draws the first screen, as before).
 */
export function welcomeHandover(root: HTMLElement | null): WelcomeHandover | null {
  if (!root?.hasAttribute(STATIC_WELCOME_ATTRIBUTE)) return null;
  return {
    takeOver(render) {
      const focused = controlOf(root, document.activeElement);
      const held = controlOf(root, root.querySelector('[aria-busy="true"]'));
      render();
      // From here on the inline script lets presses through to the app.
      root.removeAttribute(STATIC_WELCOME_ATTRIBUTE);
      root.removeAttribute(WELCOME_BUSY_ATTRIBUTE);
      document.getElementById(WELCOME_STATUS_ID)?.remove();
      findControl(root, focused)?.focus({ preventScroll: true });
      findControl(root, held)?.click();
    },
  };
}
