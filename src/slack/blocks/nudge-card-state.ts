import type { ActionsBlockElement, KnownBlock } from '@slack/types';
import { AUTO_FULFILLER_ID } from '../../gestures/decide.js';
import { formatMoney, twoDecimalsIn } from '../../money.js';
import type { GestureView, NudgeView } from '../../nudges/nudge-view.js';
import { ActionId, BlockId, ONE_CLICK_AMOUNTS } from '../ids.js';
import { customerText, truncate } from './escape.js';
import { formatDay, formatMoment, gestureLabel } from './format.js';

/**
 * The lower half of a nudge card: the decision controls while it is open, and
 * afterwards who decided, the gesture's fulfilment and its controls.
 */
export function stateBlocks(view: NudgeView, timeZone: string): KnownBlock[] {
  const budget = context(budgetLine(view));
  const when = view.decision ? ` · ${formatMoment(view.decision.at, timeZone)}` : '';
  const gesture = view.gesture;
  switch (view.state) {
    case 'pending':
      if (gesture?.state === 'requested') return [...requestBlocks(view, gesture), budget];
      return [decisionActions(view), budget];
    case 'approved':
      return gesture ? [...gestureBlocks(view, gesture, when, timeZone), budget] : [section(`:white_check_mark: <@${view.decision?.by ?? 'unknown'}> approved a gesture${when}`), budget];
    case 'skipped':
      if (gesture?.state === 'declined') return [section(`:no_entry_sign: <@${gesture.closedBy ?? view.decision?.by ?? 'unknown'}> declined the ${money(gesture)} ${gestureLabel(gesture.kind)} <@${gesture.requestedBy ?? 'unknown'}> asked for${when}`)];
      return [section(`:fast_forward: Skipped by <@${view.decision?.by ?? 'unknown'}>${when}`)];
    case 'expired':
      return [section(':hourglass: Expired: nobody decided in time.')];
    case 'queued':
      return [context(`:inbox_tray: Waiting in the queue · ${budgetLine(view)}`)];
  }
}

/** The message's plain-text fallback ending: what happened to the nudge. */
export function stateSuffix(view: NudgeView): string {
  const gesture = view.gesture;
  switch (view.state) {
    case 'pending':
      return gesture?.state === 'requested' ? ` — waiting for a manager` : '';
    case 'approved':
      return ` — approved ${gesture ? money(gesture) : ''} by <@${view.decision?.by}>${gesture?.state === 'fulfilled' ? ', done' : ''}`;
    case 'skipped':
      return gesture?.state === 'declined' ? ` — declined by <@${gesture.closedBy}>` : ` — skipped by <@${view.decision?.by}>`;
    case 'expired':
      return ' — expired';
    case 'queued':
      return ' — queued';
  }
}

function decisionActions(view: NudgeView): KnownBlock {
  const value = String(view.nudgeId);
  const currency = view.budget.currency;
  const suggested = view.suggestedAmountCents ?? 0;
  const oneClick = [ONE_CLICK_AMOUNTS[ActionId.approveSmall], ONE_CLICK_AMOUNTS[ActionId.approveLarge]].map((cents) => twoDecimalsIn(cents, currency));
  const elements: ActionsBlockElement[] = [];
  // The rule's own suggestion gets a button when the one-click amounts do not already offer it.
  if (!(oneClick.includes(suggested) && view.suggestedGesture === 'other')) {
    const label = suggested > 0 ? `Approve ${formatMoney(suggested, currency)} ${gestureLabel(view.suggestedGesture)}` : `Approve: ${gestureLabel(view.suggestedGesture)}`;
    elements.push(button(ActionId.approveSuggested, truncate(label, 75), value, 'primary'));
  }
  elements.push(
    button(ActionId.approveSmall, `Approve ${formatMoney(oneClick[0] ?? 0, currency)} gesture`, value, elements.length === 0 ? 'primary' : undefined),
    button(ActionId.approveLarge, `Approve ${formatMoney(oneClick[1] ?? 0, currency)} gesture`, value),
    button(ActionId.customize, 'Customize…', value),
    button(ActionId.addNote, 'Add a note', value),
    button(ActionId.skip, 'Skip', value),
  );
  return { type: 'actions', block_id: BlockId.nudgeActions, elements };
}

const ESCALATION_TEXT: Readonly<Record<string, string>> = {
  over_limit: 'above the per-gesture limit',
  approver_limit: "above the approver's monthly limit",
  cooldown: 'the customer had a gesture recently',
  ahead_of_pace: 'spending runs ahead of pace',
};

/** Why a gesture waits for a manager, as the card says it: "above the per-gesture limit". */
export function escalationText(escalation: string | null | undefined): string {
  return ESCALATION_TEXT[escalation ?? ''] ?? 'it needs a manager';
}

function requestBlocks(view: NudgeView, gesture: GestureView): KnownBlock[] {
  const managers = (view.managerIds ?? []).map((id) => `<@${id}>`).join(', ');
  const why = escalationText(gesture.escalation);
  const value = String(view.nudgeId);
  return [
    section(
      `:hourglass_flowing_sand: <@${gesture.requestedBy ?? 'unknown'}> asks for a *${money(gesture)} ${gestureLabel(gesture.kind)}* — waiting for a manager${managers ? ` (${managers})` : ''}: ${why}.${message(gesture)}`,
    ),
    {
      type: 'actions',
      block_id: BlockId.nudgeActions,
      elements: [
        button(ActionId.approveRequest, truncate(`Approve ${money(gesture)} ${gestureLabel(gesture.kind)}`, 75), value, 'primary'),
        button(ActionId.declineRequest, 'Decline', value, 'danger'),
        button(ActionId.addNote, 'Add a note', value),
      ],
    },
  ];
}

function gestureBlocks(view: NudgeView, gesture: GestureView, when: string, timeZone: string): KnownBlock[] {
  const approved = `:white_check_mark: <@${view.decision?.by ?? gesture.approvedBy ?? 'unknown'}> approved a *${money(gesture)} ${gestureLabel(gesture.kind)}*${when}`;
  const value = String(view.nudgeId);
  const controls: KnownBlock = {
    type: 'actions',
    block_id: BlockId.nudgeActions,
    elements: [
      button(ActionId.markDone, 'Mark as done', value, 'primary'),
      {
        type: 'button',
        action_id: ActionId.cancelGesture,
        text: { type: 'plain_text', text: 'Cancel gesture' },
        value,
        style: 'danger',
        confirm: {
          title: { type: 'plain_text', text: 'Cancel this gesture?' },
          text: { type: 'plain_text', text: `The ${money(gesture)} goes back to this month's budget.` },
          confirm: { type: 'plain_text', text: 'Cancel it' },
          deny: { type: 'plain_text', text: 'Keep it' },
        },
      },
    ],
  };
  switch (gesture.state) {
    case 'approved': {
      const who = gesture.fulfillerId ? ` · ${person(gesture.fulfillerId)} makes it happen${gesture.fulfillerId === AUTO_FULFILLER_ID ? ' automatically' : ''}` : '';
      const overdue = gesture.overdue ? '\n:warning: *Overdue:* not marked done yet.' : '';
      return [section(`${approved}${who}${message(gesture)}${overdue}`), controls];
    }
    case 'fulfilled': {
      const at = gesture.fulfilledAt ? ` ${formatDay(gesture.fulfilledAt, timeZone)}` : '';
      const note = gesture.fulfilmentNote ? `\n:memo: ${customerText(gesture.fulfilmentNote, 500)}` : '';
      return [section(`${approved}\n:gift: *Done:* ${person(gesture.fulfilledBy ?? 'unknown')} marked it done${at}.${message(gesture, 'Told the customer')}${note}`)];
    }
    case 'cancelled':
      return [section(`${approved}\n:heavy_multiplication_x: Cancelled by <@${gesture.closedBy ?? 'unknown'}>; the ${money(gesture)} went back to the budget.`)];
    case 'failed':
      return [section(`${approved}\n:warning: *The automatic fulfilment failed:* ${customerText(gesture.closeReason ?? 'no reason given', 300)}. Do it by hand and mark it done, or cancel it.`), controls];
    default:
      return [section(approved)];
  }
}

/** A mention, except for delightbot itself (an automatic fulfiller), which has no Slack user id. */
function person(id: string): string {
  return id === AUTO_FULFILLER_ID ? 'delightbot' : `<@${id}>`;
}

function message(gesture: GestureView, label = 'Message for the customer'): string {
  return gesture.customerMessage ? `\n_${label}:_ ${customerText(gesture.customerMessage, 1000)}` : '';
}

function money(gesture: GestureView): string {
  return formatMoney(gesture.amountCents, gesture.currency);
}

function budgetLine(view: NudgeView): string {
  const { budget, pace } = view;
  const base = `:moneybag: Budget ${budget.month}: ${formatMoney(budget.leftCents, budget.currency)} left of ${formatMoney(budget.limitCents, budget.currency)}`;
  if (!pace) return base;
  const status = pace.status === 'ahead' ? `*ahead of pace* (${formatMoney(pace.aheadByCents, budget.currency)} over)` : 'on pace';
  return `${base} · ${status}: ${formatMoney(pace.expectedCents, budget.currency)} by today`;
}

function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): ActionsBlockElement {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text }, value, ...(style ? { style } : {}) };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000), verbatim: true } };
}
