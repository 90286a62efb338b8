import type { App } from '@slack/bolt';
import { saveNote } from '../../../gestures/decide.js';
import type { SlackDeps } from '../../deps.js';
import { BlockId, InputActionId, ViewId } from '../../ids.js';
import { noteModalMetadata } from '../../payloads.js';

/** The note modal was submitted: validate, save on the nudge, refresh the card. */
export function registerNoteSubmitted(app: App, deps: SlackDeps): void {
  app.view(ViewId.noteModal, async ({ ack, view, body }) => {
    const note = view.state.values[BlockId.noteInput]?.[InputActionId.noteText]?.value?.trim() ?? '';
    if (!note) {
      await ack({ response_action: 'errors', errors: { [BlockId.noteInput]: 'Write a note, or press Cancel.' } });
      return;
    }
    const metadata = noteModalMetadata.safeParse(view.private_metadata);
    if (!metadata.success) {
      await ack({ response_action: 'errors', errors: { [BlockId.noteInput]: 'This window is not from a delightbot card.' } });
      return;
    }
    const saved = saveNote(deps.db, { nudgeId: metadata.data.nudgeId, actorId: body.user.id, note }, deps.now());
    if (!saved) {
      await ack({ response_action: 'errors', errors: { [BlockId.noteInput]: 'This nudge no longer exists.' } });
      return;
    }
    await ack();
    deps.kickOutbox();
  });
}
