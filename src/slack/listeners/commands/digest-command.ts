import { buildDigest } from '../../../digest/build-digest.js';
import { storyNames } from '../../../digest/story-names.js';
import { digestPeriod } from '../../../digest/week.js';
import { digestMessage } from '../../blocks/digest-message.js';
import type { SlackMessage } from '../../blocks/message.js';
import { digestSettings, type SlackDeps } from '../../deps.js';

/**
 * `/delight digest`: this ISO week's digest as it stands now, only for the
 * person who asked: the same week the channel gets (or got) on schedule,
 * with the budget and what waits read at this moment.
 */
export function digestReply(deps: SlackDeps): SlackMessage {
  const now = deps.now();
  const digest = buildDigest(deps.db, digestPeriod(now, deps.config.timeZone), digestSettings(deps.config), now);
  return digestMessage(digest, storyNames(deps.db, digest.stories.map((story) => story.customerId)), { chartFollows: false });
}
