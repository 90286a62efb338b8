import type { KnownBlock, View } from '@slack/types';
import { MESSAGE_MAX_LENGTH } from '../../gestures/decide.js';
import { formatMoney, minorUnitDigits } from '../../money.js';
import type { GestureKind } from '../../nudges/moment.js';
import { BlockId, InputActionId, ViewId } from '../ids.js';
import { gestureLabel } from './format.js';

export const GESTURE_KINDS: readonly GestureKind[] = ['note', 'discount', 'gift_card', 'fee_refund', 'upgrade', 'gift', 'call', 'other'];

/** Labels in the modal's picker; "call from the founder" reads better there than on a card. */
const PICKER_LABELS: Partial<Record<GestureKind, string>> = { call: 'call from the founder', other: 'other' };

export interface GestureModalInput {
  nudgeId: number;
  suggestedKind: GestureKind;
  suggestedAmountCents: number;
  currency: string;
  /** Who opened it: the default fulfiller. */
  approverId: string;
  /** The card's headline, so the modal says which customer it is about. */
  headline: string;
}

/**
 * "Customize…": choose the gesture, its amount, the message to the customer
 * and who makes it happen — with the two questions to answer before spending.
 * Only the nudge id travels in private_metadata.
 */
export function gestureModal(input: GestureModalInput): View {
  const option = (kind: GestureKind) => ({ text: { type: 'plain_text' as const, text: capitalize(PICKER_LABELS[kind] ?? gestureLabel(kind)) }, value: kind });
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'plain_text', text: input.headline.slice(0, 2900), emoji: true } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: ':thinking_face: Before you spend: *Is it the right thing to do? Will it be a great experience?*' }],
    },
    {
      type: 'input',
      block_id: BlockId.gestureKind,
      label: { type: 'plain_text', text: 'Gesture' },
      element: { type: 'static_select', action_id: InputActionId.gestureKind, options: GESTURE_KINDS.map(option), initial_option: option(input.suggestedKind) },
    },
    {
      type: 'input',
      block_id: BlockId.gestureAmount,
      label: { type: 'plain_text', text: `Amount (${input.currency})` },
      hint: { type: 'plain_text', text: `What it costs from the budget, e.g. ${formatMoney(5000 * 10 ** (minorUnitDigits(input.currency) - 2), input.currency)}. 0 for a note or a call.` },
      element: {
        type: 'plain_text_input',
        action_id: InputActionId.gestureAmount,
        initial_value: majorUnits(input.suggestedAmountCents, input.currency),
        max_length: 12,
      },
    },
    {
      type: 'input',
      block_id: BlockId.gestureMessage,
      optional: true,
      label: { type: 'plain_text', text: 'Message to the customer' },
      hint: { type: 'plain_text', text: 'Make sure they know what you did for them. Shown on the card; the fulfiller can change it.' },
      element: { type: 'plain_text_input', action_id: InputActionId.gestureMessage, multiline: true, max_length: MESSAGE_MAX_LENGTH },
    },
    {
      type: 'input',
      block_id: BlockId.gestureFulfiller,
      label: { type: 'plain_text', text: 'Who makes it happen' },
      element: { type: 'users_select', action_id: InputActionId.gestureFulfiller, initial_user: input.approverId },
    },
  ];
  return {
    type: 'modal',
    callback_id: ViewId.gestureModal,
    private_metadata: JSON.stringify({ nudgeId: input.nudgeId }),
    title: { type: 'plain_text', text: 'Customize the gesture' },
    submit: { type: 'plain_text', text: 'Approve' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** "Mark as done": what the customer got told, and a note for the team (the code sent). */
export function fulfilModal(input: { nudgeId: number; customerMessage: string | null; headline: string }): View {
  return {
    type: 'modal',
    callback_id: ViewId.fulfilModal,
    private_metadata: JSON.stringify({ nudgeId: input.nudgeId }),
    title: { type: 'plain_text', text: 'Mark as done' },
    submit: { type: 'plain_text', text: 'Done' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'plain_text', text: input.headline.slice(0, 2900), emoji: true } },
      {
        type: 'input',
        block_id: BlockId.fulfilMessage,
        label: { type: 'plain_text', text: 'What did the customer get told?' },
        hint: { type: 'plain_text', text: 'Make sure they know what you did: the message they received, in a sentence or two.' },
        element: {
          type: 'plain_text_input',
          action_id: InputActionId.fulfilMessage,
          multiline: true,
          max_length: MESSAGE_MAX_LENGTH,
          ...(input.customerMessage ? { initial_value: input.customerMessage.slice(0, MESSAGE_MAX_LENGTH) } : {}),
        },
      },
      {
        type: 'input',
        block_id: BlockId.fulfilNote,
        optional: true,
        label: { type: 'plain_text', text: 'Note for the team' },
        hint: { type: 'plain_text', text: 'E.g. the discount code sent or the tracking number.' },
        element: { type: 'plain_text_input', action_id: InputActionId.fulfilNote, max_length: 300 },
      },
    ],
  };
}

/** 5000 USD cents → "50"; 4950 → "49.50"; 500 JPY → "500". */
function majorUnits(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  if (digits === 0) return String(minor);
  const whole = Math.floor(minor / 10 ** digits);
  const fraction = minor % 10 ** digits;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(digits, '0')}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
