import type { ShellLanguages } from '../i18n/create-i18n.ts';
import { lazyPart } from './lazy-part.tsx';

/**
 * Everything the shell shows after the welcome screen, as parts loaded on demand: the entry chunk
 * holds only what the first screen needs, and `prefetch` loads the rest while a visitor reads it.
 * Built once per shell in the entry point (`main.tsx`) and handed to `App`.
 */
export function createShellParts(languages: ShellLanguages) {
  const session = () => import('./session-parts.ts');
  const dialogs = () => import('./dialog-parts.ts');
  const parts = {
    Toolbar: lazyPart(() => session().then((m) => m.Toolbar)),
    Launcher: lazyPart(() => session().then((m) => m.Launcher)),
    ServiceArea: lazyPart(() => session().then((m) => m.ServiceArea)),
    BlockedNotice: lazyPart(() => session().then((m) => m.BlockedNotice)),
    AccessibilityPanel: lazyPart(() => import('./AccessibilityPanel.tsx').then((m) => m.AccessibilityPanel)),
    EndSessionDialog: lazyPart(() => dialogs().then((m) => m.EndSessionDialog)),
    FilesPanel: lazyPart(() => dialogs().then((m) => m.FilesPanel)),
    LanguageDialog: lazyPart(() => dialogs().then((m) => m.LanguageDialog)),
    IdleWarningDialog: lazyPart(() => dialogs().then((m) => m.IdleWarningDialog)),
    ResetScreen: lazyPart(() => dialogs().then((m) => m.ResetScreen)),
    // Shown only for an invalid config; it says the same in Finnish, Swedish and English.
    OutOfOrderScreen: lazyPart(async () => {
      const [m] = await Promise.all([
        import('./OutOfOrderScreen.tsx'),
        languages.load('fi'),
        languages.load('sv'),
        languages.load('en'),
      ]);
      return m.OutOfOrderScreen;
    }),
  };
  return {
    ...parts,
    /**
     * Loads, one after another, what a visitor is most likely to need next: the launcher and
     * toolbar ("Start"), the accessibility panel (on the welcome screen), then the dialogs and
     * the reset screen. Never the out-of-order screen.
     */
    async prefetch(): Promise<void> {
      const { Toolbar, Launcher, ServiceArea, BlockedNotice, AccessibilityPanel } = parts;
      await Promise.all([Toolbar, Launcher, ServiceArea, BlockedNotice].map((part) => part.preload()));
      await AccessibilityPanel.preload();
      const { EndSessionDialog, FilesPanel, LanguageDialog, IdleWarningDialog, ResetScreen } = parts;
      await Promise.all(
        [EndSessionDialog, FilesPanel, LanguageDialog, IdleWarningDialog, ResetScreen].map((p) => p.preload()),
      );
    },
    /** Loads what "Start" shows (the toolbar and the launcher); instant once prefetched. */
    preloadSession: () =>
      Promise.all([parts.Toolbar, parts.Launcher].map((part) => part.preload())).then(() => undefined),
  };
}

/** The shell's on-demand parts, as `createShellParts` builds them. */
export type ShellParts = ReturnType<typeof createShellParts>;
