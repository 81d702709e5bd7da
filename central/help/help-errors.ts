/**
 * HTTP for the help domain's refusals: the service says *why* (a `HelpFailure` kind), this module
 * says which status that is, so the service never speaks HTTP.
 */
import type { FastifyReply } from 'fastify';
import type { HelpErrorCode } from '../../protocol/help.ts';
import type { ActionResult, HelpFailure } from './service.ts';

/** Status per failure kind: a missing (or someone else's) request is 404, a state conflict 409. */
export const HELP_ERROR_STATUS = {
  'not-found': 404,
  closed: 409,
  'already-claimed': 409,
  'not-yours': 409,
} as const satisfies Record<HelpErrorCode, 404 | 409>;

/** Sends a refusal as `{ error, message, state?, claimedBy? }` with its status. */
export function sendHelpFailure(reply: FastifyReply, failure: HelpFailure): FastifyReply {
  const { kind, ...details } = failure;
  return reply.code(HELP_ERROR_STATUS[kind]).send({ error: kind, ...details });
}

/** The action's value, or its refusal sent on `reply`. */
export function answer<T>(reply: FastifyReply, result: ActionResult<T>): FastifyReply | T {
  return result.ok ? result.value : sendHelpFailure(reply, result.failure);
}
