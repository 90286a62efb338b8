import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { openDatabase, runMigrations, type Db, type OpenedDatabase } from './db/client.js';
import { privacyHooks } from './history/privacy/index.js';
import { webhookSources } from './ingest/sources.js';
import { webhookRoute, type WebhookDeps } from './ingest/webhook-route.js';
import { startJobs, type Jobs } from './jobs/index.js';
import type { NudgeSettings } from './nudges/engine.js';
import { runDueWork } from './nudges/periodic.js';
import { homeRefreshOnNewDay } from './gestures/home-queue.js';
import { remindOverdue } from './gestures/reminders.js';
import { createSlackApp, type CustomRoute } from './slack/app.js';
import { BotTokenRejected } from './slack/bot-authorization.js';
import { autoKinds, runAutoFulfilment, type AutoFulfiller } from './gestures/auto-fulfil.js';
import type { WorkspaceLinks } from './slack/blocks/card-link.js';
import { budgetSettings, decisionSettings, digestSettings, homeSettings, type GroupMembers } from './slack/deps.js';
import { claimWeeklyDigest, noteFirstStart } from './digest/weekly.js';
import { cronExpression } from './digest/week.js';
import { UserGroups } from './slack/user-groups.js';
import { SlackOutbox } from './slack/outbox.js';

export interface StartOptions {
  config: Config;
  logger: Logger;
  now?: () => Date;
  socketMode?: boolean;
  /** Background jobs (cron); off in tests that drive time themselves. */
  jobs?: boolean;
  /** Uniform in [0, 1) for the surprise rule; Math.random unless a test pins it. */
  random?: () => number;
  /** Integrations that make gestures happen by themselves; none ships yet. */
  fulfillers?: readonly AutoFulfiller[];
}

export interface Running {
  app: App;
  db: Db;
  database: OpenedDatabase;
  outbox: SlackOutbox;
  /** The HTTP port actually bound (useful with PORT=0). */
  port: number;
  /**
   * Runs every periodic job that is due at `now()` (scans, expiry, the queue's
   * release) and kicks the outbox. The cron jobs call it every minute; tests
   * that drive the clock call it themselves.
   */
  tick(): Promise<void>;
  /**
   * Claims and queues this ISO week's digest if its scheduled time has come
   * and the week is not claimed yet, then kicks the outbox. The jobs call it
   * at the scheduled time, every minute and at start.
   * @returns the week claimed, or null.
   */
  digestIfDue(): string | null;
  stop(): Promise<void>;
}

/**
 * Wires delightbot together: database and migrations, webhook routes, the
 * Slack app, the outbox and the jobs; then listens. `/healthz` answers 200
 * only from here on, so it means "migrated and listening".
 */
export async function startDelightbot(options: StartOptions): Promise<Running> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const database = openDatabase(config.databasePath);
  runMigrations(database);
  const { db } = database;
  noteFirstStart(db, now());
  // The outbox needs the app's client and the app's listeners need the outbox: a late-bound kick breaks the cycle.
  let kickOutbox = (): void => undefined;
  const nudgeSettings: NudgeSettings = { playbook: config.playbook, timeZone: config.timeZone, random: options.random ?? Math.random };
  const privacy = privacyHooks({ db, exportDir: config.exportDir, logger: logger.child({ component: 'privacy' }), now });
  const webhookDeps: WebhookDeps = {
    db,
    logger: logger.child({ component: 'ingest' }),
    now,
    apply: { settings: nudgeSettings, onPrivacyRequest: privacy.onPrivacyRequest },
    onCommitted: (result) => {
      if (result.privacyEvents.length > 0) {
        // Erasures re-queue cards and data requests queue a notice: both go out with the kick.
        privacy.afterCommit(result.privacyEvents);
        kickOutbox();
      }
      if (result.nudgeIds.length > 0) kickOutbox();
    },
  };
  let listening = false;
  const routes: CustomRoute[] = [
    ...webhookSources(config).map((source) => webhookRoute(source, webhookDeps)),
    { path: '/healthz', method: ['GET'], handler: (_req, res) => healthz(res, listening) },
  ];
  // The user groups need the app's client, the listeners need the groups: late-bound like the outbox kick.
  let userGroups: UserGroups | null = null;
  const groups: GroupMembers = { membersOf: (groupId) => userGroups?.membersOf(groupId) ?? [] };
  // Known once auth.test answered; late-bound too.
  let workspace = (): WorkspaceLinks => ({ url: null, teamId: null });
  const fulfillers = options.fulfillers ?? [];
  const kinds = autoKinds(fulfillers);
  const slackApp = createSlackApp({ deps: { db, config, logger, now, kickOutbox: () => kickOutbox(), groups, autoKinds: kinds, workspace: () => workspace() }, routes, socketMode: options.socketMode ?? false });
  const { app, client, verifyToken } = slackApp;
  workspace = slackApp.workspace;
  userGroups = new UserGroups(client, [config.approverGroupId, config.managerGroupId].filter((id): id is string => id !== null), logger.child({ component: 'user-groups' }));
  const outbox = new SlackOutbox({
    db,
    client,
    channelId: config.channelId,
    settings: budgetSettings(config, groups),
    homeSettings: () => homeSettings(config, groups),
    workspace,
    logger: logger.child({ component: 'outbox' }),
    now,
  });
  await checkBotToken(verifyToken, logger);
  await userGroups.start();
  const started = (await app.start(config.port)) as unknown;
  kickOutbox = () => outbox.kick();
  const port = boundPort(started) ?? config.port;
  listening = true;
  outbox.kick();
  const periodicLogger = logger.child({ component: 'periodic' });
  // Built at each tick: decisionSettings copies the approver and manager groups' members as Slack last reported them.
  const decisions = () => decisionSettings(config, groups, kinds);
  const refreshHomesOnNewDay = homeRefreshOnNewDay(config.timeZone);
  const tick = async (): Promise<void> => {
    const at = now();
    const result = runDueWork(db, nudgeSettings, at);
    const reminded = remindOverdue(db, { reminderMs: config.reminderMs, currency: config.budgetCurrency }, at);
    const automatic = await runAutoFulfilment(db, fulfillers, decisions(), now);
    if (reminded + automatic + refreshHomesOnNewDay(db, at) > 0) outbox.kick();
    if (result.dailyScanRan || result.expiredUndecided + result.expiredUnposted > 0) {
      periodicLogger.info({ touched: result.touched.length, dailyScan: result.dailyScanRan, expiredUndecided: result.expiredUndecided, expiredUnposted: result.expiredUnposted }, 'periodic work');
    }
    if (result.touched.length > 0) outbox.kick();
  };
  const digestIfDue = (): string | null => {
    const schedule = config.digest.schedule;
    if (!schedule) return null;
    const week = claimWeeklyDigest(db, { ...digestSettings(config), channelId: config.channelId, schedule }, now());
    if (week) {
      periodicLogger.info({ week }, 'weekly digest claimed');
      outbox.kick();
    }
    return week;
  };
  const digestJob = config.digest.schedule ? { runIfDue: digestIfDue, cron: cronExpression(config.digest.schedule), timeZone: config.timeZone } : null;
  const jobs: Jobs | null = options.jobs === false ? null : startJobs({ outbox, tick, digest: digestJob, logger });
  const enabled = Object.entries(config.secrets).filter(([, secrets]) => secrets.length > 0).map(([name]) => name);
  if (enabled.length === 0) logger.warn('no webhook source is enabled: set SHOPIFY_WEBHOOK_SECRET or another source secret');
  logger.info({ port, socketMode: options.socketMode ?? false, sources: enabled }, 'delightbot listening');
  return {
    app,
    db,
    database,
    outbox,
    port,
    tick,
    digestIfDue,
    stop: async () => {
      jobs?.stop();
      userGroups?.stop();
      await outbox.stop();
      await app.stop();
      database.close();
    },
  };
}

/**
 * A rejected token is a configuration error: stop now with a clear message.
 * An unreachable Slack is not: start anyway, the outbox will deliver later.
 */
async function checkBotToken(verifyToken: () => Promise<void>, logger: Logger): Promise<void> {
  try {
    await verifyToken();
  } catch (error) {
    if (error instanceof BotTokenRejected) throw error;
    logger.warn({ code: (error as { code?: string }).code }, 'could not reach Slack to check the bot token; starting anyway');
  }
}

function healthz(res: ServerResponse, ready: boolean): void {
  const body = JSON.stringify({ ok: ready });
  res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(body);
}

function boundPort(started: unknown): number | undefined {
  const server = started as Server | undefined;
  if (server && typeof server.address === 'function') {
    const address = server.address() as AddressInfo | null;
    return address?.port;
  }
  return undefined;
}

