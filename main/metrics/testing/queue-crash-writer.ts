/**
 * Child process for the crash-safety test: appends events as fast as it can and acknowledges every
 * third one, printing each operation only after the store resolved it (`A id` / `K id`). The test
 * kills it with SIGKILL mid-stream and checks the reloaded queue against what was printed.
 */
import { writeSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { toMinuteTime } from '../../../protocol/events.ts';
import { openFileQueueStore } from '../file-queue-store.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: queue-crash-writer DIR');
// A low compaction ratio makes compactions happen often, so kills also land during them.
const store = openFileQueueStore(dir, { compactRatio: 0.001 });
const sessionId = uuidv7();
for (let i = 0; ; i++) {
  const event = { id: uuidv7(), type: 'session.started' as const, at: toMinuteTime(Date.now()), sessionId };
  await store.append([event]);
  writeSync(1, `A ${event.id}\n`);
  if (i % 3 === 0) {
    await store.ack([event.id]);
    writeSync(1, `K ${event.id}\n`);
  }
}
