/**
 * The slice of Electron's main-process API the station uses, as narrow structural types.
 *
 * Why not use `typeof import('electron')` directly: on build machines there is no Electron binary,
 * so every adapter is unit tested against a fake (`main/testing/fake-electron.ts`). A fake of the
 * whole API is impossible; a fake of this slice is small. Two compile-time checks keep the slice
 * honest:
 *   - `_RealElectronFitsTheSlice` below: the real `electron` module must be assignable to
 *     `ElectronMain`, so an API Electron renames or removes (or a signature we get wrong) fails
 *     `tsc` here, not on a kiosk;
 *   - the fake declares `satisfies ElectronMain`, so the fake cannot drift either.
 * Adapters receive this object from the composition root (`main/index.ts`); none imports
 * `electron` at run time, which is also why tests need no module mocking.
 */
import type * as RealElectron from 'electron';
import type {
  BaseWindowConstructorOptions,
  BrowserWindowConstructorOptions,
  Certificate,
  ClearDataOptions,
  DownloadItem,
  Event,
  HandlerDetails,
  Input,
  InputEvent,
  NavigationHistory,
  PermissionCheckHandlerHandlerDetails,
  ProcessMetric,
  Rectangle,
  RenderProcessGoneDetails,
  WebContentsViewConstructorOptions,
  WebContentsWillFrameNavigateEventParams,
  WebContentsWillNavigateEventParams,
  WebContentsWillRedirectEventParams,
  WebFrameMain,
  WebPreferences,
} from 'electron';

/** Permission names exactly as Electron spells them. */
export type ElectronPermission = Parameters<
  NonNullable<Parameters<Electron.Session['setPermissionCheckHandler']>[0]>
>[1];

/** What `setWindowOpenHandler` may answer (a narrowed `WindowOpenHandlerResponse`). */
export interface WindowOpenAnswer {
  action: 'allow' | 'deny';
  /**
   * Supplies our own view's webContents for an allowed popup, so it stays inside the kiosk.
   * Electron passes the new guest as `options.webContents` for `window.open` and plain
   * `target=_blank` clicks, and then requires this very object back ("Invalid webContents");
   * for modifier-clicks (background/foreground tab dispositions) it passes none, ignores the
   * result and does not load the URL: the caller must load it (electron#49307).
   */
  createWindow?: (options: BrowserWindowConstructorOptions) => WebContentsPort;
  outlivesOpener?: boolean;
  overrideBrowserWindowOptions?: BrowserWindowConstructorOptions;
}

/** The parts of `WebFrameMain` the IPC sender check reads. */
export interface FramePort {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of `WebContents` the station uses. */
export interface WebContentsPort {
  readonly id: number;
  readonly navigationHistory: Pick<NavigationHistory, 'canGoBack' | 'goBack'>;
  readonly mainFrame: FramePort;
  /** CDP access, used for forced-colours emulation (high contrast) in e-services. */
  readonly debugger: {
    attach(protocolVersion?: string): void;
    isAttached(): boolean;
    detach(): void;
    sendCommand(method: string, commandParams?: unknown): Promise<unknown>;
    /** `detach`: another client or a crash took CDP away (high contrast and the file-chooser guard stop). */
    on(event: 'detach', listener: (event: Event, reason: string) => void): unknown;
    /** `message`: a CDP event (e.g. `Page.fileChooserOpened`). */
    on(event: 'message', listener: (event: Event, method: string, params: unknown) => void): unknown;
  };
  /** Rejects when the load fails (e.g. ERR_NAME_NOT_RESOLVED, or ERR_ABORTED when another navigation replaced it). */
  loadURL(url: string): Promise<void>;
  /** Starts closing; `destroyed` follows later, not before this returns. */
  close(opts?: { waitForBeforeUnload?: boolean }): void;
  reload(): void;
  /** Kills a hung renderer so the next load starts a fresh one. */
  forcefullyCrashRenderer(): void;
  setAudioMuted(muted: boolean): void;
  focus(): void;
  isDestroyed(): boolean;
  setZoomFactor(factor: number): void;
  insertCSS(css: string, options?: { cssOrigin?: 'user' | 'author' }): Promise<string>;
  removeInsertedCSS(key: string): Promise<void>;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenAnswer): void;
  send(channel: string, ...args: unknown[]): void;
  openDevTools(): void;
  /**
   * Runs code in an isolated world of the page (read-aloud reads the selection this way): the
   * page's own scripts share the DOM but not the globals, so they cannot fake `getSelection`.
   */
  executeJavaScriptInIsolatedWorld(
    worldId: number,
    scripts: { code: string; url?: string }[],
    userGesture?: boolean,
  ): Promise<unknown>;
  on(event: 'will-navigate', listener: (details: Event<WebContentsWillNavigateEventParams>) => void): unknown;
  on(event: 'will-redirect', listener: (details: Event<WebContentsWillRedirectEventParams>) => void): unknown;
  on(
    event: 'will-frame-navigate',
    listener: (details: Event<WebContentsWillFrameNavigateEventParams>) => void,
  ): unknown;
  on(event: 'before-input-event', listener: (event: Event, input: Input) => void): unknown;
  on(event: 'input-event', listener: (event: Event, input: InputEvent) => void): unknown;
  on(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-navigate', listener: (event: Event, url: string) => void): unknown;
  on(event: 'render-process-gone', listener: (event: Event, details: RenderProcessGoneDetails) => void): unknown;
  on(
    event: 'did-fail-load',
    listener: (
      event: Event,
      errorCode: number,
      errorDescription: string,
      validatedURL: string,
      isMainFrame: boolean,
    ) => void,
  ): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  on(event: 'preload-error', listener: (event: Event, preloadPath: string, error: Error) => void): unknown;
  /** A `beforeunload` handler wants to keep the page; `preventDefault()` lets the navigation or close go on. */
  on(event: 'will-prevent-unload', listener: (event: Event) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown;
}

/** A `WebContentsView`: one e-service page, a popup, or the shell UI. */
export interface ViewPort {
  readonly webContents: WebContentsPort;
  /** Integer DIPs relative to the window's content; Electron refuses fractions. */
  setBounds(bounds: Rectangle): void;
  setVisible(visible: boolean): void;
  /** Hex with alpha is `#AARRGGBB` (`#00000000` = transparent); on a WebContentsView it also sets the page's. */
  setBackgroundColor(color: string): void;
}

/** What a window's content view needs of a child view. */
export type ChildViewPort = Pick<ViewPort, 'setBounds' | 'setVisible'>;

/** The parts of `DownloadItem` the download folder needs. */
export type DownloadItemPort = Pick<
  DownloadItem,
  'getFilename' | 'setSavePath' | 'getTotalBytes' | 'getReceivedBytes' | 'cancel' | 'getState'
> & {
  on(event: 'updated', listener: (event: Event, state: 'progressing' | 'interrupted') => void): unknown;
  once(event: 'done', listener: (event: Event, state: 'completed' | 'cancelled' | 'interrupted') => void): unknown;
};

/** A page's `getDisplayMedia()` as `setDisplayMediaRequestHandler` sees it (a narrowed `DisplayMediaRequestHandlerHandlerRequest`). */
export interface DisplayMediaRequestPort {
  readonly securityOrigin: string;
  readonly videoRequested: boolean;
  readonly audioRequested: boolean;
  readonly userGesture: boolean;
}

/** What the handler grants: one desktop-capture source (from `desktopCapturer`), or null to refuse. */
export type DisplayMediaGrant = { video: { id: string; name: string } } | null;

/** The parts of `Session` a visitor partition needs: hardening and the reset ladder. */
export interface SessionPort {
  getStoragePath(): string | null;
  isPersistent(): boolean;
  setPermissionRequestHandler(
    handler:
      | ((
          webContents: unknown,
          permission: ElectronPermission,
          callback: (granted: boolean) => void,
          details: { requestingUrl?: string },
        ) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler:
      | ((
          webContents: unknown,
          permission: ElectronPermission,
          requestingOrigin: string,
          details: PermissionCheckHandlerHandlerDetails,
        ) => boolean)
      | null,
  ): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
  setSpellCheckerEnabled(enable: boolean): void;
  /** Answers `getDisplayMedia()` from pages of this session; without a handler Electron refuses every call. */
  setDisplayMediaRequestHandler(
    handler: ((request: DisplayMediaRequestPort, callback: (streams: DisplayMediaGrant) => void) => void) | null,
    opts?: { useSystemPicker: boolean },
  ): void;
  on(event: 'will-download', listener: (event: Event, item: DownloadItemPort, webContents: unknown) => void): unknown;
  clearData(options?: ClearDataOptions): Promise<void>;
  clearAuthCache(): Promise<void>;
  clearHostResolverCache(): Promise<void>;
  clearCache(): Promise<void>;
  closeAllConnections(): Promise<void>;
}

/** The parts of `BaseWindow` the kiosk window uses. */
export interface WindowPort {
  readonly contentView: {
    addChildView(view: ChildViewPort, index?: number): void;
    removeChildView(view: ChildViewPort): void;
  };
  getContentBounds(): Rectangle;
  on(event: 'resize' | 'close', listener: (event: Event) => void): unknown;
  focus(): void;
  /** `window:<id>:0`: the window's id among `desktopCapturer`'s window sources. */
  getMediaSourceId(): string;
}

/** The invoke event as the IPC guard reads it. */
export interface IpcInvokeEventPort {
  readonly sender: { readonly id: number };
  readonly senderFrame: FramePort | null;
}

/** The Electron main-process slice, passed from the composition root to every adapter. */
export interface ElectronMain {
  app: {
    getPath(name: 'temp' | 'userData'): string;
    getAppMetrics(): Pick<ProcessMetric, 'memory'>[];
    exit(exitCode?: number): void;
    quit(): void;
    requestSingleInstanceLock(): boolean;
    whenReady(): Promise<void>;
    on(event: 'second-instance', listener: () => void): unknown;
    on(event: 'window-all-closed', listener: () => void): unknown;
    /** Every webContents ever created, before its creator configures it (the backstop). */
    on(event: 'web-contents-created', listener: (event: Event, webContents: WebContentsPort) => void): unknown;
    /** Without `preventDefault()` Chromium picks the first certificate in the store by itself. */
    on(
      event: 'select-client-certificate',
      listener: (
        event: Event,
        webContents: WebContentsPort | null,
        url: string,
        certificateList: Certificate[],
        callback: (certificate?: Certificate) => void,
      ) => void,
    ): unknown;
    readonly commandLine: { hasSwitch(name: string): boolean; appendSwitch(name: string, value?: string): void };
  };
  session: {
    fromPartition(partition: string, options?: { cache?: boolean }): SessionPort;
    /** The shell's own session (it has no partition). */
    readonly defaultSession: SessionPort;
  };
  powerMonitor: { on(event: 'resume', listener: () => void): unknown };
  /** The capturable screens and windows (for the screen view: our own window only). */
  desktopCapturer: {
    getSources(options: {
      types: ('screen' | 'window')[];
      thumbnailSize?: { width: number; height: number };
    }): Promise<{ id: string; name: string }[]>;
  };
  clipboard: { clear(): void; readonly selection: { clear(): void } | undefined };
  ipcMain: {
    handle(channel: string, listener: (event: IpcInvokeEventPort, ...args: unknown[]) => unknown): void;
    removeHandler(channel: string): void;
  };
  Menu: { setApplicationMenu(menu: null): void };
  protocol: {
    registerSchemesAsPrivileged(
      schemes: {
        scheme: string;
        privileges?: {
          standard?: boolean;
          secure?: boolean;
          supportFetchAPI?: boolean;
          corsEnabled?: boolean;
          /** V8 code cache for the scheme's scripts; Electron throws unless `standard` is set too. */
          codeCache?: boolean;
        };
      }[],
    ): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  BaseWindow: new (options: BaseWindowConstructorOptions) => WindowPort;
  WebContentsView: new (options: WebContentsViewConstructorOptions & { webPreferences: WebPreferences }) => ViewPort;
}

// Compile-time drift checks: the real module must fit the slice (see the file comment).
type Assignable<T extends U, U> = T;
export type _RealElectronFitsTheSlice = Assignable<typeof RealElectron, ElectronMain>;
export type _RealFrameFits = Assignable<WebFrameMain, FramePort>;
