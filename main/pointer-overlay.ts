/**
 * The advisor's "press here" over the e-service in Electron (issue 16, ADR 0013, amended).
 *
 * In Electron the e-service is a WebContentsView stacked above the shell's, so the marker the
 * shell draws is seen only over the toolbar strip. The e-service pages are the city's partners'
 * and live in an isolated visitor partition, so nothing is injected into them. Instead main puts
 * a small view of its own, holding only an arrow, above every other view while a pointer is
 * shown. A view takes the presses inside its rectangle, so the rectangle is the marker only and
 * sits beside the spot (the arrow's tip points at it): the spot itself stays pressable.
 *
 * The page is a fixed `data:` document built here: no script (JavaScript is off), no preload, no
 * network (its CSP is `default-src 'none'`), no words but its title (the shell's "press here"
 * status is the one announcement). Its colours are its own in high contrast too (`forced-color-adjust: none`):
 * a yellow arrow outlined in black and white shows on any background.
 */
import type { Rectangle } from 'electron';
import type { Clock, TimerHandle } from '../core/ports.ts';
import type { ScreenShareView } from '../protocol/help.ts';
import type { ElectronMain, ViewPort, WindowPort } from './electron-api.ts';

/** The marker's side at 100 % text, in DIPs. */
export const POINTER_MARKER_DIP = 96;
/** The marker grows with the text size up to this (at 200 % it would hide too much of the form). */
export const POINTER_MAX_SCALE_PERCENT = 150;
/** Space between the spot and the marker's rectangle, so a finger on the spot lands on the page. */
export const POINTER_GAP_DIP = 8;
/** How long the marker stays; the advisor points again if needed. It blocks presses in its rectangle meanwhile. */
export const POINTER_DISPLAY_MS = 15_000;

/** Which corner of the marker's rectangle the arrow's tip is in (the spot is just outside that corner). */
export type PointerTip = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface PointerPlacement {
  /** The overlay view's bounds, in window content DIPs. */
  bounds: Rectangle;
  tip: PointerTip;
  /** The pointed-at spot, in window content DIPs. */
  spot: { x: number; y: number };
}

/**
 * Where the marker goes for a pointer at fractions (`x`, `y`) of the captured window. The capture
 * is the window's content (`setDisplayMediaRequestHandler` grants the kiosk window), so the
 * fractions map onto the content bounds in DIPs whatever the screen's scale factor or the
 * e-service's zoom. The marker goes below right of the spot and flips to the side with room near
 * the right or bottom edge; it shrinks only when neither side has room. Null when the window is
 * too small for any marker.
 */
export function pointerPlacement(
  content: Pick<Rectangle, 'width' | 'height'>,
  x: number,
  y: number,
  size: number,
  gap = POINTER_GAP_DIP,
): PointerPlacement | null {
  if (content.width <= 0 || content.height <= 0) return null;
  const spot = {
    x: Math.min(content.width - 1, Math.max(0, Math.round(x * content.width))),
    y: Math.min(content.height - 1, Math.max(0, Math.round(y * content.height))),
  };
  const axis = (at: number, length: number) => {
    const after = length - (at + gap); // room right of / below the spot
    const before = at - gap; // room left of / above it
    const useAfter = after >= size || after >= before;
    return { useAfter, room: useAfter ? after : before };
  };
  const h = axis(spot.x, content.width);
  const v = axis(spot.y, content.height);
  const side = Math.min(size, h.room, v.room);
  if (side < 16) return null;
  return {
    bounds: {
      x: h.useAfter ? spot.x + gap : spot.x - gap - side,
      y: v.useAfter ? spot.y + gap : spot.y - gap - side,
      width: side,
      height: side,
    },
    tip: `${v.useAfter ? 'top' : 'bottom'}-${h.useAfter ? 'left' : 'right'}`,
    spot,
  };
}

/** The marker's side for a text size (DIPs), growing with the text up to `POINTER_MAX_SCALE_PERCENT`. */
export function markerSize(textScalePercent: number): number {
  const scale = Math.min(POINTER_MAX_SCALE_PERCENT, Math.max(100, textScalePercent));
  return Math.round((POINTER_MARKER_DIP * scale) / 100);
}

/** The arrow, tip at the top left, mirrored for the other corners. */
const ARROW = 'M6 6 L6 66 L22 51 L37 84 L53 77 L38 45 L60 45 Z';
const MIRROR: Record<PointerTip, string> = {
  'top-left': '',
  'top-right': 'translate(96 0) scale(-1 1)',
  'bottom-left': 'translate(0 96) scale(1 -1)',
  'bottom-right': 'translate(96 96) scale(-1 -1)',
};

/** The overlay page for a tip corner: static markup, nothing loaded, nothing run, nothing said. */
export function pointerPageUrl(tip: PointerTip): string {
  const html =
    // `zxx`: no linguistic content (ISO 639-2); the title is the kiosk window's, a name in every language.
    '<!doctype html><html lang="zxx"><head><meta charset="utf-8"><title>Helsinki</title>' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    '<style>html,body{margin:0;height:100%;overflow:hidden;background:transparent}' +
    'svg{display:block;width:100%;height:100%;forced-color-adjust:none}</style></head>' +
    '<body><svg aria-hidden="true" focusable="false" viewBox="0 0 96 96">' +
    `<g transform="${MIRROR[tip]}" stroke-linejoin="round">` +
    `<path d="${ARROW}" fill="none" stroke="#ffffff" stroke-width="10"/>` +
    `<path d="${ARROW}" fill="#ffda07" stroke="#1a1a1a" stroke-width="5"/>` +
    '</g></svg></body></html>';
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** Why the marker went away (for the station log; never a position). */
export type PointerHideReason = 'share-ended' | 'timeout' | 'page-changed' | 'touched' | 'no-room';

export interface PointerOverlay {
  /**
   * Follows the share in the station view: a new pointer (`seq` grew) shows the marker for
   * `POINTER_DISPLAY_MS`; a share that is no longer `sharing` (Stop, reset, claim ended) hides it.
   * Returns when the marker is placed (the first show of a tip corner loads the page).
   */
  follow(share: ScreenShareView, textScalePercent: number): Promise<void>;
  /** The window's content bounds changed: the same spot, re-placed. */
  reposition(): Promise<void>;
  /** The page under the marker went away (the e-service view closed or was replaced). */
  hide(reason: PointerHideReason): void;
  /** Another view was added on top (a re-shown e-service view): put the marker back above it. */
  raise(): void;
}

/** Builds the overlay for the kiosk window; the view itself is made on the first pointer. */
export function createPointerOverlay(deps: {
  electron: Pick<ElectronMain, 'WebContentsView'>;
  window: WindowPort;
  clock: Clock;
  /** The visitor pressed the marker: give the keyboard back to the page under it. */
  refocus(): void;
  log(message: string, details?: Record<string, unknown>): void;
}): PointerOverlay {
  let view: ViewPort | null = null;
  let loadedTip: PointerTip | null = null;
  let attached = false;
  /** The pointer on screen (or being placed), null when none. */
  let current: { x: number; y: number } | null = null;
  let lastSeq: number | null = null;
  let textScale = 100;
  let timer: TimerHandle | null = null;
  /** Grows with every show and hide, so a placement that waited for a load does not undo a later hide. */
  let generation = 0;

  const detach = () => {
    if (view && attached) deps.window.contentView.removeChildView(view);
    attached = false;
  };

  const hide = (reason: PointerHideReason) => {
    generation += 1;
    if (timer !== null) deps.clock.clearTimeout(timer);
    timer = null;
    if (current !== null) deps.log('pointer overlay hidden', { reason });
    current = null;
    detach();
  };

  const makeView = (): ViewPort => {
    const made = new deps.electron.WebContentsView({
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
        devTools: false,
        spellcheck: false,
        navigateOnDragDrop: false,
        transparent: true,
      },
    });
    // `#AARRGGBB`: fully transparent, so only the arrow covers the page.
    made.setBackgroundColor('#00000000');
    const contents = made.webContents;
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('input-event', (_event, input) => {
      // A press on the marker moves it out of the way; the page under it gets the keyboard back.
      if (input.type === 'mouseDown' || input.type === 'touchStart') {
        hide('touched');
        deps.refocus();
      }
    });
    contents.on('render-process-gone', () => {
      // Drop the broken page; the next pointer makes a new one.
      detach();
      view = null;
      loadedTip = null;
    });
    return made;
  };

  const place = async (): Promise<void> => {
    const pointer = current;
    if (pointer === null) return;
    const mine = ++generation;
    const placement = pointerPlacement(deps.window.getContentBounds(), pointer.x, pointer.y, markerSize(textScale));
    if (placement === null) return hide('no-room');
    const target = view ?? (view = makeView());
    if (loadedTip !== placement.tip) {
      // Never show the old arrow at the new place while the new one loads.
      detach();
      loadedTip = null;
      try {
        await target.webContents.loadURL(pointerPageUrl(placement.tip));
      } catch {
        deps.log('pointer overlay failed to load');
        return;
      }
      if (mine !== generation || view !== target) return;
      loadedTip = placement.tip;
    }
    target.setBounds(placement.bounds);
    // Added last = on top of the shell and the e-service (re-adding moves it back to the top).
    deps.window.contentView.addChildView(target);
    attached = true;
  };

  return {
    async follow(share, textScalePercent) {
      if (share.phase !== 'sharing' || share.pointer === null) {
        lastSeq = null;
        if (current !== null) hide('share-ended');
        return;
      }
      const scaleChanged = textScalePercent !== textScale;
      textScale = textScalePercent;
      if (share.pointer.seq === lastSeq) {
        // The same pointer in a later station view: only a new text size moves it.
        if (scaleChanged && current !== null) await place();
        return;
      }
      lastSeq = share.pointer.seq;
      // A new spot replaces the old one in place (no flicker); its display time starts again.
      if (timer !== null) deps.clock.clearTimeout(timer);
      current = { x: share.pointer.x, y: share.pointer.y };
      timer = deps.clock.setTimeout(() => hide('timeout'), POINTER_DISPLAY_MS);
      await place();
    },
    async reposition() {
      if (current !== null) await place();
    },
    hide,
    raise() {
      if (view && attached) deps.window.contentView.addChildView(view);
    },
  };
}
