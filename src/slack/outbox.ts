import { and, asc, eq, lte, min } from 'drizzle-orm';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { digests, homeTabQueue, slackNotices, slackOutbox } from '../db/schema.js';
import { enqueueHomeRefreshForEveryone, finishHomeRefresh, retryHomeRefreshLater } from '../gestures/home-queue.js';
import type { HomeSettings } from '../gestures/home-view.js';
import { loadNudgeView, rememberCardLocation, type BudgetSettings } from '../nudges/nudge-view.js';
import type { WorkspaceLinks } from './blocks/card-link.js';
import { nudgeCard } from './blocks/nudge-card.js';
import { deliverDigest } from './digest-publisher.js';
import { deliverNotice } from './notice-publisher.js';
import { publishHome, type HomePublisherDeps } from './home-publisher.js';
import { classifySlackError, retryDelayMs, type SlackFailure } from './slack-errors.js';
import { NUDGE_METADATA_EVENT } from './ids.js';

export interface OutboxDeps {
  db: Db;
  client: WebClient;
  channelId: string;
  settings: BudgetSettings;
  /** What Home tabs show depends on; read at each publish. */
  homeSettings: () => HomeSettings;
  workspace: () => WorkspaceLinks;
  logger: Logger;
  now: () => Date;
}

type OutboxRow = typeof slackOutbox.$inferSelect;
type HomeRow = typeof homeTabQueue.$inferSelect;

/** Longest wait between two looks at the outbox; a safety net for timers lost in a suspend. */
const MAX_IDLE_MS = 30_000;
const BATCH = 20;

/**
 * Delivers queued card changes to Slack: posts a nudge's card the first time,
 * updates it in place after that. Also thread replies and notices, and Home
 * tabs to publish again. Rows are marked done only after Slack answered ok,
 * so a Slack outage or a 429 delays cards but never loses one.
 * A 429 pauses the whole outbox for `Retry-After`, as Slack asks.
 */
export class SlackOutbox {
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private pausedUntil = 0;
  private stopped = false;
  private readonly home: HomePublisherDeps;

  constructor(private readonly deps: OutboxDeps) {
    this.home = { db: deps.db, channelId: deps.channelId, settings: deps.homeSettings, workspace: deps.workspace, now: deps.now };
  }

  /** Asks for a delivery run soon; cheap to call after every commit. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drainLoop().finally(() => {
      this.draining = null;
      // A kick that came after the loop's last look but before this callback would otherwise wait for the idle timer.
      if (this.again) this.kick();
    });
  }

  /** Resolves when the current delivery run (if any) is over. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Stops timers; pending rows stay in the database for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  private async drainLoop(): Promise<void> {
    do {
      this.again = false;
      await this.drainDue();
    } while (this.again && !this.stopped);
    this.scheduleNext();
  }

  private async drainDue(): Promise<void> {
    for (;;) {
      const at = this.deps.now().getTime();
      if (at < this.pausedUntil) return;
      const due = this.deps.db
        .select()
        .from(slackOutbox)
        .where(and(eq(slackOutbox.state, 'pending'), lte(slackOutbox.nextAttemptAt, at)))
        .orderBy(asc(slackOutbox.nextAttemptAt), asc(slackOutbox.id))
        .limit(BATCH)
        .all();
      const notices = this.deps.db
        .select()
        .from(slackNotices)
        .where(and(eq(slackNotices.state, 'pending'), lte(slackNotices.nextAttemptAt, at)))
        .orderBy(asc(slackNotices.id))
        .limit(BATCH)
        .all();
      const weekly = this.deps.db.select().from(digests).where(and(eq(digests.state, 'pending'), lte(digests.nextAttemptAt, at))).limit(BATCH).all();
      // Home tabs come last: a burst of cards queues everyone's tab many times, and each is then published once.
      const homes = due.length + notices.length + weekly.length > 0 ? [] : this.dueHomes(at);
      if (due.length === 0 && notices.length === 0 && weekly.length === 0 && homes.length === 0) return;
      if (!(await this.deliverCards(due))) return;
      for (const notice of notices) {
        if (this.stopped || this.deps.now().getTime() < this.pausedUntil) return;
        await deliverNotice({ db: this.deps.db, client: this.deps.client, channelId: this.deps.channelId, now: this.deps.now }, notice, (...args) => this.noteFailure(...args));
      }
      for (const digest of weekly) {
        if (this.stopped || this.deps.now().getTime() < this.pausedUntil) return;
        await deliverDigest({ db: this.deps.db, client: this.deps.client, now: this.deps.now }, digest, (...args) => this.noteFailure(...args));
      }
      for (const home of homes) {
        if (this.stopped || this.deps.now().getTime() < this.pausedUntil) return;
        await this.deliverHome(home);
      }
    }
  }

  private dueHomes(at: number): HomeRow[] {
    return this.deps.db
      .select()
      .from(homeTabQueue)
      .where(and(eq(homeTabQueue.state, 'pending'), lte(homeTabQueue.nextAttemptAt, at)))
      .orderBy(asc(homeTabQueue.nextAttemptAt), asc(homeTabQueue.userId))
      .limit(BATCH)
      .all();
  }

  /** Publishes one person's Home tab as the database has it now; a change queued meanwhile is published again. */
  private async deliverHome(row: HomeRow): Promise<void> {
    try {
      await publishHome(this.deps.client, this.home, row.userId);
      finishHomeRefresh(this.deps.db, row, 'done', null, this.deps.now());
    } catch (error) {
      const failure = this.noteFailure(error, row.attempts, { userId: row.userId }, 'slack home tab publish failed');
      if (failure.permanent) finishHomeRefresh(this.deps.db, row, 'dead', failure.reason, this.deps.now());
      else retryHomeRefreshLater(this.deps.db, row, failure.reason, failure.delayMs, this.deps.now());
    }
  }

  /**
   * Delivers a batch of cards, then queues every Home tab once if any card was
   * posted or changed: what every tab shows changed (the decisions waiting,
   * the team's gestures, the budget). Once per batch is enough, since tabs are
   * published only after the cards, notices and digests are drained.
   * @returns false when the outbox was stopped or paused before the batch was through.
   */
  private async deliverCards(rows: readonly OutboxRow[]): Promise<boolean> {
    let shown = false;
    try {
      for (const row of rows) {
        if (this.stopped || this.deps.now().getTime() < this.pausedUntil) return false;
        if (await this.deliver(row)) shown = true;
      }
      return true;
    } finally {
      if (shown) enqueueHomeRefreshForEveryone(this.deps.db, this.deps.now());
    }
  }

  /** Posts or updates one card. @returns whether Slack now shows it posted or changed. */
  private async deliver(row: OutboxRow): Promise<boolean> {
    const { db, client, channelId, settings } = this.deps;
    const view = loadNudgeView(db, row.nudgeId, settings, this.deps.now());
    // A nudge still queued, or expired in the queue, has no card to show (an erasure may have queued it anyway).
    if (!view || (!view.posted && !view.messageTs)) {
      this.finish(row, 'done', null);
      return false;
    }
    const card = nudgeCard(view, settings.timeZone);
    try {
      if (view.messageTs && view.channelId) {
        await client.chat.update({ channel: view.channelId, ts: view.messageTs, text: card.text, blocks: card.blocks });
      } else {
        const posted = await client.chat.postMessage({
          channel: channelId,
          text: card.text,
          blocks: card.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: NUDGE_METADATA_EVENT, event_payload: { nudge_id: view.nudgeId } },
        });
        rememberCardLocation(db, view.nudgeId, posted.channel ?? channelId, String(posted.ts), this.deps.now());
      }
      this.finish(row, 'done', null);
      return true;
    } catch (error) {
      const failure = this.noteFailure(error, row.attempts, { nudgeId: row.nudgeId }, 'slack card delivery failed');
      if (failure.permanent) this.finish(row, 'dead', failure.reason);
      else this.retryLater(row, failure.reason, failure.delayMs);
      return false;
    }
  }

  /**
   * Sorts a failed call, pauses the whole outbox when Slack rate-limited us,
   * logs ids and Slack's error code only, and says how long to wait before retrying.
   */
  private noteFailure(error: unknown, attemptsSoFar: number, ids: Record<string, number | string>, message: string): SlackFailure & { delayMs: number } {
    const failure = classifySlackError(error);
    if (failure.retryAfterMs !== undefined) this.pausedUntil = this.deps.now().getTime() + failure.retryAfterMs;
    this.deps.logger[failure.permanent ? 'error' : 'warn']({ ...ids, attempts: attemptsSoFar + 1, slackError: failure.reason }, message);
    return { ...failure, delayMs: failure.retryAfterMs ?? retryDelayMs(attemptsSoFar) };
  }

  /** Marks the row finished unless a newer change was queued on it meanwhile. */
  private finish(row: OutboxRow, state: 'done' | 'dead', reason: string | null): void {
    this.deps.db
      .update(slackOutbox)
      .set({ state, lastError: reason, attempts: row.attempts + 1, updatedAt: this.deps.now().getTime() })
      .where(and(eq(slackOutbox.id, row.id), eq(slackOutbox.generation, row.generation)))
      .run();
  }

  private retryLater(row: OutboxRow, reason: string, delayMs: number): void {
    const at = this.deps.now().getTime();
    this.deps.db
      .update(slackOutbox)
      .set({ attempts: row.attempts + 1, lastError: reason, nextAttemptAt: at + delayMs, updatedAt: at })
      .where(eq(slackOutbox.id, row.id))
      .run();
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const nextCard = this.deps.db.select({ at: min(slackOutbox.nextAttemptAt) }).from(slackOutbox).where(eq(slackOutbox.state, 'pending')).get()?.at;
    const nextNotice = this.deps.db.select({ at: min(slackNotices.nextAttemptAt) }).from(slackNotices).where(eq(slackNotices.state, 'pending')).get()?.at;
    const nextHome = this.deps.db.select({ at: min(homeTabQueue.nextAttemptAt) }).from(homeTabQueue).where(eq(homeTabQueue.state, 'pending')).get()?.at;
    const nextDigest = this.deps.db.select({ at: min(digests.nextAttemptAt) }).from(digests).where(eq(digests.state, 'pending')).get()?.at;
    const next = [nextCard, nextNotice, nextHome, nextDigest].filter((at): at is number => typeof at === 'number').sort((a, b) => a - b)[0];
    const now = this.deps.now().getTime();
    const wakeAt = Math.max(next ?? now + MAX_IDLE_MS, this.pausedUntil);
    const delay = Math.min(Math.max(wakeAt - now, 10), MAX_IDLE_MS);
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref();
  }
}
