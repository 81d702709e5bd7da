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
  Event,
  HandlerDetails,
  Input,
  Rectangle,
  WebContents,
  WebPreferences,
} from 'electron';
import type {
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

export class FakeWebContents extends Emitter implements WebContentsPort {
  readonly history: string[] = [];
  private index = -1;
  closed = false;
  focused = false;
  zoomFactor = 1;
  readonly css = new Map<string, string>();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenAnswer) | null = null;
  readonly debuggerCommands: { method: string; params: unknown }[] = [];
  readonly mainFrame: FakeFrame = new FakeFrame('about:blank');
  devToolsOpened = false;
  private cssKeys = 0;
  readonly debugger = {
    attached: false,
    attach: (): void => {
      this.debugger.attached = true;
    },
    isAttached: (): boolean => this.debugger.attached,
    sendCommand: async (method: string, params?: unknown): Promise<unknown> => {
      this.debuggerCommands.push({ method, params });
      return {};
    },
  };
  readonly navigationHistory = {
    canGoBack: (): boolean => this.index > 0,
    goBack: (): void => {
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
  async loadURL(url: string): Promise<void> {
    this.fake.log.push(`wc#${this.id}.loadURL ${url}`);
    this.history.splice(this.index + 1);
    this.history.push(url);
    this.index = this.history.length - 1;
    this.mainFrame.url = url;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.fake.log.push(`wc#${this.id}.close`);
    this.emitPlain('destroyed');
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
  /** A link click or script navigation in the top frame. */
  userNavigates(url: string): FakeEvent {
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
  /** `window.open(url)` from the page; returns what the station answered. */
  windowOpen(url: string): { answer: WindowOpenAnswer; popup: WebContentsPort | null } {
    if (!this.windowOpenHandler) throw new Error('no window open handler set');
    const answer = this.windowOpenHandler({
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: '', policy: 'default' },
    });
    if (answer.action !== 'allow' || !answer.createWindow) return { answer, popup: null };
    const childContents = this.fake.newWebContents({});
    // At run time Electron passes the new guest's webContents inside the options (untyped in electron.d.ts).
    const options = {
      webContents: childContents as unknown as WebContents,
      webPreferences: {},
    } as BrowserWindowConstructorOptions;
    const popup = answer.createWindow(options);
    void childContents.loadURL(url);
    return { answer, popup };
  }
}

export class FakeView implements ViewPort {
  bounds: Rectangle = { x: 0, y: 0, width: 0, height: 0 };
  visible = true;
  constructor(readonly webContents: FakeWebContents) {}
  setBounds(bounds: Rectangle): void {
    this.bounds = bounds;
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
  }
}

export class FakeDownloadItem extends Emitter implements DownloadItemPort {
  savePath = '';
  received = 0;
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
  progress(bytes: number): void {
    this.received = bytes;
    this.emitWith('updated', null, 'progressing');
  }
  finish(state: 'completed' | 'cancelled' | 'interrupted' = 'completed'): void {
    if (state === 'completed') this.received = this.total;
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
  async clearData(...args: unknown[]): Promise<void> {
    this.fake.log.push(`${this.partition}.clearData(${args.length === 0 ? '' : JSON.stringify(args)})`);
    if (args.length === 0) this.cookies.clear();
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
    addChildView: (view: ChildViewPort): void => {
      const at = this.children.indexOf(view);
      if (at >= 0) this.children.splice(at, 1);
      this.children.push(view);
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
  const fake = {
    log: [] as string[],
    views: [] as FakeView[],
    windows: [] as FakeWindow[],
    exitCodes: [] as (number | undefined)[],
    quitCalls: 0,
    clipboardClears: 0,
    selectionClears: 0,
    menus: [] as unknown[],
    privilegedSchemes: [] as string[],
    protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    ipcHandlers,
    switches: new Set<string>(),
    appendedSwitches: [] as string[],
    sessions,
    newWebContents(prefs: WebPreferences): FakeWebContents {
      return new FakeWebContents(nextId++, fake, prefs);
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
      whenReady: async () => undefined,
      on: (event: 'second-instance' | 'window-all-closed', listener: () => void) => appEvents.on(event, listener),
      commandLine: {
        hasSwitch: (name: string) => fake.switches.has(name),
        appendSwitch: (name: string) => void fake.appendedSwitches.push(name),
      },
    },
    session: {
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
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
        void fake.privilegedSchemes.push(...schemes.map((s) => s.scheme)),
      handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) =>
        void fake.protocolHandlers.set(scheme, handler),
    },
    BaseWindow: class extends FakeWindow {
      constructor(opts: BaseWindowConstructorOptions) {
        super(opts);
        fake.windows.push(this);
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
export const clipboard = moduleInstance.electron.clipboard;
export const ipcMain = moduleInstance.electron.ipcMain;
export const Menu = moduleInstance.electron.Menu;
export const protocol = moduleInstance.electron.protocol;
export const BaseWindow = moduleInstance.electron.BaseWindow;
export const WebContentsView = moduleInstance.electron.WebContentsView;
