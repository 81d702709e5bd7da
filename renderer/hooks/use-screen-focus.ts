import { useEffect, useRef } from 'react';

/**
 * When the shell moves to another screen (welcome → launcher → e-service → erased …), scrolls to
 * the top and puts keyboard focus on the new screen's heading. Without this a keyboard user stays
 * on a button that no longer exists (focus falls to <body>), a screen reader says nothing about
 * the change, and a visitor who scrolled the welcome screen at 200 % text lands mid-launcher.
 * The first screen is left alone: nothing changed yet.
 */
export function useScreenFocus(screenKey: string): void {
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const changed = previous.current !== null && previous.current !== screenKey;
    previous.current = screenKey;
    if (!changed) return;
    window.scrollTo(0, 0);
    // Dialogs manage their own focus (the idle warning focuses "Continue").
    if (document.querySelector('[role="dialog"]')) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }, [screenKey]);
}
