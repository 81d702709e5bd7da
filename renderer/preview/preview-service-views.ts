import type { AccessibilitySettings } from '../../protocol/ipc.ts';
import type { ServiceConfig } from '../../core/config/schema.ts';
import type { ServiceViews } from '../../core/session/station-controller.ts';

/** Window name for the service window, so every service reuses the one second window. */
const SERVICE_WINDOW = 'kiosk-eservice';

/**
 * E-services in the preview: a second browser window. A page cannot watch or steer a
 * cross-origin window, so back, navigation rules, zoom and contrast inside the service are not
 * available here; the preview lists these limitations on screen (see preview-limitations.ts).
 */
export class PreviewServiceViews implements ServiceViews {
  private serviceWindow: Window | null = null;

  constructor(private readonly host: Window) {}

  async open(service: ServiceConfig): Promise<void> {
    this.serviceWindow = this.host.open(service.startUrl, SERVICE_WINDOW);
  }

  async back(): Promise<boolean> {
    return false; // the history of a cross-origin window is out of reach; the shell goes home instead
  }

  async showLauncher(): Promise<void> {
    // Like Electron's views, the service window stays open (the visitor may come back) until reset.
  }

  focus(): void {
    this.serviceWindow?.focus();
  }

  applyAccessibility(_settings: AccessibilitySettings): void {
    // Cannot style a cross-origin window: the shell itself follows the settings.
  }

  /** Closes the service window (reset step "close-views"). */
  closeAll(): void {
    this.serviceWindow?.close();
    this.serviceWindow = null;
  }
}
