import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../core/testing/manual-clock.ts';
import type { ScreenShareView } from '../protocol/help.ts';
import { DEFAULT_ACCESSIBILITY, type StationView } from '../protocol/ipc.ts';
import {
  POINTER_DISPLAY_MS,
  POINTER_GAP_DIP,
  markerSize,
  pointerPageUrl,
  pointerPlacement,
  type PointerPlacement,
} from './pointer-overlay.ts';
import { createFakeElectron, type FakeView } from './testing/fake-electron.ts';
import { createKioskWindow } from './window.ts';

const SHARE_ID = '6f1c2a4e-2d4b-4c1e-9a51-0d6f3e2b7c10';

function sharing(pointer: { seq: number; x: number; y: number } | null): ScreenShareView {
  return {
    phase: 'sharing',
    shareId: SHARE_ID,
    advisorFirstName: 'Aino',
    iceServers: [],
    endsAt: Date.UTC(2026, 10, 23, 10, 20),
    inbox: [],
    pointer,
  };
}

function stationView(screenShare: ScreenShareView, textScalePercent = 100): StationView {
  return {
    phase: 'in-session',
    activeServiceId: 'kela',
    blockedNotice: null,
    help: { phase: 'none' },
    accessibility: { ...DEFAULT_ACCESSIBILITY, textScalePercent },
    screenShare,
  } as unknown as StationView;
}

/** The kiosk window on the fake, 1280×1024, with the Kela e-service view shown. */
function kioskWithService() {
  const fake = createFakeElectron();
  const clock = new ManualClock();
  const log: { message: string; details?: Record<string, unknown> }[] = [];
  const kiosk = createKioskWindow({
    electron: fake.electron,
    preloadPath: '/app/dist/preload/index.cjs',
    dev: false,
    clock,
    log: (message, details) => void log.push({ message, ...(details ? { details } : {}) }),
  });
  const win = fake.windows[0]!;
  win.resizeTo(1280, 1024);
  const service = new fake.electron.WebContentsView({
    webPreferences: { partition: 'kiosk-1', sandbox: true },
  }) as FakeView;
  kiosk.showService(service);
  kiosk.update(stationView({ phase: 'off' }));
  const overlay = () => win.children.find((v) => v !== kiosk.shellView && v !== service) as FakeView | undefined;
  /** Waits until the marker is on screen (its first page load is asynchronous, like Electron's). */
  const shown = () => vi.waitFor(() => expect(overlay()).toBeDefined());
  return { fake, clock, log, kiosk, win, service, overlay, shown };
}

/** Where the arrow's tip lies: the corner of the rectangle named by `tip`. */
function tipCorner(p: PointerPlacement): { x: number; y: number } {
  const { x, y, width, height } = p.bounds;
  return {
    x: p.tip.endsWith('left') ? x : x + width,
    y: p.tip.startsWith('top') ? y : y + height,
  };
}

function contains(bounds: PointerPlacement['bounds'], point: { x: number; y: number }): boolean {
  return (
    point.x >= bounds.x &&
    point.x < bounds.x + bounds.width &&
    point.y >= bounds.y &&
    point.y < bounds.y + bounds.height
  );
}

describe('the advisor pointer over the e-service in Electron', () => {
  it('puts a view above the e-service view whose arrow points at (0.5, 0.6) of the window', async () => {
    const { kiosk, win, service, overlay, shown } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 })));
    await shown();

    const marker = overlay()!;
    expect(win.children.indexOf(marker)).toBeGreaterThan(win.children.indexOf(service));
    expect(win.children.at(-1)).toBe(marker);
    // The spot is 640,614 in the 1280×1024 window; the arrow's tip corner is one gap away, below right.
    expect(marker.bounds).toEqual({ x: 640 + POINTER_GAP_DIP, y: 614 + POINTER_GAP_DIP, width: 96, height: 96 });
    expect(contains(marker.bounds, { x: 640, y: 614 })).toBe(false);
    expect(marker.webContents.getURL()).toBe(pointerPageUrl('top-left'));
  });

  it('is a transparent, script-free page without a preload, node or devtools', async () => {
    const { kiosk, overlay, shown } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 })));
    await shown();
    const marker = overlay()!;
    expect(marker.isTransparent()).toBe(true);
    expect(marker.webContents.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      devTools: false,
    });
    expect(marker.webContents.webPreferences.preload).toBeUndefined();
    expect(marker.webContents.webPreferences.partition).toBeUndefined();
    expect(marker.webContents.userNavigates('https://example.org/').defaultPrevented).toBe(true);
  });

  it('says nothing itself: the page is a hidden drawing, no text, no script, nothing fetched', () => {
    const html = decodeURIComponent(pointerPageUrl('bottom-right').split(',')[1]!);
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<text|https?:/i);
    // Only the window's name as its title (axe wants one), and no language of its own.
    expect(html).toContain('<html lang="zxx"><head><meta charset="utf-8"><title>Helsinki</title>');
    // Its own colours in high contrast: yellow, outlined in black and white, shows on any background.
    expect(html).toContain('forced-color-adjust:none');
  });

  it.each<[string, ScreenShareView]>([
    ['Stop (the share stopped)', { phase: 'stopped', reason: 'visitor' }],
    ['a reset (the share is off)', { phase: 'off' }],
    ['the claim ending', { phase: 'stopped', reason: 'claim-ended' }],
  ])('goes away at %s', async (_name, after) => {
    const { kiosk, win, overlay, shown } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 })));
    await shown();
    const marker = overlay()!;
    kiosk.update(stationView(after));
    expect(win.children).not.toContain(marker);
  });

  it('goes away when the e-service view closes or another page replaces it', async () => {
    const { fake, kiosk, win, overlay, shown } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 })));
    await shown();
    const marker = overlay()!;
    kiosk.showService(null);
    expect(win.children).not.toContain(marker);

    const popup = new fake.electron.WebContentsView({ webPreferences: { partition: 'kiosk-1' } });
    kiosk.update(stationView(sharing({ seq: 2, x: 0.2, y: 0.3 })));
    await shown();
    kiosk.showService(popup);
    expect(win.children).not.toContain(marker);
  });

  it('stays on top when the same e-service view is shown again', async () => {
    const { kiosk, win, service, overlay, shown } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 })));
    await shown();
    kiosk.showService(service);
    expect(win.children.at(-1)).toBe(overlay());
  });

  it('goes away after its display time, and a later station view with the same pointer does not bring it back', async () => {
    const { clock, kiosk, win, overlay, shown } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 })));
    await shown();
    const marker = overlay()!;
    clock.advance(POINTER_DISPLAY_MS - 1);
    expect(win.children).toContain(marker);
    clock.advance(1);
    expect(win.children).not.toContain(marker);
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 })));
    expect(win.children).not.toContain(marker);
  });

  it('moves to a new spot when the advisor points again, with a fresh display time', async () => {
    const { clock, kiosk, overlay, shown, win } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 })));
    await shown();
    clock.advance(POINTER_DISPLAY_MS - 1000);
    kiosk.update(stationView(sharing({ seq: 2, x: 0.25, y: 0.25 })));
    await vi.waitFor(() =>
      expect(overlay()?.bounds).toMatchObject({ x: 320 + POINTER_GAP_DIP, y: 256 + POINTER_GAP_DIP }),
    );
    const marker = overlay()!;
    clock.advance(POINTER_DISPLAY_MS - 1);
    expect(win.children).toContain(marker);
  });

  it('re-places itself for the same spot when the window is resized', async () => {
    const { kiosk, win, overlay, shown } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 })));
    await shown();
    win.resizeTo(1920, 1080);
    await vi.waitFor(() =>
      expect(overlay()?.bounds).toEqual({ x: 960 + POINTER_GAP_DIP, y: 648 + POINTER_GAP_DIP, width: 96, height: 96 }),
    );
  });

  it('flips to the side with room near the bottom right corner, its tip still at the spot', async () => {
    const { kiosk, overlay } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.98, y: 0.97 })));
    await vi.waitFor(() => expect(overlay()).toBeDefined());
    const spot = { x: Math.round(0.98 * 1280), y: Math.round(0.97 * 1024) };
    expect(overlay()!.bounds).toEqual({
      x: spot.x - POINTER_GAP_DIP - 96,
      y: spot.y - POINTER_GAP_DIP - 96,
      width: 96,
      height: 96,
    });
    expect(overlay()!.webContents.getURL()).toBe(pointerPageUrl('bottom-right'));
  });

  it('grows with the text size up to 150 % (144 DIPs at 200 %)', async () => {
    const { kiosk, overlay, shown } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 }), 200));
    await shown();
    expect(overlay()!.bounds).toMatchObject({ width: 144, height: 144 });
    expect(markerSize(100)).toBe(96);
    expect(markerSize(125)).toBe(120);
  });

  it('gets out of the way when the visitor presses it, and the page gets the keyboard back', async () => {
    const { kiosk, win, service, overlay, shown, log } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 })));
    await shown();
    const marker = overlay()!;
    marker.webContents.pressed('touchStart');
    expect(win.children).not.toContain(marker);
    expect(service.webContents.focused).toBe(true);
    // The log says why, never where.
    expect(log.filter((l) => l.message === 'pointer overlay hidden')).toEqual([
      { message: 'pointer overlay hidden', details: { reason: 'touched' } },
    ]);
  });

  it('does not show a marker that was hidden while its page was loading', async () => {
    const { kiosk, win, overlay } = kioskWithService();
    kiosk.update(stationView(sharing({ seq: 1, x: 0.5, y: 0.6 })));
    kiosk.update(stationView({ phase: 'stopped', reason: 'advisor' }));
    await Promise.resolve();
    await Promise.resolve();
    expect(overlay()).toBeUndefined();
    expect(win.children).toHaveLength(2);
  });
});

describe('where the marker goes', () => {
  const windows = [
    { width: 1280, height: 1024 },
    { width: 1920, height: 1080 },
    { width: 800, height: 600 },
    { width: 200, height: 150 },
  ];
  it('never covers the spot and always has its tip one gap from it, anywhere in the window', () => {
    for (const content of windows) {
      for (let i = 0; i <= 20; i += 1) {
        for (let j = 0; j <= 20; j += 1) {
          const placement = pointerPlacement(content, i / 20, j / 20, 96);
          expect(placement, `${content.width}x${content.height} at ${i / 20},${j / 20}`).not.toBeNull();
          const p = placement!;
          expect(contains(p.bounds, p.spot)).toBe(false);
          const tip = tipCorner(p);
          expect(Math.abs(tip.x - p.spot.x)).toBe(POINTER_GAP_DIP);
          expect(Math.abs(tip.y - p.spot.y)).toBe(POINTER_GAP_DIP);
          // Inside the window, in whole DIPs (Electron refuses fractions).
          expect(p.bounds.x).toBeGreaterThanOrEqual(0);
          expect(p.bounds.y).toBeGreaterThanOrEqual(0);
          expect(p.bounds.x + p.bounds.width).toBeLessThanOrEqual(content.width);
          expect(p.bounds.y + p.bounds.height).toBeLessThanOrEqual(content.height);
          expect(Object.values(p.bounds).every(Number.isInteger)).toBe(true);
        }
      }
    }
  });
  it('shows nothing in a window too small for any marker', () => {
    expect(pointerPlacement({ width: 30, height: 30 }, 0.5, 0.5, 96)).toBeNull();
    expect(pointerPlacement({ width: 0, height: 0 }, 0.5, 0.5, 96)).toBeNull();
  });
});

describe('the fake electron is as strict as Electron here', () => {
  it('refuses fractional bounds and colours Electron does not parse, and reads alpha as #AARRGGBB', () => {
    const fake = createFakeElectron();
    const view = new fake.electron.WebContentsView({ webPreferences: {} });
    expect(() => view.setBounds({ x: 0.5, y: 0, width: 10, height: 10 })).toThrow(/conversion failure/);
    expect(() => view.setBackgroundColor('not a colour!')).toThrow(TypeError);
    view.setBackgroundColor('#ffffff00'); // CSS's "transparent white" is opaque yellow-ish in Electron's format
    expect((view as FakeView).isTransparent()).toBe(false);
    view.setBackgroundColor('#00ffffff');
    expect((view as FakeView).isTransparent()).toBe(true);
  });
  it('orders child views like View.addChildView: on top, at an index, moved rather than duplicated', () => {
    const fake = createFakeElectron();
    const win = new fake.electron.BaseWindow({});
    const [a, b, c] = [0, 1, 2].map(() => new fake.electron.WebContentsView({ webPreferences: {} }));
    win.contentView.addChildView(a!);
    win.contentView.addChildView(b!);
    win.contentView.addChildView(c!, 0);
    expect(fake.windows[0]!.children).toEqual([c, a, b]);
    win.contentView.addChildView(c!);
    expect(fake.windows[0]!.children).toEqual([a, b, c]);
    win.contentView.removeChildView(b!);
    win.contentView.removeChildView(b!);
    expect(fake.windows[0]!.children).toEqual([a, c]);
  });
});
