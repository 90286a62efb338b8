import type { App } from '@slack/bolt';
import { approveNudge } from '../../../gestures/decide.js';
import { decimalToMinor } from '../../../money.js';
import type { GestureKind } from '../../../nudges/moment.js';
import { GESTURE_KINDS } from '../../blocks/gesture-modal.js';
import { decisionSettings, type SlackDeps } from '../../deps.js';
import { BlockId, InputActionId, ViewId } from '../../ids.js';
import { decisionReply } from '../actions/decision-reply.js';
import { readInput, tellInChannelOf } from './view-input.js';

/**
 * The Customize… window was submitted: checked field by field, then approved
 * (or sent to a manager) by the same policy as a click. A refusal stays in the
 * window as an error on the amount, so the approver can change it.
 */
export function registerGestureSubmitted(app: App, deps: SlackDeps): void {
  app.view(ViewId.gestureModal, async ({ ack, view, body, client }) => {
    const currency = deps.config.budgetCurrency;
    const nudgeId = readInput.nudgeId(view.private_metadata);
    const kindText = readInput.field(view, BlockId.gestureKind, InputActionId.gestureKind)?.selected_option?.value;
    const amountText = readInput.field(view, BlockId.gestureAmount, InputActionId.gestureAmount)?.value?.trim().replace(/^[^\d-]+/, '') ?? '';
    const amountCents = decimalToMinor(amountText, currency);
    const errors: Record<string, string> = {};
    if (nudgeId === null) errors[BlockId.gestureAmount] = 'This window is not from a delightbot card.';
    if (!kindText || !GESTURE_KINDS.includes(kindText as GestureKind)) errors[BlockId.gestureKind] = 'Pick a gesture.';
    if (amountCents === null || amountCents < 0) errors[BlockId.gestureAmount] = `Write an amount in ${currency}, such as 50 or 49.50.`;
    if (Object.keys(errors).length > 0 || nudgeId === null || amountCents === null) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const result = approveNudge(
      deps.db,
      {
        nudgeId,
        actorId: body.user.id,
        amountCents,
        kind: kindText as GestureKind,
        fulfillerId: fulfillerOf(deps, kindText as GestureKind, readInput.field(view, BlockId.gestureFulfiller, InputActionId.gestureFulfiller)?.selected_user, body.user.id),
        customerMessage: readInput.field(view, BlockId.gestureMessage, InputActionId.gestureMessage)?.value ?? null,
        via: 'modal',
      },
      decisionSettings(deps.config, deps.groups, deps.autoKinds),
      deps.now(),
    );
    if (result.outcome === 'refused' || result.outcome === 'already_decided' || result.outcome === 'not_found') {
      await ack({ response_action: 'errors', errors: { [BlockId.gestureAmount]: (decisionReply(result, currency) ?? '').replace(/^:no_entry: /, '').slice(0, 150) } });
      return;
    }
    await ack();
    deps.kickOutbox();
    const reply = decisionReply(result, currency);
    if (reply) await tellInChannelOf(deps, client, nudgeId, body.user.id, reply);
  });
}

/**
 * The window's fulfiller starts as the approver; for a kind an integration
 * makes happen, leaving it so hands the gesture to the integration, and
 * choosing someone else keeps it with that person.
 */
function fulfillerOf(deps: SlackDeps, kind: GestureKind, chosen: string | null | undefined, approverId: string): string | null {
  if (deps.autoKinds?.has(kind) && (!chosen || chosen === approverId)) return null;
  return chosen ?? approverId;
}
