import { describe, expect, it } from 'vitest';
import { createEventLog, type Audience } from './event-log.ts';

const consoles: ReadonlySet<Audience> = new Set<Audience>(['console', 'advisor:a1']);

function logAt(start: number) {
  let now = start;
  const log = createEventLog({ capacity: 100, epoch: 1, now: () => now });
  return { log, advance: (ms: number) => void (now += ms) };
}

describe('the live event ring', () => {
  it('replays what a reconnecting console missed', async () => {
    const { log } = logAt(0);
    const before = log.currentId();
    log.publish('advisor:a1', 'chat.message', { text: 'hello' });
    expect((await log.since(before, consoles))?.map((e) => e.data)).toEqual([{ text: 'hello' }]);
  });

  it('keeps no chat line in memory once it is older than the chat retention, and sends a snapshot instead', async () => {
    const { log, advance } = logAt(0);
    const before = log.currentId();
    log.publish('advisor:a1', 'chat.message', { text: 'my kela number is 123' });
    advance(15 * 60_000);
    const afterChat = log.currentId();
    log.publish('console', 'request.updated', { id: 'r1' });

    await log.forgetBefore(15 * 60_000);

    // A client whose gap reaches back past the forgotten line cannot be replayed whole: snapshot.
    expect(await log.since(before, consoles)).toBeNull();
    // A client that saw the chat line still gets what came after it.
    expect((await log.since(afterChat, consoles))?.map((e) => e.type)).toEqual(['request.updated']);
    // Nothing the ring still holds carries the text.
    expect(JSON.stringify(await log.since(afterChat, consoles))).not.toContain('kela');
  });

  it('still answers with a snapshot after forgetting everything', async () => {
    const { log, advance } = logAt(0);
    const before = log.currentId();
    log.publish('console', 'request.created', { id: 'r1' });
    advance(1);
    await log.forgetBefore(1);
    expect(await log.since(before, consoles)).toBeNull();
    expect(await log.since(log.currentId(), consoles)).toEqual([]);
  });
});
