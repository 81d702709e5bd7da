/**
 * Keyboard lockdown inside the kiosk: which key presses never reach a page.
 *
 * `before-input-event` sees keys before the page and before menu accelerators, so swallowing
 * them here stops browser shortcuts that would reload a page (losing a half-filled form), open
 * devtools, new windows or print/save dialogs (file-system escape hatches). OS chords such as
 * Ctrl+Alt+Del, Win+L and Alt+Tab never reach Electron; the OS kiosk setup blocks those (see
 * docs/deployment-electron.md). Alt+F4 is also refused at window level (main/window.ts).
 */
import type { Input } from 'electron';

/** The fields of Electron's `Input` the rule reads. */
export type KeyInput = Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>;

/** What the station does with a key press in a page. */
export type KeyVerdict = 'swallow' | 'focus-toolbar' | 'maintenance' | 'pass';

/** IT's maintenance chord: Ctrl+Alt+Shift+F10, which no visitor presses by chance (docs/deployment-electron.md). */
export const MAINTENANCE_KEY = 'F10';

/** The key that returns keyboard focus from an e-service to the shell toolbar (documented for visitors). */
export const FOCUS_TOOLBAR_KEY = 'F6';

const SWALLOWED_PLAIN = new Set([
  'F5',
  'F12',
  'F11',
  'BrowserRefresh',
  'BrowserHome',
  'BrowserSearch',
  'BrowserFavorites',
]);
/** Ctrl/Cmd + letter: reload, devtools, new window/tab, close, open, save, print, history, downloads, view source. */
const SWALLOWED_WITH_CTRL = new Set(['r', 'n', 't', 'w', 'o', 's', 'p', 'h', 'j', 'u', 'l', 'q', 'f4']);
/** Ctrl+Shift + letter: devtools (i, j, c), reopen tab (t), new incognito window (n), clear data (delete). */
const SWALLOWED_WITH_CTRL_SHIFT = new Set(['i', 'j', 'c', 't', 'n', 'delete', 'r']);

/** Decides one key press. Only key-down events are judged; key-up always passes. */
export function keyVerdict(input: KeyInput): KeyVerdict {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return 'pass';
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const ctrl = input.control || input.meta;
  if (key === MAINTENANCE_KEY && ctrl && input.alt && input.shift) return 'maintenance';
  if (key === FOCUS_TOOLBAR_KEY && !ctrl && !input.alt) return 'focus-toolbar';
  if (SWALLOWED_PLAIN.has(input.key)) return 'swallow';
  if (input.alt && input.key === 'F4') return 'swallow';
  if (ctrl && input.shift && SWALLOWED_WITH_CTRL_SHIFT.has(key.toLowerCase())) return 'swallow';
  if (ctrl && SWALLOWED_WITH_CTRL.has(key.toLowerCase())) return 'swallow';
  return 'pass';
}
