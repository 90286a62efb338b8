import type { App } from '@slack/bolt';
import { deferHomeRefresh, enqueueHomeRefresh, homeRefreshGeneration, rememberHomeTabUser } from '../../../gestures/home-queue.js';
import { homeSettings, type SlackDeps } from '../../deps.js';
import { publishHome, type HomePublisherDeps } from '../../home-publisher.js';
import { classifySlackError, retryDelayMs } from '../../slack-errors.js';

/**
 * Someone opened the bot's Home tab: publish their view at once (Bolt has
 * already acknowledged the event) and remember that they use the tab, so
 * changes that concern everyone reach them too. When Slack fails or asks us
 * to slow down, the outbox takes the publish over with its usual retry rules.
 */
export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  const publisher: HomePublisherDeps = {
    db: deps.db,
    channelId: deps.config.channelId,
    settings: () => homeSettings(deps.config, deps.groups),
    workspace: deps.workspace,
    now: deps.now,
  };
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const userId = event.user;
    // Read with the view, before the call: a change queued while the call is out might be published by the outbox before this older view lands.
    const generation = homeRefreshGeneration(deps.db, userId);
    try {
      await publishHome(client, publisher, userId);
      rememberHomeTabUser(deps.db, userId, deps.now());
      if (homeRefreshGeneration(deps.db, userId) !== (generation ?? 0)) {
        enqueueHomeRefresh(deps.db, [userId], deps.now());
        deps.kickOutbox();
      }
    } catch (error) {
      const failure = classifySlackError(error);
      deps.logger[failure.permanent ? 'error' : 'warn']({ userId, slackError: failure.reason }, 'could not publish a home tab');
      if (failure.permanent) return;
      deferHomeRefresh(deps.db, userId, failure.reason, failure.retryAfterMs ?? retryDelayMs(0), deps.now());
      deps.kickOutbox();
    }
  });
}
