/**
 * The preview's adapters of a running station: e-services in a second browser window, and a reset
 * ladder that does what a page can.
 */
import { RESET_STEPS, type ResetExecutor } from '../../core/session/reset-plan.ts';
import type { StationAdapters } from '../../core/station/compose-station.ts';
import { PreviewServiceViews } from './preview-service-views.ts';

export function createPreviewAdapters(page: Window): StationAdapters {
  const views = new PreviewServiceViews(page);
  // Steps a page cannot do are no-ops here, listed on screen as limitations instead of failing
  // every reset (which would make the preview "restart" after each visitor).
  const reset: ResetExecutor = Object.fromEntries(
    RESET_STEPS.map((step) => [step, async () => undefined]),
  ) as ResetExecutor;
  reset['close-views'] = async () => views.closeAll();
  reset['clear-clipboard'] = async () => {
    await page.navigator.clipboard?.writeText('').catch(() => undefined);
  };
  return { views, reset };
}
