/** Fixtures for help tests: a valid station request body. */
import { randomUUID } from 'node:crypto';

/** A valid `POST /api/v1/help/requests` body; override any field. */
export const requestBody = (overrides: Record<string, unknown> = {}) => ({
  topic: 'kela',
  mode: 'chat-here',
  language: 'fi',
  accessibilityModes: ['text-150'],
  serviceId: 'kela',
  sessionId: randomUUID(),
  ...overrides,
});
