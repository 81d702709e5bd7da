import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { toMinuteTime } from '../../protocol/events.ts';
import { createLocalStorageQueueStore, type KeyValueStorage } from './local-storage-queue-store.ts';

const fakeLocalStorage = (): KeyValueStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
};

describe('the preview metrics queue in localStorage', () => {
  it('keeps queued events and drop tallies when the page reloads', async () => {
    const storage = fakeLocalStorage();
    const first = createLocalStorageQueueStore(storage);
    const events = [1, 2, 3].map(() => ({
      id: uuidv7(),
      type: 'session.started' as const,
      at: toMinuteTime(Date.now()),
      sessionId: uuidv7(),
    }));
    await first.append(events);
    await first.ack([events[1]!.id]);
    await first.addDropped('budget', 2);
    const reloaded = createLocalStorageQueueStore(storage);
    expect((await reloaded.peek(10)).map((e) => e.id)).toEqual([events[0]!.id, events[2]!.id]);
    expect(await reloaded.stats()).toMatchObject({ count: 2, dropped: { budget: 2, rejected: 0 } });
  });

  it('starts empty instead of failing when the saved queue is unreadable', async () => {
    const storage = fakeLocalStorage();
    storage.setItem('kiosk.metrics-queue', '{broken');
    expect((await createLocalStorageQueueStore(storage).stats()).count).toBe(0);
  });
});
