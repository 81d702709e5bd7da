/**
 * E-service views: the `ServiceViews` port of the station controller, on Electron
 * `WebContentsView`s.
 *
 * Every page runs in the visitor's in-memory partition, sandboxed, with no preload (third-party
 * pages get no bridge to the station at all) and no devtools. Navigation, redirects and popups
 * are judged by core's `decideNavigation` with the service's own allowlist; a refusal tells the
 * controller, which shows "this page is not available here" in the visitor's language.
 * Allowed popups (identification flows need them) open as a view stacked over the page, in the
 * same partition, and "back" or the page's own `window.close()` returns to the page below.
 */
import type { BrowserWindowConstructorOptions, HandlerDetails, WebContents, WebPreferences } from 'electron';
import type { ServiceConfig } from '../core/config/schema.ts';
import { decideNavigation } from '../core/navigation/policy.ts';
import type { ServiceViews } from '../core/session/station-controller.ts';
import { DEFAULT_ACCESSIBILITY, SELECTED_TEXT_MAX_CHARS, type AccessibilitySettings } from '../protocol/ipc.ts';
import type { ElectronMain, ViewPort, WebContentsPort, WindowOpenAnswer } from './electron-api.ts';
import { keyVerdict } from './lockdown.ts';
import type { ServiceOwners } from './service-owners.ts';
import type { ClosableViews, VisitorPartitions } from './session-lifecycle.ts';

/** Where e-service views are shown: the window's area below the shell toolbar. */
export interface ServiceArea {
  /** Shows this view (or none, so the shell's launcher is visible). */
  showService(view: ViewPort | null): void;
  /** Moves keyboard focus back to the shell toolbar (F6 inside an e-service). */
  focusShell(): void;
}

export interface ServiceViewsOptions {
  electron: Pick<ElectronMain, 'WebContentsView'>;
  partitions: VisitorPartitions;
  /** Where each view's service is recorded, for the partitions' permission checks. */
  owners: ServiceOwners;
  area: ServiceArea;
  localHttpOrigins: readonly string[];
  /** A navigation inside an e-service was refused. */
  onBlocked(serviceId: string): void;
  /** The visitor touched an e-service (keeps the idle timer from firing). */
  onActivity(): void;
  log(message: string, details?: Record<string, unknown>): void;
  /** Milliseconds clock, to count one refused navigation once (defaults to Date.now). */
  now?: () => number;
  /** Longest wait for a page to answer `selectedText` (a busy or frozen page must not stall read-aloud). */
  selectedTextTimeoutMs?: number;
}

/**
 * The isolated world the station reads pages from. 0 is the page's own world; 999 is the world
 * Electron's context isolation gives a preload, and e-service pages have no preload, so it is ours
 * alone. Page scripts share the DOM with it but not the globals, so they cannot fake `getSelection`.
 */
export const SELECTION_WORLD_ID = 999;

/** Reads the selection in the page, already capped there so a huge selection never crosses IPC. */
export const SELECTION_SCRIPT = `(() => { const s = window.getSelection(); return s ? s.toString().slice(0, ${SELECTED_TEXT_MAX_CHARS}) : ''; })()`;

/** Chromium can report one refused navigation through two events (will-frame-navigate, then will-navigate). */
const SAME_REFUSAL_MS = 1000;

/** The hardened preferences of every e-service page. */
export function serviceWebPreferences(partition: string): WebPreferences {
  return {
    partition,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    devTools: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    // Each view keeps its own zoom, so one page's Ctrl+wheel never leaks to another origin's page.
    zoomFactor: 1,
  };
}

/** The CDP media emulation for high contrast (see the ADR: survives navigation, respects sites' own forced-colors styles). */
export function contrastMedia(highContrast: boolean): { media: string; features: { name: string; value: string }[] } {
  return {
    media: '',
    features: [
      { name: 'forced-colors', value: highContrast ? 'active' : 'none' },
      { name: 'prefers-contrast', value: highContrast ? 'more' : 'no-preference' },
    ],
  };
}

interface OpenService {
  service: ServiceConfig;
  /** The page, then popups stacked over it; the last one is visible. */
  stack: ViewPort[];
}

export class ElectronServiceViews implements ServiceViews, ClosableViews {
  private readonly open_ = new Map<string, OpenService>();
  private visible: OpenService | null = null;
  private settings: AccessibilitySettings = { ...DEFAULT_ACCESSIBILITY };

  constructor(private readonly options: ServiceViewsOptions) {}

  async open(service: ServiceConfig): Promise<void> {
    let entry = this.open_.get(service.id);
    if (!entry) {
      const view = this.createView(service, undefined);
      entry = { service, stack: [view] };
      this.open_.set(service.id, entry);
      this.visible = entry;
      this.options.area.showService(view);
      await view.webContents.loadURL(service.startUrl);
      return;
    }
    this.visible = entry;
    this.options.area.showService(this.top(entry));
  }

  async back(): Promise<boolean> {
    const entry = this.visible;
    if (!entry) return false;
    const view = this.top(entry);
    if (view.webContents.navigationHistory.canGoBack()) {
      view.webContents.navigationHistory.goBack();
      return true;
    }
    if (entry.stack.length > 1) {
      // A popup with no history of its own: "back" closes it and shows the page that opened it.
      view.webContents.close();
      return true;
    }
    return false;
  }

  async showLauncher(): Promise<void> {
    this.visible = null;
    this.options.area.showService(null);
  }

  focus(): void {
    if (this.visible) this.top(this.visible).webContents.focus();
  }

  /**
   * The text the visitor selected in the visible page (or popup), for read-aloud; '' when no
   * service is shown, nothing is selected, or the page does not answer. The text is the
   * visitor's: it is returned to the shell only, never logged or kept.
   */
  async selectedText(): Promise<string> {
    if (!this.visible) return '';
    const wc = this.top(this.visible).webContents;
    if (wc.isDestroyed()) return '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<''>((resolve) => {
        timer = setTimeout(() => resolve(''), this.options.selectedTextTimeoutMs ?? 2000);
      });
      const result = await Promise.race([
        wc.executeJavaScriptInIsolatedWorld(SELECTION_WORLD_ID, [{ code: SELECTION_SCRIPT }]),
        timeout,
      ]);
      // The page's renderer answers, so check it: a compromised page could return anything.
      return typeof result === 'string' ? result.slice(0, SELECTED_TEXT_MAX_CHARS) : '';
    } catch (error) {
      // Only the error's kind: a message could quote page content.
      this.options.log('selected text could not be read', {
        error: error instanceof Error ? error.name : typeof error,
      });
      return '';
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  applyAccessibility(settings: AccessibilitySettings): void {
    this.settings = { ...settings };
    for (const entry of this.open_.values()) for (const view of entry.stack) this.styleView(view.webContents);
  }

  /** Closes every e-service and popup webContents (views do not free them on their own). */
  closeAll(): void {
    this.options.area.showService(null);
    this.visible = null;
    const all = [...this.open_.values()].flatMap((e) => e.stack);
    this.open_.clear();
    for (const view of all) if (!view.webContents.isDestroyed()) view.webContents.close();
    this.options.owners.clear();
  }

  /** Number of live e-service webContents (diagnostics and tests). */
  liveViewCount(): number {
    return [...this.open_.values()].reduce((n, e) => n + e.stack.length, 0);
  }

  private top(entry: OpenService): ViewPort {
    return entry.stack[entry.stack.length - 1] as ViewPort;
  }

  private createView(service: ServiceConfig, popupContents: WebContents | undefined): ViewPort {
    const partition = this.options.partitions.current().name;
    const view = new this.options.electron.WebContentsView({
      webPreferences: serviceWebPreferences(partition),
      ...(popupContents ? { webContents: popupContents } : {}),
    });
    this.options.owners.add(view.webContents.id, service);
    this.guard(service, view);
    this.styleView(view.webContents);
    return view;
  }

  private allowed(service: ServiceConfig, url: string): boolean {
    return decideNavigation(url, {
      allowedOrigins: service.allowedOrigins,
      localHttpOrigins: this.options.localHttpOrigins,
    }).allowed;
  }

  private guard(service: ServiceConfig, view: ViewPort): void {
    const wc = view.webContents;
    const now = this.options.now ?? Date.now;
    let lastRefusal: { url: string; at: number } | null = null;
    const refuse = (event: { preventDefault(): void }, url: string, how: string) => {
      if (this.allowed(service, url)) return;
      event.preventDefault();
      // One refusal, one notice and one metric, however many events Chromium fired for it.
      if (lastRefusal && lastRefusal.url === url && now() - lastRefusal.at < SAME_REFUSAL_MS) return;
      lastRefusal = { url, at: now() };
      // Never log the URL: it can carry a visitor's personal data.
      this.options.log('navigation refused', { serviceId: service.id, how });
      this.options.onBlocked(service.id);
    };
    wc.on('will-navigate', (event) => refuse(event, event.url, 'navigate'));
    wc.on('will-redirect', (event) => {
      if (event.isMainFrame) refuse(event, event.url, 'redirect');
    });
    // Covers top-frame navigations will-navigate misses (e.g. some script-initiated ones).
    wc.on('will-frame-navigate', (event) => {
      if (event.isMainFrame) refuse(event, event.url, 'frame-navigate');
    });
    wc.setWindowOpenHandler((details) => this.onWindowOpen(service, view, details));
    wc.on('before-input-event', (event, input) => {
      const verdict = keyVerdict(input);
      if (verdict === 'pass') return;
      event.preventDefault();
      if (verdict === 'focus-toolbar') this.options.area.focusShell();
    });
    wc.on('input-event', () => this.options.onActivity());
    wc.on('destroyed', () => this.forget(service.id, view));
    // Chromium keeps zoom per origin, so a page on a new origin (an identification provider) starts at 100 %.
    wc.on('did-navigate', () => this.styleView(wc));
  }

  private onWindowOpen(service: ServiceConfig, opener: ViewPort, details: HandlerDetails): WindowOpenAnswer {
    if (!this.allowed(service, details.url)) {
      this.options.log('popup refused', { serviceId: service.id });
      this.options.onBlocked(service.id);
      return { action: 'deny' };
    }
    return {
      action: 'allow',
      // Our own view instead of a new OS window: the popup stays inside the kiosk, keeps
      // window.opener (identification flows post back to it) and runs in the same partition.
      createWindow: (options: BrowserWindowConstructorOptions) => {
        const guest = (options as { webContents?: WebContents }).webContents;
        const popup = this.createView(service, guest);
        const entry = this.open_.get(service.id);
        if (entry && entry.stack.includes(opener)) {
          entry.stack.push(popup);
          if (this.visible === entry) this.options.area.showService(popup);
        } else {
          // Its opener was closed meanwhile: the popup is never shown, so it gets no permission either.
          this.options.owners.remove(popup.webContents.id);
        }
        return popup.webContents;
      },
    };
  }

  private forget(serviceId: string, view: ViewPort): void {
    this.options.owners.remove(view.webContents.id);
    const entry = this.open_.get(serviceId);
    if (!entry) return;
    const at = entry.stack.indexOf(view);
    if (at < 0) return;
    entry.stack.splice(at, 1);
    if (entry.stack.length === 0) {
      this.open_.delete(serviceId);
      if (this.visible === entry) {
        this.visible = null;
        this.options.area.showService(null);
      }
    } else if (this.visible === entry) {
      this.options.area.showService(this.top(entry));
    }
  }

  private styleView(wc: WebContentsPort): void {
    wc.setZoomFactor(this.settings.textScalePercent / 100);
    try {
      if (!wc.debugger.isAttached()) wc.debugger.attach('1.3');
      void wc.debugger
        .sendCommand('Emulation.setEmulatedMedia', contrastMedia(this.settings.highContrast))
        .catch(() => undefined);
    } catch (error) {
      this.options.log('high contrast could not be applied', { error: String(error) });
    }
  }
}
