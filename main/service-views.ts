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
import { decideNavigation, decidePopup } from '../core/navigation/policy.ts';
import type { Clock, TimerHandle } from '../core/ports.ts';
import type { ServiceViews } from '../core/session/station-controller.ts';
import {
  HANG_GRACE_MS,
  loadFailureShown,
  PAGE_FAILURE_ACTIONS,
  pageFailureUrl,
  RESERVED_ACTION_ORIGIN,
} from '../core/station/crash-policy.ts';
import { errorSummary } from '../core/station/log-policy.ts';
import type { Language } from '../protocol/events.ts';
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
  /** The visitor chose "Back to the menu" on the failure page. */
  onHome(): void;
  /** IT pressed the maintenance chord inside a page. */
  onMaintenanceChord?: () => void;
  /** Timers for hang detection (the station's clock). */
  clock: Clock;
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

/** Longest wait for Electron to finish closing a webContents (it completes on a later turn). */
const CLOSE_TIMEOUT_MS = 5000;

/**
 * Closes a webContents and resolves once Electron has destroyed it: `close()` only starts it, and
 * the reset must not clear a partition a live page can still write to.
 */
export function closeAndWait(wc: WebContentsPort, timeoutMs = CLOSE_TIMEOUT_MS): Promise<void> {
  if (wc.isDestroyed()) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref?.();
    wc.on('destroyed', () => {
      clearTimeout(timer);
      resolve();
    });
    // A beforeunload handler must never keep a page (or the visitor's data) alive: see guard().
    wc.close({ waitForBeforeUnload: false });
  });
}

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
  private language: Language = 'fi';
  /** The address each page failed on (by webContents id), for the failure page's Retry. */
  private readonly failedUrl = new Map<number, string>();

  constructor(private readonly options: ServiceViewsOptions) {}

  async open(service: ServiceConfig): Promise<void> {
    let entry = this.open_.get(service.id);
    if (!entry) {
      const view = this.createView(service, undefined);
      entry = { service, stack: [view] };
      this.open_.set(service.id, entry);
      this.visible = entry;
      this.show(view);
      await this.load(service, view.webContents, service.startUrl);
      return;
    }
    this.visible = entry;
    this.show(this.top(entry));
  }

  /** The visitor's language, for pages the host draws itself (the failure page). */
  setLanguage(language: Language): void {
    this.language = language;
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
      await closeAndWait(view.webContents);
      return true;
    }
    return false;
  }

  async showLauncher(): Promise<void> {
    this.visible = null;
    this.show(null);
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

  /**
   * Closes every e-service and popup webContents (views do not free them on their own) and
   * resolves once Electron has destroyed them all.
   */
  async closeAll(): Promise<void> {
    this.show(null);
    this.visible = null;
    const all = [...this.open_.values()].flatMap((e) => e.stack);
    this.open_.clear();
    this.options.owners.clear();
    await Promise.all(all.map((view) => closeAndWait(view.webContents)));
    this.failedUrl.clear();
  }

  /** Number of live e-service webContents (diagnostics and tests). */
  liveViewCount(): number {
    return [...this.open_.values()].reduce((n, e) => n + e.stack.length, 0);
  }

  private top(entry: OpenService): ViewPort {
    return entry.stack[entry.stack.length - 1] as ViewPort;
  }

  /** Shows one view (or none) and mutes every other: a hidden page must not keep talking. */
  private show(view: ViewPort | null): void {
    this.options.area.showService(view);
    for (const entry of this.open_.values())
      for (const v of entry.stack) if (!v.webContents.isDestroyed()) v.webContents.setAudioMuted(v !== view);
  }

  /** Loads a page; a failure is shown by `did-fail-load` (the failure page), never thrown at the shell. */
  private async load(service: ServiceConfig, wc: WebContentsPort, url: string): Promise<void> {
    try {
      await wc.loadURL(url);
    } catch (error) {
      // Never the URL: it can carry a visitor's data. The failure page is already up (did-fail-load).
      this.options.log('page did not load', { serviceId: service.id, ...errorSummary(error) });
    }
  }

  /** Replaces a failed page with "this page could not be shown" (Retry, Back to the menu). */
  private showFailure(service: ServiceConfig, wc: WebContentsPort, url: string, why: string): void {
    if (wc.isDestroyed()) return;
    this.failedUrl.set(wc.id, url);
    this.options.log('e-service page failed; showing the failure page', { serviceId: service.id, why });
    void wc.loadURL(pageFailureUrl(this.language, this.settings.textScalePercent)).catch((error: unknown) => {
      this.options.log('failure page did not load', { serviceId: service.id, ...errorSummary(error) });
    });
  }

  /** The failure page's buttons; true when `url` was one of them. */
  private failureAction(service: ServiceConfig, wc: WebContentsPort, url: string): boolean {
    const failed = this.failedUrl.get(wc.id);
    if (failed === undefined) return false;
    if (url === PAGE_FAILURE_ACTIONS.retry) {
      this.failedUrl.delete(wc.id);
      void this.load(service, wc, failed);
      return true;
    }
    if (url === PAGE_FAILURE_ACTIONS.home) {
      this.failedUrl.delete(wc.id);
      // The broken service is closed, so opening it again starts from its start page.
      const entry = this.open_.get(service.id);
      if (entry) {
        this.open_.delete(service.id);
        if (this.visible === entry) this.visible = null;
        for (const view of entry.stack) {
          this.options.owners.remove(view.webContents.id);
          void closeAndWait(view.webContents);
        }
      }
      this.options.onHome();
      return true;
    }
    return false;
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

  private popupAllowed(service: ServiceConfig, url: string, openerUrl: string): boolean {
    return decidePopup(url, openerUrl, {
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
    // The failure page's buttons: never a real navigation, never a "not available" notice.
    const reserved = (event: { url: string; preventDefault(): void }) => {
      if (!event.url.startsWith(`${RESERVED_ACTION_ORIGIN}/`)) return false;
      event.preventDefault();
      this.failureAction(service, wc, event.url);
      return true;
    };
    wc.on('will-navigate', (event) => {
      if (!reserved(event)) refuse(event, event.url, 'navigate');
    });
    wc.on('will-redirect', (event) => {
      if (event.isMainFrame) refuse(event, event.url, 'redirect');
    });
    // Covers top-frame navigations will-navigate misses (e.g. some script-initiated ones).
    wc.on('will-frame-navigate', (event) => {
      if (event.isMainFrame && !reserved(event)) refuse(event, event.url, 'frame-navigate');
    });
    wc.setWindowOpenHandler((details) => this.onWindowOpen(service, view, details));
    wc.on('before-input-event', (event, input) => {
      const verdict = keyVerdict(input);
      if (verdict === 'pass') return;
      event.preventDefault();
      if (verdict === 'focus-toolbar') this.options.area.focusShell();
      if (verdict === 'maintenance') this.options.onMaintenanceChord?.();
    });
    wc.on('input-event', () => this.options.onActivity());
    // Chromium keeps zoom per origin, so a page on a new origin (an identification provider) starts at 100 %.
    wc.on('did-navigate', () => this.styleView(wc));
    // A beforeunload handler ("leave this page?") would silently cancel Back and keep a page
    // alive through the reset; the visitor has no dialog to answer it, so it is never obeyed.
    wc.on('will-prevent-unload', (event) => event.preventDefault());
    // A failed load or a crashed page shows the failure page, never a blank view.
    let lastGoodUrl = service.startUrl;
    wc.on('did-navigate', (_event, url) => {
      if (url.startsWith('https:') || url.startsWith('http:')) lastGoodUrl = url;
    });
    wc.on('did-fail-load', (_event, errorCode, _description, validatedUrl, isMainFrame) => {
      if (!loadFailureShown(errorCode, isMainFrame)) return;
      this.showFailure(service, wc, validatedUrl || lastGoodUrl, `load-failed:${errorCode}`);
    });
    wc.on('render-process-gone', (_event, details) => {
      this.showFailure(service, wc, lastGoodUrl, `renderer-gone:${details.reason}`);
    });
    // A page that hangs for longer than the grace period is killed; its crash shows the failure page.
    let hang: TimerHandle | null = null;
    const clearHang = () => {
      if (hang !== null) this.options.clock.clearTimeout(hang);
      hang = null;
    };
    wc.on('unresponsive', () => {
      clearHang();
      hang = this.options.clock.setTimeout(() => {
        hang = null;
        if (wc.isDestroyed()) return;
        this.options.log('e-service page hung; restarting its renderer', { serviceId: service.id });
        wc.forcefullyCrashRenderer();
      }, HANG_GRACE_MS);
    });
    wc.on('responsive', clearHang);
    // CDP carries high contrast and the file-chooser guard; when it drops, attach again.
    wc.debugger.on('detach', () => {
      if (!wc.isDestroyed()) this.styleView(wc);
    });
    wc.debugger.on('message', (_event, method) => {
      // The intercepted chooser never opens: the OS dialog would show the whole file system.
      if (method === 'Page.fileChooserOpened') this.options.log('file chooser refused', { serviceId: service.id });
    });
    wc.on('destroyed', () => {
      clearHang();
      this.failedUrl.delete(wc.id);
      this.forget(service.id, view);
    });
  }

  private onWindowOpen(service: ServiceConfig, opener: ViewPort, details: HandlerDetails): WindowOpenAnswer {
    if (!this.popupAllowed(service, details.url, opener.webContents.mainFrame.url)) {
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
          if (this.visible === entry) this.show(popup);
        } else {
          // Its opener was closed meanwhile: the popup is never shown, so it gets no permission either.
          this.options.owners.remove(popup.webContents.id);
        }
        // Ctrl/Shift/middle-clicks come without a guest, and Electron then loads nothing: we must.
        if (!guest) void this.load(service, popup.webContents, details.url);
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
        this.show(null);
      }
    } else if (this.visible === entry) {
      this.show(this.top(entry));
    }
  }

  private styleView(wc: WebContentsPort): void {
    if (wc.isDestroyed()) return;
    wc.setZoomFactor(this.settings.textScalePercent / 100);
    try {
      if (!wc.debugger.isAttached()) {
        wc.debugger.attach('1.3');
        // Chromium has no file-chooser event for the embedder; CDP interception is the one way to
        // stop the OS dialog (and with it the whole file system). Per attachment, so after a detach too.
        // Page.enable: Chromium delivers Page.fileChooserOpened only to a client with the Page domain on.
        void wc.debugger
          .sendCommand('Page.enable')
          .then(() => wc.debugger.sendCommand('Page.setInterceptFileChooserDialog', { enabled: true }))
          .catch(() => undefined);
      }
      void wc.debugger
        .sendCommand('Emulation.setEmulatedMedia', contrastMedia(this.settings.highContrast))
        .catch(() => undefined);
    } catch (error) {
      this.options.log('high contrast could not be applied', errorSummary(error));
    }
  }
}
