import type { ViewOutput } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { nudges } from '../../../db/schema.js';
import type { SlackDeps } from '../../deps.js';
import { inputState, nudgeModalMetadata } from '../../payloads.js';

/** Reads a submitted window's fields through the payload schemas: anything unexpected reads as missing. */
export const readInput = {
  nudgeId(privateMetadata: string): number | null {
    const parsed = nudgeModalMetadata.safeParse(privateMetadata);
    return parsed.success ? parsed.data.nudgeId : null;
  },
  field(view: ViewOutput, blockId: string, actionId: string): z.infer<typeof inputState> | null {
    const parsed = inputState.safeParse(view.state.values[blockId]?.[actionId]);
    return parsed.success ? parsed.data : null;
  },
};

/** A private message to the submitter in the card's channel: a window has no channel of its own. */
export async function tellInChannelOf(deps: SlackDeps, client: WebClient, nudgeId: number, userId: string, text: string): Promise<void> {
  const channel = deps.db.select({ channelId: nudges.channelId }).from(nudges).where(eq(nudges.id, nudgeId)).get()?.channelId ?? deps.config.channelId;
  try {
    await client.chat.postEphemeral({ channel, user: userId, text });
  } catch (error) {
    deps.logger.warn({ nudgeId, slackError: (error as { data?: { error?: string } }).data?.error }, 'ephemeral reply failed');
  }
}
