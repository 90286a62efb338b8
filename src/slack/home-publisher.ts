import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.js';
import { loadHomeView, type HomeSettings } from '../gestures/home-view.js';
import type { WorkspaceLinks } from './blocks/card-link.js';
import { homeTab } from './blocks/home-tab.js';

/** What publishing a Home tab needs; the settings and links are read at each publish, so a changed user group counts at once. */
export interface HomePublisherDeps {
  db: Db;
  channelId: string;
  settings: () => HomeSettings;
  workspace: () => WorkspaceLinks;
  now: () => Date;
}

/**
 * Reads the person's Home tab from the database and publishes it with
 * `views.publish` (no OAuth scope needed).
 * @throws the Web API client's error when Slack refuses or cannot be reached.
 */
export async function publishHome(client: WebClient, deps: HomePublisherDeps, userId: string): Promise<void> {
  const settings = deps.settings();
  const view = loadHomeView(deps.db, { userId, settings }, deps.now());
  await client.views.publish({ user_id: userId, view: homeTab(view, { timeZone: settings.timeZone, channelId: deps.channelId, workspace: deps.workspace() }) });
}
