/**
 * Every action, block, view and callback id in one place, shared by the Block
 * Kit builders, the listeners and the payload schemas: renaming one here
 * renames it everywhere, and a typo becomes a type error.
 */
export const ActionId = {
  approveSuggested: 'nudge_approve_suggested',
  approveSmall: 'nudge_approve_small',
  approveLarge: 'nudge_approve_large',
  customize: 'nudge_customize',
  skip: 'nudge_skip',
  addNote: 'nudge_add_note',
  approveRequest: 'gesture_approve_request',
  declineRequest: 'gesture_decline_request',
  markDone: 'gesture_mark_done',
  cancelGesture: 'gesture_cancel',
} as const;

export const ViewId = {
  noteModal: 'nudge_note_modal',
  gestureModal: 'nudge_gesture_modal',
  fulfilModal: 'gesture_fulfil_modal',
} as const;

export const BlockId = {
  noteInput: 'note_input',
  nudgeActions: 'nudge_actions',
  gestureKind: 'gesture_kind',
  gestureAmount: 'gesture_amount',
  gestureMessage: 'gesture_message',
  gestureFulfiller: 'gesture_fulfiller',
  fulfilMessage: 'fulfil_message',
  fulfilNote: 'fulfil_note',
} as const;

export const InputActionId = {
  noteText: 'note_text',
  gestureKind: 'gesture_kind_select',
  gestureAmount: 'gesture_amount_text',
  gestureMessage: 'gesture_message_text',
  gestureFulfiller: 'gesture_fulfiller_user',
  fulfilMessage: 'fulfil_message_text',
  fulfilNote: 'fulfil_note_text',
} as const;

/** The two one-click gesture amounts on a nudge card, in minor units of the budget currency. */
export const ONE_CLICK_AMOUNTS = {
  [ActionId.approveSmall]: 5000,
  [ActionId.approveLarge]: 10000,
} as const;

/** Metadata event type on posted cards, so a card can be found again from the channel. */
export const NUDGE_METADATA_EVENT = 'delight_nudge';
