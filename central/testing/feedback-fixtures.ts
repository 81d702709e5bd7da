/**
 * Visits that end with an answer to "Did you get it done?" (issue 14), as a station sends them:
 * the answer comes after `session.ended`, under the ended visit's id, once as `feedback.given`
 * and once per service opened as `feedback.service`.
 */
import { v7 as uuidv7 } from 'uuid';
import { toMinuteTime } from '../../protocol/events.ts';

export interface FeedbackVisit {
  at: number;
  services: string[];
  outcome?: 'yes' | 'partly' | 'no';
  reason?: string;
  helpTopic?: string;
  blocked?: string;
}

/** The events of one visit. */
export function feedbackVisitEvents(visit: FeedbackVisit): Record<string, unknown>[] {
  const sessionId = uuidv7();
  const at = toMinuteTime(visit.at);
  const base = () => ({ id: uuidv7(), at, sessionId });
  const events: Record<string, unknown>[] = [{ ...base(), type: 'session.started' }];
  for (const serviceId of visit.services) events.push({ ...base(), type: 'service.opened', serviceId });
  if (visit.blocked) events.push({ ...base(), type: 'navigation.blocked', serviceId: visit.blocked });
  if (visit.helpTopic) events.push({ ...base(), type: 'help.requested', topic: visit.helpTopic });
  events.push({ ...base(), type: 'session.ended', durationSeconds: 300, endedBy: 'visitor' });
  if (visit.outcome) {
    const answer = { outcome: visit.outcome, ...(visit.reason ? { reason: visit.reason } : {}) };
    events.push({ ...base(), type: 'feedback.given', ...answer });
    for (const serviceId of visit.services) events.push({ ...base(), type: 'feedback.service', serviceId, ...answer });
  }
  return events;
}

/** `n` copies of one visit (each with its own ids). */
export const repeatVisit = (n: number, visit: FeedbackVisit): FeedbackVisit[] =>
  Array.from({ length: n }, () => ({ ...visit }));

/** Uploads visits through the real ingest route as the station with `token`; throws if any is refused. */
export async function uploadFeedbackVisits(
  inject: (request: {
    method: 'POST';
    url: string;
    headers: Record<string, string>;
    payload: object;
  }) => Promise<{ statusCode: number; body: string }>,
  token: string,
  visits: FeedbackVisit[],
): Promise<void> {
  const response = await inject({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${token}` },
    payload: { batchId: uuidv7(), events: visits.flatMap(feedbackVisitEvents) },
  });
  const reply = JSON.parse(response.body) as { rejected?: unknown[] };
  if (response.statusCode !== 200 || (reply.rejected ?? []).length > 0)
    throw new Error(`upload failed: ${response.body}`);
}
