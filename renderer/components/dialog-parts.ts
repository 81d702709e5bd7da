/**
 * The session's dialogs and the reset screen, in one chunk (they share HDS's Dialog). Loaded by
 * `createShellParts`, never imported statically.
 */
export { EndSessionDialog } from './EndSessionDialog.tsx';
export { FilesPanel } from './FilesPanel.tsx';
export { IdleWarningDialog } from './IdleWarningDialog.tsx';
export { LanguageDialog } from './LanguageDialog.tsx';
export { ResetScreen } from './ResetScreen.tsx';
