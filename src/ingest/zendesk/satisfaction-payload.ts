import { z } from 'zod';
import type { SatisfactionRated } from '../../history/events.js';
import { checkPayload, expecting, present, splitName } from '../payload-kit.js';
import { zendeskId } from './event-payload.js';

/**
 * Zendesk sends satisfaction ratings to no event webhook: only a trigger can
 * send them, through a webhook whose JSON body the admin writes. This is that
 * body, exactly as it goes into the trigger's "Notify by → Active webhook"
 * action (docs/zendesk-satisfaction-trigger.md walks through the clicks):
 *
 * ```json
 * {
 *   "type": "delightbot.satisfaction_rated",
 *   "ticket_id": "{{ticket.id}}",
 *   "requester_id": "{{ticket.requester.id}}",
 *   "requester_email": "{{ticket.requester.email}}",
 *   "requester_name": "{{ticket.requester.name}}",
 *   "rating": "{{satisfaction.current_rating}}",
 *   "comment": "{{satisfaction.current_comment}}",
 *   "rated_at": "{{ticket.updated_at_with_timestamp}}"
 * }
 * ```
 *
 * `{{satisfaction.current_rating}}` renders as "Good, I'm satisfied", "Bad,
 * I'm unsatisfied", "Offered" or "Unoffered" (older accounts: "Good"/"Bad").
 * Offered and unoffered are not ratings and are acknowledged without an event.
 * `requester_id` is the same id ticket events carry, so the rating joins the
 * requester's tickets; the e-mail links both to the customer's orders.
 */
export const SATISFACTION_TRIGGER_TEMPLATE = `{
  "type": "delightbot.satisfaction_rated",
  "ticket_id": "{{ticket.id}}",
  "requester_id": "{{ticket.requester.id}}",
  "requester_email": "{{ticket.requester.email}}",
  "requester_name": "{{ticket.requester.name}}",
  "rating": "{{satisfaction.current_rating}}",
  "comment": "{{satisfaction.current_comment}}",
  "rated_at": "{{ticket.updated_at_with_timestamp}}"
}`;

/** The `type` that marks a body as the satisfaction trigger's rather than a Zendesk event. */
export const SATISFACTION_TRIGGER_TYPE = 'delightbot.satisfaction_rated';

/** A placeholder with no value renders as "": treat it as absent. */
const blankable = z
  .string({ error: expecting('a string') })
  .nullish()
  .transform((value) => present(value));

/**
 * `{{ticket.updated_at_with_timestamp}}` renders without seconds
 * ("2026-11-23T10:00Z"), which a strict ISO check would refuse.
 */
const RATED_AT_FORMAT = 'must be an ISO 8601 date-time such as 2026-11-23T10:00Z';
const ratedAt = z.union(
  [z.iso.datetime({ offset: true, error: RATED_AT_FORMAT }), z.iso.datetime({ offset: true, precision: -1, error: RATED_AT_FORMAT })],
  { error: expecting('an ISO 8601 date-time such as 2026-11-23T10:00Z') },
);

const triggerSchema = z.looseObject({
  type: z.literal(SATISFACTION_TRIGGER_TYPE),
  ticket_id: zendeskId,
  // Blank when an admin copied an older template without it.
  requester_id: z.union([zendeskId, z.literal('')], { error: expecting('a numeric Zendesk id') }).nullish(),
  requester_email: blankable,
  requester_name: blankable,
  rating: z.string({ error: expecting('a Zendesk satisfaction rating') }),
  comment: blankable,
  rated_at: ratedAt,
});

type TriggerBody = z.infer<typeof triggerSchema>;

export type ParsedSatisfaction =
  | { ok: true; ticketId: string; events: SatisfactionRated[] }
  | { ok: false; reason: string };

/**
 * Validates a JSON-parsed satisfaction trigger body and converts it.
 * @returns the ticket id and a `satisfaction_rated` event, or no event for
 * "Offered"/"Unoffered"; `{ ok: false, reason }` names the first bad field
 * (an unknown rating, a requester with neither id nor e-mail) without quoting
 * values. Does not throw for bad input.
 */
export function parseSatisfactionTrigger(json: unknown): ParsedSatisfaction {
  const parsed = checkPayload(triggerSchema, json);
  if (!parsed.ok) return parsed;
  const body = parsed.value;
  const rating = normalizeRating(body.rating);
  if (rating === undefined) {
    return { ok: false, reason: 'rating: must be a Zendesk satisfaction rating such as "Good, I\'m satisfied" or "Bad, I\'m unsatisfied"' };
  }
  if (rating === 'not_rated') return { ok: true, ticketId: body.ticket_id, events: [] };
  const requesterId = body.requester_id || undefined;
  if (requesterId === undefined && body.requester_email === undefined) {
    return { ok: false, reason: 'requester_id: is required when requester_email is blank' };
  }
  return { ok: true, ticketId: body.ticket_id, events: [toSatisfactionRated(body, rating, requesterId)] };
}

function toSatisfactionRated(body: TriggerBody, rating: 'good' | 'bad', requesterId: string | undefined): SatisfactionRated {
  const at = new Date(body.rated_at);
  return {
    type: 'satisfaction_rated',
    source: 'zendesk',
    // Zendesk keeps one rating per ticket and offers no placeholder for its
    // id. Ticket and rating together keep a change of mind (good → bad) as a
    // rating of its own, while the same rating sent twice stays one.
    externalId: `${body.ticket_id}:${rating}`,
    version: at,
    customer: { externalId: requesterId, email: body.requester_email, ...splitName(body.requester_name) },
    rating,
    comment: body.comment,
    ticketExternalId: body.ticket_id,
    ratedAt: at,
  };
}

/**
 * "Good, I'm satisfied" → good, "Bad, I'm unsatisfied" → bad (also the older
 * "Good"/"Bad" and any capitalisation); "Offered", "Unoffered" and a blank
 * placeholder mean no rating yet.
 */
function normalizeRating(text: string): 'good' | 'bad' | 'not_rated' | undefined {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'offered' || value === 'unoffered') return 'not_rated';
  if (/^good\b/.test(value)) return 'good';
  if (/^bad\b/.test(value)) return 'bad';
  return undefined;
}
