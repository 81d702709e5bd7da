/**
 * Node adapter of core's `QueueStore`: an append-only JSON-lines log, fsynced on every write.
 *
 * Records: `{"a":event}` queued, `{"k":[ids]}` acknowledged, `{"d":{"budget":n,"rejected":n}}` drop
 * tallies (totals, last one wins). Reload replays the log; a torn last line (a kill mid-write) is
 * ignored and cut off, so the next append starts on a clean line. When the log is mostly
 * acknowledged entries it is rewritten to a temp file, fsynced and renamed over the old one (atomic),
 * so a crash during compaction leaves either the old or the new log, never a mix.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { UsageEvent } from '../../protocol/events.ts';
import { QueueState } from '../../core/metrics/queue-state.ts';
import type { DropReason, QueueStats, QueueStore } from '../../core/metrics/queue-store.ts';

export interface FileQueueStoreOptions {
  /** Compact when the log is this many times the live data (plus a 256 KiB floor). */
  compactRatio?: number;
}

const LOG_NAME = 'metrics-queue.jsonl';

type LogRecord = { a: UsageEvent } | { k: string[] } | { d: Record<DropReason, number> };

/** Opens (or creates) the queue in `dir`. Synchronous I/O: events are small and rare. */
export function openFileQueueStore(dir: string, options: FileQueueStoreOptions = {}): QueueStore & { close(): void } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOG_NAME);
  const state = new QueueState();
  let logBytes = replay(path, state);
  let fd = openSync(path, 'a');

  const write = (records: LogRecord[]) => {
    const text = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const buffer = Buffer.from(text);
    writeSync(fd, buffer);
    fsyncSync(fd);
    logBytes += buffer.length;
  };

  const compactIfWasteful = () => {
    const live = state.stats().bytes;
    if (logBytes <= (options.compactRatio ?? 4) * live + 256 * 1024) return;
    const tmp = `${path}.tmp`;
    const tmpFd = openSync(tmp, 'w');
    const lines = [...state.all().map((event) => JSON.stringify({ a: event })), JSON.stringify({ d: state.dropped })];
    const buffer = Buffer.from(lines.join('\n') + '\n');
    writeSync(tmpFd, buffer);
    fsyncSync(tmpFd);
    closeSync(tmpFd);
    closeSync(fd);
    renameSync(tmp, path);
    syncDirectory(dir);
    fd = openSync(path, 'a');
    logBytes = buffer.length;
  };

  return {
    async append(events) {
      if (events.length === 0) return;
      write(events.map((event) => ({ a: event })));
      state.add(events);
    },
    async peek(max) {
      return state.oldest(max);
    },
    async ack(ids) {
      if (ids.length === 0) return;
      write([{ k: [...ids] }]);
      state.remove(ids);
      compactIfWasteful();
    },
    async stats(): Promise<QueueStats> {
      return state.stats();
    },
    async addDropped(reason, count) {
      state.dropped[reason] += count;
      write([{ d: { ...state.dropped } }]);
    },
    close() {
      closeSync(fd);
    },
  };
}

/** Rebuilds the state from the log; returns the log's size after cutting a torn tail. */
function replay(path: string, state: QueueState): number {
  if (!existsSync(path)) return 0;
  // A compaction killed before its rename leaves a stale temp file; the old log is still whole.
  const content = readFileSync(path);
  const end = content.lastIndexOf(0x0a) + 1;
  if (end < content.length) {
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, end);
    fsyncSync(fd);
    closeSync(fd);
  }
  for (const line of content.subarray(0, end).toString('utf8').split('\n')) {
    if (line === '') continue;
    let record: LogRecord;
    try {
      record = JSON.parse(line) as LogRecord;
    } catch {
      continue; // a damaged line cannot be trusted; the rest of the log still can
    }
    if ('a' in record) state.add([record.a]);
    else if ('k' in record) state.remove(record.k);
    else if ('d' in record) Object.assign(state.dropped, record.d);
  }
  return end;
}

/** fsync on the directory makes a rename durable on Linux; Windows cannot open directories, and NTFS journals renames. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // not supported on this platform
  }
}
