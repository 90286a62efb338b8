import type { View } from '@slack/types';
import { NOTE_MAX_LENGTH } from '../../gestures/decide.js';
import { BlockId, InputActionId, ViewId } from '../ids.js';

/** The "Add a note" modal. Only the nudge id travels in private_metadata. */
export function noteModal(nudgeId: number, currentNote: string | null): View {
  return {
    type: 'modal',
    callback_id: ViewId.noteModal,
    private_metadata: JSON.stringify({ nudgeId }),
    title: { type: 'plain_text', text: 'Add a note' },
    submit: { type: 'plain_text', text: 'Save note' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: BlockId.noteInput,
        label: { type: 'plain_text', text: 'Note for the team' },
        hint: { type: 'plain_text', text: 'What to write to the customer, or what you found. Shown on the card.' },
        element: {
          type: 'plain_text_input',
          action_id: InputActionId.noteText,
          multiline: true,
          max_length: NOTE_MAX_LENGTH,
          ...(currentNote ? { initial_value: currentNote } : {}),
        },
      },
    ],
  };
}
