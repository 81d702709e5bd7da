/**
 * The station log IT reads on the machine: one rotating file per station, written by
 * electron-log from the main process. GUI apps under Windows Shell Launcher have no console, so
 * without it a Windows station keeps no record at all.
 *
 * What goes in: fixed messages (start, exit codes, recycle reasons, config problems, failed reset
 * steps, crashes) with small details. What never goes in: URLs, typed text, names, file names.
 * Callers already avoid them; every entry is also scrubbed by core's `scrubLogDetails`, because an
 * error from Chromium or Node can quote them.
 *
 * Where (documented in docs/deployment-electron.md):
 *   Windows  %ProgramData%\Helsinki Kiosk\logs\station.log   (C:\ProgramData\Helsinki Kiosk\logs)
 *   Linux    /var/log/helsinki-kiosk/station.log
 *   `KIOSK_LOG_DIR` overrides both; when the folder cannot be written, `<userData>/logs` is used
 *   and the first line says so. Rotation: at 5 MB the file becomes station.old.log (one kept).
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join, win32 } from 'node:path';
import { scrubLogDetails, scrubLogText } from '../core/station/log-policy.ts';

/** One log line's weight, for IT's eyes: errors end or endanger the station, warnings degrade it. */
export type LogLevel = 'info' | 'warn' | 'error';

/** Port: where scrubbed log lines go (electron-log's file transport, or a fake in tests). */
export interface LogSink {
  write(level: LogLevel, line: string): void;
}

/** The station's logger: the `log(message, details)` every adapter and core service takes. */
export type StationLogger = (message: string, details?: Record<string, unknown>) => void;

/** File name of the station log inside its folder. */
export const LOG_FILE_NAME = 'station.log';

/** Rotation threshold: about a month of a busy station's lines, small enough to mail. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;

/** The documented machine-wide log folder for this OS (before the writable check). */
export function stationLogDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  const override = env['KIOSK_LOG_DIR'];
  if (override && override.trim() !== '') return override;
  if (platform === 'win32') return win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'Helsinki Kiosk', 'logs');
  return '/var/log/helsinki-kiosk';
}

/** The first of `candidates` that exists (or can be made) and is writable; null when none is. */
export function firstWritableDir(
  candidates: readonly string[],
  fs: { mkdir(dir: string): void; writable(dir: string): boolean } = nodeDirs,
): string | null {
  for (const dir of candidates) {
    try {
      fs.mkdir(dir);
      if (fs.writable(dir)) return dir;
    } catch {
      // Not ours to create (no ProgramData ACL, no /var/log folder from the package): try the next.
    }
  }
  return null;
}

const nodeDirs = {
  mkdir: (dir: string) => void mkdirSync(dir, { recursive: true }),
  writable: (dir: string) => {
    try {
      accessSync(dir, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
};

function levelOf(message: string): LogLevel {
  if (/fatal|exiting for the supervisor|failed to start/i.test(message)) return 'error';
  if (/fail|could not|cannot|invalid|hung|refused|recycl/i.test(message)) return 'warn';
  return 'info';
}

/**
 * Builds the station logger over a sink. Every entry is scrubbed, then written as the message
 * and its details as one JSON object, so IT can grep by message and tools can parse the rest.
 */
export function createStationLogger(sink: LogSink): StationLogger {
  return (message, details) => {
    const text = scrubLogText(message);
    const line = details ? `${text} ${JSON.stringify(scrubLogDetails(details))}` : text;
    try {
      sink.write(levelOf(message), line);
    } catch {
      // A full disk must not take the station down; the supervisor still sees exit codes.
    }
  };
}

/** The slice of an electron-log logger the sink uses. */
export interface ElectronLogLike {
  transports: {
    file: {
      resolvePathFn: (...args: never[]) => string;
      maxSize: number;
      format: unknown;
      level: unknown;
    };
    console: { level: unknown };
  };
  info(...params: unknown[]): void;
  warn(...params: unknown[]): void;
  error(...params: unknown[]): void;
}

/**
 * Points an electron-log logger at the station log file and returns it as a sink. `logger` is a
 * fresh instance from the composition root (`Logger.create({ logId: 'station' })`), never the
 * library's shared default.
 */
export function electronLogSink(logger: ElectronLogLike, options: { dir: string; console: boolean }): LogSink {
  const file = join(options.dir, LOG_FILE_NAME);
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.maxSize = LOG_MAX_BYTES;
  logger.transports.file.format = '{y}-{m}-{d}T{h}:{i}:{s}.{ms}{z} [{level}] {text}';
  logger.transports.file.level = 'info';
  logger.transports.console.level = options.console ? 'info' : false;
  return { write: (level, line) => logger[level](line) };
}
