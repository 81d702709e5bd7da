/**
 * docs/privacy.md is the city's promise of what the stations send: every usage event in
 * `protocol/events.ts` must have its own section there (what it says and why), and the document
 * must not describe events that no longer exist. Adding an event without documenting it fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, eventSchemas } from './events.ts';

const privacy = readFileSync(new URL('../docs/privacy.md', import.meta.url), 'utf8');
const eventsSection = privacy.slice(
  privacy.indexOf('## The events'),
  privacy.indexOf('\n## ', privacy.indexOf('## The events') + 1),
);
/** Event names in the section's `### \`a\`, \`b\`` headings. */
const documented = [...eventsSection.matchAll(/^### (.+)$/gm)].flatMap((heading) =>
  [...(heading[1] ?? '').matchAll(/`([^`]+)`/g)].map((name) => name[1]),
);

describe('docs/privacy.md', () => {
  it('documents every usage event in its own section', () => {
    expect(EVENT_TYPES.filter((type) => !documented.includes(type))).toEqual([]);
  });

  it('documents no event that the protocol does not have', () => {
    expect(documented.filter((name) => !(EVENT_TYPES as string[]).includes(name ?? ''))).toEqual([]);
  });

  it('names every field an event carries beyond the common ones', () => {
    const common = new Set(['id', 'type', 'at', 'sessionId']);
    const missing = EVENT_TYPES.flatMap((type) =>
      Object.keys(eventSchemas[type].shape)
        .filter((field) => !common.has(field) && !eventsSection.includes(`\`${field}\``))
        .map((field) => `${type}.${field}`),
    );
    expect(missing).toEqual([]);
  });
});
