import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStationLogger, electronLogSink, firstWritableDir, stationLogDir, type LogLevel } from './station-log.ts';

describe('the station log IT reads', () => {
  it('lives in a documented machine folder per OS, unless KIOSK_LOG_DIR says otherwise', () => {
    expect(stationLogDir('win32', { ProgramData: 'C:\\ProgramData' })).toBe('C:\\ProgramData\\Helsinki Kiosk\\logs');
    expect(stationLogDir('win32', {})).toBe('C:\\ProgramData\\Helsinki Kiosk\\logs');
    expect(stationLogDir('linux', {})).toBe('/var/log/helsinki-kiosk');
    expect(stationLogDir('linux', { KIOSK_LOG_DIR: '/srv/kiosk/logs' })).toBe('/srv/kiosk/logs');
  });

  it('falls back to the next folder when the machine folder cannot be written', () => {
    const fs = {
      mkdir: (dir: string) => {
        if (dir.startsWith('/var')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
      writable: () => true,
    };
    expect(firstWritableDir(['/var/log/helsinki-kiosk', '/home/kiosk/.config/kiosk/logs'], fs)).toBe(
      '/home/kiosk/.config/kiosk/logs',
    );
    expect(firstWritableDir(['/var/log/x'], { mkdir: () => undefined, writable: () => false })).toBeNull();
  });

  it('writes exit codes, recycle reasons and failed steps, never a URL, path or identity code, and grades them', () => {
    const lines: { level: LogLevel; line: string }[] = [];
    const log = createStationLogger({ write: (level, line) => void lines.push({ level, line }) });
    log('recycling the station process', { reason: 'memory-ceiling' });
    log('reset step failed', {
      step: 'delete-downloads',
      message: "EPERM: operation not permitted, unlink 'C:\\Temp\\kiosk-downloads\\k1\\Matti Meikäläinen.pdf'",
    });
    log('page did not load', { serviceId: 'kela', error: 'Error', code: 'ERR_NAME_NOT_RESOLVED' });
    log('fatal error in the station process; exiting for the supervisor', { exitCode: 70 });
    log('started', { version: '0.1.0' });
    expect(lines.map((l) => l.level)).toEqual(['warn', 'warn', 'info', 'error', 'info']);
    expect(lines[0]?.line).toBe('recycling the station process {"reason":"memory-ceiling"}');
    expect(lines[1]?.line).toBe(
      'reset step failed {"step":"delete-downloads","message":"EPERM: operation not permitted, unlink \'<path>\'"}',
    );
    const all = JSON.stringify(lines);
    expect(all).not.toMatch(/Matti|kela\.fi|Temp/);
  });

  it('keeps the station running when the disk is full', () => {
    const log = createStationLogger({
      write: () => {
        throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      },
    });
    expect(() => log('started')).not.toThrow();
  });

  it('points electron-log at station.log with 5 MB rotation and no console in the packaged app', () => {
    const written: unknown[][] = [];
    const logger = {
      transports: {
        file: { resolvePathFn: () => '', maxSize: 0, format: '', level: 'silly' as unknown },
        console: { level: 'silly' as unknown },
      },
      info: (...p: unknown[]) => void written.push(['info', ...p]),
      warn: (...p: unknown[]) => void written.push(['warn', ...p]),
      error: (...p: unknown[]) => void written.push(['error', ...p]),
    };
    const sink = electronLogSink(logger, { dir: '/var/log/helsinki-kiosk', console: false });
    // Built with node:path: on Windows (and in vitest.win32.config.ts) the separator is a backslash.
    expect(logger.transports.file.resolvePathFn()).toBe(join('/var/log/helsinki-kiosk', 'station.log'));
    expect(logger.transports.file.maxSize).toBe(5 * 1024 * 1024);
    expect(logger.transports.console.level).toBe(false);
    sink.write('warn', 'shell failed');
    expect(written).toEqual([['warn', 'shell failed']]);
  });
});
