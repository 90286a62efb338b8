import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.js';
import { boltLogger } from '../logger.js';
import type { WorkspaceLinks } from './blocks/card-link.js';
import { botAuthorization } from './bot-authorization.js';
import type { SlackDeps } from './deps.js';
import { register as registerActions } from './listeners/actions/index.js';
import { register as registerCommands } from './listeners/commands/index.js';
import { register as registerEvents } from './listeners/events/index.js';
import { register as registerViews } from './listeners/views/index.js';

export interface CustomRoute {
  path: string;
  method: string | string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface SlackApp {
  app: App;
  /** The bot's own Web API client, for work outside a listener (the outbox). */
  client: WebClient;
  /**
   * Calls auth.test once.
   * @throws BotTokenRejected when Slack refuses the token; other errors mean Slack could not be reached.
   */
  verifyToken: () => Promise<void>;
  /** The workspace's URL and team id, known once `auth.test` answered. */
  workspace: () => WorkspaceLinks;
}

export interface SlackAppOptions {
  deps: SlackDeps;
  routes: CustomRoute[];
  /** Socket Mode for local development without a public URL; needs SLACK_APP_TOKEN. */
  socketMode: boolean;
}

/**
 * The Bolt app in HTTP mode (Slack's events, interactivity and slash commands
 * on POST /slack/events, plus our own routes) or in Socket Mode.
 * The Web API client never retries by itself: the outbox decides when to try
 * again, and a modal's trigger id is dead long before a retry would land.
 */
export function createSlackApp({ deps, routes, socketMode }: SlackAppOptions): SlackApp {
  const { config } = deps;
  const logger = boltLogger(deps.logger);
  const receiver = createReceiver(config, routes, socketMode, logger);
  const clientOptions: WebClientOptions = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger,
  };
  const client = new WebClient(config.slack.botToken, clientOptions);
  const { authorize, workspace } = botAuthorization(client, config.slack.botToken);
  const app = new App({ authorize, receiver, logger, clientOptions });
  registerActions(app, deps);
  registerViews(app, deps);
  registerCommands(app, deps);
  registerEvents(app, deps);
  app.error((error) => {
    deps.logger.error({ code: error.code, message: error.message }, 'slack listener failed');
    return Promise.resolve();
  });
  return { app, client, verifyToken: async () => void (await authorize()), workspace };
}

function createReceiver(config: Config, routes: CustomRoute[], socketMode: boolean, logger: ReturnType<typeof boltLogger>): Receiver {
  if (socketMode) {
    if (!config.slack.appToken) throw new Error('Socket Mode needs SLACK_APP_TOKEN (Basic Information → App-Level Tokens, scope connections:write)');
    return new SocketModeReceiver({ appToken: config.slack.appToken, customRoutes: routes, installerOptions: { port: config.port }, logger });
  }
  return new HTTPReceiver({
    signingSecret: config.slack.signingSecret,
    customRoutes: routes,
    logger,
    bodyLimit: 1024 * 1024,
  });
}
