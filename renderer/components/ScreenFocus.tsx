import { useScreenFocus } from '../hooks/use-screen-focus.ts';

/**
 * Moves focus to a new screen's heading (`useScreenFocus`). A component, placed inside the same
 * `<Suspense>` as the screen, so that when a screen's chunk is still loading the move happens once
 * the screen is really there, not while its loading placeholder shows.
 */
export function ScreenFocus({ screenKey }: { screenKey: string }) {
  useScreenFocus(screenKey);
  return null;
}
