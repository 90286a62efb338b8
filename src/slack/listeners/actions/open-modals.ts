import type { App } from '@slack/bolt';
import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { cancelGesture } from '../../../gestures/fulfilment.js';
import { loadNudgeView } from '../../../nudges/nudge-view.js';
import { fulfilModal, gestureModal } from '../../blocks/gesture-modal.js';
import { nudgeHeadline } from '../../blocks/nudge-headline.js';
import { budgetSettings, decisionSettings, type SlackDeps } from '../../deps.js';
import { ActionId } from '../../ids.js';
import { onNudgeButton } from './nudge-button.js';

/**
 * Customize… opens the gesture window, Mark as done the fulfilment window,
 * Cancel gesture (confirmed in Slack's own dialog) cancels at once.
 */
export function registerGestureControls(app: App, deps: SlackDeps): void {
  onNudgeButton(app, deps, ActionId.customize, async ({ nudgeId, userId, triggerId, client }) => {
    const view = loadNudgeView(deps.db, nudgeId, budgetSettings(deps.config, deps.groups), deps.now());
    if (!view) return 'This nudge no longer exists (its customer may have been erased).';
    if (view.state !== 'pending' || view.gesture) return 'This nudge is already decided; its card shows how. Nothing changed.';
    const modal = gestureModal({
      nudgeId,
      suggestedKind: view.suggestedGesture,
      suggestedAmountCents: view.suggestedAmountCents ?? 0,
      currency: deps.config.budgetCurrency,
      approverId: userId,
      headline: nudgeHeadline(view),
    });
    return openModal(client, triggerId, modal, deps, nudgeId);
  });
  onNudgeButton(app, deps, ActionId.markDone, async ({ nudgeId, triggerId, client }) => {
    const view = loadNudgeView(deps.db, nudgeId, budgetSettings(deps.config, deps.groups), deps.now());
    if (!view?.gesture) return 'This nudge has no gesture to mark as done.';
    if (view.gesture.state !== 'approved' && view.gesture.state !== 'failed') return 'This gesture is not waiting to be done; its card shows where it stands. Nothing changed.';
    return openModal(client, triggerId, fulfilModal({ nudgeId, customerMessage: view.gesture.customerMessage ?? null, headline: nudgeHeadline(view) }), deps, nudgeId);
  });
  onNudgeButton(app, deps, ActionId.cancelGesture, ({ nudgeId, userId }) => {
    const result = cancelGesture(deps.db, { nudgeId, actorId: userId, reason: null }, decisionSettings(deps.config, deps.groups, deps.autoKinds), deps.now());
    if (result.outcome === 'not_found') return 'This nudge has no gesture to cancel.';
    return result.outcome === 'refused' ? `:no_entry: ${result.message}` : null;
  });
}

/** Opens a modal; Slack refuses a trigger older than 3 seconds, which the clicker is told. */
async function openModal(client: WebClient, triggerId: string, view: View, deps: SlackDeps, nudgeId: number): Promise<string | null> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
    return null;
  } catch (error) {
    deps.logger.warn({ nudgeId, slackError: (error as { data?: { error?: string } }).data?.error }, 'could not open a modal');
    return 'Slack did not open the window in time. Please click the button again.';
  }
}
