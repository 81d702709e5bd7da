/** Builds realistic sessions of usage events for dashboard and retention tests. */
import { v7 as uuidv7 } from 'uuid';
import { toMinuteTime } from '../../protocol/events.ts';
import type { TestCentral } from './test-app.ts';

export interface SessionSpec {
  at: number;
  serviceId?: string;
  language?: string;
  durationSeconds?: number;
  mode?: string;
  /** More accessibility modes switched on in the same session. */
  modes?: string[];
  helpWaitSeconds?: number;
  /** Topic of the help request (`kela` when not given). */
  helpTopic?: string;
  blocked?: string;
}

/** The events one visitor session produces. */
export function sessionEvents(spec: SessionSpec): Record<string, unknown>[] {
  const sessionId = uuidv7();
  const at = toMinuteTime(spec.at);
  const base = () => ({ id: uuidv7(), at, sessionId });
  const events: Record<string, unknown>[] = [{ ...base(), type: 'session.started' }];
  if (spec.language) events.push({ ...base(), type: 'language.chosen', language: spec.language });
  if (spec.serviceId) events.push({ ...base(), type: 'service.opened', serviceId: spec.serviceId });
  if (spec.blocked) events.push({ ...base(), type: 'navigation.blocked', serviceId: spec.blocked });
  for (const mode of [...(spec.mode ? [spec.mode] : []), ...(spec.modes ?? [])])
    events.push({ ...base(), type: 'accessibility.changed', mode, enabled: true });
  if (spec.helpWaitSeconds !== undefined) {
    const topic = spec.helpTopic ?? 'kela';
    events.push({ ...base(), type: 'help.requested', topic });
    events.push({ ...base(), type: 'help.answered', topic, waitSeconds: spec.helpWaitSeconds });
  }
  events.push({ ...base(), type: 'session.ended', durationSeconds: spec.durationSeconds ?? 600, endedBy: 'visitor' });
  return events;
}

/** Uploads sessions as one station, asserting central took every event. */
export async function uploadSessions(central: TestCentral, token: string, specs: SessionSpec[]): Promise<void> {
  const events = specs.flatMap(sessionEvents);
  for (let i = 0; i < events.length; i += 500) {
    const response = await central.app.inject({
      method: 'POST',
      url: '/api/v1/ingest',
      headers: { authorization: `Bearer ${token}` },
      payload: { batchId: uuidv7(), events: events.slice(i, i + 500) },
    });
    const reply = response.json<{ rejected: unknown[] }>();
    if (response.statusCode !== 200 || reply.rejected.length > 0) throw new Error(`upload failed: ${response.body}`);
  }
}
