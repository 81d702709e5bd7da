/**
 * A typed fake of the Electron main-process slice the station uses (`ElectronMain`).
 *
 * There is no Electron binary on build machines, so adapters are tested against this. It is
 * `satisfies ElectronMain`, and `ElectronMain` is checked against the real `electron.d.ts`, so a
 * drift on either side is a compile error. Each test builds its own instance with
 * `createFakeElectron()`; nothing is shared between tests. vitest aliases the module id
 * `electron` to this file, so the named exports at the bottom stand in for `import ... from
 * 'electron'` should any module under test import it.
 *
 * The fake records calls in one ordered `log` so tests can assert sequences ("views closed
 * before the partition was cleared").
 */
import type {
  BaseWindowConstructorOptions,
  BrowserWindowConstructorOptions,
  Certificate,
  ClearDataOptions,
  Event,
  HandlerDetails,
  Input,
  Rectangle,
  WebContents,
  WebPreferences,
} from 'electron';
import type {
  DisplayMediaRequestPort,
  DownloadItemPort,
  ElectronMain,
  ElectronPermission,
  FramePort,
  IpcInvokeEventPort,
  SessionPort,
  ViewPort,
  WebContentsPort,
  WindowOpenAnswer,
  WindowPort,
  ChildViewPort,
} from '../electron-api.ts';

type Listener = (...args: never[]) => unknown;
/** The privileges of one custom scheme, as the slice declares them. */
type SchemePrivileges = NonNullable<
  Parameters<ElectronMain['protocol']['registerSchemesAsPrivileged']>[0][number]['privileges']
>;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped = ((...args: never[]) => {
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((l) => l !== wrapped),
      );
      return listener(...args);
    }) as Listener;
    return this.on(event, wrapped);
  }
  /** Fires an event like Chromium would; returns the event object so tests can read `defaultPrevented`. */
  emitWith(event: string, first: FakeEvent | null, ...rest: unknown[]): FakeEvent {
    const e = first ?? fakeEvent();
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(e, ...rest);
    return e;
  }
  emitPlain(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length;
  }
}

export interface FakeEvent extends Event {
  defaultPrevented: boolean;
  [extra: string]: unknown;
}

export function fakeEvent(extra: Record<string, unknown> = {}): FakeEvent {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    ...extra,
  };
  return e;
}

export class FakeFrame implements FramePort {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

/** How Electron rejects a failed `loadURL` (net error name and number). */
export function loadError(code: string, errno: number, url: string): Error {
  return Object.assign(new Error(`${code} (${errno}) loading '${url}'`), { code, errno, url });
}

export class FakeWebContents extends Emitter implements WebContentsPort {
  readonly history: string[] = [];
  private index = -1;
  /** True once `destroyed` has fired (Electron completes a close later, not inside `close()`). */
  closed = false;
  /** `close()` was called and `destroyed` has not fired yet. */
  closing = false;
  /** The renderer crashed or was killed and nothing has been loaded since. */
  crashed = false;
  audioMuted = false;
  reloads = 0;
  /** The page has a `beforeunload` handler that asks to stay (Chromium then asks the embedder). */
  beforeUnloadHandler = false;
  focused = false;
  zoomFactor = 1;
  readonly css = new Map<string, string>();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenAnswer) | null = null;
  readonly debuggerCommands: { method: string; params: unknown }[] = [];
  readonly mainFrame: FakeFrame = new FakeFrame('about:blank');
  devToolsOpened = false;
  private cssKeys = 0;
  private readonly debuggerEvents = new Emitter();
  readonly debugger = {
    attached: false,
    /** CDP settings of the current attachment (a detach forgets them, like Chromium). */
    fileChooserIntercepted: false,
    attach: (): void => {
      if (this.debugger.attached) throw new Error('Debugger is already attached to the target');
      this.debugger.attached = true;
    },
    isAttached: (): boolean => this.debugger.attached,
    detach: (): void => {
      this.debugger.attached = false;
      this.debugger.fileChooserIntercepted = false;
    },
    sendCommand: async (method: string, params?: unknown): Promise<unknown> => {
      if (!this.debugger.attached) throw new Error('No target available');
      this.debuggerCommands.push({ method, params });
      if (method === 'Page.setInterceptFileChooserDialog')
        this.debugger.fileChooserIntercepted = (params as { enabled?: boolean } | undefined)?.enabled === true;
      return {};
    },
    on: (event: 'detach' | 'message', listener: (...args: never[]) => unknown): unknown =>
      this.debuggerEvents.on(event, listener),
  };
  readonly navigationHistory = {
    canGoBack: (): boolean => this.index > 0,
    goBack: (): void => {
      // A beforeunload handler keeps the page unless the embedder answers will-prevent-unload.
      if (this.beforeUnloadHandler && !this.emitWith('will-prevent-unload', null).defaultPrevented) return;
      if (this.index > 0) {
        this.index -= 1;
        this.mainFrame.url = this.history[this.index] ?? 'about:blank';
      }
    },
  };

  constructor(
    readonly id: number,
    private readonly fake: FakeElectron,
    readonly webPreferences: WebPreferences,
  ) {
    super();
  }
  /**
   * Like Electron: a load to an unreachable host emits `did-fail-load` for the main frame and
   * rejects; a load into a destroyed webContents throws.
   */
  async loadURL(url: string): Promise<void> {
    if (this.closed) throw new Error('Object has been destroyed');
    this.fake.log.push(`wc#${this.id}.loadURL ${url}`);
    this.crashed = false;
    const failure = this.fake.loadFailureFor(url);
    if (failure) {
      this.emitWith('did-fail-load', null, failure.errno, failure.code, url, true, 1, 1);
      throw loadError(failure.code, failure.errno, url);
    }
    this.history.splice(this.index + 1);
    this.history.push(url);
    this.index = this.history.length - 1;
    this.mainFrame.url = url;
    this.emitWith('did-navigate', null, url);
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  /** Electron starts the close and fires `destroyed` on a later turn; `isDestroyed()` is false until then. */
  close(): void {
    if (this.closed || this.closing) return;
    this.closing = true;
    this.fake.log.push(`wc#${this.id}.close`);
    this.fake.later(() => {
      this.closed = true;
      this.fake.log.push(`wc#${this.id}.destroyed`);
      this.emitPlain('destroyed');
    });
  }
  reload(): void {
    this.reloads += 1;
    this.crashed = false;
    this.fake.log.push(`wc#${this.id}.reload`);
  }
  forcefullyCrashRenderer(): void {
    this.fake.log.push(`wc#${this.id}.forcefullyCrashRenderer`);
    this.crashes('killed');
  }
  setAudioMuted(muted: boolean): void {
    this.audioMuted = muted;
  }
  focus(): void {
    this.focused = true;
    this.fake.log.push(`wc#${this.id}.focus`);
  }
  isDestroyed(): boolean {
    return this.closed;
  }
  setZoomFactor(factor: number): void {
    this.zoomFactor = factor;
  }
  async insertCSS(css: string): Promise<string> {
    const key = `css-${++this.cssKeys}`;
    this.css.set(key, css);
    return key;
  }
  async removeInsertedCSS(key: string): Promise<void> {
    this.css.delete(key);
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenAnswer): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  openDevTools(): void {
    this.devToolsOpened = true;
  }
  /** What the page's `window.getSelection().toString()` gives; a function to simulate a failing or hanging page. */
  pageSelection: string | (() => Promise<unknown>) = '';
  /** Isolated-world scripts the station ran in this page (world id and code, never a result). */
  readonly isolatedScripts: { worldId: number; code: string }[] = [];
  async executeJavaScriptInIsolatedWorld(worldId: number, scripts: { code: string; url?: string }[]): Promise<unknown> {
    for (const script of scripts) this.isolatedScripts.push({ worldId, code: script.code });
    if (this.closed) throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    // The fake cannot run the code; it answers with the page's selection as is (uncapped, like a
    // compromised page might), so the station's own checks are what the tests see.
    return typeof this.pageSelection === 'function' ? this.pageSelection() : this.pageSelection;
  }

  // Helpers for tests: what Chromium would do.
  /** The renderer process died (crash, OOM kill). CDP detaches with it. */
  crashes(reason: 'crashed' | 'oom' | 'killed' = 'crashed'): void {
    this.crashed = true;
    if (this.debugger.attached) {
      this.debugger.detach();
      this.debuggerEvents.emitWith('detach', null, 'target closed');
    }
    this.emitWith('render-process-gone', null, { reason, exitCode: reason === 'oom' ? -536870904 : 1 });
  }
  /** Another CDP client took over, or Chromium dropped the session. */
  debuggerDetaches(reason = 'Render process gone.'): void {
    this.debugger.detach();
    this.debuggerEvents.emitWith('detach', null, reason);
  }
  /** A touch or mouse press in the page (Chromium reports it as an `input-event` before the page sees it). */
  pressed(type: 'mouseDown' | 'touchStart' = 'mouseDown'): FakeEvent {
    return this.emitWith('input-event', null, { type });
  }
  hangs(): void {
    this.emitPlain('unresponsive');
  }
  recovers(): void {
    this.emitPlain('responsive');
  }
  preloadFails(error: Error): void {
    this.emitWith('preload-error', null, '/app/dist/preload/index.cjs', error);
  }
  /**
   * The page opens a file chooser (`<input type=file>`). Without CDP interception Chromium shows
   * the OS dialog (the whole file system); with it, it sends `Page.fileChooserOpened` instead.
   */
  opensFileChooser(): 'native-dialog' | 'intercepted' {
    if (!this.debugger.attached || !this.debugger.fileChooserIntercepted) return 'native-dialog';
    this.debuggerEvents.emitWith('message', null, 'Page.fileChooserOpened', { mode: 'selectSingle', frameId: 'main' });
    return 'intercepted';
  }
  /** A link click or script navigation in the top frame. */
  userNavigates(url: string): FakeEvent {
    // Chromium reports a top-frame navigation twice: will-frame-navigate first, then will-navigate.
    const frameEvent = this.emitWith(
      'will-frame-navigate',
      fakeEvent({ url, isMainFrame: true, isSameDocument: false, frame: this.mainFrame }),
    );
    if (frameEvent.defaultPrevented) return frameEvent;
    const e = this.emitWith(
      'will-navigate',
      fakeEvent({ url, isMainFrame: true, isSameDocument: false, frame: this.mainFrame }),
      url,
    );
    if (!e.defaultPrevented) void this.loadURL(url);
    return e;
  }
  serverRedirects(url: string): FakeEvent {
    return this.emitWith(
      'will-redirect',
      fakeEvent({ url, isMainFrame: true, isSameDocument: false, frame: this.mainFrame }),
      url,
    );
  }
  frameNavigates(url: string, isMainFrame: boolean): FakeEvent {
    return this.emitWith(
      'will-frame-navigate',
      fakeEvent({
        url,
        isMainFrame,
        isSameDocument: false,
        frame: isMainFrame ? this.mainFrame : new FakeFrame(url, this.mainFrame),
      }),
    );
  }
  presses(input: Partial<Input>): FakeEvent {
    const full = {
      type: 'keyDown',
      key: '',
      code: '',
      control: false,
      shift: false,
      alt: false,
      meta: false,
      isAutoRepeat: false,
      ...input,
    } as Input;
    this.emitWith('input-event', null, { type: 'rawKeyDown' });
    return this.emitWith('before-input-event', null, full);
  }
  /**
   * A popup from the page, as Electron 45's guest-window manager handles it:
   *   - `window.open(url)` and plain `target=_blank` (`new-window`, `foreground-tab` with a guest):
   *     the new guest is passed as `options.webContents`; `createWindow` must return that very
   *     object, else Electron throws; the guest then loads `url` itself;
   *   - Ctrl/Shift/middle/Alt-clicks (`background-tab`, `foreground-tab` without a guest,
   *     `new-window` from Shift): no guest is passed, the result is not checked and NOTHING loads
   *     the URL (electron#49307).
   * The answer is validated at run time like Electron does. Returns the webContents that shows
   * the popup (null when denied).
   */
  windowOpen(
    url: string,
    options: { disposition?: HandlerDetails['disposition']; withGuest?: boolean } = {},
  ): { answer: WindowOpenAnswer; popup: FakeWebContents | null } {
    if (!this.windowOpenHandler) throw new Error('no window open handler set');
    const disposition = options.disposition ?? 'new-window';
    const withGuest = options.withGuest ?? (disposition === 'new-window' || disposition === 'foreground-tab');
    const answer: unknown = this.windowOpenHandler({
      url,
      frameName: '',
      features: '',
      disposition,
      referrer: { url: this.mainFrame.url, policy: 'strict-origin-when-cross-origin' },
    });
    if (typeof answer !== 'object' || answer === null)
      throw new TypeError('The window open handler response must be an object');
    const checked = answer as WindowOpenAnswer;
    if (checked.action !== 'allow' && checked.action !== 'deny')
      throw new TypeError("Object returned from window open handler must have 'action' of 'allow' or 'deny'");
    if (checked.action === 'deny') return { answer: checked, popup: null };
    if (!checked.createWindow) throw new Error('the kiosk must never let Electron create a BrowserWindow');
    if (!withGuest) {
      const created = checked.createWindow({ webPreferences: {} });
      return { answer: checked, popup: created as FakeWebContents };
    }
    const guest = this.fake.newWebContents({});
    // At run time Electron passes the new guest's webContents inside the options (untyped in electron.d.ts).
    const created = checked.createWindow({
      webContents: guest as unknown as WebContents,
      webPreferences: {},
    } as BrowserWindowConstructorOptions);
    if (created !== guest)
      throw new Error(
        'Invalid webContents. Created window should be connected to webContents passed with options object.',
      );
    void guest.loadURL(url).catch(() => undefined);
    return { answer: checked, popup: guest };
  }
}

/**
 * Parses a colour the way `View.setBackgroundColor` documents it; hex with alpha is `#AARRGGBB`
 * or `#ARGB` (NOT CSS's `#RRGGBBAA`), so a CSS-style "transparent" comes out opaque here too.
 * Returns the alpha (0–255); throws for a format Electron does not list, so a typo fails a test.
 */
export function electronColorAlpha(color: string): number {
  const hex = /^#([0-9a-f]+)$/i.exec(color)?.[1];
  if (hex !== undefined) {
    if (hex.length === 3 || hex.length === 6) return 255;
    if (hex.length === 4) return parseInt(hex.slice(0, 1).repeat(2), 16);
    if (hex.length === 8) return parseInt(hex.slice(0, 2), 16);
    throw new TypeError(`not an Electron colour: ${color}`);
  }
  if (/^rgb\(\d+,\s*\d+,\s*\d+\)$/.test(color) || /^hsl\(-?[\d.]+,\s*[\d.]+%,\s*[\d.]+%\)$/.test(color)) return 255;
  const alpha =
    /^rgba\(\d+,\s*\d+,\s*\d+,\s*([\d.]+)\)$/.exec(color)?.[1] ??
    /^hsla\(-?[\d.]+,\s*[\d.]+%,\s*[\d.]+%,\s*([\d.]+)\)$/.exec(color)?.[1];
  if (alpha !== undefined) return Math.round(Math.min(1, Number(alpha)) * 255);
  if (/^[a-z]+$/.test(color)) return color === 'transparent' ? 0 : 255;
  throw new TypeError(`not an Electron colour: ${color}`);
}

export class FakeView implements ViewPort {
  bounds: Rectangle = { x: 0, y: 0, width: 0, height: 0 };
  visible = true;
  /** As given to `setBackgroundColor`; null until set (Electron's default is opaque white). */
  backgroundColor: string | null = null;
  constructor(readonly webContents: FakeWebContents) {}
  /** Like Electron's gfx::Rect conversion: fractional or missing members fail ("conversion failure"). */
  setBounds(bounds: Rectangle): void {
    for (const key of ['x', 'y', 'width', 'height'] as const) {
      if (!Number.isInteger(bounds[key]))
        throw new TypeError(`Error processing argument at index 0, conversion failure from ${JSON.stringify(bounds)}`);
    }
    this.bounds = { ...bounds };
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
  }
  setBackgroundColor(color: string): void {
    electronColorAlpha(color);
    this.backgroundColor = color;
  }
  /** True when the page behind the view shows through (an alpha of 0 given in Electron's format). */
  isTransparent(): boolean {
    return this.backgroundColor !== null && electronColorAlpha(this.backgroundColor) === 0;
  }
}

export class FakeDownloadItem extends Emitter implements DownloadItemPort {
  savePath = '';
  received = 0;
  state: 'progressing' | 'completed' | 'cancelled' | 'interrupted' = 'progressing';
  constructor(
    private readonly filename: string,
    private readonly total: number,
  ) {
    super();
  }
  getFilename(): string {
    return this.filename;
  }
  setSavePath(path: string): void {
    this.savePath = path;
  }
  getTotalBytes(): number {
    return this.total;
  }
  getReceivedBytes(): number {
    return this.received;
  }
  getState(): 'progressing' | 'completed' | 'cancelled' | 'interrupted' {
    return this.state;
  }
  /** Like Chromium: a live download stops, its partial file is removed, and `done` says cancelled. */
  cancel(): void {
    if (this.state !== 'progressing') return;
    this.finish('cancelled');
  }
  progress(bytes: number): void {
    this.received = bytes;
    this.emitWith('updated', null, 'progressing');
  }
  finish(state: 'completed' | 'cancelled' | 'interrupted' = 'completed'): void {
    if (this.state !== 'progressing') return;
    if (state === 'completed') this.received = this.total;
    this.state = state;
    this.emitWith('done', null, state);
  }
}

export class FakeSession extends Emitter implements SessionPort {
  requestHandler: Parameters<SessionPort['setPermissionRequestHandler']>[0] = null;
  checkHandler: Parameters<SessionPort['setPermissionCheckHandler']>[0] = null;
  deviceHandler: Parameters<SessionPort['setDevicePermissionHandler']>[0] = null;
  spellcheck = true;
  /** Cookies set by pages in this partition (the fake's stand-in for site data). */
  readonly cookies = new Set<string>();
  constructor(
    readonly partition: string,
    private readonly fake: FakeElectron,
  ) {
    super();
  }
  getStoragePath(): string | null {
    return this.partition.startsWith('persist:') ? `/fake/userData/Partitions/${this.partition.slice(8)}` : null;
  }
  isPersistent(): boolean {
    return this.partition.startsWith('persist:');
  }
  setPermissionRequestHandler(handler: Parameters<SessionPort['setPermissionRequestHandler']>[0]): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: Parameters<SessionPort['setPermissionCheckHandler']>[0]): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: Parameters<SessionPort['setDevicePermissionHandler']>[0]): void {
    this.deviceHandler = handler;
  }
  setSpellCheckerEnabled(enable: boolean): void {
    this.spellcheck = enable;
  }
  displayMediaHandler: Parameters<SessionPort['setDisplayMediaRequestHandler']>[0] = null;
  displayMediaOptions: { useSystemPicker: boolean } | undefined;
  setDisplayMediaRequestHandler(
    handler: Parameters<SessionPort['setDisplayMediaRequestHandler']>[0],
    opts?: { useSystemPicker: boolean },
  ): void {
    this.displayMediaHandler = handler;
    this.displayMediaOptions = opts;
  }
  /**
   * A page in this session calls `getDisplayMedia()`. Like Electron: without a handler the call
   * fails (NotSupportedError); a null grant refuses it (NotAllowedError); a granted video must be
   * a source `desktopCapturer` offers, or the capture cannot start (AbortError); the callback may
   * be answered only once. Resolves with the granted source id.
   */
  requestDisplayMedia(request: Partial<DisplayMediaRequestPort> = {}): Promise<string> {
    const full: DisplayMediaRequestPort = {
      securityOrigin: 'kiosk://shell',
      videoRequested: true,
      audioRequested: false,
      userGesture: true,
      ...request,
    };
    return new Promise((resolve, reject) => {
      const handler = this.displayMediaHandler;
      if (!handler) return reject(new DOMException('Not supported', 'NotSupportedError'));
      let answered = false;
      handler(full, (grant) => {
        if (answered) throw new Error('The display-media callback was already called');
        answered = true;
        if (grant === null) return reject(new DOMException('Permission denied', 'NotAllowedError'));
        if (!this.fake.captureSources().some((s) => s.id === grant.video.id))
          return reject(new DOMException('Could not start video source', 'AbortError'));
        resolve(grant.video.id);
      });
    });
  }
  /** Honours the options like Chromium: a `dataTypes` list without cookies, or origin filters, leave cookies. */
  async clearData(options?: ClearDataOptions): Promise<void> {
    this.fake.log.push(`${this.partition}.clearData(${options === undefined ? '' : JSON.stringify(options)})`);
    const types = options?.dataTypes;
    const filtered = options?.origins !== undefined || options?.excludeOrigins !== undefined;
    if ((types === undefined || types.includes('cookies')) && !filtered) this.cookies.clear();
  }
  async clearAuthCache(): Promise<void> {
    this.fake.log.push(`${this.partition}.clearAuthCache`);
  }
  async clearHostResolverCache(): Promise<void> {
    this.fake.log.push(`${this.partition}.clearHostResolverCache`);
  }
  async clearCache(): Promise<void> {
    this.fake.log.push(`${this.partition}.clearCache`);
  }
  async closeAllConnections(): Promise<void> {
    this.fake.log.push(`${this.partition}.closeAllConnections`);
  }
  /** A page asks for a permission; resolves with the station's answer. */
  requestPermission(
    webContents: FakeWebContents,
    permission: ElectronPermission,
    requestingUrl: string,
  ): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.requestHandler) return resolve(true); // Electron's default is to grant: the reason a handler is mandatory
      this.requestHandler(webContents, permission, resolve, { requestingUrl });
    });
  }
  checkPermission(webContents: FakeWebContents | null, permission: ElectronPermission, origin: string): boolean {
    if (!this.checkHandler) return true;
    return this.checkHandler(webContents, permission, origin, {
      requestingUrl: origin,
      isMainFrame: true,
      embeddingOrigin: origin,
    });
  }
  download(webContents: FakeWebContents, filename: string, totalBytes: number): FakeDownloadItem {
    const item = new FakeDownloadItem(filename, totalBytes);
    this.emitWith('will-download', null, item, webContents);
    return item;
  }
}

export class FakeWindow extends Emitter implements WindowPort {
  readonly children: ChildViewPort[] = [];
  bounds: Rectangle = { x: 0, y: 0, width: 1920, height: 1080 };
  focused = false;
  readonly contentView = {
    /**
     * Like Electron's `View.addChildView`: on top (last) without an index, else at `index` (past
     * the end means on top); a view that is already a child is moved, never listed twice.
     */
    addChildView: (view: ChildViewPort, index?: number): void => {
      const at = this.children.indexOf(view);
      if (at >= 0) this.children.splice(at, 1);
      if (index === undefined || index >= this.children.length) this.children.push(view);
      else this.children.splice(Math.max(0, index), 0, view);
    },
    removeChildView: (view: ChildViewPort): void => {
      const at = this.children.indexOf(view);
      if (at >= 0) this.children.splice(at, 1);
    },
  };
  constructor(readonly options: BaseWindowConstructorOptions) {
    super();
  }
  getContentBounds(): Rectangle {
    return { ...this.bounds };
  }
  /** Set when the fake creates the window (`window:<n>:0`, as Electron numbers native windows). */
  mediaSourceId = 'window:0:0';
  getMediaSourceId(): string {
    return this.mediaSourceId;
  }
  focus(): void {
    this.focused = true;
  }
  /** The OS asks the window to close (Alt+F4). */
  requestClose(): FakeEvent {
    return this.emitWith('close', null);
  }
  resizeTo(width: number, height: number): void {
    this.bounds = { x: 0, y: 0, width, height };
    this.emitWith('resize', null);
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** Builds a fresh fake. `tempDir` is what `app.getPath('temp')` returns (use a real temp dir). */
export function createFakeElectron(
  options: { tempDir?: string; singleInstance?: boolean; appMetricsKb?: number[] } = {},
) {
  let nextId = 1;
  const sessions = new Map<string, FakeSession>();
  const ipcHandlers = new Map<string, (event: IpcInvokeEventPort, ...args: unknown[]) => unknown>();
  const appEvents = new Emitter();
  const powerEvents = new Emitter();
  const pending = new Set<Promise<void>>();
  const fake = {
    log: [] as string[],
    /** Origins whose loads fail like an unreachable host (`did-fail-load`, then `loadURL` rejects). */
    unreachable: new Map<string, { code: string; errno: number }>(),
    loadFailureFor(url: string): { code: string; errno: number } | null {
      try {
        return fake.unreachable.get(new URL(url).origin) ?? null;
      } catch {
        return null;
      }
    },
    /** Runs `task` on a later turn, like Electron's asynchronous completions. */
    later(task: () => void): void {
      const done = new Promise<void>((resolve) =>
        setImmediate(() => {
          task();
          resolve();
        }),
      );
      pending.add(done);
      void done.then(() => pending.delete(done));
    },
    /** Waits until every asynchronous completion started so far (closes) has happened. */
    async settle(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    /** The machine woke from sleep. */
    resume(): void {
      powerEvents.emitPlain('resume');
    },
    /**
     * A site asks for a client certificate; returns the one the app would send. Without
     * `preventDefault()` Chromium takes the first one in the store.
     */
    selectClientCertificate(webContents: FakeWebContents | null, url: string, list: Certificate[]): Certificate | null {
      let chosen: Certificate | null = null;
      const event = appEvents.emitWith('select-client-certificate', null, webContents, url, list, (c?: Certificate) => {
        chosen = c ?? null;
      });
      return event.defaultPrevented ? chosen : (list[0] ?? null);
    },
    views: [] as FakeView[],
    windows: [] as FakeWindow[],
    /** What `desktopCapturer` offers: the whole screen and every window the fake has made. */
    captureSources(): { id: string; name: string }[] {
      return [
        { id: 'screen:0:0', name: 'Entire screen' },
        ...fake.windows.map((w, i) => ({ id: w.mediaSourceId, name: `Window ${i + 1}` })),
      ];
    },
    exitCodes: [] as (number | undefined)[],
    quitCalls: 0,
    clipboardClears: 0,
    selectionClears: 0,
    menus: [] as unknown[],
    privilegedSchemes: [] as string[],
    /** The privileges each scheme was registered with, as given. */
    schemePrivileges: new Map<string, SchemePrivileges>(),
    /** Set once `app.whenReady()` has been called: Electron refuses scheme privileges after ready. */
    ready: false,
    protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    ipcHandlers,
    switches: new Set<string>(),
    appendedSwitches: [] as string[],
    sessions,
    /** Every webContents is announced on `web-contents-created` before its creator sees it, like Electron. */
    newWebContents(prefs: WebPreferences): FakeWebContents {
      const wc = new FakeWebContents(nextId++, fake, prefs);
      appEvents.emitWith('web-contents-created', null, wc);
      return wc;
    },
    /** A page tries to embed a `<webview>`; true when it was refused. */
    attachWebview(host: FakeWebContents): boolean {
      return host.emitWith('will-attach-webview', null, {}, {}).defaultPrevented;
    },
    /** Calls an IPC handler the way Electron would, from a given frame of a given webContents. */
    async invoke(
      channel: string,
      from: { webContentsId: number; frame: FakeFrame | null },
      arg?: unknown,
    ): Promise<unknown> {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ sender: { id: from.webContentsId }, senderFrame: from.frame }, arg);
    },
    secondInstance(): void {
      appEvents.emitPlain('second-instance');
    },
    electron: undefined as unknown as ElectronMain,
  };

  const electron = {
    app: {
      getPath: (name: 'temp' | 'userData') => (name === 'temp' ? (options.tempDir ?? '/tmp') : '/fake/userData'),
      getAppMetrics: () =>
        (options.appMetricsKb ?? [200_000, 150_000]).map((kb) => ({
          memory: { workingSetSize: kb, peakWorkingSetSize: kb },
        })),
      exit: (code?: number) => void fake.exitCodes.push(code),
      quit: () => void (fake.quitCalls += 1),
      requestSingleInstanceLock: () => options.singleInstance ?? true,
      whenReady: async () => {
        fake.ready = true;
      },
      on: (event: string, listener: (...args: never[]) => unknown) => appEvents.on(event, listener),
      commandLine: {
        hasSwitch: (name: string) => fake.switches.has(name),
        appendSwitch: (name: string) => void fake.appendedSwitches.push(name),
      },
    },
    powerMonitor: { on: (event: 'resume', listener: () => void) => powerEvents.on(event, listener) },
    desktopCapturer: {
      getSources: async (opts: {
        types: ('screen' | 'window')[];
        thumbnailSize?: { width: number; height: number };
      }) => {
        // Electron rejects an empty or unknown type list.
        if (opts.types.length === 0 || opts.types.some((t) => t !== 'screen' && t !== 'window'))
          throw new Error('Invalid options: types must include screen and/or window');
        return fake
          .captureSources()
          .filter((s) => opts.types.includes(s.id.startsWith('screen:') ? 'screen' : 'window'));
      },
    },
    session: {
      defaultSession: new FakeSession('(default)', fake),
      fromPartition: (partition: string): FakeSession => {
        let ses = sessions.get(partition);
        if (!ses) {
          ses = new FakeSession(partition, fake);
          sessions.set(partition, ses);
          fake.log.push(`session ${partition}`);
        }
        return ses;
      },
    },
    clipboard: {
      clear: () => {
        fake.clipboardClears += 1;
        fake.log.push('clipboard.clear');
      },
      selection: {
        clear: () => {
          fake.selectionClears += 1;
          fake.log.push('clipboard.selection.clear');
        },
      },
    },
    ipcMain: {
      handle: (channel: string, listener: (event: IpcInvokeEventPort, ...args: unknown[]) => unknown) => {
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, listener);
      },
      removeHandler: (channel: string) => void ipcHandlers.delete(channel),
    },
    Menu: { setApplicationMenu: (menu: null) => void fake.menus.push(menu) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string; privileges?: SchemePrivileges }[]) => {
        // Electron's own checks (shell/browser/api/electron_api_protocol.cc), so a wrong call fails here too.
        if (fake.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        if (schemes.some((s) => s.privileges?.codeCache && !s.privileges.standard))
          throw new Error('Code cache can only be enabled when the custom scheme is registered as standard scheme.');
        for (const s of schemes) {
          fake.privilegedSchemes.push(s.scheme);
          fake.schemePrivileges.set(s.scheme, { ...s.privileges });
        }
      },
      handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) =>
        void fake.protocolHandlers.set(scheme, handler),
    },
    BaseWindow: class extends FakeWindow {
      constructor(opts: BaseWindowConstructorOptions) {
        super(opts);
        fake.windows.push(this);
        this.mediaSourceId = `window:${100 + fake.windows.length}:0`;
      }
    },
    WebContentsView: class extends FakeView {
      constructor(opts: { webPreferences: WebPreferences; webContents?: unknown }) {
        const given = opts.webContents as FakeWebContents | undefined;
        const wc = given ?? fake.newWebContents(opts.webPreferences);
        if (given) Object.assign(wc.webPreferences, opts.webPreferences);
        super(wc);
        fake.views.push(this);
        fake.log.push(`view wc#${wc.id} partition=${opts.webPreferences.partition ?? '(default)'}`);
      }
    },
  } satisfies ElectronMain;
  fake.electron = electron;
  return fake;
}

// Named exports for code that imports 'electron' directly under vitest (alias in vitest.config.ts).
const moduleInstance = createFakeElectron();
export const app = moduleInstance.electron.app;
export const session = moduleInstance.electron.session;
export const powerMonitor = moduleInstance.electron.powerMonitor;
export const clipboard = moduleInstance.electron.clipboard;
export const ipcMain = moduleInstance.electron.ipcMain;
export const Menu = moduleInstance.electron.Menu;
export const protocol = moduleInstance.electron.protocol;
export const BaseWindow = moduleInstance.electron.BaseWindow;
export const WebContentsView = moduleInstance.electron.WebContentsView;
