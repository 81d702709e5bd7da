import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { toMinuteTime, type UsageEvent } from '../../protocol/events.ts';
import { openFileQueueStore } from './file-queue-store.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-queue-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const event = (): UsageEvent => ({
  id: uuidv7(),
  type: 'session.started',
  at: toMinuteTime(Date.now()),
  sessionId: uuidv7(),
});

describe('the station metrics queue on disk', () => {
  it('keeps queued events, acknowledgements and drop tallies across a restart', async () => {
    const dir = tempDir();
    const first = openFileQueueStore(dir);
    const events = [event(), event(), event()];
    await first.append(events);
    await first.ack([events[0]!.id]);
    await first.addDropped('budget', 4);
    first.close();
    const reopened = openFileQueueStore(dir);
    expect((await reopened.peek(10)).map((e) => e.id)).toEqual([events[1]!.id, events[2]!.id]);
    expect(await reopened.stats()).toMatchObject({ count: 2, dropped: { budget: 4, rejected: 0 } });
    reopened.close();
  });

  it('ignores a torn last line and keeps appending cleanly after it', async () => {
    const dir = tempDir();
    const store = openFileQueueStore(dir);
    const kept = event();
    await store.append([kept]);
    store.close();
    appendFileSync(join(dir, 'metrics-queue.jsonl'), '{"a":{"id":"0190');
    const reopened = openFileQueueStore(dir);
    const next = event();
    await reopened.append([next]);
    reopened.close();
    expect(readFileSync(join(dir, 'metrics-queue.jsonl'), 'utf8').endsWith('\n')).toBe(true);
    const again = openFileQueueStore(dir);
    expect((await again.peek(10)).map((e) => e.id)).toEqual([kept.id, next.id]);
    again.close();
  });

  it('loses and duplicates nothing when the station is killed mid-write (SIGKILL)', async () => {
    const dir = tempDir();
    const writer = fileURLToPath(new URL('./testing/queue-crash-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // Kill well into the stream, after several compactions, at whatever moment the data arrives.
        if (output.length > 60_000) {
          child.removeAllListeners('exit');
          child.kill('SIGKILL');
          child.on('exit', () => resolve());
        }
      });
    });
    const lines = output.split('\n').filter((line) => /^[AK] /.test(line));
    const appended = lines.filter((l) => l.startsWith('A ')).map((l) => l.slice(2));
    const acked = new Set(lines.filter((l) => l.startsWith('K ')).map((l) => l.slice(2)));
    expect(appended.length).toBeGreaterThan(500);

    const store = openFileQueueStore(dir);
    const queued = (await store.peek(1_000_000)).map((e) => e.id);
    store.close();
    expect(new Set(queued).size).toBe(queued.length);
    const queuedSet = new Set(queued);
    const lost = appended.filter((id) => !acked.has(id) && !queuedSet.has(id));
    // The very last event may have been acknowledged on disk just before the kill, unprinted.
    expect(lost.filter((id) => id !== appended.at(-1))).toEqual([]);
    const resurrected = [...acked].filter((id) => queuedSet.has(id));
    expect(resurrected).toEqual([]);
    // Order survives too: ids are time-ordered, so the queue must be sorted.
    expect([...queued].sort()).toEqual(queued);
  });
});
