import type { BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';

/**
 * Tells only the person who clicked, in the channel where they clicked. A
 * failure is logged and swallowed: the decision itself is already committed.
 */
export async function replyPrivately(client: WebClient, body: BlockAction, text: string, logger: Logger): Promise<void> {
  const container = body.container as { channel_id?: string } | undefined;
  const channel = body.channel?.id ?? container?.channel_id;
  if (!channel) return;
  try {
    await client.chat.postEphemeral({ channel, user: body.user.id, text });
  } catch (error) {
    const slackError = (error as { data?: { error?: string } }).data?.error;
    logger.warn({ slackError }, 'ephemeral reply failed');
  }
}
