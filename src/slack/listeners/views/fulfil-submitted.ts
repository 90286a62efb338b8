import type { App } from '@slack/bolt';
import { markFulfilled } from '../../../gestures/fulfilment.js';
import { decisionSettings, type SlackDeps } from '../../deps.js';
import { BlockId, InputActionId, ViewId } from '../../ids.js';
import { readInput } from './view-input.js';

/** Mark as done was submitted: the customer's message is required, so the card can say what they got. */
export function registerFulfilSubmitted(app: App, deps: SlackDeps): void {
  app.view(ViewId.fulfilModal, async ({ ack, view, body }) => {
    const nudgeId = readInput.nudgeId(view.private_metadata);
    const message = readInput.field(view, BlockId.fulfilMessage, InputActionId.fulfilMessage)?.value?.trim() ?? '';
    if (nudgeId === null) {
      await ack({ response_action: 'errors', errors: { [BlockId.fulfilMessage]: 'This window is not from a delightbot card.' } });
      return;
    }
    if (!message) {
      await ack({ response_action: 'errors', errors: { [BlockId.fulfilMessage]: 'Write what the customer was told: make sure they know what you did.' } });
      return;
    }
    const note = readInput.field(view, BlockId.fulfilNote, InputActionId.fulfilNote)?.value ?? null;
    const result = markFulfilled(deps.db, { nudgeId, actorId: body.user.id, customerMessage: message, note }, decisionSettings(deps.config, deps.groups, deps.autoKinds), deps.now());
    if (result.outcome !== 'done') {
      const text = result.outcome === 'refused' ? result.message : 'This gesture no longer exists.';
      await ack({ response_action: 'errors', errors: { [BlockId.fulfilMessage]: text.slice(0, 150) } });
      return;
    }
    await ack();
    deps.kickOutbox();
  });
}
