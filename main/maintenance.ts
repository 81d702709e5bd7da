/**
 * IT's maintenance access at the station. Ctrl+Alt+Shift+F10 (anywhere: shell or page) opens a
 * PIN prompt over the whole window; the right PIN first ends and wipes any visitor session, then
 * offers station info, "restart" (exit 73) and "exit to the OS" (exit 0), both for the
 * supervisor to act on. Five wrong PINs lock the prompt for five minutes (core's
 * `PinAttempts`). The PIN is compared with the scrypt hash in the station config and is never
 * kept, shown or logged.
 *
 * Why a page drawn by the host and not a shell dialog: the shell's IPC contract is visitor-facing
 * and lives in protocol/; this screen must work whatever the shell's state, and it needs no
 * bridge: its form and links navigate to reserved `.invalid` addresses that this adapter catches
 * before anything leaves the page. It runs in its own in-memory partition with every permission
 * denied, sandboxed, no preload.
 */
import { createHash, scrypt, timingSafeEqual } from 'node:crypto';
import type { StationConfig } from '../core/config/schema.ts';
import type { Clock } from '../core/ports.ts';
import { RESERVED_ACTION_ORIGIN } from '../core/station/crash-policy.ts';
import { EXIT_CODES } from '../core/station/exit-codes.ts';
import { PinAttempts } from '../core/station/maintenance-policy.ts';
import type { ElectronMain, ViewPort, WindowPort } from './electron-api.ts';
import { denyAllPermissions } from './process-hardening.ts';

/** The PIN parameters from the station config (`maintenance.pin`). */
export type PinHash = NonNullable<StationConfig['maintenance']>['pin'];

/** What the station info screen shows IT. */
export interface StationInfo {
  stationId: string;
  version: string;
  configSource: string;
  /** SHA-256 of the config file as read at start, so IT can tell which version a station runs. */
  configSha256: string;
  /** 'reachable', 'unreachable', or 'not configured'. */
  central: string;
  /** Why the process last recycled ('none' after a cold start). */
  lastRecycle: string;
}

const ACTION_BASE = `${RESERVED_ACTION_ORIGIN}/maintenance/`;

/** Checks a PIN against its scrypt hash in constant time. */
export function verifyPin(pin: string, hash: PinHash): Promise<boolean> {
  const expected = Buffer.from(hash.hash, 'base64');
  return new Promise((resolve) => {
    scrypt(
      pin.normalize('NFKC'),
      Buffer.from(hash.salt, 'base64'),
      expected.length,
      { N: hash.N, r: hash.r, p: hash.p, maxmem: 256 * hash.N * hash.r + 1024 * 1024 },
      (error, derived) => resolve(!error && derived.length === expected.length && timingSafeEqual(derived, expected)),
    );
  });
}

/** SHA-256 of a text, hex (the config file's fingerprint). */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  const html = `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;font-size:18px;margin:3em auto;max-width:44em;padding:0 1em;background:#fff;color:#1a1a1a}
input{font-size:1.4em;padding:.3em;width:10em}button,a{display:inline-block;margin:1em 1em 0 0;padding:.7em 1.2em;font-size:1em;border:3px solid #0000bf;background:#0000bf;color:#fff;text-decoration:none}
a.secondary{background:#fff;color:#0000bf}dt{font-weight:600}dd{margin:0 0 .6em 0;font-family:monospace}:focus{outline:4px solid #ffc61e}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

function pinPage(notice: string): string {
  return page(
    'Ylläpito / Maintenance',
    `${notice ? `<p role="alert">${escapeHtml(notice)}</p>` : ''}
<form action="${ACTION_BASE}pin" method="get"><label for="pin">PIN</label><br>
<input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="off" autofocus>
<button type="submit">OK</button></form><a class="secondary" href="${ACTION_BASE}close">Peruuta / Cancel</a>`,
  );
}

function lockedPage(untilMs: number, now: number): string {
  const minutes = Math.max(1, Math.ceil((untilMs - now) / 60_000));
  return page(
    'Ylläpito lukittu / Maintenance locked',
    `<p>Liian monta väärää PIN-koodia. Yritä uudelleen ${minutes} min kuluttua.<br>Too many wrong PINs. Try again in ${minutes} min.</p>
<a class="secondary" href="${ACTION_BASE}close">Sulje / Close</a>`,
  );
}

function menuPage(info: StationInfo): string {
  const rows: [string, string][] = [
    ['Asema / Station', info.stationId],
    ['Versio / Version', info.version],
    ['Asetukset / Config', info.configSource],
    ['Asetusten SHA-256 / Config SHA-256', info.configSha256],
    ['Keskuspalvelin / Central', info.central],
    ['Edellinen uudelleenkäynnistys / Last recycle', info.lastRecycle],
  ];
  return page(
    'Ylläpito / Maintenance',
    `<p>Asiakkaan istunto on tyhjennetty. / The visitor session was wiped.</p>
<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<a href="${ACTION_BASE}restart">Käynnistä uudelleen / Restart</a><a href="${ACTION_BASE}exit">Poistu käyttöjärjestelmään / Exit to the OS</a>
<a class="secondary" href="${ACTION_BASE}close">Sulje / Close</a>`,
  );
}

export interface MaintenanceDeps {
  electron: Pick<ElectronMain, 'WebContentsView' | 'session'>;
  window: Pick<WindowPort, 'contentView' | 'getContentBounds'>;
  /** The PIN hash from the config; without one the chord does nothing. */
  pin: PinHash | undefined;
  clock: Clock;
  /** Ends and wipes the visitor session (the reset ladder), before IT sees anything. */
  endVisit(): Promise<void>;
  info(): Promise<StationInfo>;
  /** Allows the window to close and exits with `code`. */
  exit(code: number): void;
  log(message: string, details?: Record<string, unknown>): void;
  /** The PIN check (scrypt by default; tests may pass a faster one). */
  verify?: (pin: string, hash: PinHash) => Promise<boolean>;
}

/** The maintenance screen: one per station process. */
export class Maintenance {
  private readonly attempts: PinAttempts;
  private view: ViewPort | null = null;
  /** True between a right PIN and closing the screen: only then do restart and exit work. */
  private unlocked = false;

  constructor(private readonly deps: MaintenanceDeps) {
    this.attempts = new PinAttempts(deps.clock);
  }

  /** The chord was pressed: shows the PIN prompt (or the lock notice) over everything. */
  open(): void {
    if (!this.deps.pin) {
      this.deps.log('maintenance chord pressed; no maintenance PIN configured');
      return;
    }
    if (this.view) return;
    this.deps.log('maintenance prompt opened');
    const view = this.createView();
    this.view = view;
    const locked = this.attempts.locked();
    this.show(locked === null ? pinPage('') : lockedPage(locked, this.deps.clock.now()));
  }

  /** Whether the maintenance screen is up (tests, diagnostics). */
  isOpen(): boolean {
    return this.view !== null;
  }

  close(): void {
    const view = this.view;
    if (!view) return;
    this.view = null;
    this.unlocked = false;
    this.deps.window.contentView.removeChildView(view);
    if (!view.webContents.isDestroyed()) view.webContents.close({ waitForBeforeUnload: false });
  }

  private createView(): ViewPort {
    // In memory (no persist: prefix): nothing typed here reaches the disk.
    const session = this.deps.electron.session.fromPartition('maintenance', { cache: false });
    denyAllPermissions(session);
    const view = new this.deps.electron.WebContentsView({
      webPreferences: {
        partition: 'maintenance',
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        devTools: false,
        spellcheck: false,
        javascript: false,
        navigateOnDragDrop: false,
      },
    });
    const wc = view.webContents;
    wc.setWindowOpenHandler(() => ({ action: 'deny' }));
    // Nothing leaves this page: its form and links are caught here, everything else refused.
    // Chromium reports a click twice (will-frame-navigate, then will-navigate): act on the first.
    wc.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame) return;
      event.preventDefault();
      if (event.url.startsWith(ACTION_BASE)) void this.act(event.url);
    });
    wc.on('will-navigate', (event) => event.preventDefault());
    const bounds = this.deps.window.getContentBounds();
    view.setBounds({ x: 0, y: 0, width: bounds.width, height: bounds.height });
    // Added last, so it sits over the shell and any page.
    this.deps.window.contentView.addChildView(view);
    return view;
  }

  private show(url: string): void {
    const wc = this.view?.webContents;
    if (!wc || wc.isDestroyed()) return;
    void wc.loadURL(url).catch(() => this.deps.log('maintenance page did not load'));
    wc.focus();
  }

  private async act(rawUrl: string): Promise<void> {
    const url = new URL(rawUrl);
    const action = url.pathname.replace('/maintenance/', '');
    switch (action) {
      case 'pin':
        await this.checkPin(url.searchParams.get('pin') ?? '');
        return;
      case 'close':
        this.deps.log('maintenance closed');
        this.close();
        return;
      case 'restart':
      case 'exit':
        if (!this.unlocked) return;
        this.deps.log(action === 'restart' ? 'maintenance restart' : 'maintenance exit to the OS', {
          exitCode: action === 'restart' ? EXIT_CODES.maintenanceRestart : EXIT_CODES.ok,
        });
        this.deps.exit(action === 'restart' ? EXIT_CODES.maintenanceRestart : EXIT_CODES.ok);
        return;
      default:
        return;
    }
  }

  private async checkPin(pin: string): Promise<void> {
    const hash = this.deps.pin;
    if (!hash) return;
    // A locked prompt does not even compute the hash: no timing to learn, no CPU to burn.
    const locked = this.attempts.locked();
    const correct = locked === null ? await (this.deps.verify ?? verifyPin)(pin, hash) : false;
    const attempt = this.attempts.record(correct);
    if (attempt.outcome === 'wrong') {
      this.deps.log('maintenance PIN wrong', { triesLeft: attempt.triesLeft });
      this.show(
        pinPage(
          `Väärä PIN-koodi (${attempt.triesLeft} yritystä jäljellä). / Wrong PIN (${attempt.triesLeft} tries left).`,
        ),
      );
      return;
    }
    if (attempt.outcome === 'locked') {
      this.deps.log('maintenance PIN locked', { minutes: 5 });
      this.show(lockedPage(attempt.untilMs, this.deps.clock.now()));
      return;
    }
    this.deps.log('maintenance unlocked; ending any visitor session first');
    try {
      await this.deps.endVisit();
    } catch {
      this.deps.log('maintenance: the visitor session could not be ended');
    }
    this.unlocked = true;
    this.show(menuPage(await this.deps.info()));
  }
}
