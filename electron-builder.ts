/**
 * Packaging for the kiosk shell (electron-builder 26 loads this file by name). Build first:
 * `npm run build:renderer && npm run build:main`. electron-builder downloads the Electron zip and
 * the NSIS/fpm toolsets from GitHub, so packaging runs on CI runners with GitHub access
 * (.github/workflows/electron.yml); `npm run package:dry-run` checks the app.asar contents and the
 * fuse flipping here, with a stand-in Electron (scripts/package-dry-run.ts).
 */
import type { Configuration } from 'electron-builder';

/** electron-builder's fuse options; `Required` below makes every one a written decision. */
type FuseOptions = NonNullable<Configuration['electronFuses']>;

/**
 * Fuses are flipped in the Electron binary at package time. The type requires every fuse that
 * electron-builder knows (Element Desktop's pattern), so a reviewer never has to remember a
 * default, and an electron-builder that learns a new fuse fails the type check until it is decided
 * here. Fuses newer than electron-builder are caught by the read-back (scripts/check-fuses.ts).
 */
export const electronFuses: Required<FuseOptions> = {
  // ELECTRON_RUN_AS_NODE would turn the signed kiosk binary into a general Node.js interpreter.
  runAsNode: false,
  // Ignore NODE_OPTIONS / NODE_EXTRA_CA_CERTS from the environment (no code or CA injection).
  enableNodeOptionsEnvironmentVariable: false,
  // Ignore --inspect / SIGUSR1. Playwright _electron needs this on, so e2e runs on the unfused dist/ build.
  enableNodeCliInspectArguments: false,
  // Encrypt the default session's cookies at rest (visitor partitions are in memory anyway).
  enableCookieEncryption: true,
  // Verify app.asar against the hash in the binary (enforced on Windows and macOS, not on Linux:
  // there, root-owned /opt and the deb package protect the files).
  enableEmbeddedAsarIntegrityValidation: true,
  // Load the app only from app.asar, so integrity checking cannot be bypassed via the app search path.
  onlyLoadAppFromAsar: true,
  // The shell is served from app://, never file://; take away file:'s extra privileges.
  grantFileProtocolExtraPrivileges: false,
  // No custom V8 snapshot is used.
  loadBrowserProcessSpecificV8Snapshot: false,
  // macOS only (we ship no macOS build); stated for completeness.
  resetAdHocDarwinSignature: false,
};

/**
 * `dependencies` lists what central needs at run time (fastify, pg, better-sqlite3, ...) and what
 * the bundlers read (react, zod, ...). Main and preload are bundled by esbuild (main/build.ts) and
 * the shell UI by vite, so the station's app.asar needs none of them. They stay in `dependencies`,
 * not devDependencies, because central runs from this same package (`npm run central`,
 * central/cli.ts) and needs them in production; moving them would mislabel central's run-time
 * needs to shrink the station. So the packages are kept out of the station here instead.
 */
const NO_NODE_MODULES = '!**/node_modules/**';

const config: Configuration = {
  appId: 'fi.hel.kiosk',
  productName: 'HelsinkiKiosk',
  copyright: 'City of Helsinki',
  directories: { output: 'release', buildResources: 'build' },
  asar: true,
  // Only the bundles and the built shell UI go into app.asar; sources, tests, central and every
  // package stay out.
  files: ['dist/main/**', 'dist/preload/**', 'dist/renderer/**', 'package.json', '!**/*.map', NO_NODE_MODULES],
  // Nothing native runs in the station (better-sqlite3 is central's), so nothing is rebuilt for
  // Electron's ABI; a rebuild would also download Electron headers from GitHub.
  npmRebuild: false,
  nodeGypRebuild: false,
  // The default config sits beside app.asar (resources/kiosk-config/default.json) so IT can read
  // it; stations normally point --config at a machine file (/etc/helsinki-kiosk/station.json,
  // %ProgramData%\HelsinkiKiosk\station.json).
  extraResources: [{ from: 'kiosk-config/default.json', to: 'kiosk-config/default.json' }],
  electronFuses,
  win: {
    // Electron 44+ has no 32-bit Windows build.
    target: [{ target: 'nsis', arch: ['x64'] }],
  },
  nsis: {
    oneClick: true,
    perMachine: true,
    runAfterFinish: false,
    createDesktopShortcut: false,
    createStartMenuShortcut: false,
    deleteAppDataOnUninstall: true,
  },
  linux: {
    // deb only: it installs root-owned under /opt through apt. No AppImage: it is per-user and
    // self-updating, which a managed kiosk must not be.
    target: [{ target: 'deb', arch: ['x64'] }],
    category: 'Utility',
    executableName: 'helsinki-kiosk',
    maintainer: 'City of Helsinki <kiosk@hel.fi>',
  },
  deb: {
    // Setting depends replaces electron-builder's list, so it is restated (app-builder-lib 26.17,
    // FpmTarget.getDefaultDepends "deb"): without these a minimal station cannot start Electron.
    // Then speech-dispatcher, which gives read-aloud a voice on Linux, and cage, the kiosk compositor.
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
      'speech-dispatcher',
      'cage',
    ],
  },
  publish: null,
};

export default config;
