/**
 * The served welcome screen (ADR 0015) is on display before the app's script has run. A visitor
 * who presses a button on it in that moment is not ignored: the first press is held, the button
 * says it is busy (an `aria-busy` button and a polite live region with "Loading…" in the
 * screen's language), and the app carries it out once it has taken over.
 *
 * Controls are matched between the served markup and the app's by their order, and checked by
 * their text: the markup is the app's own render of the same view (`render-welcome.tsx`), so a
 * mismatch means the view changed meanwhile, and then nothing is replayed.
 */
import { STATIC_WELCOME_ATTRIBUTE, WELCOME_BUSY_ATTRIBUTE } from '../../protocol/welcome-page.ts';

/** The served screen's hand-over to the app; from `holdWelcomeActions`. */
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
 * Holds presses on the served welcome screen in `root`; null when `root` holds no served screen
 * (the page was served without one: the app draws the first screen, as before).
 */
export function holdWelcomeActions(root: HTMLElement | null): WelcomeHandover | null {
  if (!root?.hasAttribute(STATIC_WELCOME_ATTRIBUTE)) return null;
  // In the page from the start, empty: screen readers announce a live region's change, not its arrival.
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  root.after(status);
  let held: Control | null = null;
  const hold = (event: MouseEvent) => {
    const control = event.target instanceof Element ? controlOf(root, event.target) : null;
    // Links are left to the browser: the screen's only one, the skip link, moves focus in the page.
    if (!control || (event.target as Element).closest('a')) return;
    event.preventDefault();
    event.stopPropagation();
    if (held) return; // one press is carried out; a second, impatient one is not
    held = control;
    findControl(root, control)?.setAttribute('aria-busy', 'true');
    status.textContent = root.getAttribute(WELCOME_BUSY_ATTRIBUTE) ?? '';
  };
  root.addEventListener('click', hold, { capture: true });
  return {
    takeOver(render) {
      const focused = controlOf(root, document.activeElement);
      root.removeEventListener('click', hold, { capture: true });
      render();
      status.remove();
      root.removeAttribute(STATIC_WELCOME_ATTRIBUTE);
      root.removeAttribute(WELCOME_BUSY_ATTRIBUTE);
      findControl(root, focused)?.focus({ preventScroll: true });
      findControl(root, held)?.click();
    },
  };
}
