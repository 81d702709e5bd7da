/**
 * Where the station config comes from: `--config FILE`, else `KIOSK_CONFIG`, else the default
 * shipped beside the app. A missing or unreadable file is an invalid config (out of order),
 * never a reason to run with built-in defaults.
 */
import { validateConfigText, type ConfigCheck } from '../core/config/validate.ts';

/** The config path the station was told to use. */
export function configPath(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultPath: string,
): string {
  const flag = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  if (flag >= 0) {
    const arg = argv[flag] as string;
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[flag + 1];
    if (value) return value;
  }
  const fromEnv = env['KIOSK_CONFIG'];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : defaultPath;
}

/** Reads and validates the config file; read errors become a `(file)` problem. */
export function loadConfig(path: string, readText: (path: string) => string): ConfigCheck {
  let text: string;
  try {
    text = readText(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      errors: [
        {
          field: '(file)',
          message:
            code === 'ENOENT'
              ? `config file not found: ${path}`
              : `config file cannot be read (${code ?? 'error'}): ${path}`,
        },
      ],
    };
  }
  return validateConfigText(text);
}

/** Flags only developers use: `--dev` opens the shell's devtools. */
const DEV_FLAGS = ['--dev'];
/** Environment only the Playwright journey uses: `KIOSK_TEST_HOOKS=1` exposes station internals. */
const TEST_ENV = ['KIOSK_TEST_HOOKS'];
/**
 * Chromium switches that open a debugging endpoint into the running station (`--inspect` is
 * covered by the nodeCliInspect fuse). Electron starts the debugging server after the main script
 * has run (ElectronBrowserMainParts::PreMainMessageLoopRun), so removing them there takes effect.
 */
export const DEBUG_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
] as const;

/** The command line and environment the station starts with, and what was ignored. */
export interface Launch {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** Names of the developer and test switches dropped (for the log; never their values). */
  ignored: string[];
}

/**
 * A packaged station ignores developer and test switches: whoever can edit a shortcut or the
 * environment of a public PC must not get devtools or test hooks. Development runs keep them.
 * `--smoke-test` stays: it only runs one scripted visit and exits (main/smoke-test.ts).
 */
export function launchFor(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  packaged: boolean,
): Launch {
  if (!packaged) return { argv, env, ignored: [] };
  const ignored = [
    ...DEV_FLAGS.filter((flag) => argv.includes(flag)),
    ...TEST_ENV.filter((name) => env[name] !== undefined),
  ];
  const keptEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !TEST_ENV.includes(name)));
  return { argv: argv.filter((arg) => !DEV_FLAGS.includes(arg)), env: keptEnv, ignored };
}

/**
 * Chromium switches the station needs on this platform. Linux: read-aloud speaks through
 * speech-dispatcher, which Chromium uses only when asked (`enable-speech-dispatcher`).
 */
export function chromiumSwitchesFor(platform: NodeJS.Platform): string[] {
  return platform === 'linux' ? ['enable-speech-dispatcher'] : [];
}
