import type { KnownBlock } from '@slack/types';

/** A message as the builders return it: blocks plus the `text` fallback Slack uses in notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
