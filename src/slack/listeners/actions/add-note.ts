import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { eq } from 'drizzle-orm';
import { nudges } from '../../../db/schema.js';
import { noteModal } from '../../blocks/note-modal.js';
import type { SlackDeps } from '../../deps.js';
import { ActionId } from '../../ids.js';
import { nudgeIdValue } from '../../payloads.js';
import { replyPrivately } from './reply-privately.js';

/** Add a note: opens the note modal, pre-filled with the current note. */
export function registerAddNote(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ActionId.addNote, async ({ ack, body, action, client }) => {
    await ack();
    const nudgeId = nudgeIdValue.safeParse(action.value);
    const nudge = nudgeId.success ? deps.db.select().from(nudges).where(eq(nudges.id, nudgeId.data)).get() : undefined;
    if (!nudge) {
      await replyPrivately(client, body, 'This nudge no longer exists.', deps.logger);
      return;
    }
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: noteModal(nudge.id, nudge.note) });
    } catch (error) {
      deps.logger.warn({ nudgeId: nudge.id, slackError: (error as { data?: { error?: string } }).data?.error }, 'could not open the note modal');
      await replyPrivately(client, body, 'Slack did not open the note window in time. Please click Add a note again.', deps.logger);
    }
  });
}
