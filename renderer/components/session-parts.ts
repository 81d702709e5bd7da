/**
 * What "Start" leads to, in one chunk: the toolbar and the screens under it. Loaded by
 * `createShellParts` (never imported statically, or it would join the first screen's chunk).
 */
export { BlockedNotice } from './BlockedNotice.tsx';
export { Launcher } from './Launcher.tsx';
export { ServiceArea } from './ServiceArea.tsx';
export { Toolbar } from './Toolbar.tsx';
