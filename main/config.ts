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
