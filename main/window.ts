/**
 * The kiosk window: one fullscreen `BaseWindow` holding the shell UI view and, below the shell's
 * toolbar strip, the visible e-service view.
 *
 * Layout rule (host side, derived from `StationView`): the shell covers the whole window
 * whenever it shows anything but the toolbar over an e-service, i.e. on every phase other than
 * `in-session`, on the launcher (no active service), with the "not available here" notice, and
 * while the help flow is open. Dialogs that only the renderer knows about (accessibility panel,
 * end-session confirmation) need the shell to say so: `setShellOverlay(true)` (see the ADR).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Rectangle, WebPreferences } from 'electron';
import type { Clock } from '../core/ports.ts';
import type { StationView } from '../protocol/ipc.ts';
import { shellCsp } from '../protocol/shell-page.ts';
import {
  pageWithWelcome,
  parseWelcomeTemplates,
  WELCOME_TEMPLATES_FILE,
  type WelcomeFill,
  type WelcomeTemplates,
} from '../protocol/welcome-page.ts';
import type { ElectronMain, ViewPort, WindowPort } from './electron-api.ts';
import { keyVerdict } from './lockdown.ts';
import { createPointerOverlay } from './pointer-overlay.ts';
import type { ServiceArea } from './service-views.ts';

/** The custom scheme the shell UI is served from (privileged and secure, never `file:`). */
export const SHELL_SCHEME = 'app';
export const SHELL_ORIGIN = `${SHELL_SCHEME}://shell`;
export const SHELL_URL = `${SHELL_ORIGIN}/index.html`;

/** Height of the shell toolbar strip at 100 % text size, in DIPs; it grows with the text size. */
export const TOOLBAR_HEIGHT_PX = 72;
/** The toolbar stops growing at this text size (see renderer/styles/shell.css `.toolbar`). */
export const TOOLBAR_MAX_SCALE_PERCENT = 125;
/**
 * Height of the screen-share banner at 100 % text, in DIPs (3.75rem in
 * renderer/screen-share/screen-share.css); it grows with the text size without a cap.
 */
export const SCREEN_SHARE_BANNER_PX = 60;

/** True when the shell must cover the whole window (see the file comment). */
export function shellCoversWindow(view: StationView, overlayOpen = false): boolean {
  if (overlayOpen) return true;
  if (view.phase !== 'in-session') return true;
  if (view.activeServiceId === null) return true;
  if (view.blockedNotice !== null) return true;
  // A help request alone does not cover the page: the visitor closes the help panel and keeps
  // working while they wait (the toolbar's help button shows the status). The open panel itself
  // covers the page through `shell:overlay`.
  return false;
}

/**
 * Bounds of the shell and e-service views for a window size. While a screen share is on
 * (`sharing`), the shell's banner sits above the toolbar and pushes it down, so the strip the
 * shell keeps above the e-service grows by the banner's height.
 */
export function layoutFor(
  content: Rectangle,
  covers: boolean,
  textScalePercent: number,
  sharing = false,
): { shell: Rectangle; service: Rectangle } {
  // The shell's toolbar grows with text size only up to 125 % (renderer/styles/shell.css), so it
  // stays one row and leaves the e-service most of the screen at 200 %.
  const toolbarScale = Math.min(textScalePercent, TOOLBAR_MAX_SCALE_PERCENT);
  const banner = sharing ? Math.round((SCREEN_SHARE_BANNER_PX * textScalePercent) / 100) : 0;
  const toolbar = Math.min(content.height, Math.round((TOOLBAR_HEIGHT_PX * toolbarScale) / 100) + banner);
  const full = { x: 0, y: 0, width: content.width, height: content.height };
  return {
    shell: covers ? full : { x: 0, y: 0, width: content.width, height: toolbar },
    service: { x: 0, y: toolbar, width: content.width, height: Math.max(0, content.height - toolbar) },
  };
}

/** The shell's own webPreferences: the only view with a preload. */
export function shellWebPreferences(preloadPath: string, dev: boolean): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    devTools: dev,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

export interface KioskWindow extends ServiceArea {
  readonly window: WindowPort;
  readonly shellView: ViewPort;
  /** Re-lays out the views for a new station view. */
  update(view: StationView): void;
  /** The shell opened or closed a dialog the host cannot see in `StationView`. */
  setShellOverlay(open: boolean): void;
  /** Lets the window close (only the app itself may close it, never Alt+F4). */
  allowClose(): void;
}

/** Builds the kiosk window and the shell view; call after `app.whenReady()`. */
export function createKioskWindow(deps: {
  electron: Pick<ElectronMain, 'BaseWindow' | 'WebContentsView'>;
  preloadPath: string;
  dev: boolean;
  /** Times the advisor's pointer marker (`pointer-overlay.ts`). */
  clock: Clock;
  /** IT pressed the maintenance chord in the shell. */
  onMaintenanceChord?: () => void;
  log(message: string, details?: Record<string, unknown>): void;
}): KioskWindow {
  const { BaseWindow, WebContentsView } = deps.electron;
  const window = new BaseWindow({
    kiosk: true,
    fullscreen: true,
    frame: false,
    skipTaskbar: true,
    closable: false,
    minimizable: false,
    maximizable: false,
    resizable: false,
    backgroundColor: '#ffffff',
    title: 'Helsinki',
  });
  const shellView = new WebContentsView({ webPreferences: shellWebPreferences(deps.preloadPath, deps.dev) });
  const shell = shellView.webContents;
  // The shell never navigates away from its own page, and never opens windows.
  shell.on('will-navigate', (event) => {
    if (!event.url.startsWith(`${SHELL_ORIGIN}/`)) event.preventDefault();
  });
  shell.setWindowOpenHandler(() => ({ action: 'deny' }));
  shell.on('before-input-event', (event, input) => {
    // F6 is the shell's own key (it moves focus to the page via service:focus); the rest are browser shortcuts.
    const verdict = keyVerdict(input);
    if (verdict === 'maintenance') {
      event.preventDefault();
      deps.onMaintenanceChord?.();
    } else if (verdict === 'swallow' && !(deps.dev && input.key === 'F12')) event.preventDefault();
  });

  let closable = false;
  window.on('close', (event) => {
    if (!closable) event.preventDefault();
  });

  let service: ViewPort | null = null;
  let covers = true;
  let overlay = false;
  let lastView: StationView | null = null;
  let textScale = 100;
  let sharing = false;

  const layout = () => {
    const bounds = layoutFor(window.getContentBounds(), covers, textScale, sharing);
    shellView.setBounds(bounds.shell);
    if (service) {
      service.setBounds(bounds.service);
      service.setVisible(!covers);
    }
  };
  const recompute = () => {
    covers = lastView ? shellCoversWindow(lastView, overlay) : true;
    layout();
  };

  // The advisor's "press here" above the e-service view (issue 16): the shell cannot draw there.
  const pointer = createPointerOverlay({
    electron: deps.electron,
    window,
    clock: deps.clock,
    refocus: () => (service ?? shellView).webContents.focus(),
    log: (message, details) => deps.log(message, details),
  });

  window.contentView.addChildView(shellView);
  window.on('resize', () => {
    layout();
    void pointer.reposition();
  });
  layout();

  return {
    window,
    shellView,
    showService(next) {
      // The page the advisor pointed at is gone (closed, or another page took its place).
      if (service !== next) pointer.hide('page-changed');
      if (service && service !== next) window.contentView.removeChildView(service);
      service = next;
      if (next) window.contentView.addChildView(next);
      pointer.raise();
      recompute();
    },
    focusShell() {
      shell.focus();
    },
    update(view) {
      lastView = view;
      textScale = view.accessibility.textScalePercent;
      sharing = view.screenShare.phase === 'sharing';
      recompute();
      void pointer.follow(view.screenShare, textScale);
    },
    setShellOverlay(open) {
      overlay = open;
      recompute();
    },
    allowClose() {
      closable = true;
    },
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

/** The shell's Content-Security-Policy (protocol/shell-page.ts): in Electron the page fetches nothing but its own files. */
export const SHELL_CSP = shellCsp();

/** Maps an `app://shell/...` URL to a file under the built renderer; null for anything outside it. */
export function shellAssetPath(rendererDir: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${SHELL_SCHEME}:` || url.host !== 'shell') return null;
  const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  const root = normalize(rendererDir + sep);
  const file = normalize(join(root, relative));
  return file.startsWith(root) ? file : null;
}

/**
 * Must run before `app.whenReady()`: registers `app:` as a standard, secure scheme. `codeCache`
 * lets V8 keep the shell's compiled scripts between starts (Electron caches only http(s) by
 * default), so a station restart does not parse and compile the same chunks again.
 */
export function registerShellScheme(protocol: ElectronMain['protocol']): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: SHELL_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * `<link rel="modulepreload">` tags for a language's text chunks (the shell's and help's), from
 * the build's manifest (`build.manifest` in renderer/vite.config.ts); none without a manifest.
 */
function languagePreloads(rendererDir: string, language: string): string {
  let manifest: Record<string, { file?: unknown }>;
  try {
    manifest = JSON.parse(readFileSync(join(rendererDir, '.vite/manifest.json'), 'utf8')) as typeof manifest;
  } catch {
    return ''; // a build without a manifest: the texts load on demand, as before
  }
  return ['i18n', 'help']
    .map((dir) => manifest[`${dir}/locales/${language}.json`]?.file)
    .filter((file): file is string => typeof file === 'string' && /^[\w./-]+$/.test(file))
    .map((file) => `<link rel="modulepreload" crossorigin href="./${file}">`)
    .join('');
}

/** The build's rendered welcome screens (renderer/build.ts); null for a build without them. */
function readWelcomeTemplates(rendererDir: string): WelcomeTemplates | null {
  try {
    return parseWelcomeTemplates(readFileSync(join(rendererDir, WELCOME_TEMPLATES_FILE), 'utf8'));
  } catch {
    return null; // the app draws the first screen, as before
  }
}

/**
 * Serves the built renderer on `app://shell/`; call after `app.whenReady()`. `language`, the
 * station's default language, is named in the page as `modulepreload` links to its texts' chunks:
 * otherwise the page asks for them only after the entry script has run and asked for the view.
 * `welcome` says, each time the page is loaded, what the station's first screen shows; when it is
 * the plain welcome screen, the page comes with it already in place (ADR 0015), so it is painted
 * before the app's script has run.
 */
export function serveShell(
  protocol: ElectronMain['protocol'],
  rendererDir: string,
  language?: string,
  welcome: () => WelcomeFill | null = () => null,
): void {
  const preloads = language ? languagePreloads(rendererDir, language) : '';
  const templates = readWelcomeTemplates(rendererDir);
  const indexFile = normalize(join(rendererDir, 'index.html'));
  protocol.handle(SHELL_SCHEME, async (request) => {
    const file = shellAssetPath(rendererDir, request.url);
    if (!file) return new Response('not found', { status: 404 });
    try {
      const read = await readFile(file);
      const body =
        file === indexFile
          ? pageWithWelcome(read.toString('utf8').replace('</head>', `${preloads}</head>`), templates, welcome())
          : read;
      return new Response(body, {
        headers: {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': SHELL_CSP,
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
