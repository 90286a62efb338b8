/**
 * Every action, block, view and callback id in one place, shared by the Block
 * Kit builders, the listeners and the payload schemas: renaming one here
 * renames it everywhere, and a typo becomes a type error.
 */
export const ActionId = {
  approveSmall: 'nudge_approve_small',
  approveLarge: 'nudge_approve_large',
  skip: 'nudge_skip',
  addNote: 'nudge_add_note',
} as const;

export const ViewId = {
  noteModal: 'nudge_note_modal',
} as const;

export const BlockId = {
  noteInput: 'note_input',
  nudgeActions: 'nudge_actions',
} as const;

export const InputActionId = {
  noteText: 'note_text',
} as const;

/** The two one-click gesture amounts on a nudge card, in cents. */
export const ONE_CLICK_AMOUNTS = {
  [ActionId.approveSmall]: 5000,
  [ActionId.approveLarge]: 10000,
} as const;

/** Metadata event type on posted cards, so a card can be found again from the channel. */
export const NUDGE_METADATA_EVENT = 'delight_nudge';
